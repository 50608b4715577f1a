// Scenarios: assume some conditions met and others not, and see which conditional commitments
// become active, stay inactive or remain undetermined — and why. A commitment's gates are its
// own `conditions` that decide whether it applies; location limits shape how it is carried out
// and never gate it.
import { DomainError } from '../domain/errors.ts';
import { isCommitment, LIMIT_CONDITION_KINDS, type Commitment, type GraphNode } from '../domain/model.ts';
import type { CommitmentGraph } from './graph-view.ts';
import { parseOptions, ScenarioOptions, type OptionsInput } from './options.ts';

export type ScenarioOutcome = 'MET' | 'DENIED' | 'UNKNOWN' | 'LIMIT';

export interface ScenarioReason {
  commitment: Commitment;
  condition: GraphNode;
  outcome: ScenarioOutcome;
  explanation: string;
}

export interface Scenario {
  active: Commitment[];
  inactive: Commitment[];
  undetermined: Commitment[];
  reasons: ScenarioReason[];
}

function checkConditionIds(graph: CommitmentGraph, ids: readonly string[], argument: string): void {
  for (const id of ids) {
    if (!graph.hasNode(id)) throw new DomainError('UNKNOWN_ID', `${argument}: no condition "${id}"`, { id, argument });
    if (graph.getNodeAttribute(id, 'kind') !== 'CONDITION') throw new DomainError('BAD_ARGUMENT', `${argument}: "${id}" is not a condition`, { id, argument });
  }
}

export function scenario(graph: CommitmentGraph, options: OptionsInput<typeof ScenarioOptions>): Scenario {
  const { assume, deny } = parseOptions(ScenarioOptions, options);
  checkConditionIds(graph, assume, 'assume');
  checkConditionIds(graph, deny, 'deny');
  const both = assume.filter((id) => deny.includes(id));
  if (both.length) throw new DomainError('BAD_ARGUMENT', `a condition cannot be both assumed and denied: ${both.join(', ')}`);
  const result: Scenario = { active: [], inactive: [], undetermined: [], reasons: [] };
  const commitments: Commitment[] = [];
  graph.forEachEdge((_edge, rel) => {
    if (isCommitment(rel) && rel.conditions.length) commitments.push(rel);
  });
  commitments.sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const commitment of commitments) {
    const reasons: ScenarioReason[] = commitment.conditions.map((id) => {
      const condition = graph.getNodeAttributes(id);
      const name = condition.name;
      if (condition.kind === 'CONDITION' && LIMIT_CONDITION_KINDS.includes(condition.conditionKind)) {
        return { commitment, condition, outcome: 'LIMIT', explanation: `"${name}" limits how it is carried out, not whether` };
      }
      if (deny.includes(id)) return { commitment, condition, outcome: 'DENIED', explanation: `depends on "${name}", which is assumed not met` };
      if (assume.includes(id)) return { commitment, condition, outcome: 'MET', explanation: `"${name}" is assumed met` };
      return { commitment, condition, outcome: 'UNKNOWN', explanation: `depends on "${name}", which the scenario leaves open` };
    });
    const gates = reasons.filter((r) => r.outcome !== 'LIMIT');
    if (gates.length === 0) continue;
    if (gates.some((r) => r.outcome === 'DENIED')) result.inactive.push(commitment);
    else if (gates.every((r) => r.outcome === 'MET')) result.active.push(commitment);
    else result.undetermined.push(commitment);
    result.reasons.push(...reasons);
  }
  return result;
}

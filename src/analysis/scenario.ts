// Scenarios: assume some conditions met and others not, take some commitments as withdrawn, and
// see which conditional commitments become active, stay inactive or remain undetermined — and why.
//
// The rules (README "Scenarios"):
// - A commitment's gates are its own conditions plus those inherited from its object
//   (domain/conditions.ts). Location conditions limit how it is carried out and never gate it.
// - A gate is MET when assumed, DENIED when denied, otherwise UNKNOWN — except a condition of kind
//   `commitment`, whose subject is another commitment: it is MET while that commitment is active
//   (in force and not withdrawn, its own gates met or none), DENIED when that one is withdrawn,
//   inactive or (with asOf) not valid then, UNKNOWN while it is undetermined. So a withdrawal
//   propagates through every level of dependency.
// - Any DENIED gate makes a commitment inactive; all MET make it active; otherwise undetermined.
// - Dependencies that form a cycle are settled as far as gates outside the cycle decide them; what
//   is left is undetermined, and the cycle is reported with its members, never looped on.
// Each reason carries its chain: the commitments the outcome was passed along, down to the cause.
import { gatesOf } from '../domain/conditions.ts';
import { DomainError } from '../domain/errors.ts';
import { isCommitment, LIMIT_CONDITION_KINDS, type Commitment, type GraphNode } from '../domain/model.ts';
import { isValidOn } from '../domain/time.ts';
import { conditionIndexOf, type CommitmentGraph } from './graph-view.ts';
import { parseOptions, ScenarioOptions, type OptionsInput } from './options.ts';

export type ScenarioOutcome = 'MET' | 'DENIED' | 'UNKNOWN' | 'LIMIT';
export type CommitmentState = 'active' | 'inactive' | 'undetermined' | 'withdrawn';

export interface ScenarioReason {
  commitment: Commitment;
  condition: GraphNode;
  outcome: ScenarioOutcome;
  explanation: string;
  /** The initiative or agreement the condition was inherited from, when it is not the commitment's own. */
  inheritedFrom?: GraphNode;
  /** For a condition of kind `commitment`: the commitments the outcome came through, nearest first. */
  chain: Commitment[];
}

export interface Scenario {
  active: Commitment[];
  inactive: Commitment[];
  undetermined: Commitment[];
  /** The commitments the scenario takes as withdrawn. */
  withdrawn: Commitment[];
  reasons: ScenarioReason[];
  /** Commitments that depend on each other in a cycle the gates outside it did not settle. */
  cycles: Commitment[][];
}

function checkConditionIds(graph: CommitmentGraph, ids: readonly string[], argument: string): void {
  for (const id of ids) {
    if (!graph.hasNode(id)) throw new DomainError('UNKNOWN_ID', `${argument}: no condition "${id}"`, { id, argument });
    if (graph.getNodeAttribute(id, 'kind') !== 'CONDITION') throw new DomainError('BAD_ARGUMENT', `${argument}: "${id}" is not a condition`, { id, argument });
  }
}

function checkCommitmentIds(graph: CommitmentGraph, ids: readonly string[]): void {
  for (const id of ids) {
    if (!graph.hasEdge(id)) throw new DomainError('UNKNOWN_ID', `withdraw: no relationship "${id}"`, { id, argument: 'withdraw' });
    if (!isCommitment(graph.getEdgeAttributes(id))) throw new DomainError('BAD_ARGUMENT', `withdraw: "${id}" is not a commitment (PLEDGED, REFUSED or WARNED)`, { id, argument: 'withdraw' });
  }
}

interface GateInfo {
  condition: GraphNode;
  inheritedFrom?: GraphNode;
  /** The commitment a `commitment` condition names, when the graph holds it. */
  dependsOn?: Commitment;
}

export function scenario(graph: CommitmentGraph, options: OptionsInput<typeof ScenarioOptions>): Scenario {
  const { assume, deny, withdraw, asOf } = parseOptions(ScenarioOptions, options);
  checkConditionIds(graph, assume, 'assume');
  checkConditionIds(graph, deny, 'deny');
  checkCommitmentIds(graph, withdraw);
  const both = assume.filter((id) => deny.includes(id));
  if (both.length) throw new DomainError('BAD_ARGUMENT', `a condition cannot be both assumed and denied: ${both.join(', ')}`);

  const index = conditionIndexOf(graph);
  const name = (id: string) => graph.getNodeAttribute(id, 'name');
  const describe = (c: Commitment) => `${name(c.from)} ${c.type} ${c.action} (${name(c.to)})`;
  const gatesByCommitment = new Map<string, GateInfo[]>();
  const gatesFor = (commitment: Commitment): GateInfo[] => {
    let gates = gatesByCommitment.get(commitment.id);
    if (!gates) {
      gates = gatesOf(commitment, index)
        .filter((g) => graph.hasNode(g.condition) && graph.getNodeAttribute(g.condition, 'kind') === 'CONDITION')
        .map((g) => {
          const condition = graph.getNodeAttributes(g.condition);
          const subject = condition.kind === 'CONDITION' && condition.conditionKind === 'commitment' ? condition.subject : undefined;
          const named = subject && graph.hasEdge(subject) ? graph.getEdgeAttributes(subject) : undefined;
          return {
            condition,
            ...(g.inheritedFrom ? { inheritedFrom: graph.getNodeAttributes(g.inheritedFrom) } : {}),
            ...(named && isCommitment(named) ? { dependsOn: named } : {}),
          };
        });
      gatesByCommitment.set(commitment.id, gates);
    }
    return gates;
  };

  const state = new Map<string, CommitmentState>();
  /** Why a commitment is in its state, for the chains of those that depend on it. */
  const cause = new Map<string, { reason?: ScenarioReason }>();
  const withdrawnSet = new Set(withdraw);

  const gateOutcome = (commitment: Commitment, gate: GateInfo): ScenarioReason => {
    const { condition, inheritedFrom, dependsOn } = gate;
    const from = inheritedFrom ? ` (inherited from ${inheritedFrom.id})` : '';
    const base = { commitment, condition, ...(inheritedFrom ? { inheritedFrom } : {}), chain: [] as Commitment[] };
    if (condition.kind === 'CONDITION' && LIMIT_CONDITION_KINDS.includes(condition.conditionKind)) {
      return { ...base, outcome: 'LIMIT', explanation: `"${condition.name}"${from} limits how it is carried out, not whether` };
    }
    if (deny.includes(condition.id)) return { ...base, outcome: 'DENIED', explanation: `depends on "${condition.name}"${from}, which is assumed not met` };
    if (assume.includes(condition.id)) return { ...base, outcome: 'MET', explanation: `"${condition.name}"${from} is assumed met` };
    if (condition.kind === 'CONDITION' && condition.conditionKind === 'commitment') {
      if (!dependsOn) return { ...base, outcome: 'UNKNOWN', explanation: `depends on "${condition.name}"${from}, a commitment the graph does not hold` };
      const upstream = state.get(dependsOn.id) ?? 'undetermined';
      const deeper = cause.get(dependsOn.id)?.reason;
      const chain = [dependsOn, ...(deeper?.chain ?? [])];
      const because = deeper ? `: ${deeper.explanation}` : '';
      const what = `depends on ${describe(dependsOn)}${from}`;
      if (upstream === 'active') return { ...base, chain, outcome: 'MET', explanation: `${what}, which is active${because}` };
      if (upstream === 'undetermined') return { ...base, chain, outcome: 'UNKNOWN', explanation: `${what}, which is undetermined${because}` };
      const notInForce = asOf && !isValidOn(dependsOn, asOf) ? `, which is not in force on ${asOf}` : undefined;
      return { ...base, chain, outcome: 'DENIED', explanation: `${what}${notInForce ?? `, which is ${upstream}${because}`}` };
    }
    return { ...base, outcome: 'UNKNOWN', explanation: `depends on "${condition.name}"${from}, which the scenario leaves open` };
  };

  /** A commitment's state from its gates, given the states known so far. */
  const evaluate = (commitment: Commitment): { state: CommitmentState; reasons: ScenarioReason[] } => {
    if (withdrawnSet.has(commitment.id)) return { state: 'withdrawn', reasons: [] };
    if (asOf && !isValidOn(commitment, asOf)) return { state: 'inactive', reasons: [] };
    const reasons = gatesFor(commitment).map((gate) => gateOutcome(commitment, gate));
    const gating = reasons.filter((r) => r.outcome !== 'LIMIT');
    if (gating.some((r) => r.outcome === 'DENIED')) return { state: 'inactive', reasons };
    if (gating.every((r) => r.outcome === 'MET')) return { state: 'active', reasons };
    return { state: 'undetermined', reasons };
  };

  // Commitments in scope: valid then (with asOf), plus those named by a withdrawal or a dependency.
  const commitments: Commitment[] = [];
  graph.forEachEdge((_edge, rel) => {
    if (isCommitment(rel)) commitments.push(rel);
  });
  commitments.sort((a, b) => (a.id < b.id ? -1 : 1));
  const dependencies = (c: Commitment) => gatesFor(c).flatMap((g) => (g.dependsOn ? [g.dependsOn.id] : []));

  const reasonsOf = new Map<string, ScenarioReason[]>();
  const settle = (c: Commitment) => {
    const outcome = evaluate(c);
    state.set(c.id, outcome.state);
    reasonsOf.set(c.id, outcome.reasons);
    const decisive =
      outcome.reasons.find((r) => r.outcome === 'DENIED') ?? (outcome.state === 'undetermined' ? outcome.reasons.find((r) => r.outcome === 'UNKNOWN') : undefined);
    cause.set(c.id, decisive ? { reason: decisive } : {});
  };

  // Dependencies first: strongly connected components in reverse topological order (Tarjan).
  const cycles: Commitment[][] = [];
  for (const component of stronglyConnected(commitments, dependencies)) {
    const members = component.map((id) => graph.getEdgeAttributes(id) as Commitment);
    const cyclic = members.length > 1 || dependencies(members[0] as Commitment).includes(members[0]?.id as string);
    if (!cyclic) {
      settle(members[0] as Commitment);
      continue;
    }
    // Inside a cycle: start undetermined and let outside gates settle what they can (monotone).
    for (const m of members) state.set(m.id, 'undetermined');
    for (let changed = true; changed; ) {
      changed = false;
      for (const m of members) {
        const before = state.get(m.id);
        settle(m);
        if (state.get(m.id) !== before) changed = true;
      }
    }
    const open = members.filter((m) => state.get(m.id) === 'undetermined');
    if (!open.length) continue;
    cycles.push(open);
    const inCycle = new Set(open.map((m) => m.id));
    const loop = `${[...open, open[0] as Commitment].map((m) => `${name(m.from)} (${m.action})`).join(' → ')}`;
    for (const m of open) {
      for (const reason of reasonsOf.get(m.id) ?? []) {
        const dep = reason.chain[0];
        if (reason.outcome === 'UNKNOWN' && dep && inCycle.has(dep.id)) {
          reason.explanation = `depends on ${describe(dep)}, in a cycle of dependencies that nothing outside it settles: ${loop}`;
          reason.chain = [dep];
        }
      }
    }
  }

  const result: Scenario = { active: [], inactive: [], undetermined: [], withdrawn: [], reasons: [], cycles };
  for (const commitment of commitments) {
    const reasons = reasonsOf.get(commitment.id) ?? [];
    const s = state.get(commitment.id);
    if (s === 'withdrawn') {
      result.withdrawn.push(commitment);
      continue;
    }
    // Listed: commitments with gates (an unconditional one is simply in force).
    if (!reasons.some((r) => r.outcome !== 'LIMIT')) continue;
    result[s === 'active' ? 'active' : s === 'inactive' ? 'inactive' : 'undetermined'].push(commitment);
    result.reasons.push(...reasons);
  }
  return result;
}

/** Tarjan's strongly connected components, each component after those it depends on. */
function stronglyConnected(items: readonly { id: string }[], edges: (item: never) => string[]): string[][] {
  const byId = new Map(items.map((item) => [item.id, item]));
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  const visit = (root: string) => {
    // Iterative, so a long chain of dependencies cannot overflow the call stack.
    const work: { id: string; next: string[] }[] = [];
    const open = (id: string) => {
      indexOf.set(id, counter);
      low.set(id, counter++);
      stack.push(id);
      onStack.add(id);
      work.push({ id, next: edges(byId.get(id) as never).filter((d) => byId.has(d)) });
    };
    open(root);
    while (work.length) {
      const frame = work[work.length - 1] as { id: string; next: string[] };
      const dep = frame.next.shift();
      if (dep !== undefined) {
        if (!indexOf.has(dep)) open(dep);
        else if (onStack.has(dep)) low.set(frame.id, Math.min(low.get(frame.id) as number, indexOf.get(dep) as number));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) as number, low.get(frame.id) as number));
      if (low.get(frame.id) === indexOf.get(frame.id)) {
        const component: string[] = [];
        for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
          onStack.delete(id);
          component.push(id);
          if (id === frame.id) break;
        }
        components.push(component.sort());
      }
    }
  };
  for (const item of items) if (!indexOf.has(item.id)) visit(item.id);
  return components;
}

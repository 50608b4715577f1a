// Scenarios: assume some conditions met and others not, take some commitments as withdrawn, and
// see which conditional commitments become active, stay inactive or remain undetermined — and why.
// The rules are docs/model.md "Scenarios and dependencies"; gates come from domain/conditions.ts.
import { gatesOf } from '../domain/conditions.ts';
import { DomainError } from '../domain/errors.ts';
import { isCommitment, isCommitmentType, LIMIT_CONDITION_KINDS, type Commitment, type GraphNode, type GraphRelationship } from '../domain/model.ts';
import { isValidOn } from '../domain/time.ts';
import { conditionIndexOf, forEachRelationship, relationshipAt, relationshipFrom, selectsStatements, typeAt, type CommitmentGraph } from './graph-view.ts';
import { parseOptions, ScenarioOptions, type OptionsInput } from './options.ts';
import { stronglyConnected } from './strongly-connected.ts';

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

interface GateInfo {
  condition: GraphNode;
  inheritedFrom?: GraphNode;
  /** The commitment a `commitment` condition names, when the graph holds it. */
  dependsOn?: Commitment;
}

/** A commitment's state as settled so far, its reasons, and the reason that decided it (for the chains of those that depend on it). */
interface Settled {
  state: CommitmentState;
  reasons: ScenarioReason[];
  cause?: ScenarioReason;
}

/** What every phase of one scenario reads: the graph, the options, the gates, and what is settled so far. */
interface ScenarioRun {
  graph: CommitmentGraph;
  options: ScenarioOptions;
  withdrawn: Set<string>;
  gatesFor: (commitment: Commitment) => GateInfo[];
  /** The commitments that take part, by id (with sources, as their statements make them). */
  byId: Map<string, Commitment>;
  settled: Map<string, Settled>;
}

/** A relationship as the scenario reads it: with sources or grades, as the statements they select alone make it (undefined when none asserts it). */
type Held = (rel: GraphRelationship) => GraphRelationship | undefined;

/**
 * A gate is MET when assumed, DENIED when denied, otherwise UNKNOWN — except a condition of kind
 * `commitment`, which follows the commitment it names (so a withdrawal propagates through every
 * level of dependency); location conditions are LIMIT and never gate. Dependency cycles are settled
 * as far as gates outside them decide, then reported, never looped on. With sources or grades, only
 * the commitments the statements they select assert take part, as those statements make them. Each reason
 * carries its chain: the commitments the outcome was passed along, down to the cause.
 */
export function scenario(graph: CommitmentGraph, options: OptionsInput<typeof ScenarioOptions>): Scenario {
  const parsed = parseOptions(ScenarioOptions, options);
  checkScenarioOptions(graph, parsed);
  const held: Held = selectsStatements(parsed) ? (rel) => relationshipFrom(rel, parsed) : (rel) => rel;
  const commitments = commitmentsById(graph, held);
  const byId = new Map(commitments.map((c) => [c.id, c]));
  const run: ScenarioRun = { graph, options: parsed, withdrawn: new Set(parsed.withdraw), gatesFor: gateReader(graph, held), byId, settled: new Map() };
  const cycles = settleInDependencyOrder(run, commitments);
  return scenarioResult(run, commitments, cycles);
}

/** The ids the options name exist and are of the right kind, and no condition is both assumed and denied. */
function checkScenarioOptions(graph: CommitmentGraph, { assume, deny, withdraw }: ScenarioOptions): void {
  checkConditionIds(graph, assume, 'assume');
  checkConditionIds(graph, deny, 'deny');
  checkCommitmentIds(graph, withdraw);
  const both = assume.filter((id) => deny.includes(id));
  if (both.length) throw new DomainError('BAD_ARGUMENT', `a condition cannot be both assumed and denied: ${both.join(', ')}`);
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
    if (!isCommitmentType(typeAt(graph, id))) throw new DomainError('BAD_ARGUMENT', `withdraw: "${id}" is not a commitment (PLEDGED, REFUSED or WARNED)`, { id, argument: 'withdraw' });
  }
}

/** A commitment's gates that are conditions in the graph, each read once (dependencies ask for them again). */
function gateReader(graph: CommitmentGraph, held: Held): (commitment: Commitment) => GateInfo[] {
  const index = conditionIndexOf(graph);
  const gatesByCommitment = new Map<string, GateInfo[]>();
  return (commitment) => {
    let gates = gatesByCommitment.get(commitment.id);
    if (!gates) {
      gates = gatesOf(commitment, index)
        .filter((g) => graph.hasNode(g.condition) && graph.getNodeAttribute(g.condition, 'kind') === 'CONDITION')
        .map((g) => {
          const condition = graph.getNodeAttributes(g.condition);
          const subject = condition.kind === 'CONDITION' && condition.conditionKind === 'commitment' ? condition.subject : undefined;
          const named = subject && graph.hasEdge(subject) ? held(relationshipAt(graph, subject)) : undefined;
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
}

/** Every commitment in the graph, by id, so that the answer's order never depends on load order. */
function commitmentsById(graph: CommitmentGraph, held: Held): Commitment[] {
  const commitments: Commitment[] = [];
  forEachRelationship(graph, (_edge, stored) => {
    const rel = held(stored);
    if (rel && isCommitment(rel)) commitments.push(rel);
  });
  return commitments.sort((a, b) => (a.id < b.id ? -1 : 1));
}

const dependenciesOf = (run: ScenarioRun, commitment: Commitment) => run.gatesFor(commitment).flatMap((g) => (g.dependsOn ? [g.dependsOn.id] : []));

/** Settles every commitment after those it depends on; returns the cycles left undetermined. */
function settleInDependencyOrder(run: ScenarioRun, commitments: readonly Commitment[]): Commitment[][] {
  const cycles: Commitment[][] = [];
  for (const component of stronglyConnected(commitments, (c) => dependenciesOf(run, c))) {
    const members = component.map((id) => run.byId.get(id) as Commitment);
    const first = members[0] as Commitment;
    const cyclic = members.length > 1 || dependenciesOf(run, first).includes(first.id);
    if (!cyclic) {
      settle(run, first);
      continue;
    }
    const open = settleCycle(run, members);
    if (!open.length) continue;
    cycles.push(open);
    explainCycle(run, open);
  }
  return cycles;
}

/** Inside a cycle: all start undetermined and the gates outside it settle what they can (monotone). Returns those left open. */
function settleCycle(run: ScenarioRun, members: readonly Commitment[]): Commitment[] {
  for (const m of members) run.settled.set(m.id, { state: 'undetermined', reasons: [] });
  for (let changed = true; changed; ) {
    changed = false;
    for (const m of members) {
      const before = run.settled.get(m.id)?.state;
      settle(run, m);
      if (run.settled.get(m.id)?.state !== before) changed = true;
    }
  }
  return members.filter((m) => run.settled.get(m.id)?.state === 'undetermined');
}

/** The reasons of a cycle's open members name the loop instead of passing the question round it. */
function explainCycle(run: ScenarioRun, open: readonly Commitment[]): void {
  const inCycle = new Set(open.map((m) => m.id));
  const loop = `${[...open, open[0] as Commitment].map((m) => `${nameOf(run.graph, m.from)} (${m.action})`).join(' → ')}`;
  for (const m of open) {
    for (const reason of run.settled.get(m.id)?.reasons ?? []) {
      const dep = reason.chain[0];
      if (reason.outcome === 'UNKNOWN' && dep && inCycle.has(dep.id)) {
        // Mutated in place: the commitments that depend on this one quote this very reason.
        reason.explanation = `depends on ${describeCommitment(run.graph, dep)}, in a cycle of dependencies that nothing outside it settles: ${loop}`;
        reason.chain = [dep];
      }
    }
  }
}

/** Evaluates a commitment from the states known so far and records it, with the reason that decided it. */
function settle(run: ScenarioRun, commitment: Commitment): void {
  const outcome = evaluate(run, commitment);
  const cause = outcome.reasons.find((r) => r.outcome === 'DENIED') ?? (outcome.state === 'undetermined' ? outcome.reasons.find((r) => r.outcome === 'UNKNOWN') : undefined);
  run.settled.set(commitment.id, { ...outcome, ...(cause ? { cause } : {}) });
}

/** A commitment's state from its gates: any DENIED makes it inactive, all MET active, otherwise undetermined. */
function evaluate(run: ScenarioRun, commitment: Commitment): { state: CommitmentState; reasons: ScenarioReason[] } {
  const { asOf } = run.options;
  if (run.withdrawn.has(commitment.id)) return { state: 'withdrawn', reasons: [] };
  if (asOf && !isValidOn(commitment, asOf)) return { state: 'inactive', reasons: [] };
  const reasons = run.gatesFor(commitment).map((gate) => gateOutcome(run, commitment, gate));
  const gating = reasons.filter((r) => r.outcome !== 'LIMIT');
  if (gating.some((r) => r.outcome === 'DENIED')) return { state: 'inactive', reasons };
  if (gating.every((r) => r.outcome === 'MET')) return { state: 'active', reasons };
  return { state: 'undetermined', reasons };
}

/** One gate's outcome and why: a limit, assumed, denied, left open, or passed on from the commitment it depends on. */
function gateOutcome(run: ScenarioRun, commitment: Commitment, gate: GateInfo): ScenarioReason {
  const { assume, deny, asOf } = run.options;
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
    const upstream = run.settled.get(dependsOn.id);
    const state = upstream?.state ?? 'undetermined';
    const deeper = upstream?.cause;
    const chain = [dependsOn, ...(deeper?.chain ?? [])];
    const because = deeper ? `: ${deeper.explanation}` : '';
    const what = `depends on ${describeCommitment(run.graph, dependsOn)}${from}`;
    if (state === 'active') return { ...base, chain, outcome: 'MET', explanation: `${what}, which is active${because}` };
    if (state === 'undetermined') return { ...base, chain, outcome: 'UNKNOWN', explanation: `${what}, which is undetermined${because}` };
    const notInForce = asOf && !isValidOn(dependsOn, asOf) ? `, which is not in force on ${asOf}` : undefined;
    return { ...base, chain, outcome: 'DENIED', explanation: `${what}${notInForce ?? `, which is ${state}${because}`}` };
  }
  return { ...base, outcome: 'UNKNOWN', explanation: `depends on "${condition.name}"${from}, which the scenario leaves open` };
}

/** The answer: commitments with gates by state (an unconditional one is simply in force), the withdrawn, every reason, the cycles. */
function scenarioResult(run: ScenarioRun, commitments: readonly Commitment[], cycles: Commitment[][]): Scenario {
  const result: Scenario = { active: [], inactive: [], undetermined: [], withdrawn: [], reasons: [], cycles };
  for (const commitment of commitments) {
    const settled = run.settled.get(commitment.id);
    const reasons = settled?.reasons ?? [];
    const s = settled?.state;
    if (s === 'withdrawn') {
      result.withdrawn.push(commitment);
      continue;
    }
    if (!reasons.some((r) => r.outcome !== 'LIMIT')) continue;
    result[s === 'active' ? 'active' : s === 'inactive' ? 'inactive' : 'undetermined'].push(commitment);
    result.reasons.push(...reasons);
  }
  return result;
}

const nameOf = (graph: CommitmentGraph, id: string) => graph.getNodeAttribute(id, 'name');
const describeCommitment = (graph: CommitmentGraph, c: Commitment) => `${nameOf(graph, c.from)} ${c.type} ${c.action} (${nameOf(graph, c.to)})`;

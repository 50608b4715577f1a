// What merging one node into another writes, decided once for both stores: every fact that names
// the old id re-keyed onto the new one (joining a fact it now coincides with), and the kept node.
import { DomainError } from '../domain/errors.ts';
import { MAX_ALIASES, type GraphBatch, type GraphNode, type GraphRelationship } from '../domain/model.ts';
import type { SourceVersion } from '../domain/source-version.ts';
import { factIdOf, resolve, statementIdOf, type Fact, type Statement } from '../domain/statements.ts';
import { sameRecord } from '../lib/canonical-json.ts';
import { emptyUpsertReport } from './report-sums.ts';
import type { UpsertReport } from './graph-store.ts';
import { contentHashOf, type FactKey } from './statement-plan.ts';

export interface MergePlan {
  /** The kept node, with the old one's id, name and aliases among its aliases. */
  node: GraphNode;
  /** Conditions whose subject named the old node or a fact whose id moved, naming the new ones. */
  conditions: GraphNode[];
  /** Facts to create (a new id) and to replace (the id they coincided with, or the same id re-resolved). */
  created: Fact[];
  updated: Fact[];
  /** The ids of the facts that named the old node, when their id changed. */
  removed: string[];
  report: UpsertReport;
}

/** Refuses what cannot be merged: unknown ids, one node into itself, different kinds, sources. */
export function checkMerge(fromId: string, intoId: string, from: GraphNode | undefined, into: GraphNode | undefined): { from: GraphNode; into: GraphNode } {
  if (fromId === intoId) throw new DomainError('MERGE_SAME_NODE', `cannot merge ${fromId} into itself; name two different nodes`, { from: fromId, into: intoId });
  const missing = [fromId, intoId].filter((id, i) => !(i === 0 ? from : into));
  if (missing.length) throw new DomainError('NODE_NOT_FOUND', `no node ${missing.join(' or ')}; check the ids with cgraph search`, { ids: missing });
  if (!from || !into) throw new Error('unreachable');
  if (from.kind !== into.kind) {
    throw new DomainError('MERGE_KIND_MISMATCH', `${fromId} is a ${from.kind} and ${intoId} a ${into.kind}; only nodes of one kind name the same thing`, { from: fromId, fromKind: from.kind, into: intoId, intoKind: into.kind });
  }
  if (from.kind === 'SOURCE') throw new DomainError('MERGE_SOURCE', `${fromId} is a source; sources are not merged (cgraph unload removes one)`, { from: fromId, into: intoId });
  return { from, into };
}

/** The label Neo4j gives a node a merge kept, so the ids it retired are found without a scan of every node. */
export const MERGED_LABEL = 'Merged';

/** Whether a fact names the node anywhere: an end, a condition, a speaker of its statements, a quote's speaker. */
export function factNames(fact: Fact, id: string): boolean {
  return fact.statements.some((s) => claimNames(s.claim, id));
}

/** A commitment's lists of node ids; read loosely, since a batch's records are not parsed yet (no defaults). */
const idLists = (claim: GraphRelationship) => claim as { conditions?: string[]; statedBy?: string[] };

function claimNames(claim: GraphRelationship, id: string): boolean {
  const { conditions = [], statedBy = [] } = idLists(claim);
  return claim.from === id || claim.to === id || conditions.includes(id) || statedBy.includes(id) || (claim.evidence ?? []).some((e) => e.speaker === id);
}

/** A claim with `fromId` replaced by `intoId` wherever it names a node, and its fact id derived again. */
function rekeyClaim(claim: GraphRelationship, fromId: string, intoId: string): GraphRelationship {
  const swap = (id: string) => (id === fromId ? intoId : id);
  const swapAll = (ids: readonly string[]) => [...new Set(ids.map(swap))];
  const moved = {
    ...claim,
    from: swap(claim.from),
    to: swap(claim.to),
    evidence: claim.evidence.map((e) => (e.speaker === fromId ? { ...e, speaker: intoId } : e)),
    ...(idLists(claim).conditions ? { conditions: swapAll(idLists(claim).conditions ?? []) } : {}),
    ...(idLists(claim).statedBy ? { statedBy: swapAll(idLists(claim).statedBy ?? []) } : {}),
  } as GraphRelationship;
  return { ...moved, id: factIdOf(moved) };
}

/**
 * The facts that name the old node, each statement's claim re-keyed onto the kept node once: what
 * the stores read next (the facts at the ids they move to, the conditions whose subject retires)
 * and what planMerge writes all come from these.
 */
export class MergeMoves {
  /** Per fact naming the old node, its statements' claims re-keyed, in statement order. */
  readonly claims: ReadonlyMap<Fact, readonly GraphRelationship[]>;

  constructor(
    readonly naming: readonly Fact[],
    readonly fromId: string,
    readonly intoId: string,
  ) {
    this.claims = new Map(naming.map((fact) => [fact, fact.statements.map((s) => rekeyClaim(s.claim, fromId, intoId))]));
  }

  /** The facts the claims move to, by id and type (the stored facts there are read for planMerge). */
  targetKeys(): FactKey[] {
    const keys = new Map<string, FactKey>();
    for (const claims of this.claims.values()) for (const { id, type } of claims) keys.set(id, { id, type });
    return [...keys.values()];
  }

  /**
   * What a condition's subject may name that the merge retires, with what it names after: the old
   * node, and each fact naming it whose id moves (a condition of kind commitment names a fact id).
   */
  retiredSubjects(): Map<string, string> {
    const moves = new Map([[this.fromId, this.intoId]]);
    for (const [fact, claims] of this.claims) {
      const ids = new Set(claims.map((c) => c.id));
      const [to] = ids;
      if (ids.size === 1 && to && to !== fact.id) moves.set(fact.id, to);
    }
    return moves;
  }
}

/** The kept node: its own record, with the old node's id, name and aliases added to its aliases. */
export function mergedNode(from: GraphNode, into: GraphNode): GraphNode {
  const aliases = [...into.aliases];
  for (const alias of [from.id, from.name, ...from.aliases]) if (alias !== into.name && !aliases.includes(alias)) aliases.push(alias);
  // Trimming would drop a name that resolves today, and a node over the limit would fail the
  // next validation of an export: refuse instead, and say what to do.
  if (aliases.length > MAX_ALIASES) {
    throw new DomainError(
      'MERGE_TOO_MANY_ALIASES',
      `${into.id} would carry ${aliases.length} aliases after taking ${from.id}'s id, name and aliases; a node keeps at most ${MAX_ALIASES}: remove aliases that are not names (from the dossiers or the registry that give them, then reload) and merge again`,
      { from: from.id, into: into.id, aliases: aliases.length, limit: MAX_ALIASES },
    );
  }
  return { ...into, aliases } as GraphNode;
}

/**
 * `moves`: every stored fact that names the old node, re-keyed; `storedAt`: the stored facts at the
 * ids they move to. Statements keep their id, source, version and review; their claims name the kept node.
 */
export function planMerge(from: GraphNode, into: GraphNode, moves: MergeMoves, storedAt: ReadonlyMap<string, Fact>, conditions: readonly GraphNode[] = []): MergePlan {
  const { naming } = moves;
  const statementsOf = new Map<string, Map<string, Statement>>();
  const movedIds = new Set(naming.map((f) => f.id));
  for (const [fact, claims] of moves.claims) {
    for (const [i, statement] of fact.statements.entries()) {
      const claim = claims[i] as GraphRelationship;
      let statements = statementsOf.get(claim.id);
      if (!statements) {
        const kept = movedIds.has(claim.id) ? [] : (storedAt.get(claim.id)?.statements ?? []);
        statementsOf.set(claim.id, (statements = new Map(kept.map((s) => [s.id, s]))));
      }
      statements.set(statement.id, { ...statement, claim });
    }
  }
  const report = emptyUpsertReport();
  const plan: MergePlan = { node: mergedNode(from, into), conditions: rekeyedConditions(conditions, moves.retiredSubjects()), created: [], updated: [], removed: [], report };
  for (const [id, statements] of statementsOf) {
    const fact = resolve([...statements.values()]) as Fact;
    const before = naming.find((f) => f.id === id) ?? storedAt.get(id);
    if (!before) plan.created.push(fact);
    // A moved fact is always written again (Neo4j deletes and recreates it: its ends may have changed).
    else if (movedIds.has(id) || !sameRecord(before, fact)) plan.updated.push(fact);
  }
  plan.removed = naming.map((f) => f.id).filter((id) => !statementsOf.has(id));
  report.nodesUpdated = (sameRecord(into, plan.node) ? 0 : 1) + plan.conditions.length;
  report.nodesUnchanged = 1 - report.nodesUpdated;
  report.nodesRemoved = 1;
  report.relationshipsCreated = plan.created.length;
  report.relationshipsUpdated = plan.updated.length;
  report.relationshipsRemoved = plan.removed.length;
  report.createdIds = plan.created.map((f) => f.id);
  return plan;
}

/** `conditions`: stored conditions whose subject may be retired; those that are, naming what replaces it. */
function rekeyedConditions(conditions: readonly GraphNode[], moves: ReadonlyMap<string, string>): GraphNode[] {
  return conditions.flatMap((node) => {
    const subject = node.kind === 'CONDITION' && node.subject ? moves.get(node.subject) : undefined;
    return subject ? [{ ...node, subject } as GraphNode] : [];
  });
}

/**
 * The latest versions of the sources whose statements moved, amended in place (same number) to
 * name the kept node: a reload of an unchanged source then finds its statements as they are stored.
 */
export function amendedVersions(latest: Iterable<SourceVersion>, fromId: string, intoId: string): SourceVersion[] {
  const amended: SourceVersion[] = [];
  for (const version of latest) {
    if (!version.statements.some((s) => claimNames(s.claim, fromId))) continue;
    const statements = version.statements.map((s) => (claimNames(s.claim, fromId) ? { ...s, claim: rekeyClaim(s.claim, fromId, intoId) } : s));
    amended.push({ ...version, statements, contentHash: contentHashOf(statements) });
  }
  return amended;
}

/** Every node id a batch names (what may be an id a merge retired). */
export function idsNamedBy(batch: GraphBatch): string[] {
  const named = batch.relationships.filter((r) => r && typeof r === 'object').flatMap((r) => [r.from, r.to, ...(idLists(r).conditions ?? []), ...(idLists(r).statedBy ?? []), ...(r.evidence ?? []).flatMap((e) => (e.speaker ? [e.speaker] : []))]);
  return [...new Set([...batch.nodes.map((n) => n?.id), ...named])].filter((id): id is string => typeof id === 'string');
}

/**
 * A batch that still names ids a merge retired (`retired`: old id → kept node), read as naming the
 * kept nodes: their records are left out (the kept node holds their name among its aliases) and
 * claims are re-keyed, keeping the statement ids they had.
 */
export function redirectBatch(batch: GraphBatch, retired: ReadonlyMap<string, GraphNode>): GraphBatch {
  if (!retired.size) return batch;
  const relationships = batch.relationships.map((record) => {
    let claim = record;
    for (const [oldId, kept] of retired) if (claimNames(claim, oldId)) claim = rekeyClaim({ ...claim, statement: statementIdOf(claim) } as GraphRelationship, oldId, kept.id);
    return claim;
  });
  return { ...batch, nodes: batch.nodes.filter((n) => !retired.has(n.id)), relationships };
}

// The graph whole, as Graphology's serialized form: sorted snapshots, and the lean form of each
// record the analysis graph keeps. Both stores give their analysis snapshot in this form (memory:
// from its records; Neo4j: read so, records.ts analysisRelationshipFromRow).
import type { GraphNode, GraphRelationship } from '../domain/model.ts';
import { countingSourceIds, isFact, type Fact } from '../domain/statements.ts';
import type { SerializedGraph } from './graph-store.ts';
import { byId } from './pages.ts';

/**
 * The evidence a lean record has (none), one frozen array shared by every record: analysis reads
 * no evidence, and a million empty arrays are a million allocations.
 */
export const NO_EVIDENCE: readonly never[] = Object.freeze([]);

/**
 * Properties of a fact no analysis reads: evidence, per-statement bookkeeping, free text, codes
 * (and a source's article text, leanNode). Results are references (analysis/refs.ts) that bring
 * whole records back from the store, so a lean graph answers exactly as a whole one.
 */
export const UNREAD_BY_ANALYSIS = ['evidence', 'statementSpans', 'disagreements', 'unresolved', 'statedBy', 'cameo', 'summary', 'claim'] as const;

/**
 * A fact as analysis holds it. A fact with one statement is that statement's claim, so on a date
 * it either holds as it is or not at all (its spans say when): it goes without its statements, as
 * a dated record (analysis/graph-view.ts relationshipOn). Only facts several statements resolve keep them
 * (their claims without evidence), to be resolved again on a date. Each keeps the ids of its
 * counting sources (`sourceIds`), for analyses narrowed to some sources; a fact of one graded
 * statement keeps that statement's `credibility` (as a claim record carries it), for analyses
 * narrowed to grades (its outlet's reliability is looked up when asked: it changes on its own).
 */
export function leanRelationship(rel: GraphRelationship): GraphRelationship {
  const fact = isFact(rel);
  // Copied key by key, leaving out what is unread: deleting keys from a copy (as before) left each
  // record in V8's slow dictionary mode, which made leaning a million facts most of the graph's build.
  const lean: Record<string, unknown> = {};
  for (const key of Object.keys(rel)) if (!UNREAD.has(key) && !(fact && key === 'statements')) lean[key] = (rel as unknown as Record<string, unknown>)[key];
  lean.evidence = NO_EVIDENCE;
  if (!fact) return lean as unknown as GraphRelationship;
  const { statements } = rel;
  lean.sourceIds = countingSourceIds(rel);
  if (statements.length !== 1) lean.statements = statements.map((s) => ({ ...s, claim: { ...s.claim, evidence: NO_EVIDENCE } }));
  else if (statements[0]?.review.credibility !== undefined) lean.credibility = statements[0].review.credibility;
  return lean as unknown as GraphRelationship;
}

const UNREAD: ReadonlySet<string> = new Set(UNREAD_BY_ANALYSIS);

/** A node as analysis holds it: a source without its article text. */
export function leanNode(node: GraphNode): GraphNode {
  return node.kind === 'SOURCE' ? { ...node, text: '' } : node;
}

/** Sorted, for deterministic snapshots in both stores. Facts no statement counts for (all disputed) are left out: they do not hold. */
export function buildSnapshot(nodes: Iterable<GraphNode>, relationships: Iterable<Fact>): SerializedGraph {
  return snapshotInOrder([...nodes].sort(byId), [...relationships].sort(byId));
}

/** A snapshot of records already in id order (an index's order): no sort. */
export function snapshotInOrder(nodes: readonly GraphNode[], relationships: readonly Fact[]): SerializedGraph {
  return wholeSnapshot(nodes.map((n) => ({ key: n.id, attributes: n })), [...holdingEdges(relationships)]);
}

/** A snapshot of these nodes and edges, with the graph options both stores give. */
export function wholeSnapshot(nodes: SerializedGraph['nodes'], edges: SerializedGraph['edges']): SerializedGraph {
  return { options: { type: 'directed', multi: true, allowSelfLoops: true }, attributes: {}, nodes, edges };
}

/** The edges of the facts that hold (some statement counts), in the facts' order, each record as `attributes` makes it when taken. */
function* holdingEdges(facts: Iterable<Fact>, attributes: (fact: Fact) => Fact = (fact) => fact): Generator<SerializedGraph['edges'][number]> {
  for (const f of facts) if (f.sourceCount > 0) yield { key: f.id, source: f.from, target: f.to, attributes: attributes(f) };
}

/** An analysis snapshot's edges from facts in id order, each made lean only as it is taken (MemoryStore.analysisRecords). */
export const leanEdges = (facts: readonly Fact[]): Generator<SerializedGraph['edges'][number]> => holdingEdges(facts, (f) => leanRelationship(f) as Fact);

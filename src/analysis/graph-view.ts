// The analysis graph: a Graphology MultiDirectedGraph built from a store snapshot, and filtered
// views over it (relationship types, direction, validity date, sources) that walk the graph in
// place instead of copying it.
import { MultiDirectedGraph } from 'graphology';
import { DomainError } from '../domain/errors.ts';
import { buildConditionIndex, type ConditionIndex } from '../domain/conditions.ts';
import { isValidOn } from '../domain/time.ts';
import { countingSourceIds, isFact, resolve } from '../domain/statements.ts';
import type { GraphNode, GraphRelationship } from '../domain/model.ts';
import { AsOfOptions, parseOptions, type Direction, type OptionsInput } from './options.ts';
import { internFields } from '../domain/repeated-fields.ts';
import type { Interner } from '../lib/interner.ts';

export type CommitmentGraph = MultiDirectedGraph<GraphNode, GraphRelationship>;

export interface SerializedInput {
  nodes: { key: string; attributes: GraphNode }[];
  edges: { key: string; source: string; target: string; attributes: GraphRelationship }[];
}

export function buildGraph(snapshot: SerializedInput): CommitmentGraph {
  const graph: CommitmentGraph = new MultiDirectedGraph({ allowSelfLoops: true });
  for (const node of snapshot.nodes) graph.addNode(node.key, node.attributes);
  for (const edge of snapshot.edges) graph.addDirectedEdgeWithKey(edge.key, edge.source, edge.target, edge.attributes);
  return graph;
}

/**
 * Adds edges that came in a message (the worker's chunks): each brings its own copy of every
 * string, so repeated ones (ids, types, dates, states) are kept once through `strings`.
 */
export function addInternedEdges(graph: CommitmentGraph, edges: SerializedInput['edges'], strings: Interner): void {
  for (const edge of edges) {
    internFields(edge.attributes as unknown as Record<string, unknown>, strings);
    graph.addDirectedEdgeWithKey(edge.key, edge.source, edge.target, edge.attributes);
  }
}

/**
 * A committed write applied to the graph: written nodes and edges replace their attributes,
 * removed ones go. Analyses walk nodes and edges in the order a snapshot gives (sorted by key,
 * buildGraph), which breaks ties between equally good answers; changes that keep every key where
 * it was are applied in place, and a change that adds a node or an edge rebuilds the graph from
 * the one held (in key order, in the worker: no store read), so the answers stay exactly those of
 * a graph built from a snapshot of the same version.
 */
export function applyChange(graph: CommitmentGraph, change: { nodes: GraphNode[]; removedNodes: string[]; edges: SerializedInput['edges']; removedEdges: string[] }): CommitmentGraph {
  conditionIndexes.delete(graph);
  const adds = change.nodes.some((n) => !graph.hasNode(n.id)) || change.edges.some((e) => !graph.hasEdge(e.key));
  if (!adds) {
    for (const key of change.removedEdges) if (graph.hasEdge(key)) graph.dropEdge(key);
    for (const key of change.removedNodes) if (graph.hasNode(key)) graph.dropNode(key);
    for (const node of change.nodes) graph.replaceNodeAttributes(node.id, node);
    for (const edge of change.edges) graph.replaceEdgeAttributes(edge.key, edge.attributes);
    return graph;
  }
  const goneNodes = new Set(change.removedNodes);
  const goneEdges = new Set(change.removedEdges);
  const nodes = new Map<string, GraphNode>();
  graph.forEachNode((key, attributes) => void (goneNodes.has(key) || nodes.set(key, attributes)));
  for (const node of change.nodes) nodes.set(node.id, node);
  const edges = new Map<string, SerializedInput['edges'][number]>();
  graph.forEachEdge((key, attributes, source, target) => void (goneEdges.has(key) || goneNodes.has(source) || goneNodes.has(target) || edges.set(key, { key, source, target, attributes })));
  for (const edge of change.edges) edges.set(edge.key, edge);
  const byKey = <T>(entries: Iterable<[string, T]>) => [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value);
  return buildGraph({ nodes: byKey(nodes).map((attributes) => ({ key: attributes.id, attributes })), edges: byKey(edges) });
}

const conditionIndexes = new WeakMap<CommitmentGraph, ConditionIndex>();

/** The structure condition inheritance walks, built once per graph version (a change drops it). */
export function conditionIndexOf(graph: CommitmentGraph): ConditionIndex {
  let index = conditionIndexes.get(graph);
  if (!index) conditionIndexes.set(graph, (index = buildConditionIndex(graph.mapEdges((_edge, rel) => rel))));
  return index;
}

export interface EdgeFilter {
  /** Only these relationship types (all when absent or empty). */
  types?: readonly string[];
  /** Only relationships valid on this date. */
  asOf?: string;
  /** Only what statements of these sources assert (all sources when absent or empty). */
  sources?: readonly string[];
}

export interface View extends EdgeFilter {
  direction: Direction;
}

export function edgeAllowed(rel: GraphRelationship, filter: EdgeFilter): boolean {
  if (filter.types?.length && !filter.types.includes(rel.type)) return false;
  if (filter.sources?.length) return relationshipFrom(rel, filter.sources, filter.asOf) !== undefined;
  if (filter.asOf && !isValidOn(rel, filter.asOf)) return false;
  return true;
}

/**
 * Calls `visit(edge, neighbour)` for each allowed edge at `node`, honouring direction. The order
 * is Graphology's insertion order, which is edge-key order because snapshots are sorted: the same
 * on every store, with no per-step sorting or copying on the hot path.
 */
export function forEachAllowedStep(
  graph: CommitmentGraph,
  node: string,
  view: View,
  visit: (edge: string, neighbour: string, rel: GraphRelationship) => void,
): void {
  const filtered = !!view.types?.length || !!view.asOf || !!view.sources?.length;
  const step = (edge: string, rel: GraphRelationship, source: string, target: string) => {
    if (!filtered || edgeAllowed(rel, view)) visit(edge, source === node ? target : source, rel);
  };
  if (view.direction === 'OUT') graph.forEachOutEdge(node, step);
  else if (view.direction === 'IN') graph.forEachInEdge(node, step);
  else graph.forEachEdge(node, step);
}

/**
 * A relationship as it stood on a date: a fact resolved from its statements valid then (its
 * firmness, status and conditions on that day; domain/statements.ts); undefined when it did not hold.
 */
export function relationshipOn(rel: GraphRelationship, asOf: string): GraphRelationship | undefined {
  if (isFact(rel)) return resolve(rel.statements, asOf);
  return isValidOn(rel, asOf) ? rel : undefined;
}

/**
 * A relationship's counting sources: the lean record keeps them (store/snapshot.ts `sourceIds`,
 * one interned list); a whole or resolved fact has its statements'; a bare record its evidence's.
 */
export function sourcesOf(rel: GraphRelationship): readonly string[] {
  const kept = (rel as { sourceIds?: readonly string[] }).sourceIds;
  if (kept) return kept;
  if (isFact(rel) && rel.statementSpans) return countingSourceIds(rel);
  return rel.evidence.map((e) => e.sourceId);
}

/**
 * A relationship as the statements of `sources` alone make it (on `asOf` when given): a fact
 * whose statements come from other sources too is resolved again from theirs only; undefined when
 * none of theirs asserts it (then). A record without statements is one source's claim, so it is
 * asserted by those sources whole or not at all.
 */
export function relationshipFrom(rel: GraphRelationship, sources: readonly string[], asOf?: string): GraphRelationship | undefined {
  if (isFact(rel) && rel.statements.length > 0) {
    const theirs = rel.statements.filter((s) => sources.includes(s.sourceId));
    if (theirs.length === rel.statements.length) return asOf ? relationshipOn(rel, asOf) : rel;
    const fact = theirs.length ? resolve(theirs, asOf) : undefined;
    return fact && fact.sourceCount > 0 ? fact : undefined;
  }
  if (!sourcesOf(rel).some((source) => sources.includes(source))) return undefined;
  return asOf ? relationshipOn(rel, asOf) : rel;
}

/** A relationship as an analysis narrowed to a date and sources reads it; undefined when it does not hold for them then. */
export function relationshipFor(rel: GraphRelationship, { asOf, sources }: Pick<EdgeFilter, 'asOf' | 'sources'>): GraphRelationship | undefined {
  if (sources?.length) return relationshipFrom(rel, sources, asOf);
  return asOf ? relationshipOn(rel, asOf) : rel;
}

/** A relationship an analysis on `asOf` answers with: as it stood then (its evidence that day's), else the stored one. */
export const asOfAnswer = (rel: GraphRelationship, asOf: string | undefined): GraphRelationship => (asOf ? (relationshipOn(rel, asOf) ?? rel) : rel);

/** The graph as it stood on a date: every node, and the relationships that held then, as they were then (exports). */
export function graphAsOf(graph: CommitmentGraph, options: OptionsInput<typeof AsOfOptions>): CommitmentGraph {
  const { asOf } = parseOptions(AsOfOptions, options);
  if (!asOf) return graph;
  const dated: CommitmentGraph = new MultiDirectedGraph({ allowSelfLoops: true });
  graph.forEachNode((key, node) => dated.addNode(key, node));
  graph.forEachEdge((key, rel, source, target) => {
    const then = relationshipOn(rel, asOf);
    if (then) dated.addDirectedEdgeWithKey(key, source, target, then);
  });
  return dated;
}

export function requireNode(graph: CommitmentGraph, id: string, argument: string): void {
  if (!graph.hasNode(id)) throw new DomainError('UNKNOWN_ID', `${argument}: no node "${id}"; look ids up with search`, { id, argument });
}

// The analysis graph: a Graphology MultiDirectedGraph built from a store snapshot, and filtered
// views over it (relationship types, direction, validity date) that walk the graph in place
// instead of copying it.
import { MultiDirectedGraph } from 'graphology';
import { DomainError } from '../domain/errors.ts';
import { buildConditionIndex, type ConditionIndex } from '../domain/conditions.ts';
import { isValidOn } from '../domain/time.ts';
import { isFact, resolve } from '../domain/statements.ts';
import type { GraphNode, GraphRelationship } from '../domain/model.ts';
import { AsOfOptions, parseOptions, type Direction, type OptionsInput } from './options.ts';

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

const conditionIndexes = new WeakMap<CommitmentGraph, ConditionIndex>();

/** The structure condition inheritance walks, built once per graph (graphs are rebuilt, never changed, after a write). */
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
}

export interface View extends EdgeFilter {
  direction: Direction;
}

export function edgeAllowed(rel: GraphRelationship, filter: EdgeFilter): boolean {
  if (filter.types?.length && !filter.types.includes(rel.type)) return false;
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
  const filtered = !!view.types?.length || !!view.asOf;
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

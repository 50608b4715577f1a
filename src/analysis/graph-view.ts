// The analysis graph: topology in a Graphology MultiDirectedGraph (an edge's only attribute is its
// row), relationship attributes in columns beside it (edge-columns.ts), built from a store snapshot;
// and filtered views over it that walk the graph in place. Analyses read relationships only here.
import { MultiDirectedGraph } from 'graphology';
import { DomainError } from '../domain/errors.ts';
import { buildConditionIndex, type ConditionIndex } from '../domain/conditions.ts';
import { isValidOn, type Dated } from '../domain/time.ts';
import { countingSourceIds, isFact, resolve } from '../domain/statements.ts';
import type { GraphNode, GraphRelationship } from '../domain/model.ts';
import { AsOfOptions, parseOptions, type Direction, type OptionsInput } from './options.ts';
import { EdgeColumns, EdgeRow } from './edge-columns.ts';

/** The graph analyses read: Graphology's topology, and the relationships' attributes in `columns`. */
export class CommitmentGraph extends MultiDirectedGraph<GraphNode, EdgeRow> {
  /** Given when the columns were filled elsewhere (packed-graph.ts), else filled as edges are added. */
  constructor(readonly columns = new EdgeColumns()) {
    super({ allowSelfLoops: true });
  }
}

/** A graph with whole records as edge attributes: what exports write (graphAsOf makes one). */
export type RecordGraph = MultiDirectedGraph<GraphNode, GraphRelationship>;

export interface SerializedInput {
  nodes: { key: string; attributes: GraphNode }[];
  edges: { key: string; source: string; target: string; attributes: GraphRelationship }[];
}

export function buildGraph(snapshot: SerializedInput): CommitmentGraph {
  const graph = new CommitmentGraph();
  for (const node of snapshot.nodes) graph.addNode(node.key, node.attributes);
  addEdges(graph, snapshot.edges);
  graph.columns.trim();
  return graph;
}

/** Adds edges (a snapshot's, or a chunk of them in the worker's messages): each record's attributes go to the columns. */
export function addEdges(graph: CommitmentGraph, edges: SerializedInput['edges']): void {
  for (const edge of edges) addRelationship(graph, edge.key, edge.source, edge.target, edge.attributes);
}

function addRelationship(graph: CommitmentGraph, key: string, source: string, target: string, rel: GraphRelationship): void {
  graph.addDirectedEdgeWithKey(key, source, target, new EdgeRow(graph.columns.add(rel, key, source, target)));
}

/** The relationship of an edge, made from its columns (a new object each time: compare ids, not objects). */
export function relationshipAt(graph: CommitmentGraph, edge: string): GraphRelationship {
  return graph.columns.relationship(graph.getEdgeAttributes(edge).n, edge, graph.source(edge), graph.target(edge));
}

/** Calls `visit` with every relationship, in edge-key order (snapshots are sorted). */
export function forEachRelationship(graph: CommitmentGraph, visit: (edge: string, rel: GraphRelationship, source: string, target: string) => void): void {
  const { columns } = graph;
  graph.forEachEdge((edge, row, source, target) => visit(edge, columns.relationship(row.n, edge, source, target), source, target));
}

/** An edge's relationship type, from its column (no record made). */
export const typeAt = (graph: CommitmentGraph, edge: string): string => graph.columns.typeOf(graph.getEdgeAttributes(edge).n);

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
    for (const edge of change.edges) graph.replaceEdgeAttributes(edge.key, new EdgeRow(graph.columns.add(edge.attributes, edge.key, edge.source, edge.target)));
    return graph;
  }
  const goneNodes = new Set(change.removedNodes);
  const goneEdges = new Set(change.removedEdges);
  const nodes = new Map<string, GraphNode>();
  graph.forEachNode((key, attributes) => void (goneNodes.has(key) || nodes.set(key, attributes)));
  for (const node of change.nodes) nodes.set(node.id, node);
  const edges = new Map<string, SerializedInput['edges'][number]>();
  forEachRelationship(graph, (key, attributes, source, target) => void (goneEdges.has(key) || goneNodes.has(source) || goneNodes.has(target) || edges.set(key, { key, source, target, attributes })));
  for (const edge of change.edges) edges.set(edge.key, edge);
  const byKey = <T>(entries: Iterable<[string, T]>) => [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value);
  return buildGraph({ nodes: byKey(nodes).map((attributes) => ({ key: attributes.id, attributes })), edges: byKey(edges) });
}

const conditionIndexes = new WeakMap<CommitmentGraph, ConditionIndex>();

/** The structure condition inheritance walks, built once per graph version (a change drops it). */
export function conditionIndexOf(graph: CommitmentGraph): ConditionIndex {
  let index = conditionIndexes.get(graph);
  if (!index) conditionIndexes.set(graph, (index = buildConditionIndex(structuralRelationships(graph))));
  return index;
}

/** The relationships condition inheritance walks, read by type from the columns (no other record is made). */
function structuralRelationships(graph: CommitmentGraph): GraphRelationship[] {
  const found: GraphRelationship[] = [];
  graph.forEachEdge((_edge, row, source, target) => {
    const type = graph.columns.typeOf(row.n);
    if (type === 'CONDITIONAL_ON' || type === 'PART_OF') found.push({ type, from: source, to: target } as GraphRelationship);
  });
  return found;
}

export interface EdgeFilter extends StatementSelection {
  /** Only these relationship types (all when absent or empty). */
  types?: readonly string[];
  /** Only relationships valid on this date. */
  asOf?: string;
}

/**
 * Which statements an analysis reads (all when it names none): one statement must meet every part
 * it names (as the relationship filters' statement criteria: domain/filters.ts), and the
 * relationship is read as those statements alone make it.
 */
export interface StatementSelection {
  /** Only statements of these sources (all sources when absent or empty). */
  sources?: readonly string[];
  /** Only statements of sources whose outlet has one of these reliability grades (a set: F is "cannot be judged", not "below E"). */
  reliability?: readonly string[];
  /**
   * With `reliability`: the sources whose outlet has one of those grades, found in the store by
   * the caller when it asks (analysis has no store, and an outlet's grade changes without a fact
   * changing: services/graded-sources.ts). Required with `reliability`.
   */
  gradedSources?: readonly string[];
  /** Only statements with one of these credibility grades of their own (ungraded ones never match; nor does a derived 1, which is not stored). */
  credibility?: readonly number[];
}

export interface View extends EdgeFilter {
  direction: Direction;
}

/**
 * Whether an edge passes a filter, read from its columns: the type without making the record, a
 * date from the edge's dates alone; only a filter on statements (sources, grades) makes the record
 * (its statements decide, with the date: one statement must meet them all).
 */
export function rowAllowed(graph: CommitmentGraph, edge: string, row: EdgeRow, source: string, target: string, filter: EdgeFilter): boolean {
  const { columns } = graph;
  if (filter.types?.length && !filter.types.includes(columns.typeOf(row.n))) return false;
  if (selectsStatements(filter)) return relationshipFrom(columns.relationship(row.n, edge, source, target), filter, filter.asOf) !== undefined;
  if (filter.asOf && !isValidOn(columns.fields(row.n, DATED_FIELDS) as Dated, filter.asOf)) return false;
  return true;
}

/** What a validity test reads (domain/time.ts Dated). */
const DATED_FIELDS = ['spans', 'validFrom', 'validTo', 'statedAt', 'status'] as const;

/**
 * Calls `visit(edge, neighbour)` for each allowed edge at `node`, honouring direction. The order
 * is Graphology's insertion order, which is edge-key order because snapshots are sorted: the same
 * on every store, with no per-step sorting or copying on the hot path.
 */
export function forEachAllowedStep(graph: CommitmentGraph, node: string, view: View, visit: (edge: string, neighbour: string) => void): void {
  const filtered = !!view.types?.length || !!view.asOf || selectsStatements(view);
  const step = (edge: string, row: EdgeRow, source: string, target: string) => {
    if (!filtered || rowAllowed(graph, edge, row, source, target, view)) visit(edge, source === node ? target : source);
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

/** Whether a selection names any statement criterion (else every statement is read). */
export const selectsStatements = (selection: StatementSelection): boolean => !!selection.sources?.length || !!selection.reliability?.length || !!selection.credibility?.length;

/** Whether a statement (its source, its own credibility grade) is one a selection reads. */
type StatementTest = (sourceId: string, credibility: number | undefined) => boolean;
/** The graded sources as a set, made once per list: a walk tests every step, with views that are copies sharing the list. */
const gradedSets = new WeakMap<readonly string[], ReadonlySet<string>>();

function statementTest({ sources, reliability, gradedSources, credibility }: StatementSelection): StatementTest {
  const bySource = sources?.length ? sources : undefined;
  const byCredibility = credibility?.length ? credibility : undefined;
  let graded: ReadonlySet<string> | undefined;
  if (reliability?.length) {
    if (!gradedSources) throw new Error('a reliability selection needs its gradedSources (services/graded-sources.ts)');
    graded = gradedSets.get(gradedSources);
    if (!graded) gradedSets.set(gradedSources, (graded = new Set(gradedSources)));
  }
  return (sourceId, grade) =>
    (!bySource || bySource.includes(sourceId)) && (!graded || graded.has(sourceId)) && (!byCredibility || (grade !== undefined && byCredibility.includes(grade)));
}

/**
 * A relationship as the statements a selection reads alone make it (on `asOf` when given): a fact
 * whose other statements are left out is resolved again from the selected ones only; undefined
 * when none of them asserts it (then). A record without statements (a lean fact one statement
 * makes: its sources and its `credibility`) is one statement's claim, so it is read whole or not at all.
 */
export function relationshipFrom(rel: GraphRelationship, selection: StatementSelection, asOf?: string): GraphRelationship | undefined {
  const selected = statementTest(selection);
  if (isFact(rel) && rel.statements.length > 0) {
    const theirs = rel.statements.filter((s) => selected(s.sourceId, s.review.credibility));
    if (theirs.length === rel.statements.length) return asOf ? relationshipOn(rel, asOf) : rel;
    const fact = theirs.length ? resolve(theirs, asOf) : undefined;
    return fact && fact.sourceCount > 0 ? fact : undefined;
  }
  const grade = (rel as { credibility?: number }).credibility;
  if (!sourcesOf(rel).some((source) => selected(source, grade))) return undefined;
  return asOf ? relationshipOn(rel, asOf) : rel;
}

/** A relationship as an analysis narrowed to a date and statements reads it; undefined when it does not hold for them then. */
export function relationshipFor(rel: GraphRelationship, filter: Pick<EdgeFilter, 'asOf' | keyof StatementSelection>): GraphRelationship | undefined {
  if (selectsStatements(filter)) return relationshipFrom(rel, filter, filter.asOf);
  return filter.asOf ? relationshipOn(rel, filter.asOf) : rel;
}

/** A relationship an analysis on `asOf` answers with: as it stood then (its evidence that day's), else the stored one. */
export const asOfAnswer = (rel: GraphRelationship, asOf: string | undefined): GraphRelationship => (asOf ? (relationshipOn(rel, asOf) ?? rel) : rel);

/**
 * The graph as it stood on a date: every node, and the relationships that held then, as they were
 * then; without a date, the graph with its records (exports list the records' attributes).
 */
export function graphAsOf(graph: CommitmentGraph, options: OptionsInput<typeof AsOfOptions>): RecordGraph {
  const { asOf } = parseOptions(AsOfOptions, options);
  const dated: RecordGraph = new MultiDirectedGraph({ allowSelfLoops: true });
  graph.forEachNode((key, node) => dated.addNode(key, node));
  forEachRelationship(graph, (key, rel, source, target) => {
    const then = asOf ? relationshipOn(rel, asOf) : rel;
    if (then) dated.addDirectedEdgeWithKey(key, source, target, then);
  });
  return dated;
}

export function requireNode(graph: CommitmentGraph, id: string, argument: string): void {
  if (!graph.hasNode(id)) throw new DomainError('UNKNOWN_ID', `${argument}: no node "${id}"; look ids up with search`, { id, argument });
}

// The GraphStore port: everything the API, the CLI and analysis need from storage. Two adapters
// implement it (memory/, neo4j/) and one contract suite (test/contract) holds both to it.
import type { RelationshipFilter } from '../domain/filters.ts';
import type { GraphBatch, GraphNode, NodeKind, OutletGrade, RelationshipType, Reliability, Review } from '../domain/model.ts';
import type { Fact } from '../domain/statements.ts';
import type { SourceVersion } from '../domain/source-version.ts';

export interface PageRequest {
  /** How many items; defaults to DEFAULT_PAGE_SIZE, at most MAX_PAGE_SIZE. */
  first?: number;
  /** An opaque cursor from a previous page: items after it. */
  after?: string;
  /** Count every match (totalCount); on unless false. Counting costs a read of every match. */
  withTotal?: boolean;
}

export interface Page<T> {
  items: T[];
  /** The cursor of each item, same order. */
  cursors: string[];
  /** Every match; undefined when the request said withTotal: false. */
  totalCount: number | undefined;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 500;

export interface UpsertReport {
  nodesCreated: number;
  nodesUpdated: number;
  nodesUnchanged: number;
  /** Sources removed by an unload. */
  nodesRemoved: number;
  relationshipsCreated: number;
  relationshipsUpdated: number;
  relationshipsUnchanged: number;
  /** Facts no statement asserts any more (a revision dropped them). */
  relationshipsRemoved: number;
  statementsAdded: number;
  /** Same statement id, different content (a corrected claim). */
  statementsChanged: number;
  statementsRemoved: number;
  /** New versions of sources (a source whose statements or text changed). */
  versionsAdded: number;
  /** Ids of what this upsert created, for reports and the ingest mutation. */
  createdIds: string[];
}

/** What a merge wrote, and the node the two became. */
export type MergeReport = UpsertReport & { node: GraphNode };

export interface GraphCounts {
  nodes: Partial<Record<NodeKind, number>>;
  relationships: Partial<Record<RelationshipType, number>>;
}

/** Graphology's serialized form (graph.export()), with our records as attributes. */
export interface SerializedGraph {
  options: { type: 'directed'; multi: true; allowSelfLoops: true };
  attributes: Record<string, unknown>;
  nodes: { key: string; attributes: GraphNode }[];
  edges: { key: string; source: string; target: string; attributes: Fact }[];
}

/** The analysis snapshot with its edges to iterate once (GraphStore.analysisRecords). */
export interface AnalysisRecords {
  nodes: SerializedGraph['nodes'];
  edges: Iterable<SerializedGraph['edges'][number]>;
}

export interface UpsertOptions {
  /** Called as rows are written, for progress bars. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Let a new version of a source remove every statement it had, or more than half of them;
   * otherwise such a load is refused with SOURCE_SHRINK and nothing is written (statement-plan.ts).
   */
  allowShrink?: boolean;
}

/** Everything one API request reads, asked at once: one consistent read (one statement on Neo4j). */
export interface ReadRequest {
  nodes?: readonly string[];
  relationships?: readonly string[];
  /** Filtered pages, each with its count when its page request says withTotal. */
  listings?: readonly { filter: RelationshipFilter; page: PageRequest }[];
  /**
   * Relationships without their statements and disagreements (the request selects neither): much
   * less to read. The store may still return them whole; lean ones are marked (isLean).
   */
  lean?: boolean;
  /**
   * With `lean`: the fact's fields the request reads (`action`, `evidence`, `spans`, …; id, type and
   * ends always come). The store may read only these; such facts are marked lean too, so nothing
   * keeps them as the whole fact. Absent: every field.
   */
  fields?: readonly string[];
  /** Also the nodes the returned relationships name: their ends, the sources of their statements, their conditions, statedBy, the speakers of their quotes. */
  references?: boolean;
}

export interface ReadResult {
  /** The nodes asked for and, with `references`, those the relationships name — a referenced source may come without its text (Source.text reads it). */
  nodes: Map<string, GraphNode>;
  /** The relationships asked for by id. */
  relationships: Map<string, Fact>;
  /** One page per listing, same order. */
  pages: Page<Fact>[];
}

const LEAN = Symbol('lean');

/** Marks a fact read without its statements and disagreements (ReadRequest.lean): they are empty here, not in the store. */
export function markLean(fact: Fact): Fact {
  Object.defineProperty(fact, LEAN, { value: true, enumerable: false });
  return fact;
}

/** Whether a fact was read lean: its statements and disagreements must be read before use. */
export const isLean = (fact: object): boolean => (fact as { [LEAN]?: boolean })[LEAN] === true;

/** The ids of the nodes a relationship names (what ReadRequest.references fetches). */
export function referencedIds(fact: Fact): string[] {
  return [
    fact.from,
    fact.to,
    ...fact.statementSpans.map((s) => s.sourceId),
    ...('conditions' in fact ? fact.conditions : []),
    ...('statedBy' in fact ? fact.statedBy : []),
    ...fact.evidence.flatMap((e) => (e.speaker ? [e.speaker] : [])),
  ];
}

/**
 * What both stores compute alike has a module each (pages, search-rank, snapshot, report-sums,
 * merge-node, statement-plan). Graph walks such as neighbourhoods are analysis (src/analysis), over
 * the snapshot, not store methods.
 */
export interface GraphStore {
  readonly kind: 'memory' | 'neo4j';
  /** Writes the batch atomically: all of it or, on any error, none of it. Idempotent. Statements, facts and versions: statement-plan.ts. */
  upsert(batch: GraphBatch, options?: UpsertOptions): Promise<UpsertReport>;
  /** Nodes for ids, same order; null where there is none (DataLoader-shaped). An id a merge retired gives the node it was merged into. */
  getNodes(ids: readonly string[]): Promise<(GraphNode | null)[]>;
  /** Facts (relationships) with their statements. */
  getRelationships(ids: readonly string[]): Promise<(Fact | null)[]>;
  listNodes(filter: { kinds?: readonly NodeKind[] }, page: PageRequest): Promise<Page<GraphNode>>;
  /** Case-insensitive substring match on name and aliases; exact name matches first, then by id. */
  searchNodes(text: string, kinds: readonly NodeKind[] | undefined, first: number): Promise<GraphNode[]>;
  listRelationships(filter: RelationshipFilter, page: PageRequest): Promise<Page<Fact>>;
  /** Nodes, relationships and pages in one consistent read (the API asks each request's data at once). */
  read(request: ReadRequest): Promise<ReadResult>;
  /** Every version of a source, oldest first (empty when none was loaded). */
  sourceVersions(sourceId: string): Promise<SourceVersion[]>;
  /** Sets a statement's review and re-resolves its fact; null when no fact has that statement. */
  reviewStatement(statementId: string, review: Review): Promise<Fact | null>;
  /**
   * Grades outlets (reliability A–F; null: ungraded again) in one write, held once per outlet, so
   * every source whose `outlet` it is reads the new grade. An upsert writes its batch's outletGrades alike.
   */
  gradeOutlets(grades: readonly OutletGrade[]): Promise<void>;
  /** The reliability of each graded outlet among these (every graded outlet without them), in id order; ungraded ones are absent. */
  outletGrades(outlets?: readonly string[]): Promise<Map<string, Reliability>>;
  /** The sources whose outlet has one of these reliability grades (what a `reliability` filter matches). */
  sourcesOfGrades(grades: readonly string[]): Promise<string[]>;
  /**
   * Merges one node into another of its kind, in one write: every fact that names `fromId` names
   * `intoId` (merge-plan.ts), `fromId` goes, and `intoId` keeps its id, name and aliases as aliases,
   * so getNodes and searchNodes still find it by them. Refuses unknown ids (NODE_NOT_FOUND), one
   * node into itself (MERGE_SAME_NODE), different kinds (MERGE_KIND_MISMATCH) and sources (MERGE_SOURCE).
   */
  mergeNodes(fromId: string, intoId: string): Promise<MergeReport>;
  /** Removes a source: its statements (facts left with none go), its versions and its node. */
  unloadSource(sourceId: string): Promise<UpsertReport>;
  counts(): Promise<GraphCounts>;
  snapshot(): Promise<SerializedGraph>;
  /** The snapshot as the analysis graph keeps it: lean records (snapshot.ts), read lean where the store can. */
  analysisSnapshot(): Promise<SerializedGraph>;
  /**
   * The analysis snapshot's records to be taken one at a time, in the same order: the analysis
   * graph packs each as it comes (services/analysis-pool.ts), so a store that makes them lazily
   * never holds a million lean records at once. Fixed when returned: later writes do not show.
   */
  analysisRecords(): Promise<AnalysisRecords>;
  /** Changes whenever the graph changes; analysis caches its snapshot against it. */
  version(): Promise<string>;
  /** Removes everything. */
  reset(): Promise<void>;
  /**
   * Calls `listener` after each write this store object commits, with what it changed and the
   * versions before and after it (the live analysis graph applies it instead of rebuilding; a
   * version that moved further was written by someone else). Returns the unsubscribe.
   */
  onChange(listener: (change: GraphChange) => void): () => void;
  /**
   * Writes of this store object begun and not yet told to the change listeners. While one is, a
   * version read may already see what it committed: that move is this process's, not another's.
   */
  writesInFlight(): number;
  close(): Promise<void>;
}

/** What one committed write changed: written nodes and facts whole, removed ones by id. */
export interface GraphChange {
  /** The version the write started from and the one it made (GraphStore.version()). */
  before: string;
  after: string;
  /** Everything went first (a reset). */
  reset: boolean;
  nodes: GraphNode[];
  removedNodes: string[];
  facts: Fact[];
  removedFacts: string[];
  /**
   * The written and removed facts as they stood before the write, where the store read them: a
   * fact of `facts` missing here is new. Absent when the store cannot tell (change events then call
   * every written fact changed).
   */
  previousFacts?: Fact[];
}

/** The listeners of GraphStore.onChange, for the stores. */
export class ChangeListeners {
  private readonly listeners = new Set<(change: GraphChange) => void>();

  add(listener: (change: GraphChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(change: GraphChange): void {
    for (const listener of this.listeners) listener(change);
  }
}

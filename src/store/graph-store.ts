// The GraphStore port: everything the API, the CLI and analysis need from storage. Two adapters
// implement it (memory/, neo4j/) and one contract suite (test/contract) holds both to it; what
// they compute alike (paging, ranking, report arithmetic) is in common.ts. Graph walks such as
// neighbourhoods are analysis (src/analysis), over the snapshot, not store methods.
import type { RelationshipFilter } from '../domain/filters.ts';
import type { GraphBatch, GraphNode, GraphRelationship, NodeKind, RelationshipType } from '../domain/model.ts';

export interface PageRequest {
  /** How many items; defaults to DEFAULT_PAGE_SIZE, at most MAX_PAGE_SIZE. */
  first?: number;
  /** An opaque cursor from a previous page: items after it. */
  after?: string;
}

export interface Page<T> {
  items: T[];
  /** The cursor of each item, same order. */
  cursors: string[];
  totalCount: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 500;

export interface UpsertReport {
  nodesCreated: number;
  nodesUpdated: number;
  nodesUnchanged: number;
  relationshipsCreated: number;
  relationshipsUpdated: number;
  relationshipsUnchanged: number;
  /** Ids of what this upsert created, for reports and the ingest mutation. */
  createdIds: string[];
}

export interface GraphCounts {
  nodes: Partial<Record<NodeKind, number>>;
  relationships: Partial<Record<RelationshipType, number>>;
}

/** Graphology's serialized form (graph.export()), with our records as attributes. */
export interface SerializedGraph {
  options: { type: 'directed'; multi: true; allowSelfLoops: true };
  attributes: Record<string, unknown>;
  nodes: { key: string; attributes: GraphNode }[];
  edges: { key: string; source: string; target: string; attributes: GraphRelationship }[];
}

export interface UpsertOptions {
  /** Called as rows are written, for progress bars. */
  onProgress?: (done: number, total: number) => void;
}

export interface GraphStore {
  readonly kind: 'memory' | 'neo4j';
  /** Writes the batch atomically: all of it or, on any error, none of it. Idempotent. */
  upsert(batch: GraphBatch, options?: UpsertOptions): Promise<UpsertReport>;
  /** Nodes for ids, same order; null where there is none (DataLoader-shaped). */
  getNodes(ids: readonly string[]): Promise<(GraphNode | null)[]>;
  getRelationships(ids: readonly string[]): Promise<(GraphRelationship | null)[]>;
  listNodes(filter: { kinds?: readonly NodeKind[] }, page: PageRequest): Promise<Page<GraphNode>>;
  /** Case-insensitive substring match on name and aliases; exact name matches first, then by id. */
  searchNodes(text: string, kinds: readonly NodeKind[] | undefined, first: number): Promise<GraphNode[]>;
  listRelationships(filter: RelationshipFilter, page: PageRequest): Promise<Page<GraphRelationship>>;
  counts(): Promise<GraphCounts>;
  snapshot(): Promise<SerializedGraph>;
  /** Changes whenever the graph changes; analysis caches its snapshot against it. */
  version(): Promise<string>;
  /** Removes everything. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

// The GraphStore port: everything the API, the CLI and analysis need from storage. Two adapters
// implement it (memory/, neo4j/) and one contract suite (test/contract) holds both to it.
import { DomainError } from '../domain/errors.ts';
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

export interface Subgraph {
  nodes: GraphNode[];
  relationships: GraphRelationship[];
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
  /** Nodes within `depth` hops of `id` (either direction) over relationships of `types`, and the relationships among them. */
  neighbourhood(id: string, depth: number, types?: readonly string[]): Promise<Subgraph>;
  counts(): Promise<GraphCounts>;
  snapshot(): Promise<SerializedGraph>;
  /** Changes whenever the graph changes; analysis caches its snapshot against it. */
  version(): Promise<string>;
  /** Removes everything. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export function encodeCursor(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!id || encodeCursor(id) !== cursor) throw new InvalidCursorError(cursor);
  return id;
}


export class InvalidCursorError extends DomainError {
  constructor(cursor: string) {
    super('BAD_CURSOR', `"${cursor}" is not a cursor this API issued; pass a cursor from pageInfo.endCursor`, { cursor });
  }
}

export function pageSize(first: number | undefined): number {
  if (first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new DomainError('BAD_PAGE_SIZE', `first must be an integer from 0 to ${MAX_PAGE_SIZE}`, { first });
  }
  return first;
}

export function emptyUpsertReport(): UpsertReport {
  return {
    nodesCreated: 0,
    nodesUpdated: 0,
    nodesUnchanged: 0,
    relationshipsCreated: 0,
    relationshipsUpdated: 0,
    relationshipsUnchanged: 0,
    createdIds: [],
  };
}

/** Sorted, for deterministic snapshots in both stores. */
export function buildSnapshot(nodes: Iterable<GraphNode>, relationships: Iterable<GraphRelationship>): SerializedGraph {
  const byKey = <T extends { key: string }>(a: T, b: T) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  return {
    options: { type: 'directed', multi: true, allowSelfLoops: true },
    attributes: {},
    nodes: [...nodes].map((n) => ({ key: n.id, attributes: n })).sort(byKey),
    edges: [...relationships].map((r) => ({ key: r.id, source: r.from, target: r.to, attributes: r })).sort(byKey),
  };
}

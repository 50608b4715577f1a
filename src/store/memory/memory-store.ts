// The embedded default store: maps in memory, persisted to one JSON file written atomically
// (temp file, fsync, rename), so a crash never leaves a torn file and data survives restarts.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../../domain/errors.ts';
import { buildConditionIndex } from '../../domain/conditions.ts';
import { matchesRelationshipFilter, type RelationshipFilter } from '../../domain/filters.ts';
import type { GraphBatch, GraphNode, GraphRelationship, NodeKind } from '../../domain/model.ts';
import { checkBatch } from '../batch-check.ts';
import { buildSnapshot, emptyUpsertReport, hasChanges, mergeNode, paginate, rankSearch, tallyChange } from '../common.ts';
import type { GraphCounts, GraphStore, Page, PageRequest, SerializedGraph, UpsertOptions, UpsertReport } from '../graph-store.ts';

export const MEMORY_STORE_FILE = 'memory-store.json';
const FORMAT_VERSION = 1;

interface PersistedGraph {
  format: number;
  version: number;
  nodes: GraphNode[];
  relationships: GraphRelationship[];
}

export interface MemoryStoreOptions {
  /** Folder for the persisted file; no persistence when absent. */
  dataDir?: string;
}

export class MemoryStore implements GraphStore {
  readonly kind = 'memory' as const;
  private nodes = new Map<string, GraphNode>();
  private relationships = new Map<string, GraphRelationship>();
  private changeCount = 0;
  private readonly file: string | undefined;
  /** Writes run one at a time, so two upserts never interleave. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: MemoryStoreOptions = {}) {
    this.file = options.dataDir ? join(options.dataDir, MEMORY_STORE_FILE) : undefined;
    if (this.file && existsSync(this.file)) this.restore(this.file);
  }

  private restore(file: string): void {
    let persisted: PersistedGraph;
    try {
      persisted = JSON.parse(readFileSync(file, 'utf8')) as PersistedGraph;
    } catch (error) {
      throw new DomainError('STORE_FILE_CORRUPT', `${file} is not readable JSON (${(error as Error).message}); move it away to start empty`, { file });
    }
    if (persisted.format !== FORMAT_VERSION) {
      throw new DomainError('STORE_FILE_FORMAT', `${file} has format ${persisted.format}, expected ${FORMAT_VERSION}; move it away to start empty`, { file });
    }
    for (const node of persisted.nodes) this.nodes.set(node.id, node);
    for (const rel of persisted.relationships) this.relationships.set(rel.id, rel);
    this.changeCount = persisted.version;
  }

  private persist(nodes: Map<string, GraphNode>, relationships: Map<string, GraphRelationship>, version: number): void {
    if (!this.file) return;
    mkdirSync(join(this.file, '..'), { recursive: true });
    const tmp = `${this.file}.tmp-${process.pid}`;
    const body: PersistedGraph = { format: FORMAT_VERSION, version, nodes: [...nodes.values()], relationships: [...relationships.values()] };
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, JSON.stringify(body));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.file);
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  upsert(batch: GraphBatch, options: UpsertOptions = {}): Promise<UpsertReport> {
    return this.exclusive(async () => {
      const checked = await checkBatch(batch, async (ids) => {
        const found = new Map<string, GraphNode>();
        for (const id of ids) {
          const node = this.nodes.get(id);
          if (node) found.set(id, node);
        }
        return found;
      });
      // Apply to copies; swap them in only once the file is safely written.
      const nodes = new Map(this.nodes);
      const relationships = new Map(this.relationships);
      const report = emptyUpsertReport();
      const total = checked.nodes.length + checked.relationships.length;
      let done = 0;
      for (const incoming of checked.nodes) {
        const stored = nodes.get(incoming.id);
        const merged = mergeNode(stored, incoming);
        tallyChange(report, 'nodes', stored, merged);
        nodes.set(incoming.id, merged);
        options.onProgress?.(++done, total);
      }
      for (const incoming of checked.relationships) {
        tallyChange(report, 'relationships', relationships.get(incoming.id), incoming);
        relationships.set(incoming.id, incoming);
        options.onProgress?.(++done, total);
      }
      if (hasChanges(report)) {
        this.persist(nodes, relationships, this.changeCount + 1);
        this.nodes = nodes;
        this.relationships = relationships;
        this.changeCount++;
      }
      return report;
    });
  }

  async getNodes(ids: readonly string[]): Promise<(GraphNode | null)[]> {
    return ids.map((id) => this.nodes.get(id) ?? null);
  }

  async getRelationships(ids: readonly string[]): Promise<(GraphRelationship | null)[]> {
    return ids.map((id) => this.relationships.get(id) ?? null);
  }

  async listNodes(filter: { kinds?: readonly NodeKind[] }, page: PageRequest): Promise<Page<GraphNode>> {
    const kinds = filter.kinds?.length ? filter.kinds : undefined;
    return paginate([...this.nodes.values()].filter((n) => !kinds || kinds.includes(n.kind)), page);
  }

  async searchNodes(text: string, kinds: readonly NodeKind[] | undefined, first: number): Promise<GraphNode[]> {
    const needle = text.trim().toLowerCase();
    if (!needle) return [];
    const matches = [...this.nodes.values()].filter(
      (n) => (!kinds?.length || kinds.includes(n.kind)) && [n.name, ...n.aliases].some((s) => s.toLowerCase().includes(needle)),
    );
    return rankSearch(matches, needle).slice(0, first);
  }

  async listRelationships(filter: RelationshipFilter, page: PageRequest): Promise<Page<GraphRelationship>> {
    const index = filter.conditions?.length ? buildConditionIndex(this.relationships.values()) : undefined;
    return paginate([...this.relationships.values()].filter((r) => matchesRelationshipFilter(r, filter, index)), page);
  }

  async counts(): Promise<GraphCounts> {
    const counts: GraphCounts = { nodes: {}, relationships: {} };
    for (const node of this.nodes.values()) counts.nodes[node.kind] = (counts.nodes[node.kind] ?? 0) + 1;
    for (const rel of this.relationships.values()) counts.relationships[rel.type] = (counts.relationships[rel.type] ?? 0) + 1;
    return counts;
  }

  async snapshot(): Promise<SerializedGraph> {
    return buildSnapshot(this.nodes.values(), this.relationships.values());
  }

  async version(): Promise<string> {
    return `memory:${this.changeCount}`;
  }

  reset(): Promise<void> {
    return this.exclusive(async () => {
      this.nodes = new Map();
      this.relationships = new Map();
      this.changeCount++;
      if (this.file) rmSync(this.file, { force: true });
    });
  }

  async close(): Promise<void> {
    await this.queue;
  }
}

// The embedded default store: maps in memory, persisted to one JSON file written atomically
// (temp file, fsync, rename), so a crash never leaves a torn file and data survives restarts.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../../domain/errors.ts';
import { buildConditionIndex } from '../../domain/conditions.ts';
import { matchesRelationshipFilter, type RelationshipFilter } from '../../domain/filters.ts';
import type { GraphBatch, GraphNode, NodeKind, Review } from '../../domain/model.ts';
import type { Fact } from '../../domain/statements.ts';
import { checkBatch } from '../batch-check.ts';
import { applyStatementPlan, buildSnapshot, emptyUpsertReport, hasChanges, mergeNode, paginate, rankSearch, sourceTextsOf, tallyChange } from '../common.ts';
import type { GraphCounts, GraphStore, Page, PageRequest, SerializedGraph, UpsertOptions, UpsertReport } from '../graph-store.ts';
import { planStatements, withReview, type SourceVersion } from '../statement-plan.ts';

export const MEMORY_STORE_FILE = 'memory-store.json';
/** 1: one relationship per source; 2: facts with their statements, and source versions. */
const FORMAT_VERSION = 2;

interface PersistedGraph {
  format: number;
  version: number;
  nodes: GraphNode[];
  facts: Fact[];
  versions: SourceVersion[];
}

interface Contents {
  nodes: Map<string, GraphNode>;
  facts: Map<string, Fact>;
  /** By source id, oldest first. */
  versions: Map<string, SourceVersion[]>;
}

const emptyContents = (): Contents => ({ nodes: new Map(), facts: new Map(), versions: new Map() });
const copyOf = (c: Contents): Contents => ({ nodes: new Map(c.nodes), facts: new Map(c.facts), versions: new Map(c.versions) });

export interface MemoryStoreOptions {
  /** Folder for the persisted file; no persistence when absent. */
  dataDir?: string;
}

export class MemoryStore implements GraphStore {
  readonly kind = 'memory' as const;
  private contents: Contents = emptyContents();
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
      const why =
        persisted.format === 1
          ? 'it was written by an earlier version that kept one relationship per source, before facts had statements and sources had versions; it cannot be read as facts without its sources'
          : `this version reads format ${FORMAT_VERSION}`;
      throw new DomainError(
        'STORE_FILE_FORMAT',
        `${file} has format ${persisted.format}: ${why}. Move it away (or run \`cgraph reset\`) and load your dossiers and imports again`,
        { file, format: persisted.format, expected: FORMAT_VERSION },
      );
    }
    for (const node of persisted.nodes) this.contents.nodes.set(node.id, node);
    for (const fact of persisted.facts) this.contents.facts.set(fact.id, fact);
    for (const version of persisted.versions) this.contents.versions.set(version.sourceId, [...(this.contents.versions.get(version.sourceId) ?? []), version]);
    this.changeCount = persisted.version;
  }

  private persist(contents: Contents, version: number): void {
    if (!this.file) return;
    mkdirSync(join(this.file, '..'), { recursive: true });
    const tmp = `${this.file}.tmp-${process.pid}`;
    const body: PersistedGraph = {
      format: FORMAT_VERSION,
      version,
      nodes: [...contents.nodes.values()],
      facts: [...contents.facts.values()],
      versions: [...contents.versions.values()].flat(),
    };
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
      const checked = await checkBatch(batch, async (ids) => this.nodesAmong(this.contents, ids));
      // Apply to copies; swap them in only once the file is safely written.
      const next = copyOf(this.contents);
      const report = emptyUpsertReport();
      const total = checked.nodes.length + checked.relationships.length;
      let done = 0;
      for (const incoming of checked.nodes) {
        const stored = next.nodes.get(incoming.id);
        const merged = mergeNode(stored, incoming);
        tallyChange(report, 'nodes', stored, merged);
        next.nodes.set(incoming.id, merged);
        options.onProgress?.(++done, total);
      }
      const plan = await planStatements(checked, sourceTextsOf(next.nodes), this.lookup(next), new Date().toISOString());
      applyStatementPlan(report, plan);
      for (const fact of [...plan.created, ...plan.updated]) next.facts.set(fact.id, fact);
      for (const id of plan.removed) next.facts.delete(id);
      for (const version of plan.versions) {
        const earlier = (next.versions.get(version.sourceId) ?? []).filter((v) => v.version !== version.version);
        next.versions.set(version.sourceId, [...earlier, version]);
      }
      options.onProgress?.(total, total);
      this.commit(next, report);
      return report;
    });
  }

  private commit(next: Contents, report: UpsertReport): void {
    if (!hasChanges(report)) return;
    this.persist(next, this.changeCount + 1);
    this.contents = next;
    this.changeCount++;
  }

  private nodesAmong(contents: Contents, ids: readonly string[]): Map<string, GraphNode> {
    const found = new Map<string, GraphNode>();
    for (const id of ids) {
      const node = contents.nodes.get(id);
      if (node) found.set(id, node);
    }
    return found;
  }

  private lookup(contents: Contents) {
    return {
      latestVersions: async (sourceIds: readonly string[]) => {
        const found = new Map<string, SourceVersion>();
        for (const id of sourceIds) {
          const latest = contents.versions.get(id)?.at(-1);
          if (latest) found.set(id, latest);
        }
        return found;
      },
      facts: async (ids: readonly string[]) => {
        const found = new Map<string, Fact>();
        for (const id of ids) {
          const fact = contents.facts.get(id);
          if (fact) found.set(id, fact);
        }
        return found;
      },
    };
  }

  async sourceVersions(sourceId: string): Promise<SourceVersion[]> {
    return this.contents.versions.get(sourceId) ?? [];
  }

  reviewStatement(statementId: string, review: Review): Promise<Fact | null> {
    return this.exclusive(async () => {
      const fact = [...this.contents.facts.values()].find((f) => f.statements.some((s) => s.id === statementId));
      const reviewed = fact && withReview(fact, statementId, review);
      if (!reviewed) return null;
      const next = copyOf(this.contents);
      next.facts.set(reviewed.id, reviewed);
      const report = emptyUpsertReport();
      report.relationshipsUpdated = 1;
      this.commit(next, report);
      return reviewed;
    });
  }

  unloadSource(sourceId: string): Promise<UpsertReport> {
    return this.exclusive(async () => {
      const next = copyOf(this.contents);
      const report = emptyUpsertReport();
      if (!next.nodes.has(sourceId)) return report;
      const plan = await planStatements({ nodes: [], relationships: [], complete: true }, new Map(), this.lookup(next), new Date().toISOString(), [sourceId]);
      applyStatementPlan(report, { ...plan, versions: [] });
      for (const fact of plan.updated) next.facts.set(fact.id, fact);
      for (const id of plan.removed) next.facts.delete(id);
      next.versions.delete(sourceId);
      next.nodes.delete(sourceId);
      report.nodesRemoved = 1;
      this.commit(next, report);
      return report;
    });
  }

  async getNodes(ids: readonly string[]): Promise<(GraphNode | null)[]> {
    return ids.map((id) => this.contents.nodes.get(id) ?? null);
  }

  async getRelationships(ids: readonly string[]): Promise<(Fact | null)[]> {
    return ids.map((id) => this.contents.facts.get(id) ?? null);
  }

  async listNodes(filter: { kinds?: readonly NodeKind[] }, page: PageRequest): Promise<Page<GraphNode>> {
    const kinds = filter.kinds?.length ? filter.kinds : undefined;
    return paginate([...this.contents.nodes.values()].filter((n) => !kinds || kinds.includes(n.kind)), page);
  }

  async searchNodes(text: string, kinds: readonly NodeKind[] | undefined, first: number): Promise<GraphNode[]> {
    const needle = text.trim().toLowerCase();
    if (!needle) return [];
    const matches = [...this.contents.nodes.values()].filter(
      (n) => (!kinds?.length || kinds.includes(n.kind)) && [n.name, ...n.aliases].some((s) => s.toLowerCase().includes(needle)),
    );
    return rankSearch(matches, needle).slice(0, first);
  }

  async listRelationships(filter: RelationshipFilter, page: PageRequest): Promise<Page<Fact>> {
    const index = filter.conditions?.length ? buildConditionIndex(this.holding()) : undefined;
    return paginate([...this.contents.facts.values()].filter((r) => matchesRelationshipFilter(r, filter, index)), page);
  }

  /** Facts some statement counts for (not all disputed). */
  private holding(): Fact[] {
    return [...this.contents.facts.values()].filter((f) => f.sourceCount > 0);
  }

  async counts(): Promise<GraphCounts> {
    const counts: GraphCounts = { nodes: {}, relationships: {} };
    for (const node of this.contents.nodes.values()) counts.nodes[node.kind] = (counts.nodes[node.kind] ?? 0) + 1;
    for (const rel of this.holding()) counts.relationships[rel.type] = (counts.relationships[rel.type] ?? 0) + 1;
    return counts;
  }

  async snapshot(): Promise<SerializedGraph> {
    return buildSnapshot(this.contents.nodes.values(), this.contents.facts.values());
  }

  async version(): Promise<string> {
    return `memory:${this.changeCount}`;
  }

  reset(): Promise<void> {
    return this.exclusive(async () => {
      this.contents = emptyContents();
      this.changeCount++;
      if (this.file) rmSync(this.file, { force: true });
    });
  }

  async close(): Promise<void> {
    await this.queue;
  }
}

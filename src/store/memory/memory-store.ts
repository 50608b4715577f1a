// The embedded default store: maps in memory with ordered indexes (fact-index.ts), persisted as a
// snapshot and an append-only log of changes (store-log.ts).
import type { RelationshipFilter } from '../../domain/filters.ts';
import { kindOfId, type GraphBatch, type GraphNode, type NodeKind, type OutletGrade, type Reliability, type Review } from '../../domain/model.ts';
import type { Fact } from '../../domain/statements.ts';
import { checkBatch } from '../batch-check.ts';
import { applyStatementPlan, emptyUpsertReport, hasChanges, tallyChange } from '../report-sums.ts';
import { decodeCursor, encodeCursor, pageOn, pageSize } from '../pages.ts';
import { mergeNode } from '../merge-node.ts';
import { amendedVersions, checkMerge, factNames, idsNamedBy, MergeMoves, planMerge, redirectBatch } from '../merge-plan.ts';
import { rankSearch } from '../search-rank.ts';
import { leanEdges, leanNode, snapshotInOrder, wholeSnapshot } from '../snapshot.ts';
import { ChangeListeners, referencedIds, type AnalysisRecords, type GraphChange, type GraphCounts, type GraphStore, type MergeReport, type Page, type PageRequest, type ReadRequest, type ReadResult, type SerializedGraph, type UpsertOptions, type UpsertReport } from '../graph-store.ts';
import { changedGrades, planStatements, withReview, type FactKey } from '../statement-plan.ts';
import type { SourceVersion } from '../../domain/source-version.ts';
import { FactIndex } from './fact-index.ts';
import { Postings, SortedIds, unionAfter } from './sorted-ids.ts';
import { emptyChangeSet, StoreLog, type ChangeSet, type LogRecovery } from './store-log.ts';
import type { DataFolderLock } from './data-lock.ts';
import type { StoreFs } from './store-fs.ts';
import { DomainError } from '../../domain/errors.ts';

export { LOG_FILE, SNAPSHOT_FILE } from './store-log.ts';

export interface MemoryStoreOptions {
  /** Folder for the snapshot and the log; no persistence when absent. */
  dataDir?: string;
  /** Fold the log into a snapshot once it is over this many bytes (and over the snapshot); tests make it small. */
  compactBytes?: number;
  /**
   * Open without writing: every process but the lock's holder reads the last committed state and
   * never cuts, removes or compacts anything; writes fail with STORE_READ_ONLY.
   */
  readOnly?: boolean;
  /** The data folder's lock this store holds (released on close). */
  lock?: DataFolderLock;
  /** The file-system calls of the store's I/O (tests inject faults). */
  io?: StoreFs;
  /** Told what the store repaired at open and when a compaction failed (it is retried later). */
  onWarning?: (message: string, details: Record<string, unknown>) => void;
}

/**
 * A write appends and fsyncs its changes, then applies them in memory, so a crash never leaves half
 * a write and a write costs what it changes, not the size of the graph.
 */
export class MemoryStore implements GraphStore {
  readonly kind = 'memory' as const;
  private nodes = new Map<string, GraphNode>();
  private facts = new Map<string, Fact>();
  /** By source id, oldest first. */
  private versions = new Map<string, SourceVersion[]>();
  private nodeIds = new SortedIds();
  private nodesByKind = new Postings();
  /** Aliases that are ids (a merged node's old id) → the node that has them; checked on use. */
  private aliasIds = new Map<string, string>();
  private factIndex = new FactIndex(this.facts);
  /** Each graded outlet's reliability: held once, so a re-grade is one write every source of it sees. */
  private outletGrading = new Map<string, Reliability>();
  private changeCount = 0;
  private readonly listeners = new ChangeListeners();
  private readonly log: StoreLog | undefined;
  /** Writes run one at a time, so two upserts never interleave. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Writes queued or running and not yet told (writesInFlight). */
  private inFlight = 0;
  private readonly lock: DataFolderLock | undefined;
  private readonly warn: NonNullable<MemoryStoreOptions['onWarning']>;
  /** What opening cut from a torn or unreadable log tail, if anything. */
  readonly recovery: LogRecovery | undefined;
  readonly readOnly: boolean;

  constructor(options: MemoryStoreOptions = {}) {
    this.lock = options.lock;
    this.readOnly = options.readOnly ?? false;
    this.warn = options.onWarning ?? (() => undefined);
    if (!options.dataDir) return;
    this.log = new StoreLog(options.dataDir, { compactBytes: options.compactBytes, readOnly: this.readOnly, io: options.io });
    const legacy = this.log.isLegacy();
    const state = this.log.read();
    for (const changes of state.changes) this.apply(changes);
    this.changeCount = state.version;
    this.recovery = this.log.recovery;
    if (this.recovery) {
      const { file, line, cutBytes, reason, keptIn } = this.recovery;
      this.warn(`${file}:${line}: cut ${cutBytes} bytes of ${reason === 'torn' ? 'an unfinished write' : 'unreadable records'} after the last complete commit (version ${state.version}); the cut bytes are kept in ${keptIn}`, { ...this.recovery, version: state.version });
    }
    // An earlier version's single file or snapshot format is carried over into a snapshot of this
    // format once, in the background (writes queue behind it): the next start reads the faster one.
    if ((legacy || this.log.wantsCarryOver()) && !this.readOnly) void this.exclusive(() => this.compactOrWarn());
  }

  /** Applies a committed change to the maps and the indexes, in one synchronous step (no read sees half of it). */
  private apply(changes: ChangeSet): void {
    if (changes.reset) {
      this.nodes = new Map();
      this.facts = new Map();
      this.versions = new Map();
      this.nodeIds = new SortedIds();
      this.nodesByKind = new Postings();
      this.aliasIds = new Map();
      this.factIndex = new FactIndex(this.facts);
      this.outletGrading = new Map();
    }
    const goneNodes = changes.removedNodes.map((id) => this.nodes.get(id)).filter((n): n is GraphNode => !!n);
    for (const node of goneNodes) this.nodes.delete(node.id);
    this.nodeIds.remove(goneNodes.map((n) => n.id));
    this.nodesByKind.remove(goneNodes.map((n) => [n.kind, n.id]));
    const goneFacts = changes.removedFacts.map((id) => this.facts.get(id)).filter((f): f is Fact => !!f);
    for (const fact of goneFacts) this.facts.delete(fact.id);
    this.factIndex.removed(goneFacts);
    for (const id of changes.removedVersionsOf) this.versions.delete(id);
    const freshNodes: GraphNode[] = [];
    for (const node of changes.nodes) {
      const before = this.nodes.get(node.id);
      this.nodes.set(node.id, node);
      for (const alias of node.aliases) if (kindOfId(alias)) this.aliasIds.set(alias, node.id);
      if (before?.kind === node.kind) continue;
      if (before) this.nodesByKind.remove([[before.kind, node.id]]);
      freshNodes.push(node);
    }
    this.nodeIds.add(freshNodes.map((n) => n.id));
    this.nodesByKind.add(freshNodes.map((n) => [n.kind, n.id]));
    const factChanges = changes.facts.map((fact) => ({ fact, before: this.facts.get(fact.id) }));
    for (const { fact } of factChanges) this.facts.set(fact.id, fact);
    this.factIndex.added(factChanges);
    for (const { outlet, reliability } of changes.outletGrades ?? []) {
      if (reliability) this.outletGrading.set(outlet, reliability);
      else this.outletGrading.delete(outlet);
    }
    for (const version of changes.versions) {
      const others = (this.versions.get(version.sourceId) ?? []).filter((v) => v.version !== version.version);
      this.versions.set(version.sourceId, [...others, version].sort((a, b) => a.version - b.version));
    }
  }

  /** Makes a change durable (log), then visible (memory); folds the log into a snapshot when it has grown. */
  private async commit(changes: ChangeSet, report: UpsertReport): Promise<void> {
    if (!hasChanges(report) && !changes.reset && !changes.outletGrades?.length) return;
    this.log?.append(this.changeCount + 1, changes);
    const previousFacts = [...changes.facts.map((f) => f.id), ...changes.removedFacts].flatMap((id) => this.facts.get(id) ?? []);
    this.apply(changes);
    this.changed(changes, changes.reset ? [] : previousFacts);
    if (this.log?.wantsCompaction()) await this.compactOrWarn();
  }

  /**
   * A compaction only folds committed changes into a snapshot: when it fails, the write it follows
   * stays committed (and answered as such); the failure is told and tried again later.
   */
  private async compactOrWarn(): Promise<void> {
    try {
      await this.compact();
    } catch (error) {
      const { code, message, details } = error instanceof DomainError ? error : { code: 'STORE_UNWRITABLE', message: String(error), details: {} };
      this.warn(`compaction failed (${code}: ${message}); every write is still in the log, and the compaction is tried again later`, { code, ...details });
    }
  }

  /** Counts a write that was applied and tells the listeners what it changed. */
  private changed(changes: ChangeSet, previousFacts: Fact[]): void {
    const before = `memory:${this.changeCount}`;
    this.changeCount++;
    const { reset = false, nodes, removedNodes, facts, removedFacts } = changes;
    this.listeners.emit({ before, after: `memory:${this.changeCount}`, reset, nodes, removedNodes, facts, removedFacts, previousFacts });
  }

  onChange(listener: (change: GraphChange) => void): () => void {
    return this.listeners.add(listener);
  }

  /** Call only inside exclusive(): the state must not change while it is written. */
  private async compact(): Promise<void> {
    // In id order, so that reading it back needs no sort.
    const nodes = this.nodeIds.values().map((id) => this.nodes.get(id) as GraphNode);
    const facts = this.factIndex.ids().map((id) => this.facts.get(id) as Fact);
    const outletGrades = [...this.outletGrading].map(([outlet, reliability]) => ({ outlet, reliability }));
    await this.log?.compact(this.changeCount, { nodes, facts, versions: [...this.versions.values()].flat(), outletGrades });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    this.inFlight++;
    const run = this.queue.then(work, work).finally(() => this.inFlight--);
    this.queue = run.catch(() => undefined);
    return run;
  }

  writesInFlight(): number {
    return this.inFlight;
  }

  upsert(batch: GraphBatch, options: UpsertOptions = {}): Promise<UpsertReport> {
    return this.exclusive(async () => {
      const checked = await checkBatch(this.redirected(batch), async (ids) => present(this.nodes, ids));
      const changes = emptyChangeSet();
      const report = emptyUpsertReport();
      const total = checked.nodes.length + checked.relationships.length;
      let done = 0;
      const staged = new Map<string, GraphNode>();
      for (const incoming of checked.nodes) {
        const stored = staged.get(incoming.id) ?? this.nodes.get(incoming.id);
        const merged = mergeNode(stored, incoming);
        if (tallyChange(report, 'nodes', stored, merged) !== 'unchanged') staged.set(incoming.id, merged);
        options.onProgress?.(++done, total);
      }
      changes.nodes = [...staged.values()];
      const plan = await planStatements(checked, this.sourceTexts(staged), this.lookup(), new Date().toISOString(), { allowShrink: options.allowShrink });
      applyStatementPlan(report, plan);
      changes.facts = [...plan.created, ...plan.updated];
      changes.removedFacts = plan.removed;
      changes.versions = plan.versions;
      changes.outletGrades = this.changedGrades(checked.outletGrades ?? []);
      await this.commit(changes, report);
      options.onProgress?.(total, total);
      return report;
    });
  }

  /** The text of every source, with the staged nodes of a write over the stored ones. */
  private sourceTexts(staged: ReadonlyMap<string, GraphNode>): Map<string, string> {
    const texts = new Map<string, string>();
    for (const id of this.nodesByKind.get('SOURCE')?.values() ?? []) {
      const node = this.nodes.get(id);
      if (node?.kind === 'SOURCE') texts.set(id, node.text);
    }
    for (const node of staged.values()) if (node.kind === 'SOURCE') texts.set(node.id, node.text);
    return texts;
  }

  private lookup() {
    return {
      latestVersions: async (sourceIds: readonly string[]) => {
        const found = new Map<string, SourceVersion>();
        for (const id of sourceIds) {
          const latest = this.versions.get(id)?.at(-1);
          if (latest) found.set(id, latest);
        }
        return found;
      },
      facts: async (keys: readonly FactKey[]) => {
        const found = new Map<string, Fact>();
        for (const { id } of keys) {
          const fact = this.facts.get(id);
          if (fact) found.set(id, fact);
        }
        return found;
      },
    };
  }

  /** The grades that differ from the stored ones (the last for an outlet graded twice): a write of none is no write. */
  private changedGrades(grades: readonly OutletGrade[]): OutletGrade[] {
    return changedGrades(grades, this.outletGrading);
  }

  gradeOutlets(grades: readonly OutletGrade[]): Promise<void> {
    return this.exclusive(async () => {
      await this.commit({ ...emptyChangeSet(), outletGrades: this.changedGrades(grades) }, emptyUpsertReport());
    });
  }

  async outletGrades(outlets?: readonly string[]): Promise<Map<string, Reliability>> {
    return present(this.outletGrading, outlets ?? [...this.outletGrading.keys()].sort());
  }

  /** Synchronous, so that a read finds the grades and the facts of one moment. */
  private sourcesGraded(grades: readonly string[]): string[] {
    const sources: string[] = [];
    for (const id of this.nodesByKind.get('SOURCE')?.values() ?? []) {
      const node = this.nodes.get(id);
      const grade = node?.kind === 'SOURCE' && node.outlet ? this.outletGrading.get(node.outlet) : undefined;
      if (grade && grades.includes(grade)) sources.push(id);
    }
    return sources;
  }

  async sourcesOfGrades(grades: readonly string[]): Promise<string[]> {
    return this.sourcesGraded(grades);
  }

  async sourceVersions(sourceId: string): Promise<SourceVersion[]> {
    return this.versions.get(sourceId) ?? [];
  }

  reviewStatement(statementId: string, review: Review): Promise<Fact | null> {
    return this.exclusive(async () => {
      // A scan: reviews are rare, authenticated writes (an index by statement would cost memory on every fact).
      let fact: Fact | undefined;
      for (const f of this.facts.values()) if (f.statements.some((s) => s.id === statementId)) fact = f;
      const reviewed = fact && withReview(fact, statementId, review);
      if (!reviewed) return null;
      const report = emptyUpsertReport();
      report.relationshipsUpdated = 1;
      await this.commit({ ...emptyChangeSet(), facts: [reviewed] }, report);
      return reviewed;
    });
  }

  unloadSource(sourceId: string): Promise<UpsertReport> {
    return this.exclusive(async () => {
      const report = emptyUpsertReport();
      if (!this.nodes.has(sourceId)) return report;
      const plan = await planStatements({ nodes: [], relationships: [], complete: true }, new Map(), this.lookup(), new Date().toISOString(), { unload: [sourceId] });
      applyStatementPlan(report, { ...plan, versions: [] });
      report.nodesRemoved = 1;
      await this.commit({ ...emptyChangeSet(), facts: plan.updated, removedFacts: plan.removed, removedVersionsOf: [sourceId], removedNodes: [sourceId] }, report);
      return report;
    });
  }

  mergeNodes(fromId: string, intoId: string): Promise<MergeReport> {
    return this.exclusive(async () => {
      const { from, into } = checkMerge(fromId, intoId, this.nodes.get(fromId), this.nodes.get(intoId));
      // A scan, like reviews: merges are rare, authenticated writes.
      const naming = [...this.facts.values()].filter((fact) => factNames(fact, fromId));
      const moves = new MergeMoves(naming, fromId, intoId);
      const subjects = moves.retiredSubjects();
      const conditions = (this.nodesByKind.get('CONDITION')?.values() ?? []).flatMap((id) => {
        const node = this.nodes.get(id);
        return node?.kind === 'CONDITION' && node.subject && subjects.has(node.subject) ? [node] : [];
      });
      const plan = planMerge(from, into, moves, present(this.facts, moves.targetKeys().map((k) => k.id)), conditions);
      const sources = new Set(naming.flatMap((f) => f.statements.map((s) => s.sourceId)));
      const versions = amendedVersions([...sources].flatMap((id) => this.versions.get(id)?.at(-1) ?? []), fromId, intoId);
      await this.commit({ ...emptyChangeSet(), nodes: [plan.node, ...plan.conditions], removedNodes: [fromId], facts: [...plan.created, ...plan.updated], removedFacts: plan.removed, versions }, plan.report);
      return { ...plan.report, node: plan.node };
    });
  }

  /** A batch read with the ids a merge retired as the nodes that kept them (merge-plan.ts). */
  private redirected(batch: GraphBatch): GraphBatch {
    const retired = new Map<string, GraphNode>();
    for (const id of idsNamedBy(batch)) {
      const kept = this.nodes.has(id) ? undefined : this.nodeOrAlias(id);
      if (kept) retired.set(id, kept);
    }
    return redirectBatch(batch, retired);
  }

  /** A node by its id, or by an old id a merge left among its aliases. */
  private nodeOrAlias(id: string): GraphNode | null {
    const node = this.nodes.get(id);
    if (node) return node;
    const merged = this.nodes.get(this.aliasIds.get(id) ?? '');
    return merged?.aliases.includes(id) ? merged : null;
  }

  async getNodes(ids: readonly string[]): Promise<(GraphNode | null)[]> {
    return ids.map((id) => this.nodeOrAlias(id));
  }

  async getRelationships(ids: readonly string[]): Promise<(Fact | null)[]> {
    return ids.map((id) => this.facts.get(id) ?? null);
  }

  async listNodes(filter: { kinds?: readonly NodeKind[] }, page: PageRequest): Promise<Page<GraphNode>> {
    const size = pageSize(page.first);
    const after = page.after !== undefined ? decodeCursor(page.after) : undefined;
    const lists = filter.kinds?.length ? filter.kinds.map((k) => this.nodesByKind.get(k)).filter((l): l is SortedIds => !!l) : [this.nodeIds];
    const items: GraphNode[] = [];
    let hasNextPage = false;
    for (const id of unionAfter(lists, after)) {
      if (items.length === size) {
        hasNextPage = true;
        break;
      }
      items.push(this.nodes.get(id) as GraphNode);
    }
    return pageFrom(items, hasNextPage, after, page.withTotal === false ? undefined : lists.reduce((n, l) => n + l.size, 0));
  }

  async searchNodes(text: string, kinds: readonly NodeKind[] | undefined, first: number): Promise<GraphNode[]> {
    const needle = text.trim().toLowerCase();
    if (!needle) return [];
    const matches = [...this.nodes.values()].filter(
      (n) => (!kinds?.length || kinds.includes(n.kind)) && [n.name, ...n.aliases].some((s) => s.toLowerCase().includes(needle)),
    );
    return rankSearch(matches, needle).slice(0, first);
  }

  async listRelationships(filter: RelationshipFilter, page: PageRequest): Promise<Page<Fact>> {
    return this.relationshipsPage(filter, page);
  }

  private relationshipsPage(filter: RelationshipFilter, page: PageRequest): Page<Fact> {
    const size = pageSize(page.first);
    const after = page.after !== undefined ? decodeCursor(page.after) : undefined;
    // The sources of the asked grades, in the same synchronous step as the listing.
    const graded = filter.reliability?.length && !filter.gradedSources ? { ...filter, gradedSources: new Set(this.sourcesGraded(filter.reliability)) } : filter;
    const listing = this.factIndex.list(graded, size, after, page.withTotal !== false);
    return pageOn(pageFrom(listing.items, listing.more, after, listing.total), filter);
  }

  /** Synchronous from the first lookup to the last: no write can land in between. */
  async read(request: ReadRequest): Promise<ReadResult> {
    const nodes = new Map<string, GraphNode>();
    const relationships = new Map<string, Fact>();
    const addNode = (id: string) => {
      const node = this.nodes.get(id);
      if (node) nodes.set(id, node);
    };
    for (const id of request.nodes ?? []) addNode(id);
    for (const id of request.relationships ?? []) {
      const fact = this.facts.get(id);
      if (fact) relationships.set(id, fact);
    }
    const pages = (request.listings ?? []).map(({ filter, page }) => this.relationshipsPage(filter, page));
    if (request.references) {
      for (const fact of [...relationships.values(), ...pages.flatMap((p) => p.items)]) for (const id of referencedIds(fact)) addNode(id);
    }
    return { nodes, relationships, pages };
  }

  async counts(): Promise<GraphCounts> {
    const counts: GraphCounts = { nodes: {}, relationships: {} };
    for (const kind of this.nodesByKind.keys()) counts.nodes[kind as NodeKind] = this.nodesByKind.get(kind)?.size ?? 0;
    for (const [type, n] of this.factIndex.holdingByType()) counts.relationships[type as keyof GraphCounts['relationships']] = n;
    return counts;
  }

  async snapshot(): Promise<SerializedGraph> {
    // In the indexes' id order: no sort of a million records per version.
    return snapshotInOrder(
      this.nodeIds.values().map((id) => this.nodes.get(id) as GraphNode),
      this.factIndex.ids().map((id) => this.facts.get(id) as Fact),
    );
  }

  async analysisSnapshot(): Promise<SerializedGraph> {
    // The lean records taken whole: lean facts keep the Fact shape analysis reads (statements only when several: graph-view.ts).
    const { nodes, edges } = await this.analysisRecords();
    return wholeSnapshot(nodes, [...edges]);
  }

  /**
   * The facts of this version taken now (references: a write replaces a fact, never changes it),
   * each made lean only when the analysis graph takes it: the lean records die young instead of
   * a million of them living at once.
   */
  async analysisRecords(): Promise<AnalysisRecords> {
    const nodes = this.nodeIds.values().map((id) => leanNode(this.nodes.get(id) as GraphNode));
    const facts = this.factIndex.ids().map((id) => this.facts.get(id) as Fact);
    return { nodes: nodes.map((n) => ({ key: n.id, attributes: n })), edges: leanEdges(facts) };
  }

  async version(): Promise<string> {
    return `memory:${this.changeCount}`;
  }

  reset(): Promise<void> {
    return this.exclusive(async () => {
      // Logged like any write, so it is durable before it is applied; the compaction then frees the space.
      await this.commit({ ...emptyChangeSet(), reset: true }, emptyUpsertReport());
      if (!this.readOnly) await this.compactOrWarn();
    });
  }

  /** Writes the API's address into the data folder's lock, so writing commands send their writes there. */
  announce(url: string): void {
    this.lock?.announce(url);
  }

  async close(): Promise<void> {
    await this.queue;
    this.lock?.release();
  }
}

/** A page read in id order after the cursor (there is an earlier page exactly when there was a cursor). */
function pageFrom<T extends { id: string }>(items: T[], hasNextPage: boolean, after: string | undefined, totalCount: number | undefined): Page<T> {
  return { items, cursors: items.map((item) => encodeCursor(item.id)), totalCount, hasNextPage, hasPreviousPage: after !== undefined };
}

/** The entries of `map` at these keys, in their order; keys it lacks (or holds no value for) are left out. */
function present<V>(map: ReadonlyMap<string, V>, keys: Iterable<string>): Map<string, V> {
  const found = new Map<string, V>();
  for (const key of keys) {
    const value = map.get(key);
    if (value) found.set(key, value);
  }
  return found;
}

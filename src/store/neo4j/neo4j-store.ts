// The Neo4j adapter: the GraphStore port's methods over Neo4j, the system of record. Statements
// come from cypher/ by name; the executor (executor.ts) owns sessions, retries and error
// translation; records.ts converts at the boundary; upsert-plan.ts decides what a load writes.
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { withGradedSources, type RelationshipFilter } from '../../domain/filters.ts';
import { DomainError } from '../../domain/errors.ts';
import { kindOfId, RelationshipType, type GraphBatch, type GraphNode, type NodeKind, type OutletGrade, type Reliability, type Review } from '../../domain/model.ts';
import type { Fact } from '../../domain/statements.ts';
import type { Neo4jConfig } from '../../config.ts';
import { checkBatch } from '../batch-check.ts';
import { applyStatementPlan, emptyUpsertReport } from '../report-sums.ts';
import { buildSnapshot } from '../snapshot.ts';
import { chunks } from '../../lib/chunks.ts';
import { decodeCursor, pageOf, pageOn, pageSize } from '../pages.ts';
import { rankSearch } from '../search-rank.ts';
import { ChangeListeners, type AnalysisRecords, type GraphChange, type GraphCounts, type GraphStore, type MergeReport, type Page, type PageRequest, type ReadRequest, type ReadResult, type SerializedGraph, type UpsertOptions, type UpsertReport } from '../graph-store.ts';
import { anchoredOnEnds, compileRead, listedFromHubs, matchesNothing, type ReadPart } from './read-compiler.ts';
import { cypher } from './cypher-library.ts';
import { Neo4jExecutor, type Neo4jStoreHooks } from './executor.ts';
import { analysisNodeFromRow, analysisRelationshipFromRow, definedOnly, fromNeo4j, labelsOf, nodeFilterParams, nodeFromRow, relationshipFromRow, selectedKeys, toRelationshipProps, versionFromRow } from './records.ts';
import { changedGrades, planStatements, sourceTextsOf, withReview, type FactKey, type StoredStatements } from '../statement-plan.ts';
import type { SourceVersion } from '../../domain/source-version.ts';
import { planUpsert, type UpsertPlan } from './upsert-plan.ts';
import { amendedVersions, checkMerge, idsNamedBy, MERGED_LABEL, MergeMoves, planMerge, redirectBatch } from '../merge-plan.ts';
import { toVersionProps } from './records.ts';

/**
 * 2: facts carry their statements; sources have versions (SourceVersion nodes). 3: the lean form
 * (records.ts toRelationshipProps): a fact of one statement without JSON statements, quotes once.
 */
export const NEO4J_STORE_FORMAT = 3;
/** The format `cgraph migrate` converts from (src/operations/migrate-store.ts). */
export const NEO4J_PREVIOUS_FORMAT = 2;

export type { Neo4jStoreHooks } from './executor.ts';

/**
 * What a database holds: 'empty' (no facts), 'current', or the number of the format its facts are
 * in (1: without statements). Facts without statement ids were written by format 1, whatever the
 * marker says (an older process may have written after a newer one); facts with them and no marker, by 2.
 */
export async function storeFormatOf(executor: Neo4jExecutor): Promise<'empty' | 'current' | number> {
  const row = await executor.read(async (tx) => (await tx.run(cypher('store/get-store-format'))).records[0]?.toObject());
  const format = row?.format === null || row?.format === undefined ? undefined : Number(fromNeo4j(row.format));
  if (!row?.hasFacts) return 'empty';
  if (!row.withStatements) return 1;
  if (format === NEO4J_STORE_FORMAT) return 'current';
  return format ?? NEO4J_PREVIOUS_FORMAT;
}

const SEARCH_LIMIT = 1000;

async function rows<T>(tx: ManagedTransaction, statement: string, params: Record<string, unknown>, convert: (row: never) => T): Promise<T[]> {
  return (await tx.run(cypher(statement), params)).records.map((record) => convert(record.toObject() as never));
}

/** Awaits every promise (none left running unobserved) and rethrows the first failure. */
async function settleAll(pending: readonly Promise<unknown>[]): Promise<void> {
  const outcomes = await Promise.allSettled(pending);
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed) throw failed.reason;
}

export class Neo4jStore implements GraphStore {
  readonly kind = 'neo4j' as const;

  private readonly listeners = new ChangeListeners();
  /** Writes begun and not yet told (writesInFlight). */
  private inFlight = 0;

  private constructor(private readonly executor: Neo4jExecutor) {}

  static async connect(config: Neo4jConfig, hooks: Neo4jStoreHooks = {}): Promise<Neo4jStore> {
    const executor = await Neo4jExecutor.connect(config, hooks);
    const store = new Neo4jStore(executor);
    try {
      await store.checkFormat();
    } catch (error) {
      await executor.close();
      throw error;
    }
    return store;
  }

  /** Refuses a database an earlier version wrote: format 2 until `cgraph migrate`, anything older or newer for good. */
  private async checkFormat(): Promise<void> {
    const found = await storeFormatOf(this.executor);
    if (found === 'current' || found === 'empty') return;
    if (found === NEO4J_PREVIOUS_FORMAT) {
      throw new DomainError('STORE_FORMAT_OLD', `the Neo4j database holds format ${found}; this version reads format ${NEO4J_STORE_FORMAT}. Run \`cgraph migrate\` to convert it in place (nothing else changes)`, { format: found, expected: NEO4J_STORE_FORMAT });
    }
    throw new DomainError(
      'STORE_FORMAT',
      `the Neo4j database holds ${found === 1 ? 'relationships written by an earlier version (one per source, without statements or source versions)' : `format ${found}`}; this version reads format ${NEO4J_STORE_FORMAT}. Run \`cgraph reset\` and load your dossiers and imports again`,
      { format: found, expected: NEO4J_STORE_FORMAT },
    );
  }

  private get batchSize(): number {
    return this.executor.config.batchSize;
  }

  private async nodesByIds(tx: ManagedTransaction, ids: readonly string[]): Promise<Map<string, GraphNode>> {
    const found = new Map<string, GraphNode>();
    for (const part of chunks(ids, this.batchSize)) {
      for (const node of await rows(tx, 'store/get-nodes-by-ids', { ids: part }, nodeFromRow)) found.set(node.id, node);
    }
    return found;
  }

  private async relationshipsByIds(tx: ManagedTransaction, keys: readonly FactKey[]): Promise<Map<string, Fact>> {
    const found = new Map<string, Fact>();
    for (const part of chunks(keys, this.batchSize)) {
      for (const fact of await rows(tx, 'store/get-relationships-by-ids', { rows: part.map(({ id, type }) => ({ id, type })) }, relationshipFromRow)) found.set(fact.id, fact);
    }
    return found;
  }

  /** Among ids no node has, those a merge retired, with the node that kept each. */
  private async retiredIds(tx: ManagedTransaction, ids: readonly string[]): Promise<Map<string, GraphNode>> {
    const retired = new Map<string, GraphNode>();
    const candidates = ids.filter((id) => kindOfId(id) !== undefined);
    if (!candidates.length) return retired;
    for (const kept of await rows(tx, 'store/get-nodes-by-aliases', { ids: candidates }, nodeFromRow)) {
      for (const id of candidates) if (kept.aliases.includes(id)) retired.set(id, kept);
    }
    return retired;
  }

  /** A batch read with the ids a merge retired as the nodes that kept them (merge-plan.ts). */
  private async redirected(tx: ManagedTransaction, batch: GraphBatch): Promise<GraphBatch> {
    const named = idsNamedBy(batch);
    const stored = await this.nodesByIds(tx, named);
    return redirectBatch(batch, await this.retiredIds(tx, named.filter((id) => !stored.has(id))));
  }

  /** The statement planner's lookups inside a write; `read` keeps the facts it read (removed ones are deleted by their ends). */
  private storedStatements(tx: ManagedTransaction): StoredStatements & { read: Map<string, Fact> } {
    const read = new Map<string, Fact>();
    return {
      read,
      latestVersions: async (sourceIds) => {
        const found = new Map<string, SourceVersion>();
        for (const v of await rows(tx, 'store/get-latest-source-versions', { sourceIds: [...sourceIds] }, versionFromRow)) found.set(v.sourceId, v);
        return found;
      },
      facts: async (keys) => {
        const facts = await this.relationshipsByIds(tx, keys);
        for (const [id, fact] of facts) read.set(id, fact);
        return facts;
      },
    };
  }

  upsert(batch: GraphBatch, options: UpsertOptions = {}): Promise<UpsertReport> {
    return this.committed(async (tx) => {
      await tx.run(cypher('store/lock-graph'));
      const checked = await checkBatch(await this.redirected(tx, batch), (ids) => this.nodesByIds(tx, ids));
      const storedNodes = await this.nodesByIds(tx, checked.nodes.map((n) => n.id));
      const claimedSources = [...new Set(checked.relationships.map((r) => r.evidence[0]?.sourceId ?? ''))];
      const texts = sourceTextsOf([...(await this.nodesByIds(tx, claimedSources)).values(), ...checked.nodes]);
      const stored = this.storedStatements(tx);
      const statements = await planStatements(checked, texts, stored, new Date().toISOString(), { allowShrink: options.allowShrink });
      const plan = planUpsert(checked, storedNodes, statements, stored.read);
      await this.writePlan(tx, plan, checked.nodes.length + checked.relationships.length, options);
      const graded = checked.outletGrades?.length ? await this.changedGrades(tx, checked.outletGrades) : [];
      if (graded.length) await tx.run(cypher('store/grade-outlets'), { grades: graded });
      if (!plan.changed && !graded.length) return { result: plan.report };
      const nodes = plan.nodeRows.map((row) => nodeFromRow({ node: { ...row.props } }));
      const written = [...statements.created, ...statements.updated];
      const previousFacts = [...written.map((f) => f.id), ...statements.removed].flatMap((id) => stored.read.get(id) ?? []);
      return { result: plan.report, change: { after: await this.bumpVersion(tx), nodes, facts: written, removedFacts: statements.removed, previousFacts } };
    });
  }

  /** The grades that differ from the stored ones (the last for an outlet graded twice): a reload that grades alike writes nothing. */
  private async changedGrades(tx: ManagedTransaction, grades: readonly OutletGrade[]): Promise<OutletGrade[]> {
    const outlets = [...new Set(grades.map((g) => g.outlet))];
    const stored = new Map((await rows(tx, 'store/get-outlet-grades', { outlets }, (row: { outlet: string; reliability: Reliability }) => row)).map((r) => [r.outlet, r.reliability]));
    return changedGrades(grades, stored);
  }

  /**
   * A write transaction whose work says what it changed and the version it made; once it has
   * committed (a retried transaction function reports once), the change listeners hear of it.
   */
  private async committed<T>(work: (tx: ManagedTransaction) => Promise<{ result: T; change?: Partial<Omit<GraphChange, 'after' | 'before'>> & { after: number } }>): Promise<T> {
    this.inFlight++;
    try {
      const { result, change } = await this.executor.write(work);
      if (change) {
        this.listeners.emit({ before: `neo4j:${change.after - 1}`, after: `neo4j:${change.after}`, reset: change.reset ?? false, nodes: change.nodes ?? [], removedNodes: change.removedNodes ?? [], facts: change.facts ?? [], removedFacts: change.removedFacts ?? [], previousFacts: change.previousFacts });
      }
      return result;
    } finally {
      this.inFlight--;
    }
  }

  writesInFlight(): number {
    return this.inFlight;
  }

  onChange(listener: (change: GraphChange) => void): () => void {
    return this.listeners.add(listener);
  }

  /** Moves the graph version on (under the graph lock: by one) and returns the new one. */
  private async bumpVersion(tx: ManagedTransaction): Promise<number> {
    const version = Number(fromNeo4j((await tx.run(cypher('store/bump-graph-version'))).records[0]?.get('version')));
    await tx.run(cypher('store/set-store-format'), { format: neo4j.int(NEO4J_STORE_FORMAT) });
    return version;
  }

  async sourceVersions(sourceId: string): Promise<SourceVersion[]> {
    return this.executor.read((tx) => rows(tx, 'store/list-source-versions', { sourceId }, versionFromRow));
  }

  reviewStatement(statementId: string, review: Review): Promise<Fact | null> {
    return this.committed(async (tx) => {
      await tx.run(cypher('store/lock-graph'));
      const [fact] = await rows(tx, 'store/find-relationship-by-statement', { statementId }, relationshipFromRow);
      const reviewed = fact && withReview(fact, statementId, review);
      if (!reviewed) return { result: null };
      const row = { id: reviewed.id, from: reviewed.from, to: reviewed.to, props: toRelationshipProps(reviewed) };
      await tx.run(cypher('store/update-relationships'), { type: RelationshipType.parse(reviewed.type), rows: [row] });
      return { result: reviewed, change: { after: await this.bumpVersion(tx), facts: [reviewed], previousFacts: [fact] } };
    });
  }

  mergeNodes(fromId: string, intoId: string): Promise<MergeReport> {
    return this.committed(async (tx) => {
      await tx.run(cypher('store/lock-graph'));
      const stored = await this.nodesByIds(tx, [fromId, intoId]);
      const { from, into } = checkMerge(fromId, intoId, stored.get(fromId), stored.get(intoId));
      const naming = await rows(tx, 'store/find-relationships-naming-node', { nodeId: fromId }, relationshipFromRow);
      const moves = new MergeMoves(naming, fromId, intoId);
      const storedAt = await this.relationshipsByIds(tx, moves.targetKeys());
      const subjects = [...moves.retiredSubjects().keys()];
      const conditions = await rows(tx, 'store/find-conditions-by-subjects', { subjects }, nodeFromRow);
      const plan = planMerge(from, into, moves, storedAt, conditions);
      // Every moved fact goes and is written again: its ends may have changed, and Neo4j cannot
      // move a relationship's end. Merges are rare, so one statement per fact is fine.
      const moved = new Set(naming.map((f) => f.id));
      for (const fact of naming) {
        await tx.run(cypher('store/delete-relationships-by-ids'), { type: RelationshipType.parse(fact.type), rows: [{ id: fact.id, from: fact.from, to: fact.to }] });
      }
      const conditionRows = plan.conditions.map((node) => ({ id: node.id, labels: labelsOf(node.kind), props: definedOnly(node) }));
      await tx.run(cypher('store/upsert-nodes'), { rows: [{ id: into.id, labels: [...labelsOf(into.kind), MERGED_LABEL], props: definedOnly(plan.node) }, ...conditionRows] });
      const sources = [...new Set(naming.flatMap((f) => f.statements.map((s) => s.sourceId)))];
      const latest = await this.storedStatements(tx).latestVersions(sources);
      const versions = amendedVersions(latest.values(), fromId, intoId);
      if (versions.length) await tx.run(cypher('store/write-source-versions'), { rows: versions.map(toVersionProps) });
      for (const fact of [...plan.created, ...plan.updated]) {
        const row = { id: fact.id, from: fact.from, to: fact.to, props: toRelationshipProps(fact) };
        const statement = moved.has(fact.id) || !storedAt.has(fact.id) ? 'store/create-relationships' : 'store/update-relationships';
        await tx.run(cypher(statement), { type: RelationshipType.parse(fact.type), rows: [row] });
      }
      await tx.run(cypher('store/delete-merged-node'), { nodeId: fromId });
      const after = await this.bumpVersion(tx);
      const facts = [...plan.created, ...plan.updated];
      // The facts as this transaction read them before it deleted or rewrote them (as in upsert).
      const before = new Map([...storedAt, ...naming.map((f) => [f.id, f] as const)]);
      const previousFacts = [...facts.map((f) => f.id), ...plan.removed].flatMap((id) => before.get(id) ?? []);
      return { result: { ...plan.report, node: plan.node }, change: { after, nodes: [plan.node, ...plan.conditions], removedNodes: [fromId], facts, removedFacts: plan.removed, previousFacts } };
    });
  }

  unloadSource(sourceId: string): Promise<UpsertReport> {
    return this.committed(async (tx) => {
      await tx.run(cypher('store/lock-graph'));
      const report = emptyUpsertReport();
      if (!(await this.nodesByIds(tx, [sourceId])).has(sourceId)) return { result: report };
      const stored = this.storedStatements(tx);
      const statements = await planStatements({ nodes: [], relationships: [], complete: true }, new Map(), stored, new Date().toISOString(), { unload: [sourceId] });
      const plan = planUpsert({ nodes: [], relationships: [] }, new Map(), statements, stored.read);
      await this.writePlan(tx, plan, 0, {});
      await tx.run(cypher('store/delete-source'), { sourceId });
      applyStatementPlan(report, { ...statements, versions: [] });
      report.nodesRemoved = 1;
      const after = await this.bumpVersion(tx);
      const facts = [...statements.created, ...statements.updated];
      // The planner read each fact the unload touches in this transaction, before it was rewritten or deleted.
      const previousFacts = [...facts.map((f) => f.id), ...statements.removed].flatMap((id) => stored.read.get(id) ?? []);
      return { result: report, change: { after, facts, removedFacts: statements.removed, removedNodes: [sourceId], previousFacts } };
    });
  }

  /**
   * Nodes first, then relationships. Relationship statements are pipelined: the driver sends the
   * next chunk while Neo4j runs the previous one. Each is started from a promise, so one that
   * throws at once still lets the others settle before the transaction fails.
   */
  private async writePlan(tx: ManagedTransaction, plan: UpsertPlan, total: number, options: UpsertOptions): Promise<void> {
    let done = plan.unchanged;
    const advance = (n: number) => options.onProgress?.((done += n), total);
    for (const part of chunks(plan.nodeRows, this.batchSize)) {
      await tx.run(cypher('store/upsert-nodes'), { rows: part });
      advance(part.length);
    }
    const pending: Promise<unknown>[] = [];
    const groups: [string, Map<RelationshipType, unknown[]>][] = [
      ['store/create-relationships', plan.created],
      ['store/update-relationships', plan.updated],
      ['store/delete-relationships-by-ids', plan.removed],
    ];
    for (const [statement, byType] of groups) {
      for (const [type, typeRows] of byType) {
        for (const part of chunks(typeRows, this.batchSize)) {
          pending.push(Promise.resolve().then(() => tx.run(cypher(statement), { type, rows: part })).then(() => advance(part.length)));
        }
      }
    }
    await settleAll(pending);
    for (const part of chunks(plan.versionRows, this.batchSize)) await tx.run(cypher('store/write-source-versions'), { rows: part });
    options.onProgress?.(total, total);
  }

  async getNodes(ids: readonly string[]): Promise<(GraphNode | null)[]> {
    const { nodes } = await this.read({ nodes: ids });
    const missing = ids.filter((id) => !nodes.has(id));
    // An id a merge retired: the node that keeps it among its aliases (only asked for ids not found).
    if (missing.length) for (const [id, node] of await this.executor.read((tx) => this.retiredIds(tx, missing))) nodes.set(id, node);
    return ids.map((id) => nodes.get(id) ?? null);
  }

  async getRelationships(ids: readonly string[]): Promise<(Fact | null)[]> {
    const { relationships } = await this.read({ relationships: ids });
    return ids.map((id) => relationships.get(id) ?? null);
  }

  async listNodes(filter: { kinds?: readonly NodeKind[] }, page: PageRequest): Promise<Page<GraphNode>> {
    const size = pageSize(page.first);
    const after = page.after !== undefined ? decodeCursor(page.after) : null;
    const params = nodeFilterParams(filter);
    return this.executor.read(async (tx) => {
      const found = await rows(tx, 'store/list-nodes', { ...params, after, limit: neo4j.int(size + 1) }, nodeFromRow);
      if (page.withTotal === false) return pageOf(found, size, undefined, after === null ? 0 : 1);
      const counts = (await tx.run(cypher('store/count-nodes'), { ...params, after })).records[0];
      return pageOf(found, size, Number(fromNeo4j(counts?.get('total')) ?? 0), Number(fromNeo4j(counts?.get('before')) ?? 0));
    });
  }

  async listRelationships(filter: RelationshipFilter, page: PageRequest): Promise<Page<Fact>> {
    const { pages } = await this.read({ listings: [{ filter, page }] });
    return pages[0] as Page<Fact>;
  }

  /** The whole request as one statement (read-compiler.ts): one round trip, its own consistency check. */
  async read(asked: ReadRequest): Promise<ReadResult> {
    // A reliability filter becomes its outlets' sources first: one more round trip, only for such a listing.
    const gradedListings = asked.listings && (await Promise.all(asked.listings.map(async ({ filter, page }) => ({ filter: await withGradedSources(filter, (grades) => this.sourcesOfGrades(grades)), page }))));
    const request = gradedListings ? { ...asked, listings: gradedListings } : asked;
    const parts: ReadPart[] = [];
    const add = (part: ReadPart) => parts.push(part) - 1;
    const nodesAt = request.nodes?.length ? add({ kind: 'nodes', ids: request.nodes }) : -1;
    const lean = request.lean === true;
    // Narrowed to the fields the request reads (lean only: a whole fact is read whole).
    const keys = lean && request.fields ? (selectedKeys(request.fields) ?? undefined) : undefined;
    const relationshipsAt = request.relationships?.length ? add({ kind: 'relationships', ids: request.relationships, lean, keys }) : -1;
    const listings = (request.listings ?? []).map(({ filter, page }) => {
      // A dated listing is resolved on its day from the statements (pageOn): they are read with it.
      const leanListing = lean && !filter.asOf;
      const size = pageSize(page.first);
      const after = page.after !== undefined ? decodeCursor(page.after) : null;
      if (matchesNothing(filter)) return { size, after, itemsAt: -1, countAt: -1, nothing: page.withTotal !== false, filter };
      if (page.withTotal !== false && anchoredOnEnds(filter) && !listedFromHubs(filter)) {
        // Counted in the same pass: the part's result holds the page and the counts.
        const at = add({ kind: 'counted-listing', filter, after, limit: size + 1, lean: leanListing, keys: leanListing ? keys : undefined });
        return { size, after, itemsAt: at, countAt: at, nothing: false, filter };
      }
      const itemsAt = add({ kind: 'listing', filter, after, limit: size + 1, lean: leanListing, keys: leanListing ? keys : undefined });
      const countAt = page.withTotal === false ? -1 : add({ kind: 'count', filter, cursor: after });
      return { size, after, itemsAt, countAt, nothing: false, filter };
    });
    const referencesAt = request.references && (relationshipsAt >= 0 || listings.some((l) => l.itemsAt >= 0)) ? add({ kind: 'references' }) : -1;
    const row = parts.length ? await this.executor.readCompiled(compileRead(parts)) : { parts: [] };
    const results = row.parts as { nodes?: Record<string, unknown>[]; partialNodes?: [string, unknown][][]; items?: never[]; total?: number; before?: number }[];
    const nodes = new Map<string, GraphNode>();
    for (const props of results[nodesAt]?.nodes ?? []) nodes.set(props.id as string, nodeFromRow({ node: props }));
    // Referenced nodes come without a source's text (ReadResult says so); a node asked for by id keeps its own.
    for (const pairs of results[referencesAt]?.partialNodes ?? []) {
      const node = nodeFromRow({ node: Object.fromEntries(pairs) });
      if (!nodes.has(node.id)) nodes.set(node.id, node);
    }
    const relationships = new Map((results[relationshipsAt]?.items ?? []).map((item) => relationshipFromRow(item)).map((fact) => [fact.id, fact] as const));
    const pages = listings.map(({ size, after, itemsAt, countAt, nothing, filter }) => {
      const found = (results[itemsAt]?.items ?? []).map((item) => relationshipFromRow(item));
      const counted = results[countAt];
      if (!counted) return pageOn(pageOf(found, size, nothing ? 0 : undefined, after === null ? 0 : 1), filter);
      return pageOn(pageOf(found, size, Number(fromNeo4j(counted.total)), Number(fromNeo4j(counted.before))), filter);
    });
    return { nodes, relationships, pages };
  }

  gradeOutlets(grades: readonly OutletGrade[]): Promise<void> {
    if (!grades.length) return Promise.resolve();
    return this.committed(async (tx) => {
      await tx.run(cypher('store/lock-graph'));
      const changed = await this.changedGrades(tx, grades);
      if (!changed.length) return { result: undefined };
      await tx.run(cypher('store/grade-outlets'), { grades: changed });
      return { result: undefined, change: { after: await this.bumpVersion(tx) } };
    });
  }

  async outletGrades(outlets?: readonly string[]): Promise<Map<string, Reliability>> {
    if (outlets && !outlets.length) return new Map();
    const toGrade = (row: { outlet: string; reliability: Reliability }) => row;
    const found = await this.executor.read((tx) => (outlets ? rows(tx, 'store/get-outlet-grades', { outlets: [...outlets] }, toGrade) : rows(tx, 'store/list-outlet-grades', {}, toGrade)));
    return new Map(found.map((row) => [row.outlet, row.reliability]));
  }

  async sourcesOfGrades(grades: readonly string[]): Promise<string[]> {
    return this.executor.read((tx) => rows(tx, 'store/find-sources-of-grades', { grades: [...grades] }, (row: { id: string }) => row.id));
  }

  async searchNodes(text: string, kinds: readonly NodeKind[] | undefined, first: number): Promise<GraphNode[]> {
    const needle = text.trim().toLowerCase();
    if (!needle) return [];
    const params = { text: needle, ...nodeFilterParams({ kinds }), limit: neo4j.int(SEARCH_LIMIT) };
    const matches = await this.executor.read((tx) => rows(tx, 'store/search-nodes', params, nodeFromRow));
    return rankSearch(matches, needle).slice(0, first);
  }

  counts(): Promise<GraphCounts> {
    return this.executor.read(async (tx) => {
      const counts: GraphCounts = { nodes: {}, relationships: {} };
      for (const r of (await tx.run(cypher('store/count-nodes-by-kind'))).records) counts.nodes[r.get('kind') as NodeKind] = Number(fromNeo4j(r.get('count')));
      for (const r of (await tx.run(cypher('store/count-relationships-by-type'))).records) {
        counts.relationships[r.get('type') as RelationshipType] = Number(fromNeo4j(r.get('count')));
      }
      return counts;
    });
  }

  snapshot(): Promise<SerializedGraph> {
    return this.executor.read(async (tx) => buildSnapshot(await rows(tx, 'store/all-nodes', {}, nodeFromRow), await rows(tx, 'store/all-relationships', {}, relationshipFromRow)));
  }

  /** Read lean: only what analysis keeps crosses the wire (no evidence, no single statement, no article text). */
  analysisSnapshot(): Promise<SerializedGraph> {
    return this.executor.read(async (tx) =>
      buildSnapshot(await rows(tx, 'store/all-nodes-for-analysis', {}, analysisNodeFromRow), await rows(tx, 'store/all-relationships-for-analysis', {}, analysisRelationshipFromRow)),
    );
  }

  /** The lean snapshot read whole (its rows are sorted by id here, which needs them all). */
  analysisRecords(): Promise<AnalysisRecords> {
    return this.analysisSnapshot();
  }

  async version(): Promise<string> {
    return `neo4j:${await this.executor.graphVersion()}`;
  }

  /** Waits until every index and constraint is online (after a bulk import they are populated from the data). */
  async awaitIndexes(): Promise<void> {
    await this.executor.autoCommit([cypher('schema/await-indexes')]);
  }

  async reset(): Promise<void> {
    // Relationships go first, in their own chunks: a chunk of hub nodes would otherwise carry most of the graph.
    await this.executor.autoCommit([cypher('store/delete-relationships'), cypher('store/delete-all')]);
    await this.executor.autoCommit([cypher('store/delete-source-versions'), cypher('store/delete-outlets')]);
    await this.committed(async (tx) => ({ result: undefined, change: { after: await this.bumpVersion(tx), reset: true } }));
  }

  close(): Promise<void> {
    return this.executor.close();
  }
}

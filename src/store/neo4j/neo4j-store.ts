// The Neo4j adapter: the GraphStore port's methods over Neo4j, the system of record. Statements
// come from cypher/ by name; the executor (executor.ts) owns sessions, retries and error
// translation; records.ts converts at the boundary; upsert-plan.ts decides what a load writes.
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { RelationshipFilter } from '../../domain/filters.ts';
import type { GraphBatch, GraphNode, GraphRelationship, NodeKind, RelationshipType } from '../../domain/model.ts';
import type { Neo4jConfig } from '../../config.ts';
import { checkBatch } from '../batch-check.ts';
import { buildSnapshot, chunks, decodeCursor, pageOf, pageSize, rankSearch } from '../common.ts';
import type { GraphCounts, GraphStore, Page, PageRequest, SerializedGraph, UpsertOptions, UpsertReport } from '../graph-store.ts';
import { cypher } from './cypher-library.ts';
import { Neo4jExecutor, type Neo4jStoreHooks } from './executor.ts';
import { fromNeo4j, hasStaleDerivedProps, nodeFilterParams, nodeFromRow, relationshipFilterParams, relationshipFromRow } from './records.ts';
import { planUpsert, relationshipsThatMayExist, type UpsertPlan } from './upsert-plan.ts';

export type { Neo4jStoreHooks } from './executor.ts';

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

  private constructor(private readonly executor: Neo4jExecutor) {}

  static async connect(config: Neo4jConfig, hooks: Neo4jStoreHooks = {}): Promise<Neo4jStore> {
    return new Neo4jStore(await Neo4jExecutor.connect(config, hooks));
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

  /** Relationships by id; with `stale`, also the ids whose stored derived properties an older version wrote. */
  private async relationshipsByIds(tx: ManagedTransaction, ids: readonly string[], stale?: Set<string>): Promise<Map<string, GraphRelationship>> {
    const found = new Map<string, GraphRelationship>();
    for (const part of chunks(ids, this.batchSize)) {
      for (const row of await rows(tx, 'store/get-relationships-by-ids', { ids: part }, (r: Parameters<typeof relationshipFromRow>[0]) => r)) {
        const rel = relationshipFromRow(row);
        found.set(rel.id, rel);
        if (stale && hasStaleDerivedProps(row.rel, rel)) stale.add(rel.id);
      }
    }
    return found;
  }

  upsert(batch: GraphBatch, options: UpsertOptions = {}): Promise<UpsertReport> {
    return this.executor.write(async (tx) => {
      await tx.run(cypher('store/lock-graph'));
      const checked = await checkBatch(batch, (ids) => this.nodesByIds(tx, ids));
      const storedNodes = await this.nodesByIds(tx, checked.nodes.map((n) => n.id));
      const candidates = relationshipsThatMayExist(checked, new Set(storedNodes.keys()));
      const stale = new Set<string>();
      const storedRelationships = await this.relationshipsByIds(tx, candidates.map((r) => r.id), stale);
      const plan = planUpsert(checked, storedNodes, storedRelationships, stale);
      await this.writePlan(tx, plan, checked.nodes.length + checked.relationships.length, options);
      if (plan.changed) await tx.run(cypher('store/bump-graph-version'));
      return plan.report;
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
    ];
    for (const [statement, byType] of groups) {
      for (const [type, typeRows] of byType) {
        for (const part of chunks(typeRows, this.batchSize)) {
          pending.push(Promise.resolve().then(() => tx.run(cypher(statement), { type, rows: part })).then(() => advance(part.length)));
        }
      }
    }
    await settleAll(pending);
    options.onProgress?.(total, total);
  }

  async getNodes(ids: readonly string[]): Promise<(GraphNode | null)[]> {
    const found = await this.executor.read((tx) => this.nodesByIds(tx, ids));
    return ids.map((id) => found.get(id) ?? null);
  }

  async getRelationships(ids: readonly string[]): Promise<(GraphRelationship | null)[]> {
    const found = await this.executor.read((tx) => this.relationshipsByIds(tx, ids));
    return ids.map((id) => found.get(id) ?? null);
  }

  listNodes(filter: { kinds?: readonly NodeKind[] }, page: PageRequest): Promise<Page<GraphNode>> {
    return this.listPage({ list: 'store/list-nodes', count: 'store/count-nodes' }, nodeFilterParams(filter), page, nodeFromRow);
  }

  listRelationships(filter: RelationshipFilter, page: PageRequest): Promise<Page<GraphRelationship>> {
    return this.listPage({ list: 'store/list-relationships', count: 'store/count-relationships' }, relationshipFilterParams(filter), page, relationshipFromRow);
  }

  /** A page in id order (one row more tells whether there is a next page) and its counts, in one consistent read. */
  private async listPage<T extends { id: string }>(
    statement: { list: string; count: string },
    params: Record<string, unknown>,
    page: PageRequest,
    convert: (row: never) => T,
  ): Promise<Page<T>> {
    const size = pageSize(page.first);
    const after = page.after !== undefined ? decodeCursor(page.after) : null;
    return this.executor.read(async (tx) => {
      const found = await rows(tx, statement.list, { ...params, after, limit: neo4j.int(size + 1) }, convert);
      const counts = (await tx.run(cypher(statement.count), { ...params, after })).records[0];
      return pageOf(found, size, Number(fromNeo4j(counts?.get('total')) ?? 0), Number(fromNeo4j(counts?.get('before')) ?? 0));
    });
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

  async version(): Promise<string> {
    return `neo4j:${await this.executor.graphVersion()}`;
  }

  async reset(): Promise<void> {
    // Relationships go first, in their own chunks: a chunk of hub nodes would otherwise carry most of the graph.
    await this.executor.autoCommit([cypher('store/delete-relationships'), cypher('store/delete-all')]);
    await this.executor.write((tx) => tx.run(cypher('store/bump-graph-version')));
  }

  close(): Promise<void> {
    return this.executor.close();
  }
}

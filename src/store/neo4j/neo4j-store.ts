// The Neo4j adapter: the system of record, and the only module that imports neo4j-driver.
// Statements come from cypher/ by name; labels and types come from the domain's closed lists;
// every unit of work is a transaction function (executeRead/executeWrite) so routing clusters
// and retries work unchanged; Integer values are converted here and nowhere else.
import neo4j, { isInt, type Driver, type ManagedTransaction, type Record as Neo4jRecord } from 'neo4j-driver';
import { DomainError } from '../../domain/errors.ts';
import { padDate, type RelationshipFilter } from '../../domain/filters.ts';
import {
  ACTOR_KINDS,
  KIND_LABEL,
  RelationshipType,
  type GraphBatch,
  type GraphNode,
  type GraphRelationship,
  type NodeKind,
} from '../../domain/model.ts';
import type { Neo4jConfig } from '../../config.ts';
import { checkBatch, mergeNode, tallyChange } from '../batch-check.ts';
import {
  buildSnapshot,
  decodeCursor,
  emptyUpsertReport,
  encodeCursor,
  pageSize,
  type GraphCounts,
  type GraphStore,
  type Page,
  type PageRequest,
  type SerializedGraph,
  type Subgraph,
  type UpsertOptions,
  type UpsertReport,
} from '../graph-store.ts';
import { rankSearch, sortSubgraph } from '../memory/memory-store.ts';
import { cypher, cypherStatements } from './cypher-library.ts';

const SEARCH_LIMIT = 1000;

/** Plain JS values from driver values: Integers become numbers, lists and maps recursively. */
export function fromNeo4j(value: unknown): unknown {
  if (isInt(value)) return value.toNumber();
  if (Array.isArray(value)) return value.map(fromNeo4j);
  if (value && typeof value === 'object' && value.constructor === Object) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromNeo4j(v)]));
  }
  return value;
}

function definedOnly(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}

export function labelsOf(kind: NodeKind): string[] {
  return ACTOR_KINDS.includes(kind) ? [KIND_LABEL[kind], 'Actor'] : [KIND_LABEL[kind]];
}

/** Relationship properties as stored: evidence as JSON, plus derived lists and days for filtering. */
export function toRelationshipProps(rel: GraphRelationship): Record<string, unknown> {
  const { from: _from, to: _to, type: _type, evidence, ...fields } = rel;
  return definedOnly({
    ...fields,
    evidence: JSON.stringify(evidence),
    quotes: evidence.map((e) => e.quote),
    sourceIds: [...new Set(evidence.map((e) => e.sourceId))],
    validFromDay: rel.validFrom ? padDate(rel.validFrom, 'start') : undefined,
    validToDay: rel.validTo ? padDate(rel.validTo, 'end') : undefined,
  });
}

function toRelationship(record: Neo4jRecord): GraphRelationship {
  // Plain values already: the driver is built with disableLosslessIntegers (every integer we store fits a double).
  const props = record.get('rel') as Record<string, unknown>;
  const { evidence, quotes: _q, sourceIds: _s, validFromDay: _f, validToDay: _t, ...fields } = props;
  return {
    ...fields,
    type: record.get('type') as string,
    from: record.get('from') as string,
    to: record.get('to') as string,
    evidence: JSON.parse(evidence as string),
  } as GraphRelationship;
}

function toNode(record: Neo4jRecord): GraphNode {
  return record.get('node') as GraphNode;
}

const listOrNull = (list: readonly string[] | undefined) => (list && list.length ? [...list] : null);

function relationshipFilterParams(filter: RelationshipFilter) {
  return {
    types: listOrNull(filter.types),
    from: listOrNull(filter.from),
    to: listOrNull(filter.to),
    involving: listOrNull(filter.involving),
    sources: listOrNull(filter.sources),
    conditions: listOrNull(filter.conditions),
    firmness: listOrNull(filter.firmness),
    asOf: filter.asOf ? padDate(filter.asOf, 'start') : null,
    text: filter.text ? filter.text.toLowerCase() : null,
  };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Awaits every promise (none left running unobserved) and rethrows the first failure. */
async function settleAll(pending: readonly Promise<unknown>[]): Promise<void> {
  const outcomes = await Promise.allSettled(pending);
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed) throw failed.reason;
}

function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === 'ServiceUnavailable' || code === 'SessionExpired' || code === 'Neo.ClientError.Security.Unauthorized' || code === 'ECONNREFUSED';
}

/** A seam for fault-injection tests: called before every statement of a write transaction. */
export interface Neo4jStoreHooks {
  beforeWriteStatement?: () => void;
}

export class Neo4jStore implements GraphStore {
  readonly kind = 'neo4j' as const;

  private constructor(
    private readonly driver: Driver,
    private readonly config: Neo4jConfig,
    private readonly hooks: Neo4jStoreHooks = {},
  ) {}

  /** Connects, checks the server answers, and creates constraints idempotently. */
  static async connect(config: Neo4jConfig, hooks: Neo4jStoreHooks = {}): Promise<Neo4jStore> {
    const auth = config.password ? neo4j.auth.basic(config.user, config.password) : undefined;
    const driver = neo4j.driver(config.uri, auth, {
      connectionTimeout: 10_000,
      maxTransactionRetryTime: 15_000,
      // Integers arrive as numbers: no per-value conversion when snapshots read every property.
      disableLosslessIntegers: true,
      logging: { level: 'error', logger: () => undefined },
    });
    const store = new Neo4jStore(driver, config, hooks);
    try {
      await store.guard(() => driver.verifyConnectivity({ database: config.database }));
      await store.ensureSchema();
      return store;
    } catch (error) {
      await driver.close();
      throw error;
    }
  }

  private unavailable(error: unknown): DomainError {
    const reason = (error as Error)?.message?.split('\n')[0] ?? String(error);
    return new DomainError(
      'STORE_UNAVAILABLE',
      `Neo4j at ${this.config.uri} is not available (${reason}); start it (npm run neo4j:start) or fix NEO4J_URI`,
      { uri: this.config.uri },
    );
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUnavailable(error)) throw this.unavailable(error);
      throw error;
    }
  }

  /**
   * A read that never sees half of a write. Neo4j reads are read-committed, not snapshots: a
   * scan running while a load commits can see part of it. Every write bumps the graph version in
   * its own transaction, so a read that finds the version unchanged around its work saw either
   * all of each write or none of it; otherwise it runs again.
   */
  private read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.guard(async () => {
      const session = this.driver.session({ database: this.config.database, defaultAccessMode: neo4j.session.READ });
      const version = async (tx: ManagedTransaction) => String((await tx.run(cypher('store/get-graph-version'))).records[0]?.get('version'));
      try {
        for (let attempt = 1; ; attempt++) {
          const outcome = await session.executeRead(async (tx) => {
            const before = await version(tx);
            const result = await work(tx);
            return { result, consistent: before === (await version(tx)) };
          });
          if (outcome.consistent || attempt >= 20) return outcome.result;
        }
      } finally {
        await session.close();
      }
    });
  }

  private write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.guard(async () => {
      const session = this.driver.session({ database: this.config.database, defaultAccessMode: neo4j.session.WRITE });
      try {
        const hook = this.hooks.beforeWriteStatement;
        return await session.executeWrite((tx) =>
          work(hook ? (new Proxy(tx, { get: (target, key) => (key === 'run' ? (...args: Parameters<ManagedTransaction['run']>) => (hook(), Reflect.apply(target.run, target, args)) : Reflect.get(target, key)) }) as ManagedTransaction) : tx),
        );
      } finally {
        await session.close();
      }
    });
  }

  private async ensureSchema(): Promise<void> {
    for (const statement of cypherStatements('schema/create-constraints')) {
      await this.guard(() => this.driver.executeQuery(statement, {}, { database: this.config.database, routing: neo4j.routing.WRITE }));
    }
  }

  upsert(batch: GraphBatch, options: UpsertOptions = {}): Promise<UpsertReport> {
    const size = this.config.batchSize;
    return this.write(async (tx) => {
      await tx.run(cypher('store/lock-graph'));
      const fetchNodes = async (ids: readonly string[]) => {
        const found = new Map<string, GraphNode>();
        for (const part of chunks(ids, size)) {
          const result = await tx.run(cypher('store/get-nodes-by-ids'), { ids: part });
          for (const record of result.records) {
            const node = toNode(record);
            found.set(node.id, node);
          }
        }
        return found;
      };
      const checked = await checkBatch(batch, async (ids) => new Map([...(await fetchNodes(ids))].map(([id, n]) => [id, n.kind])));
      const report = emptyUpsertReport();
      const total = checked.nodes.length + checked.relationships.length;
      let done = 0;

      const storedNodes = await fetchNodes(checked.nodes.map((n) => n.id));
      // A relationship can only be stored already when both its ends were: others skip the lookup.
      // (Ends outside the batch passed checkBatch, so they are stored.)
      const batchNodeIds = new Set(checked.nodes.map((n) => n.id));
      const storedIds = new Set(storedNodes.keys());
      const existedBefore = (id: string) => !batchNodeIds.has(id) || storedIds.has(id);
      const nodeRows: { id: string; labels: string[]; props: Record<string, unknown> }[] = [];
      for (const incoming of checked.nodes) {
        const stored = storedNodes.get(incoming.id);
        const merged = mergeNode(stored, incoming);
        storedNodes.set(incoming.id, merged);
        if (tallyChange(report, 'nodes', stored, merged) === 'unchanged') continue;
        nodeRows.push({ id: merged.id, labels: labelsOf(merged.kind), props: definedOnly(merged) });
      }
      for (const rows of chunks(nodeRows, size)) {
        await tx.run(cypher('store/upsert-nodes'), { rows });
        done += rows.length;
        options.onProgress?.(done, total);
      }
      done += checked.nodes.length - nodeRows.length;

      const storedRels = new Map<string, GraphRelationship>();
      const maybeStored = checked.relationships.filter((r) => existedBefore(r.from) && existedBefore(r.to));
      for (const part of chunks(maybeStored, size)) {
        const result = await tx.run(cypher('store/get-relationships-by-ids'), { ids: part.map((r) => r.id) });
        for (const record of result.records) {
          const rel = toRelationship(record);
          storedRels.set(rel.id, rel);
        }
      }
      type RelRow = { id: string; from: string; to: string; props: Record<string, unknown> };
      const created = new Map<string, RelRow[]>();
      const updated = new Map<string, RelRow[]>();
      for (const incoming of checked.relationships) {
        const stored = storedRels.get(incoming.id);
        if (tallyChange(report, 'relationships', stored, incoming) === 'unchanged') continue;
        storedRels.set(incoming.id, incoming);
        const type = RelationshipType.parse(incoming.type);
        const target = stored ? updated : created;
        let rows = target.get(type);
        if (!rows) target.set(type, (rows = []));
        rows.push({ id: incoming.id, from: incoming.from, to: incoming.to, props: toRelationshipProps(incoming) });
      }
      // New relationships are CREATEd (no MERGE scan over dense nodes): the graph lock taken at
      // the start of this transaction means nobody else can have created them meanwhile. The
      // statements are pipelined: the driver sends the next chunk while Neo4j runs the previous.
      const pending: Promise<unknown>[] = [];
      for (const [statement, groups] of [['store/create-relationships', created], ['store/update-relationships', updated]] as const) {
        for (const [type, rows] of groups) {
          for (const part of chunks(rows, size)) {
            // Started from a promise, so a statement that throws at once still lets the others settle.
            pending.push(
              Promise.resolve().then(() => tx.run(cypher(statement), { type, rows: part })).then(() => {
                done += part.length;
                options.onProgress?.(done, total);
              }),
            );
          }
        }
      }
      await settleAll(pending);
      options.onProgress?.(total, total);
      if (nodeRows.length || created.size || updated.size) await tx.run(cypher('store/bump-graph-version'));
      return report;
    });
  }

  async getNodes(ids: readonly string[]): Promise<(GraphNode | null)[]> {
    const found = await this.read(async (tx) => (await tx.run(cypher('store/get-nodes-by-ids'), { ids: [...ids] })).records.map(toNode));
    const byId = new Map(found.map((n) => [n.id, n]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async getRelationships(ids: readonly string[]): Promise<(GraphRelationship | null)[]> {
    const found = await this.read(async (tx) => (await tx.run(cypher('store/get-relationships-by-ids'), { ids: [...ids] })).records.map(toRelationship));
    const byId = new Map(found.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async listNodes(filter: { kinds?: readonly NodeKind[] }, page: PageRequest): Promise<Page<GraphNode>> {
    const size = pageSize(page.first);
    const after = page.after !== undefined ? decodeCursor(page.after) : null;
    const kinds = listOrNull(filter.kinds);
    return this.read(async (tx) => {
      const rows = (await tx.run(cypher('store/list-nodes'), { kinds, after, limit: neo4j.int(size + 1) })).records.map(toNode);
      const counts = (await tx.run(cypher('store/count-nodes'), { kinds, after })).records[0];
      return toPage(rows, size, counts);
    });
  }

  async searchNodes(text: string, kinds: readonly NodeKind[] | undefined, first: number): Promise<GraphNode[]> {
    const needle = text.trim().toLowerCase();
    if (!needle) return [];
    const matches = await this.read(async (tx) =>
      (await tx.run(cypher('store/search-nodes'), { text: needle, kinds: listOrNull(kinds), limit: neo4j.int(SEARCH_LIMIT) })).records.map(toNode),
    );
    return rankSearch(matches, needle).slice(0, first);
  }

  async listRelationships(filter: RelationshipFilter, page: PageRequest): Promise<Page<GraphRelationship>> {
    const size = pageSize(page.first);
    const after = page.after !== undefined ? decodeCursor(page.after) : null;
    const params = relationshipFilterParams(filter);
    return this.read(async (tx) => {
      const rows = (await tx.run(cypher('store/list-relationships'), { ...params, after, limit: neo4j.int(size + 1) })).records.map(toRelationship);
      const counts = (await tx.run(cypher('store/count-relationships'), { ...params, after })).records[0];
      return toPage(rows, size, counts);
    });
  }

  async neighbourhood(id: string, depth: number, types?: readonly string[]): Promise<Subgraph> {
    const typeList = listOrNull(types);
    return this.read(async (tx) => {
      const start = (await tx.run(cypher('store/get-nodes-by-ids'), { ids: [id] })).records;
      if (start.length === 0) return { nodes: [], relationships: [] };
      const reached = new Set([id]);
      let frontier = [id];
      for (let hop = 0; hop < depth && frontier.length; hop++) {
        const result = await tx.run(cypher('store/expand-neighbours'), { frontier, types: typeList });
        frontier = result.records.map((r) => r.get('id') as string).filter((n) => !reached.has(n));
        for (const n of frontier) reached.add(n);
      }
      const ids = [...reached];
      const nodes = (await tx.run(cypher('store/get-nodes-by-ids'), { ids })).records.map(toNode);
      const relationships = (await tx.run(cypher('store/relationships-among'), { ids, types: typeList })).records.map(toRelationship);
      return sortSubgraph({ nodes, relationships });
    });
  }

  async counts(): Promise<GraphCounts> {
    return this.read(async (tx) => {
      const counts: GraphCounts = { nodes: {}, relationships: {} };
      for (const r of (await tx.run(cypher('store/count-nodes-by-kind'))).records) {
        counts.nodes[r.get('kind') as NodeKind] = fromNeo4j(r.get('count')) as number;
      }
      for (const r of (await tx.run(cypher('store/count-relationships-by-type'))).records) {
        counts.relationships[r.get('type') as RelationshipType] = fromNeo4j(r.get('count')) as number;
      }
      return counts;
    });
  }

  async snapshot(): Promise<SerializedGraph> {
    return this.read(async (tx) => {
      const nodes = (await tx.run(cypher('store/all-nodes'))).records.map(toNode);
      const relationships = (await tx.run(cypher('store/all-relationships'))).records.map(toRelationship);
      return buildSnapshot(nodes, relationships);
    });
  }

  async version(): Promise<string> {
    const version = await this.guard(async () => {
      const result = await this.driver.executeQuery(cypher('store/get-graph-version'), {}, { database: this.config.database, routing: neo4j.routing.READ });
      return fromNeo4j(result.records[0]?.get('version'));
    });
    return `neo4j:${String(version)}`;
  }

  async reset(): Promise<void> {
    await this.guard(async () => {
      const session = this.driver.session({ database: this.config.database, defaultAccessMode: neo4j.session.WRITE });
      try {
        // CALL … IN TRANSACTIONS needs an auto-commit transaction. Relationships go first, in
        // their own chunks: a chunk of hub nodes would otherwise carry most of the graph.
        await session.run(cypher('store/delete-relationships'));
        await session.run(cypher('store/delete-all'));
      } finally {
        await session.close();
      }
    });
    await this.write((tx) => tx.run(cypher('store/bump-graph-version')));
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}

function toPage<T extends { id: string }>(rows: T[], size: number, counts: Neo4jRecord | undefined): Page<T> {
  const items = rows.slice(0, size);
  const total = (fromNeo4j(counts?.get('total')) as number) ?? 0;
  const before = (fromNeo4j(counts?.get('before')) as number) ?? 0;
  return {
    items,
    cursors: items.map((item) => encodeCursor(item.id)),
    totalCount: total,
    hasNextPage: rows.length > size,
    hasPreviousPage: before > 0,
  };
}

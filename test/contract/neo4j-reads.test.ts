// What the API asks Neo4j for the dashboard's queries: one read per request (one statement), and
// statements that Neo4j plans from an index — never a scan of a label or of every relationship of
// a type, whose cost would grow with the whole graph (checked with EXPLAIN over Bolt).
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDossier } from '../../src/ingest/generate.ts';
import { validateDossier } from '../../src/ingest/validate-dossier.ts';
import { compileRead, type ReadPart } from '../../src/store/neo4j/read-compiler.ts';
import { isLean, type GraphStore } from '../../src/store/graph-store.ts';
import type { Fact } from '../../src/domain/statements.ts';
import { allSeedBatches, neo4jConfig, noNeo4j, seedBatches, storeFactories } from '../support/fixtures.ts';
import { leanNode, leanRelationship } from '../../src/store/snapshot.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { loadBatches } from '../../src/ingest/load-dossiers.ts';
import { seededApi, type ApiClient } from '../support/graphql-client.ts';
import { DASHBOARD_QUERIES } from '../support/dashboard-queries.ts';
import { timeLimit } from '../support/time-limits.ts';

const SCANS = /AllNodesScan|NodeByLabelScan|RelationshipTypeScan|AllRelationshipsScan|UnionNodeByLabelsScan|IntersectionNodeByLabelsScan/;

interface Plan {
  operatorType: string;
  children: Plan[];
}
const operators = (plan: Plan): string[] => [plan.operatorType, ...plan.children.flatMap(operators)];

/** Counts the store's calls by method. */
function counting(store: GraphStore): { store: GraphStore; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const proxy = new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      return (...args: unknown[]) => {
        calls.set(key, (calls.get(key) ?? 0) + 1);
        return Reflect.apply(value, target, args);
      };
    },
  });
  return { store: proxy, calls };
}

describe.skipIf(noNeo4j())('Neo4j reads for the dashboard', () => {
  let api: ApiClient;
  let calls: Map<string, number>;
  let memory: MemoryStore;
  const driver = neo4j.driver(neo4jConfig().uri, undefined, { disableLosslessIntegers: true, logging: { level: 'error', logger: () => undefined } });

  beforeAll(async () => {
    // The seeds and 3,000 generated commitments: enough that Neo4j's statistics favour what a big graph would.
    const dossier = generateDossier({ states: 80, actors: 80, commitments: 3000, seed: 11 });
    const generated = validateDossier({ yamlText: dossier.yamlText, sourceText: dossier.sourceText, file: 'gen.yaml', knownNodes: new Map() }).batch;
    if (!generated) throw new Error('generated dossier is invalid');
    const counted = counting(await storeFactories.neo4j());
    calls = counted.calls;
    api = await seededApi(counted.store, { batches: [...seedBatches(), generated] });
    memory = new MemoryStore();
    await loadBatches(memory, [...seedBatches(), generated]);
  }, timeLimit(300_000));
  afterAll(async () => {
    await driver.close();
    await api?.store.close();
  });

  it('answers each dashboard query with one read of the store', async () => {
    const italyRefusal = await api.query<{ node: { outgoing: { edges: { node: { id: string } }[] } } }>(DASHBOARD_QUERIES.node, { id: 'state:ITA' });
    const relId = italyRefusal.data?.node.outgoing.edges[0]?.node.id;
    expect(relId).toBeTruthy();
    for (const [name, query, id] of [
      ['node', DASHBOARD_QUERIES.node, 'state:GBR'],
      ['page', DASHBOARD_QUERIES.page, 'state:FRA'],
      ['relationship', DASHBOARD_QUERIES.relationship, relId],
    ] as const) {
      calls.clear();
      const res = await api.query(query, { id });
      expect(res.errors, name).toBeUndefined();
      expect(JSON.stringify(res.data), name).not.toContain('null');
      expect(Object.fromEntries(calls), name).toEqual({ read: 1 });
    }
  });

  it('reads relationships lean when their statements are not selected: the same fact without them, marked, and whole when asked', async () => {
    const filter = { from: ['state:AAA'], types: ['PLEDGED', 'REFUSED', 'WARNED'] };
    const full = await api.store.read({ listings: [{ filter, page: { first: 50 } }] });
    const lean = await api.store.read({ listings: [{ filter, page: { first: 50 } }], lean: true });
    expect(full.pages[0]?.items.length).toBeGreaterThan(3);
    expect(full.pages[0]?.items.some(isLean)).toBe(false);
    expect(lean.pages[0]?.items.every(isLean)).toBe(true);
    const withoutStatements = (fact: Fact) => ({ ...fact, statements: [], disagreements: [] });
    expect(lean.pages[0]?.items).toEqual(full.pages[0]?.items.map(withoutStatements));
    // Through the API: a page of the same relationships with and without their statements selected.
    const q = (fields: string) => api.query<{ node: { outgoing: { edges: { node: Record<string, unknown> }[] } } }>(`{ node(id: "state:AAA") { outgoing(first: 50, types: ["PLEDGED", "REFUSED", "WARNED"]) { edges { node { id sourceCount ${fields} } } } } }`);
    const withStatements = await q('statements { id }');
    const ids = (await q('')).data?.node.outgoing.edges.map((e) => e.node.id);
    expect(withStatements.data?.node.outgoing.edges.map((e) => e.node.id)).toEqual(ids);
    expect(withStatements.data?.node.outgoing.edges.every((e) => (e.node.statements as unknown[]).length >= 1)).toBe(true);
  });

  it('lists and counts what involves several nodes as the memory store does: a relationship between two of them once', async () => {
    // Ends of existing relationships, so that some relationships join two of the ids asked for.
    const sample = (await memory.listRelationships({ types: ['PLEDGED', 'REFUSED', 'WARNED'] }, { first: 40, withTotal: false })).items;
    const cases = [
      [sample[0]?.from, sample[0]?.to],
      [sample[5]?.from, sample[5]?.to, sample[9]?.from],
      ['state:AAA', 'state:AAB', 'state:AAC'],
    ].map((ids) => ids.filter((id): id is string => !!id));
    for (const involving of cases) {
      for (const filter of [{ involving }, { involving, types: ['PLEDGED'] }]) {
        for (const page of [{ first: 7 }, { first: 500 }]) {
          const [fromNeo4j, fromMemory] = await Promise.all([api.store.listRelationships(filter, page), memory.listRelationships(filter, page)]);
          expect(fromNeo4j.totalCount, JSON.stringify(filter)).toBe(fromMemory.totalCount);
          expect(fromNeo4j.items.map((f) => f.id), JSON.stringify(filter)).toEqual(fromMemory.items.map((f) => f.id));
        }
      }
    }
  });

  it('pages a hub from its types\' id indexes as the memory store pages it, and stops at the page', async () => {
    // The state with the most commitments, and the count that makes it a hub for a page of 7
    // (read/branch-hub-*: its degree squared above the page size times the type's count).
    const pledged = (await memory.snapshot()).edges.filter((edge) => edge.attributes.type === 'PLEDGED');
    const degrees = new Map<string, number>();
    for (const edge of pledged) degrees.set(edge.source, (degrees.get(edge.source) ?? 0) + 1);
    const [hub, degree] = [...degrees].sort((x, y) => y[1] - x[1])[0] as [string, number];
    expect(degree * degree, 'the generated data has a hub').toBeGreaterThan(8 * pledged.length);
    const small = [...degrees].sort((x, y) => x[1] - y[1])[0]?.[0] as string;
    // The hub's first commitment disputed in both stores: the default filter hides it, from the index too.
    const first = pledged.filter((edge) => edge.source === hub).map((edge) => edge.attributes).sort((x, y) => x.id.localeCompare(y.id))[0] as Fact;
    const review = { state: 'disputed' as const, by: 'test', at: '2026-12-07T00:00:00.000Z', note: 'misquoted' };
    for (const store of [api.store, memory]) expect((await store.reviewStatement(first.statements[0]?.id as string, review))?.sourceCount).toBe(0);
    expect((await api.store.listRelationships({ from: [hub], types: ['PLEDGED'] }, { first: 3 })).items[0]?.id ?? '').toBe(pledged.filter((edge) => edge.source === hub).map((edge) => edge.key).sort()[1]);
    for (const id of [hub, small]) {
      for (const filter of [{ from: [id], types: ['PLEDGED'] }, { to: [id] }, { involving: [id], types: ['PLEDGED', 'REFUSED', 'WARNED'] }, { from: [id, small] }]) {
        let after: string | undefined;
        for (let page = 0; page < 3; page++) {
          const request = { first: 7, withTotal: true, ...(after ? { after } : {}) };
          const [fromNeo4j, fromMemory] = await Promise.all([api.store.listRelationships(filter, request), memory.listRelationships(filter, request)]);
          expect(fromNeo4j.items.map((f) => f.id), `${JSON.stringify(filter)} page ${page}`).toEqual(fromMemory.items.map((f) => f.id));
          expect([fromNeo4j.totalCount, fromNeo4j.hasNextPage, fromNeo4j.hasPreviousPage], JSON.stringify(filter)).toEqual([fromMemory.totalCount, fromMemory.hasNextPage, fromMemory.hasPreviousPage]);
          expect(fromNeo4j.items.map(leanRelationship)).toEqual(fromMemory.items.map(leanRelationship));
          after = fromNeo4j.cursors.at(-1);
          if (!fromNeo4j.hasNextPage) break;
        }
      }
    }
    // At the hub the page costs Neo4j far fewer reads than it has relationships (no sort of them all).
    const { text, params } = compileRead([{ kind: 'listing', filter: { from: [hub], types: ['PLEDGED'] }, after: null, limit: 8, lean: true }]);
    const session = driver.session({ database: neo4jConfig().database, defaultAccessMode: neo4j.session.READ });
    try {
      const { profile } = (await session.run(`PROFILE ${text}`, params)).summary;
      const dbHits = (plan: { dbHits: number; children: unknown[] }): number => plan.dbHits + plan.children.reduce<number>((sum, child) => sum + dbHits(child as never), 0);
      expect(dbHits(profile as never)).toBeLessThan(degree);
    } finally {
      await session.close();
    }
  });

  it('reads only the fields a lean request names, and the API answers the dashboard queries at a hub as on the memory store', async () => {
    const filter = { from: ['state:AAA'], types: ['PLEDGED', 'REFUSED', 'WARNED'] };
    const whole = (await api.store.read({ listings: [{ filter, page: { first: 20 } }] })).pages[0]?.items ?? [];
    const narrowed = (await api.store.read({ listings: [{ filter, page: { first: 20 } }], lean: true, fields: ['action', 'evidence'] })).pages[0]?.items ?? [];
    expect(narrowed.length).toBeGreaterThan(3);
    expect(narrowed.every(isLean)).toBe(true);
    expect(narrowed.map((f) => [f.id, f.type, f.from, f.to, 'action' in f ? f.action : null, f.evidence])).toEqual(whole.map((f) => [f.id, f.type, f.from, f.to, 'action' in f ? f.action : null, f.evidence]));
    expect(narrowed.some((f) => 'firmness' in f || 'sourceCount' in f)).toBe(false);
    const onMemory = await seededApi(memory, { batches: [] });
    const relId = whole[0]?.id;
    for (const [name, query, id] of [
      ['node', DASHBOARD_QUERIES.node, 'state:AAA'],
      ['page', DASHBOARD_QUERIES.page, 'state:AAA'],
      ['relationship', DASHBOARD_QUERIES.relationship, relId],
    ] as const) {
      const [a, b] = await Promise.all([api.query(query, { id }), onMemory.query(query, { id })]);
      expect(a.errors, name).toBeUndefined();
      expect(a, name).toEqual(b);
    }
  });

  it('plans every dashboard statement from an index, never a label or relationship-type scan', async () => {
    const reads: [string, ReadPart[]][] = [
      ['a node with its commitments', [{ kind: 'nodes', ids: ['state:GBR'] }, { kind: 'listing', filter: { from: ['state:GBR'], types: ['PLEDGED', 'REFUSED', 'WARNED'] }, after: null, limit: 21 }, { kind: 'references' }]],
      ['its next page', [{ kind: 'listing', filter: { from: ['state:GBR'], types: ['PLEDGED'] }, after: 'rel:5', limit: 21 }]],
      ['incoming', [{ kind: 'listing', filter: { to: ['state:UKR'] }, after: null, limit: 21 }, { kind: 'references' }]],
      ['a filtered page with its count, in one pass', [{ kind: 'counted-listing', filter: { involving: ['state:FRA'], types: ['PLEDGED'] }, after: null, limit: 11, lean: true }, { kind: 'references' }]],
      ['commitments by kind with their count, no end named', [{ kind: 'listing', filter: { types: ['PLEDGED'] }, after: 'rel:5', limit: 11 }, { kind: 'count', filter: { types: ['PLEDGED'] }, cursor: 'rel:5' }]],
      ['commitments by kind and firmness, no end named', [{ kind: 'listing', filter: { types: ['PLEDGED', 'REFUSED'], firmness: ['firm'], asOf: '2026-01-06' }, after: null, limit: 51 }, { kind: 'references' }]],
      ['every relationship, second page', [{ kind: 'listing', filter: {}, after: 'rel:5', limit: 51 }]],
      ['a relationship by id', [{ kind: 'relationships', ids: ['rel:1'] }, { kind: 'references' }]],
    ];
    const session = driver.session({ database: neo4jConfig().database, defaultAccessMode: neo4j.session.READ });
    try {
      for (const [name, parts] of reads) {
        const { text, params } = compileRead(parts);
        const summary = await session.run(`EXPLAIN ${text}`, params).summary();
        const used = operators(summary.plan as unknown as Plan);
        expect(used.filter((op) => SCANS.test(op)), `${name}: ${[...new Set(used)].join(', ')}`).toEqual([]);
        expect(used.some((op) => /Index|Seek/.test(op)), name).toBe(true);
      }
    } finally {
      await session.close();
    }
  });
});

describe.skipIf(noNeo4j())('the analysis snapshot read from Neo4j', () => {
  it('is the whole snapshot with lean records, as the memory store gives it: statements only of facts several statements resolve', async () => {
    const store = await storeFactories.neo4j();
    try {
      await store.reset();
      // Both seed sources: facts two sources state carry their statements into the analysis graph.
      await loadBatches(store, allSeedBatches());
      const memory = new MemoryStore();
      await loadBatches(memory, allSeedBatches());
      const whole = await store.snapshot();
      const lean = await store.analysisSnapshot();
      expect(lean.nodes).toEqual(whole.nodes.map((n) => ({ key: n.key, attributes: leanNode(n.attributes) })));
      expect(lean.edges).toEqual(whole.edges.map((e) => ({ ...e, attributes: leanRelationship(e.attributes) })));
      expect(lean).toEqual(await memory.analysisSnapshot());
      const withStatements = lean.edges.filter((e) => 'statements' in e.attributes);
      expect(withStatements.length).toBeGreaterThan(0);
      expect(withStatements.every((e) => e.attributes.statements.length > 1)).toBe(true);
      expect(lean.edges.every((e) => e.attributes.evidence.length === 0 && !('statementSpans' in e.attributes))).toBe(true);
      // Each keeps its counting sources, for analyses narrowed to some of them.
      const sourcesOf = (e: (typeof lean.edges)[number]) => (e.attributes as unknown as { sourceIds: string[] }).sourceIds;
      expect(lean.edges.every((e) => sourcesOf(e).length === e.attributes.sourceCount)).toBe(true);
      expect(lean.edges.some((e) => sourcesOf(e).length > 1)).toBe(true);
    } finally {
      await store.close();
    }
  });
});

// Hostile queries: each is rejected with its code and HTTP 400 before any resolver runs.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { codes, seededApi, type ApiClient } from '../support/graphql-client.ts';

describe('GraphQL limits', () => {
  let api: ApiClient;
  let store: MemoryStore;
  beforeAll(async () => {
    store = new MemoryStore();
    api = await seededApi(store, { production: true });
  });

  const expectRejectedUntouched = async (query: string, code: string) => {
    const reads = vi.spyOn(store, 'listRelationships');
    const nodes = vi.spyOn(store, 'getNodes');
    const res = await api.query(query);
    expect(codes(res)).toEqual([code]);
    expect(res.status).toBe(400);
    expect(reads).not.toHaveBeenCalled();
    expect(nodes).not.toHaveBeenCalled();
    reads.mockRestore();
    nodes.mockRestore();
  };

  it('rejects a depth-20 query', async () => {
    let selection = '{ id }';
    for (let i = 0; i < 5; i++) selection = `{ outgoing { edges { node { to ${selection} } } } }`;
    await expectRejectedUntouched(`{ node(id: "state:GBR") ${selection} }`, 'DEPTH_LIMIT_EXCEEDED');
  });

  it('rejects 100 aliases', async () => {
    const aliases = Array.from({ length: 100 }, (_, i) => `a${i}: node(id: "state:GBR") { id }`).join(' ');
    await expectRejectedUntouched(`{ ${aliases} }`, 'ALIAS_LIMIT_EXCEEDED');
  });

  it('counts aliases of __typename too (graphql-armor skips them unless told not to)', async () => {
    const aliases = (n: number) => Array.from({ length: n }, (_, i) => `t${i}: __typename`).join(' ');
    await expectRejectedUntouched(`{ ${aliases(21)} stats { nodes } }`, 'ALIAS_LIMIT_EXCEEDED');
    expect((await api.query(`{ ${aliases(20)} }`)).errors).toBeUndefined();
  });

  it('counts analysis fields by the work behind them: three cold tensions or two betweenness centralities are refused, one of each is not', async () => {
    await expectRejectedUntouched('{ a: tensions(asOf: "2026") { totalCount } b: tensions(asOf: "2025") { totalCount } c: tensions { totalCount } }', 'ANALYSIS_COST_EXCEEDED');
    await expectRejectedUntouched('{ a: centrality(metric: BETWEENNESS) { score } b: centrality(metric: BETWEENNESS, first: 2) { score } c: shortestPath(from: "state:ITA", to: "state:RUS") { length } }', 'ANALYSIS_COST_EXCEEDED');
    // A metric in a variable counts at its dearest.
    const variable = await api.query('query($m: CentralityMetric!) { a: centrality(metric: $m) { score } b: tensions { totalCount } c: shortestPath(from: "state:ITA", to: "state:RUS") { length } }', { m: 'DEGREE' });
    expect(codes(variable)).toEqual(['ANALYSIS_COST_EXCEEDED']);
    const fits = await api.query('{ tensions { totalCount } centrality(metric: BETWEENNESS, first: 1) { score } }');
    expect(fits.errors).toBeUndefined();
  });

  it('rejects circular fragments', async () => {
    const res = await api.query('query { node(id: "state:GBR") { ...A } } fragment A on State { ...B } fragment B on State { ...A }');
    expect(codes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('rejects a 2 MB body from its length, before parsing', async () => {
    const body = JSON.stringify({ query: `{ stats { nodes } }`, variables: { pad: 'x'.repeat(2_000_000) } });
    const response = await api.server.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      body,
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses GET queries without the CSRF header (they skip the CORS preflight)', async () => {
    const url = `http://localhost/graphql?query=${encodeURIComponent('{ stats { nodes } }')}`;
    const bare = await api.server.fetch(url, { method: 'GET', headers: { accept: 'application/json' } });
    expect(bare.status).toBe(403);
    expect(((await bare.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('CSRF_HEADER_REQUIRED');
    const withHeader = await api.server.fetch(url, { method: 'GET', headers: { accept: 'application/json', 'x-graphql-csrf': '1' } });
    expect(withHeader.status).toBe(200);
  });

  it('hides field suggestions in production and refuses batched requests', async () => {
    const res = await api.query('{ stats { nodez } }');
    expect(res.errors?.[0]?.message).not.toMatch(/Did you mean/);
    const batched = await api.server.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ stats { nodes } }' }, { query: '{ stats { nodes } }' }]),
    });
    expect(batched.status).toBeGreaterThanOrEqual(400);
  });
});

// Analysis results are computed once per graph version and options, shared by concurrent
// requests, and dropped by any write — on both stores (through the API, in-process over HTTP).
import { describe, expect, it } from 'vitest';
import { AnalysisService } from '../../src/services/analysis-service.ts';
import type { GraphBatch, GraphNode, GraphRelationship } from '../../src/domain/model.ts';
import { generateRecords } from '../../src/ingest/generate.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { eachStore, spainRefusesCeasefire } from '../support/fixtures.ts';
import { API_KEY, codes, seededApi } from '../support/graphql-client.ts';
import { timeLimit } from '../support/time-limits.ts';

const { yaml: DOSSIER, text: TEXT } = spainRefusesCeasefire('source:test-cache');

for (const [name, open, skip] of eachStore()) {
  describe.skipIf(skip)(`analysis cache on ${name}`, () => {
    it('computes once for concurrent identical requests, and again after a write', async () => {
      const store = await open();
      try {
        const analysis = new AnalysisService(store);
        const api = await seededApi(store, { analysis });
        const query = '{ tensions { totalCount } centrality(metric: PAGERANK, first: 3) { node { id } } }';
        const [a, b] = await Promise.all([api.query<{ tensions: { totalCount: number } }>(query), api.query<{ tensions: { totalCount: number } }>(query)]);
        expect(a.data).toEqual(b.data);
        expect(analysis.computed).toBe(2); // tensions and centrality, once each for both requests
        await api.query(query);
        expect(analysis.computed).toBe(2);
        const before = a.data?.tensions.totalCount ?? 0;

        const ingest = await api.query(
          'mutation($y: String!, $t: String!) { ingestDossier(yaml: $y, sourceText: $t) { relationshipsCreated } }',
          { y: DOSSIER, t: TEXT },
          { authorization: `Bearer ${API_KEY}` },
        );
        expect(ingest.errors).toBeUndefined();
        const after = await api.query<{ tensions: { totalCount: number } }>(query);
        expect(analysis.computed).toBe(4);
        // Spain's refusal collides with the five pledges gated by a ceasefire.
        expect(after.data?.tensions.totalCount).toBe(before + 5);
        // A failing request is not cached.
        const bad = await api.query('{ centrality(metric: PAGERANK, first: 0) { score } }');
        expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_ARGUMENT');
        expect((await api.query('{ centrality(metric: PAGERANK, first: 0) { score } }')).errors?.[0]?.extensions?.code).toBe('BAD_ARGUMENT');
      } finally {
        await store.close();
      }
    });
  });
}

describe('an analysis past the hard limit', () => {
  it('is stopped (its worker terminated) with ANALYSIS_TOO_LARGE, kept for that version, and the next analysis runs on a new worker', async () => {
    const batch: GraphBatch = { nodes: [], relationships: [] };
    for (const record of generateRecords({ states: 200, actors: 400, commitments: 30_000, seed: 5 })) {
      if ('kind' in record) batch.nodes.push(record as GraphNode);
      else batch.relationships.push(record as GraphRelationship);
    }
    const store = new MemoryStore();
    // Betweenness over 30k generated commitments takes about a second here: far past a 100 ms limit.
    const analysis = new AnalysisService(store, { hardLimitMs: 100, budgetMs: 60_000 });
    const api = await seededApi(store, { analysis, batches: [batch] });
    try {
      const heavy = '{ centrality(metric: BETWEENNESS, first: 3) { score } }';
      const stopped = await api.query(heavy);
      expect(stopped.errors?.[0]).toMatchObject({ extensions: { code: 'ANALYSIS_TOO_LARGE' }, message: expect.stringContaining('was stopped') });
      const computed = analysis.computed;
      expect(codes(await api.query(heavy))).toEqual(['ANALYSIS_TOO_LARGE']);
      expect(analysis.computed).toBe(computed); // kept, not run again
      // A trivial analysis (a path from a node to itself) is answered by the new worker.
      const light = await api.query<{ shortestPath: { length: number; nodes: { id: string }[] } | null }>('{ shortestPath(from: "state:AAA", to: "state:AAA") { length nodes { id } } }');
      expect(light.errors).toBeUndefined();
      expect(light.data?.shortestPath).toEqual({ length: 0, nodes: [{ id: 'state:AAA' }] });
    } finally {
      await analysis.close();
    }
  }, timeLimit(120_000));
});

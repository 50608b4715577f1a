// Analysis results are computed once per graph version and options, shared by concurrent
// requests, and dropped by any write — on both stores (through the API, in-process over HTTP).
import { describe, expect, it } from 'vitest';
import { AnalysisService } from '../../src/analysis-service.ts';
import { eachStore } from '../support/fixtures.ts';
import { API_KEY, seededApi } from '../support/graphql-client.ts';

// A test dossier (text written for the test): Spain refuses the ceasefire the troop pledges wait for.
const TEXT = 'Spain rejected any ceasefire.\n';
const DOSSIER = [
  'source: { id: "source:test-cache", name: "A test report", file: source.txt }',
  'entities:',
  '  - { id: "state:ESP", kind: STATE, name: Spain }',
  'relationships:',
  '  - ref: esp-refuses-ceasefire',
  '    type: REFUSED',
  '    from: state:ESP',
  '    to: condition:ceasefire-in-force',
  '    action: accept a ceasefire',
  '    firmness: firm',
  '    statedAt: 2026-01-06',
  '    evidence:',
  '      - { quote: Spain rejected any ceasefire., attribution: reported }',
].join('\n');

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

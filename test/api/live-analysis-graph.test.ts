// The analysis graph is live: a write the API commits is applied to the worker's graph instead of
// sending the whole graph again, the answers after it are exactly those of a graph built from a
// snapshot of the same version, and a write by another process (the version moved by more than
// the API's own writes) has the next analysis rebuild the graph. On both stores, over HTTP.
import { describe, expect, it } from 'vitest';
import { AnalysisService } from '../../src/services/analysis-service.ts';
import { eachStore, openNeo4jStore, spainRefusesCeasefire } from '../support/fixtures.ts';
import { API_KEY, seededApi, type ApiClient } from '../support/graphql-client.ts';

const { yaml: DOSSIER, text: TEXT } = spainRefusesCeasefire('source:test-live');

// Analyses whose answers depend on every part of the graph and on its order (ties).
const ANALYSES = `{
  tensions { totalCount edges { node { kind explanation relationships { id } } } }
  centrality(metric: PAGERANK, first: 8) { node { id } score }
  toRussia: shortestPath(from: "state:ITA", to: "state:RUS") { length relationships { id } }
  toCeasefire: shortestPath(from: "state:ITA", to: "condition:ceasefire-in-force") { length relationships { id } }
}`;

const writer = { authorization: `Bearer ${API_KEY}` };

async function analyses(api: ApiClient) {
  const answer = await api.query<{ tensions: { totalCount: number } }>(ANALYSES);
  expect(answer.errors).toBeUndefined();
  return answer.data;
}

/** What a graph built from a snapshot of the store's current version answers. */
async function fromFreshGraph(api: ApiClient) {
  const fresh = new AnalysisService(api.store);
  try {
    const other = await seededApi(api.store, { analysis: fresh, batches: [] });
    return await analyses(other);
  } finally {
    await fresh.close();
  }
}

for (const [name, open, skip] of eachStore()) {
  describe.skipIf(skip)(`the live analysis graph on ${name}`, () => {
    it("applies the API's own writes in place and answers as a graph built afresh", async () => {
      const store = await open();
      const analysis = new AnalysisService(store);
      try {
        const api = await seededApi(store, { analysis });
        const before = await analyses(api);
        expect(analysis.graphStats).toEqual({ builds: 1, changesApplied: 0 });

        // A new source: a node and an edge are added.
        const ingest = await api.query('mutation($y: String!, $t: String!) { ingestDossier(yaml: $y, sourceText: $t) { relationshipsCreated } }', { y: DOSSIER, t: TEXT }, writer);
        expect(ingest.errors).toBeUndefined();
        const added = await analyses(api);
        expect(analysis.graphStats).toEqual({ builds: 1, changesApplied: 1 });
        expect(added?.tensions.totalCount).toBe((before?.tensions.totalCount ?? 0) + 5);
        expect(added).toEqual(await fromFreshGraph(api));

        // Its statement disputed: the fact no longer holds, and leaves the graph.
        const spain = await api.query<{ node: { outgoing: { edges: { node: { statements: { id: string }[] } }[] } } }>(
          '{ node(id: "state:ESP") { outgoing { edges { node { statements { id } } } } } }',
        );
        const statementId = spain.data?.node.outgoing.edges[0]?.node.statements[0]?.id;
        const review = await api.query('mutation($id: ID!) { reviewStatement(statementId: $id, state: DISPUTED, note: "a test of the live graph") { id } }', { id: statementId }, writer);
        expect(review.errors).toBeUndefined();
        const disputed = await analyses(api);
        expect(analysis.graphStats).toEqual({ builds: 1, changesApplied: 2 });
        expect(disputed?.tensions).toEqual(before?.tensions);
        expect(disputed).toEqual(await fromFreshGraph(api));

        // A write this API did not make (another process: here, another connection to the store).
        if (name === 'neo4j') {
          const elsewhere = await openNeo4jStore();
          try {
            await elsewhere.reviewStatement(statementId as string, { state: 'reviewed', by: 'another-process' });
          } finally {
            await elsewhere.close();
          }
          const rebuilt = await analyses(api);
          expect(analysis.graphStats).toEqual({ builds: 2, changesApplied: 2 });
          expect(rebuilt).toEqual(added);
        }
      } finally {
        await analysis.close();
        await store.close();
      }
    });
  });
}

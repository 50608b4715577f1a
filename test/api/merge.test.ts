// The mergeNodes mutation on each store, in-process (yoga.fetch): refused without an API key and on
// a kind mismatch (nothing written), and once merged, the old id answers node(id:) with the kept node
// and the live analysis graph, which applies the merge in place, answers as one built afresh.
import { describe, expect, it, onTestFinished } from 'vitest';
import { AnalysisService } from '../../src/services/analysis-service.ts';
import { eachStore } from '../support/fixtures.ts';
import { API_KEY, codes, seededApi } from '../support/graphql-client.ts';
import { mergeArticles, newLeadsId } from '../support/merge-articles.ts';

const MERGE = `mutation($from: ID!, $into: ID!) {
  mergeNodes(from: $from, into: $into) { node { id name aliases } load { nodesRemoved nodesUpdated relationshipsRemoved relationshipsUpdated relationshipsCreated } }
}`;
const writer = { authorization: `Bearer ${API_KEY}` };

for (const [name, open, skip] of eachStore()) {
  describe.skipIf(skip)(`the mergeNodes mutation on ${name}`, () => {
    async function api() {
      const store = await open();
      onTestFinished(() => store.close());
      return seededApi(store, { batches: mergeArticles() });
    }

    it('refuses an unauthenticated merge and a kind mismatch, writing nothing', async () => {
      const client = await api();
      const version = await client.store.version();
      const anonymous = await client.query(MERGE, { from: 'person:meloni', into: 'person:giorgia-meloni' });
      expect(codes(anonymous)).toEqual(['UNAUTHENTICATED']);
      const mismatch = await client.query(MERGE, { from: 'person:meloni', into: 'state:ITA' }, writer);
      expect(codes(mismatch)).toEqual(['MERGE_KIND_MISMATCH']);
      const unknown = await client.query(MERGE, { from: 'person:nobody', into: 'state:ITA' }, writer);
      expect(codes(unknown)).toEqual(['NODE_NOT_FOUND']);
      expect(await client.store.version()).toBe(version);
      expect((await client.store.getNodes(['person:meloni']))[0]?.id).toBe('person:meloni');
    });

    it('merges, answering the kept node and the counts; the old id then resolves to it', async () => {
      const client = await api();
      const merged = await client.query(MERGE, { from: 'person:meloni', into: 'person:giorgia-meloni' }, writer);
      expect(merged.errors).toBeUndefined();
      expect(merged.data).toEqual({
        mergeNodes: {
          node: { id: 'person:giorgia-meloni', name: 'Giorgia Meloni', aliases: ['person:meloni', 'Meloni', 'Signora Meloni'] },
          load: { nodesRemoved: 1, nodesUpdated: 1, relationshipsRemoved: 1, relationshipsUpdated: 2, relationshipsCreated: 0 },
        },
      });
      const byOldId = await client.query<{ node: { id: string; outgoing: { edges: { node: { id: string; sourceCount: number } }[] } } }>(
        '{ node(id: "person:meloni") { id outgoing { edges { node { id sourceCount } } } } }',
      );
      expect(byOldId.errors).toBeUndefined();
      expect(byOldId.data?.node).toEqual({ id: 'person:giorgia-meloni', outgoing: { edges: [{ node: { id: newLeadsId, sourceCount: 2 } }] } });
    });

    it('the live analysis graph applies the merge and answers as a graph built afresh', async () => {
      const store = await open();
      const analysis = new AnalysisService(store);
      const fresh = new AnalysisService(store);
      onTestFinished(async () => {
        await analysis.close();
        await fresh.close();
        await store.close();
      });
      const client = await seededApi(store, { batches: mergeArticles(), analysis });
      const ANALYSES = '{ centrality(metric: DEGREE, first: 10) { node { id } score } }';
      const ranked = (answer: { data?: { centrality: { node: { id: string } }[] } }) => answer.data?.centrality.map((c) => c.node.id);
      expect(ranked(await client.query(ANALYSES))).toContain('person:meloni');
      expect((await client.query(MERGE, { from: 'person:meloni', into: 'person:giorgia-meloni' }, writer)).errors).toBeUndefined();
      const live = await client.query<{ centrality: { node: { id: string } }[] }>(ANALYSES);
      expect(analysis.graphStats).toMatchObject({ builds: 1, changesApplied: 1 });
      expect(ranked(live)).not.toContain('person:meloni');
      expect(ranked(live)).toContain('person:giorgia-meloni');
      const rebuilt = await (await seededApi(store, { batches: [], analysis: fresh })).query(ANALYSES);
      expect(live.data).toEqual(rebuilt.data);
    });
  });
}

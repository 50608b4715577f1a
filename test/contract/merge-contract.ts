// The merge part of the GraphStore contract, run against every adapter: one node merged into another
// of its kind moves every fact that names it, joins facts that then coincide, and leaves its id as
// an alias that still resolves, also to later loads (src/store/merge-plan.ts). Refusals write nothing.
import { describe, expect, it, onTestFinished } from 'vitest';
import { MAX_ALIASES, type GraphBatch, type GraphNode } from '../../src/domain/model.ts';
import type { GraphChange, GraphStore } from '../../src/store/graph-store.ts';
import type { StoreFactory } from '../support/fixtures.ts';
import { mergeArticles, newLeadsId, oldLeadsId, refusalId } from '../support/merge-articles.ts';

const versionNumber = (version: string) => Number(version.slice(version.indexOf(':') + 1));

export function describeMergeContract(name: string, makeStore: StoreFactory, options: { skip?: boolean } = {}): void {
  describe.skipIf(options.skip)(`GraphStore merge contract: ${name}`, () => {
    async function storeWithArticles(): Promise<GraphStore> {
      const store = await makeStore();
      onTestFinished(() => store.close());
      for (const batch of mergeArticles()) await store.upsert(batch);
      return store;
    }

    it('moves every fact naming the old node, joins the facts that coincide, keeps statements and reviews', async () => {
      const store = await storeWithArticles();
      const [before] = await store.getRelationships([oldLeadsId]);
      const statementA = before?.statements[0]?.id as string;
      await store.reviewStatement(statementA, { state: 'reviewed', by: 'analyst', at: '2026-12-01T00:00:00Z' });
      const version = await store.version();
      const changes: GraphChange[] = [];
      onTestFinished(store.onChange((change) => changes.push(change)));

      const report = await store.mergeNodes('person:meloni', 'person:giorgia-meloni');

      expect(report).toMatchObject({ nodesRemoved: 1, nodesUpdated: 1, relationshipsRemoved: 1, relationshipsUpdated: 2, relationshipsCreated: 0 });
      expect(versionNumber(await store.version())).toBe(versionNumber(version) + 1);
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatchObject({ removedNodes: ['person:meloni'], removedFacts: [oldLeadsId] });
      const [oldLeads, leads, refusal] = await store.getRelationships([oldLeadsId, newLeadsId, refusalId]);
      expect(oldLeads).toBeNull();
      expect(leads?.statements.map((s) => s.sourceId).sort()).toEqual(['source:a', 'source:b']);
      expect(leads?.sourceCount).toBe(2);
      const moved = leads?.statements.find((s) => s.id === statementA);
      expect(moved?.review).toEqual({ state: 'reviewed', by: 'analyst', at: '2026-12-01T00:00:00Z' });
      expect(moved?.claim.from).toBe('person:giorgia-meloni');
      expect(moved?.claim.evidence[0]?.quote).toBe('Meloni, who leads Italy');
      expect(refusal && 'statedBy' in refusal ? refusal.statedBy : undefined).toEqual(['person:giorgia-meloni']);
      const snapshot = await store.snapshot();
      expect(snapshot.nodes.map((n) => n.key)).not.toContain('person:meloni');
      expect(JSON.stringify(snapshot.edges)).not.toContain('"person:meloni"');
      expect((await store.counts()).nodes.PERSON).toBe(1);
    });

    it('keeps the old id, name and aliases as aliases: getNodes and searchNodes resolve the old id', async () => {
      const store = await storeWithArticles();
      const { node } = await store.mergeNodes('person:meloni', 'person:giorgia-meloni');
      expect(node).toMatchObject({ id: 'person:giorgia-meloni', name: 'Giorgia Meloni', aliases: ['person:meloni', 'Meloni', 'Signora Meloni'] });
      const [byOldId, byNewId, unknown] = await store.getNodes(['person:meloni', 'person:giorgia-meloni', 'person:nobody']);
      expect(byOldId?.id).toBe('person:giorgia-meloni');
      expect(byNewId).toEqual(node);
      expect(unknown).toBeNull();
      expect((await store.searchNodes('signora', undefined, 5)).map((n) => n.id)).toEqual(['person:giorgia-meloni']);
      const outgoing = await store.listRelationships({ from: ['person:giorgia-meloni'] }, { first: 10 });
      expect(outgoing.items.map((f) => f.id)).toEqual([newLeadsId]);
    });

    it('reads a later load that still names the old id as naming the kept node: an unchanged reload writes nothing', async () => {
      const store = await storeWithArticles();
      await store.mergeNodes('person:meloni', 'person:giorgia-meloni');
      const snapshot = await store.snapshot();
      const version = await store.version();
      const [articleA] = mergeArticles();
      const reload = await store.upsert(articleA as GraphBatch);
      expect(reload).toMatchObject({ nodesCreated: 0, relationshipsCreated: 0, relationshipsUpdated: 0, statementsAdded: 0, statementsChanged: 0, versionsAdded: 0 });
      expect(await store.snapshot()).toEqual(snapshot);
      expect(await store.version()).toBe(version);
      expect((await store.sourceVersions('source:a')).map((v) => v.version)).toEqual([1]);
      // A revision that still names the old id: its changed claim lands on the kept node's fact.
      const revised = { ...(articleA as GraphBatch), relationships: (articleA as GraphBatch).relationships.map((r) => (r.type === 'LEADS' ? { ...r, role: 'Premier' } : r)) } as GraphBatch;
      const report = await store.upsert(revised);
      expect(report).toMatchObject({ nodesCreated: 0, relationshipsCreated: 0, statementsChanged: 1, versionsAdded: 1 });
      const [leads, oldLeads] = await store.getRelationships([newLeadsId, oldLeadsId]);
      expect(oldLeads).toBeNull();
      expect(leads?.statements.map((s) => (s.claim as { role?: string }).role).sort()).toEqual(['Premier', 'Prime Minister']);
      expect((await store.getNodes(['person:meloni']))[0]?.id).toBe('person:giorgia-meloni');
    });

    it('refuses unknown ids, one node into itself, different kinds and sources, writing nothing', async () => {
      const store = await storeWithArticles();
      const snapshot = await store.snapshot();
      const version = await store.version();
      await expect(store.mergeNodes('person:nobody', 'person:giorgia-meloni')).rejects.toMatchObject({ code: 'NODE_NOT_FOUND', details: { ids: ['person:nobody'] } });
      await expect(store.mergeNodes('person:meloni', 'person:meloni')).rejects.toMatchObject({ code: 'MERGE_SAME_NODE' });
      await expect(store.mergeNodes('person:meloni', 'state:ITA')).rejects.toMatchObject({ code: 'MERGE_KIND_MISMATCH', details: { fromKind: 'PERSON', intoKind: 'STATE' } });
      await expect(store.mergeNodes('source:a', 'source:b')).rejects.toMatchObject({ code: 'MERGE_SOURCE' });
      expect(await store.snapshot()).toEqual(snapshot);
      expect(await store.version()).toBe(version);
    });

    it('re-points conditions that named the old node or a fact whose id moved (consent tensions and scenarios read them)', async () => {
      const store = await storeWithArticles();
      const consent: GraphNode = { id: 'condition:meloni-consents', kind: 'CONDITION', name: 'Meloni consents', aliases: [], conditionKind: 'consent_of', subject: 'person:meloni' };
      const leadsHold: GraphNode = { id: 'condition:meloni-still-leads', kind: 'CONDITION', name: 'Meloni still leads Italy', aliases: [], conditionKind: 'commitment', subject: oldLeadsId };
      const unrelated: GraphNode = { id: 'condition:italy-consents', kind: 'CONDITION', name: 'Italy consents', aliases: [], conditionKind: 'consent_of', subject: 'state:ITA' };
      await store.upsert({ nodes: [consent, leadsHold, unrelated], relationships: [] });

      const report = await store.mergeNodes('person:meloni', 'person:giorgia-meloni');

      expect(report.nodesUpdated).toBe(3);
      const [a, b, c] = await store.getNodes([consent.id, leadsHold.id, unrelated.id]);
      expect(a).toEqual({ ...consent, subject: 'person:giorgia-meloni' });
      expect(b).toEqual({ ...leadsHold, subject: newLeadsId });
      expect(c).toEqual(unrelated);
    });

    it('refuses a merge that would give the kept node more aliases than a node may carry, writing nothing', async () => {
      const store = await storeWithArticles();
      const many = Array.from({ length: MAX_ALIASES - 1 }, (_, i) => `Meloni alias ${i + 1}`);
      await store.upsert({ nodes: [{ id: 'person:giorgia-meloni', kind: 'PERSON', name: 'Giorgia Meloni', aliases: many }], relationships: [] });
      const snapshot = await store.snapshot();
      const version = await store.version();
      // person:meloni brings its id, name and one alias: 99 + 3 > 100.
      await expect(store.mergeNodes('person:meloni', 'person:giorgia-meloni')).rejects.toMatchObject({ code: 'MERGE_TOO_MANY_ALIASES', details: { aliases: MAX_ALIASES + 2, limit: MAX_ALIASES } });
      expect(await store.snapshot()).toEqual(snapshot);
      expect(await store.version()).toBe(version);
    });
  });
}

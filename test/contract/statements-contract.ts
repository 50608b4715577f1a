// The many-sources part of the GraphStore contract, run against every adapter: facts with
// statements, source versions and revisions, reviews and unloads (src/store/statement-plan.ts,
// src/domain/statements.ts). Small sources are built here, each with its text and verified quotes;
// every test opens its own store and brings it to the point its story starts from (storeAfter).
import { describe, expect, it, onTestFinished } from 'vitest';
import type { GraphBatch, GraphNode, GraphRelationship } from '../../src/domain/model.ts';
import { deriveFactId, sha256Hex } from '../../src/domain/relationship-id.ts';
import { factsFromClaims } from '../../src/domain/statements.ts';
import type { GraphStore } from '../../src/store/graph-store.ts';
import type { StoreFactory } from '../support/fixtures.ts';
import { claim, sourceNode } from '../support/quoted-claims.ts';

const uk: GraphNode = { id: 'state:GBR', kind: 'STATE', name: 'United Kingdom', aliases: [] };
const it_: GraphNode = { id: 'state:ITA', kind: 'STATE', name: 'Italy', aliases: [] };
const meloni: GraphNode = { id: 'person:giorgia-meloni', kind: 'PERSON', name: 'Giorgia Meloni', aliases: [] };
const force: GraphNode = { id: 'initiative:force', kind: 'INITIATIVE', name: 'Multinational force', aliases: [] };



const LEADS = { type: 'LEADS', from: 'person:giorgia-meloni', to: 'state:ITA', role: 'Prime Minister' };
const TROOPS = { type: 'PLEDGED', from: 'state:GBR', to: 'initiative:force', action: 'send troops', firmness: 'firm', conditions: [], unresolved: [], statedBy: [], statedAt: '2026-01-06' };
const REFUSAL = { type: 'REFUSED', from: 'state:ITA', to: 'initiative:force', action: 'send troops', firmness: 'firm', conditions: [], unresolved: [], statedBy: [], statedAt: '2026-01-06' };

const textA1 = 'Meloni, who leads Italy, said Italy would not send troops. Britain pledged troops.';
const textA2 = 'Meloni, who leads Italy, said Italy would not send troops. Britain said it might send troops.';
const textB = 'Italian Prime Minister Giorgia Meloni spoke. The UK pledged troops to the force.';

function articleA1(): GraphBatch {
  return {
    nodes: [sourceNode('source:a', textA1), uk, it_, meloni, force],
    relationships: [
      claim('source:a', textA1, 'Meloni, who leads Italy', LEADS, 'meloni-leads'),
      claim('source:a', textA1, 'Italy would not send troops', REFUSAL, 'ita-refuses'),
      claim('source:a', textA1, 'Britain pledged troops', TROOPS, 'gbr-pledges'),
    ],
    complete: true,
  };
}

/** The revision of A: the UK's pledge is now hedged (changed), Italy's refusal is dropped. */
function articleA2(): GraphBatch {
  return {
    nodes: [sourceNode('source:a', textA2), uk, it_, meloni, force],
    relationships: [
      claim('source:a', textA2, 'Meloni, who leads Italy', LEADS, 'meloni-leads'),
      claim('source:a', textA2, 'Britain said it might send troops', { ...TROOPS, firmness: 'hedged' }, 'gbr-pledges'),
    ],
    complete: true,
  };
}

function articleB(): GraphBatch {
  return {
    nodes: [sourceNode('source:b', textB), uk, it_, meloni, force],
    relationships: [
      claim('source:b', textB, 'Italian Prime Minister Giorgia Meloni', LEADS, 'meloni-leads'),
      claim('source:b', textB, 'The UK pledged troops to the force', { ...TROOPS, statedAt: '2026-01-07' }, 'uk-troops'),
    ],
    complete: true,
  };
}

const leadsId = deriveFactId(LEADS as never);
const troopsId = deriveFactId(TROOPS as never);
const refusalId = deriveFactId(REFUSAL as never);

/** One step of the story the tests start from, applied to a fresh store. */
type Step = (store: GraphStore) => Promise<unknown>;

/** Sources A (first version) and B: two facts both assert, and Italy's refusal A alone asserts. */
async function loadBothArticles(store: GraphStore): Promise<void> {
  await store.upsert(articleA1());
  await store.upsert(articleB());
}

/** A reviewer disputes B's statement that Meloni leads Italy; the fact as re-resolved. */
async function disputeLeadsFromB(store: GraphStore) {
  const [leads] = await store.getRelationships([leadsId]);
  const fromB = leads?.statements.find((s) => s.sourceId === 'source:b');
  return store.reviewStatement(fromB?.id as string, { state: 'disputed', by: 'ana', at: '2026-11-29T10:00:00Z', note: 'not in this article' });
}

/** A's second version: the UK's pledge hedged, Italy's refusal dropped. */
const reviseArticleA: Step = (store) => store.upsert(articleA2());

export function describeStatementContract(name: string, makeStore: StoreFactory, options: { skip?: boolean } = {}): void {
  describe.skipIf(options.skip)(`GraphStore contract, many sources: ${name}`, () => {
    /** A fresh store of this adapter, closed when the test ends, with `steps` applied in order. */
    async function storeAfter(...steps: Step[]): Promise<GraphStore> {
      const store = await makeStore();
      onTestFinished(() => store.close());
      for (const step of steps) await step(store);
      return store;
    }

    it('makes one fact of what two sources assert, with a statement from each', async () => {
      const store = await storeAfter();
      expect(await store.upsert(articleA1())).toMatchObject({ relationshipsCreated: 3, statementsAdded: 3, versionsAdded: 1 });
      expect(await store.upsert(articleB())).toMatchObject({ relationshipsCreated: 0, relationshipsUpdated: 2, statementsAdded: 2, versionsAdded: 1 });
      const [leads, troops] = await store.getRelationships([leadsId, troopsId]);
      expect(leads?.statements.map((s) => s.sourceId).sort()).toEqual(['source:a', 'source:b']);
      expect(leads?.sourceCount).toBe(2);
      expect(troops?.sourceCount).toBe(2);
      expect(troops && 'statedAt' in troops ? troops.statedAt : undefined).toBe('2026-01-06');
      expect(troops?.disagreements).toEqual([{ property: 'statedAt', values: ['"2026-01-06"', '"2026-01-07"'], statements: troops?.statements.map((s) => s.id).sort() }]);
      expect((await store.counts()).relationships).toEqual({ LEADS: 1, PLEDGED: 1, REFUSED: 1 });
      expect((await store.snapshot()).edges).toHaveLength(3);
      expect((await store.listRelationships({ minSources: 2 }, {})).items.map((r) => r.id).sort()).toEqual([leadsId, troopsId].sort());
      expect((await store.listRelationships({ sources: ['source:b'] }, {})).totalCount).toBe(2);
    });

    it('changes nothing when a source is loaded again unchanged', async () => {
      const store = await storeAfter(loadBothArticles);
      const version = await store.version();
      const before = await store.snapshot();
      const report = await store.upsert(articleA1());
      expect(report).toMatchObject({ relationshipsCreated: 0, relationshipsUpdated: 0, relationshipsRemoved: 0, statementsAdded: 0, statementsChanged: 0, versionsAdded: 0, relationshipsUnchanged: 3 });
      expect(await store.version()).toBe(version);
      expect(await store.snapshot()).toEqual(before);
      expect((await store.sourceVersions('source:a')).map((v) => v.version)).toEqual([1]);
    });

    it('keeps a review when other statements of the fact are revised, and a disputed statement does not count', async () => {
      const store = await storeAfter(loadBothArticles);
      const reviewed = await disputeLeadsFromB(store);
      expect(reviewed?.sourceCount).toBe(1);
      expect(reviewed?.disputed).toBe(true);
      expect((await store.listRelationships({ disputed: true }, {})).items.map((r) => r.id)).toEqual([leadsId]);
      expect((await store.listRelationships({ minSources: 2 }, {})).items.map((r) => r.id)).toEqual([troopsId]);
      expect(await store.reviewStatement('stmt:00000000000000000000', { state: 'reviewed' })).toBeNull();
    });

    it('replaces a revised source\'s statements: what it no longer states goes, unchanged statements keep id and review', async () => {
      const store = await storeAfter(loadBothArticles, disputeLeadsFromB);
      const [troopsBefore] = await store.getRelationships([troopsId]);
      const report = await store.upsert(articleA2());
      expect(report).toMatchObject({ statementsAdded: 0, statementsChanged: 1, statementsRemoved: 1, relationshipsRemoved: 1, versionsAdded: 1 });
      const [refusal, troops, leads] = await store.getRelationships([refusalId, troopsId, leadsId]);
      expect(refusal).toBeNull();
      expect(troops?.statements.map((s) => s.id).sort()).toEqual(troopsBefore?.statements.map((s) => s.id).sort());
      const fromA = troops?.statements.find((s) => s.sourceId === 'source:a');
      expect(fromA?.claim).toMatchObject({ firmness: 'hedged' });
      expect(fromA?.sourceVersion).toBe(2);
      expect(troops && 'firmness' in troops ? troops.firmness : undefined).toBe('firm'); // B's statement (07 Jan) is the latest
      expect(leads?.statements.find((s) => s.sourceId === 'source:b')?.review).toMatchObject({ state: 'disputed', by: 'ana' });
      expect(leads?.statements.find((s) => s.sourceId === 'source:a')?.sourceVersion).toBe(1);
      const versions = await store.sourceVersions('source:a');
      expect(versions.map((v) => [v.version, v.statements.length, v.text])).toEqual([
        [1, 3, textA1],
        [2, 2, textA2],
      ]);
      expect(versions[1]?.sha256).toBe(sha256Hex(textA2));
      expect((await store.counts()).relationships).toEqual({ LEADS: 1, PLEDGED: 1 });
    });

    it('refuses a revision whose text no longer holds a quote, and writes nothing', async () => {
      const store = await storeAfter(loadBothArticles, disputeLeadsFromB, reviseArticleA);
      const before = await store.snapshot();
      const broken = articleA2();
      broken.nodes[0] = sourceNode('source:a', 'A different text altogether, with nothing quoted in it at all.');
      await expect(store.upsert(broken)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await store.snapshot()).toEqual(before);
      expect(await store.sourceVersions('source:a')).toHaveLength(2);
    });

    it('unloads a source: its statements, versions and node go; facts others assert stay', async () => {
      const store = await storeAfter(loadBothArticles, disputeLeadsFromB, reviseArticleA);
      const report = await store.unloadSource('source:b');
      expect(report).toMatchObject({ statementsRemoved: 2, nodesRemoved: 1, relationshipsRemoved: 0 });
      expect(await store.sourceVersions('source:b')).toEqual([]);
      expect(await store.getNodes(['source:b'])).toEqual([null]);
      const [leads, troops] = await store.getRelationships([leadsId, troopsId]);
      expect(leads?.statements.map((s) => s.sourceId)).toEqual(['source:a']);
      expect(leads?.disputed).toBe(false);
      expect(troops && 'firmness' in troops ? troops.firmness : undefined).toBe('hedged');
      expect(await store.unloadSource('source:nothing')).toMatchObject({ nodesRemoved: 0 });
    });

    it('holds a fact in each phase of a source and not in the gap between them (as-of filters match per statement)', async () => {
      const store = await storeAfter();
      const text = 'Prussia row 1. Prussia row 2.';
      const member = { type: 'MEMBER_OF', from: 'state:PRU', to: 'alliance:holy' };
      const batch: GraphBatch = {
        nodes: [sourceNode('source:atop', text), { id: 'state:PRU', kind: 'STATE', name: 'Prussia', aliases: [] }, { id: 'alliance:holy', kind: 'ALLIANCE', name: 'Holy Alliance', aliases: [] }],
        relationships: [
          claim('source:atop', text, 'Prussia row 1.', { ...member, validFrom: '1815-09-26', validTo: '1848-12-31' }, '1815'),
          claim('source:atop', text, 'Prussia row 2.', { ...member, validFrom: '1850-05-01', validTo: '1866-08-23' }, '1850'),
        ],
        complete: true,
      };
      await store.upsert(batch);
      const ids = async (asOf: string) => (await store.listRelationships({ types: ['MEMBER_OF'], asOf }, {})).items.map((r) => r.id);
      const fact = deriveFactId(member as never);
      expect(await ids('1820')).toEqual([fact]);
      expect(await ids('1849-06')).toEqual([]);
      expect(await ids('1855')).toEqual([fact]);
      const [stored] = await store.getRelationships([fact]);
      expect(stored).toEqual(factsFromClaims(batch.relationships)[0]);
      expect(stored?.spans).toEqual([{ from: '1815-09-26', to: '1848-12-31' }, { from: '1850-05-01', to: '1866-08-23' }]);
    });

    it('refuses a new version that would remove all, or more than half, of its source\'s statements unless allowShrink, and writes nothing', async () => {
      const store = await storeAfter();
      const text = 'Meloni, who leads Italy, spoke. Italy would not send troops. Britain pledged troops.';
      const statements = [
        claim('source:c', text, 'Meloni, who leads Italy', LEADS, 'leads'),
        claim('source:c', text, 'Italy would not send troops', REFUSAL, 'refuses'),
        claim('source:c', text, 'Britain pledged troops', TROOPS, 'pledges'),
      ];
      const versionOf = (kept: GraphRelationship[]): GraphBatch => ({ nodes: [sourceNode('source:c', text), uk, it_, meloni, force], relationships: kept, complete: true });
      expect(await store.upsert(versionOf(statements))).toMatchObject({ statementsAdded: 3, versionsAdded: 1 });
      const before = await store.snapshot();
      const graphVersion = await store.version();

      // Two of three gone (more than half), then all of them (the wrong file, a dossier cut short).
      const twoGone = store.upsert(versionOf(statements.slice(0, 1)));
      await expect(twoGone).rejects.toMatchObject({ code: 'SOURCE_SHRINK', details: { sources: [{ sourceId: 'source:c', before: 3, after: 1 }] } });
      await expect(store.upsert(versionOf([]))).rejects.toMatchObject({ code: 'SOURCE_SHRINK', details: { sources: [{ sourceId: 'source:c', before: 3, after: 0 }] } });
      expect(await store.snapshot()).toEqual(before);
      expect(await store.version()).toBe(graphVersion);
      expect(await store.sourceVersions('source:c')).toHaveLength(1);

      // One of three gone is an ordinary revision; emptying the source passes when the load says so.
      expect(await store.upsert(versionOf(statements.slice(0, 2)))).toMatchObject({ statementsRemoved: 1, versionsAdded: 1 });
      expect(await store.upsert(versionOf([]), { allowShrink: true })).toMatchObject({ statementsRemoved: 2, versionsAdded: 1 });
      expect((await store.sourceVersions('source:c')).map((v) => v.statements.length)).toEqual([3, 2, 0]);
      expect((await store.listRelationships({ sources: ['source:c'] }, {})).totalCount).toBe(0);
    });
  });
}

// The grading part of the GraphStore contract, run against every adapter: outlets' reliability held
// once per outlet, statements' credibility on their reviews, and the filters that take them as sets
// (src/domain/filters.ts). Every test opens its own store with two outlets reporting one pledge.
import { describe, expect, it, onTestFinished } from 'vitest';
import type { GraphBatch, GraphNode } from '../../src/domain/model.ts';
import type { GraphStore } from '../../src/store/graph-store.ts';
import type { StoreFactory } from '../support/fixtures.ts';
import { claim, sourceNode } from '../support/quoted-claims.ts';

const uk: GraphNode = { id: 'state:GBR', kind: 'STATE', name: 'United Kingdom', aliases: [] };
const force: GraphNode = { id: 'initiative:force', kind: 'INITIATIVE', name: 'Multinational force', aliases: [] };
const TROOPS = { type: 'PLEDGED', from: 'state:GBR', to: 'initiative:force', action: 'send troops', firmness: 'firm', conditions: [], unresolved: [], statedBy: [], statedAt: '2026-01-06' };
const SUPPORT = { type: 'SUPPORTS', from: 'state:GBR', to: 'state:GBR', role: 'self' };

const wireText = 'Britain pledged troops to the force. Britain supports itself.';
const agencyText = 'The UK pledged troops, the agency said.';

/** Source `source:wire` of outlet `wire` (graded B), two statements, one graded 2; `source:agency` of outlet `agency`, ungraded. */
function wireBatch(credibility: number | undefined = 2): GraphBatch {
  return {
    nodes: [{ ...sourceNode('source:wire', wireText), outlet: 'wire' } as GraphNode, uk, force],
    relationships: [
      { ...claim('source:wire', wireText, 'Britain pledged troops', TROOPS, 'pledge'), ...(credibility === undefined ? {} : { credibility }) },
      claim('source:wire', wireText, 'Britain supports itself', SUPPORT, 'support'),
    ],
    complete: true,
    outletGrades: [{ outlet: 'wire', reliability: 'B' }],
  };
}

function agencyBatch(): GraphBatch {
  return {
    nodes: [{ ...sourceNode('source:agency', agencyText), outlet: 'agency' } as GraphNode, uk, force],
    relationships: [claim('source:agency', agencyText, 'The UK pledged troops', TROOPS, 'pledge')],
    complete: true,
  };
}

const ids = async (store: GraphStore, filter: Parameters<GraphStore['listRelationships']>[0]) =>
  (await store.listRelationships(filter, { first: 50 })).items.map((f) => f.type).sort();

export function describeGradesContract(name: string, makeStore: StoreFactory, options: { skip?: boolean } = {}): void {
  describe.skipIf(options.skip)(`GraphStore grades: ${name}`, () => {
    async function graded(): Promise<GraphStore> {
      const store = await makeStore();
      onTestFinished(() => store.close());
      await store.upsert(wireBatch());
      await store.upsert(agencyBatch());
      return store;
    }

    it('keeps a batch\'s outlet grade once per outlet, and the record\'s credibility on its statement\'s review', async () => {
      const store = await graded();
      expect(await store.outletGrades(['wire', 'agency', 'nobody'])).toEqual(new Map([['wire', 'B']]));
      expect((await store.sourcesOfGrades(['B'])).sort()).toEqual(['source:wire']);
      const [pledge] = (await store.listRelationships({ types: ['PLEDGED'] }, { first: 5 })).items;
      const byId = new Map(pledge?.statements.map((s) => [s.sourceId, s.review.credibility]));
      expect(byId).toEqual(new Map([['source:wire', 2], ['source:agency', undefined]]));
      // The claim stays free of the grade: it is the statement's, not what the source says.
      expect(pledge?.statements.every((s) => !('credibility' in s.claim))).toBe(true);
    });

    it('re-grades an outlet in one write that every source of it sees, and reads no grade as ungraded', async () => {
      const store = await graded();
      const before = await store.version();
      await store.gradeOutlets([{ outlet: 'agency', reliability: 'F' }]);
      expect(await store.version()).not.toBe(before);
      expect(await ids(store, { reliability: ['F'] })).toEqual(['PLEDGED']);
      const after = await store.version();
      await store.gradeOutlets([{ outlet: 'agency', reliability: 'F' }]);
      expect(await store.version(), 'the same grade again is no write').toBe(after);
      await store.gradeOutlets([{ outlet: 'wire', reliability: null }]);
      expect(await store.outletGrades(['wire', 'agency'])).toEqual(new Map([['agency', 'F']]));
      expect(await ids(store, { reliability: ['B'] })).toEqual([]);
    });

    it('filters by reliability and credibility as sets, F and 6 ordinary members, ungraded never matching', async () => {
      const store = await graded();
      expect(await ids(store, { reliability: ['A', 'B'] })).toEqual(['PLEDGED', 'SUPPORTS']);
      expect(await ids(store, { reliability: ['C', 'D', 'E', 'F'] })).toEqual([]);
      expect(await ids(store, { credibility: [2] })).toEqual(['PLEDGED']);
      expect(await ids(store, { credibility: [1, 3, 4, 5, 6] })).toEqual([]);
      // Both criteria are met by one statement: the agency's ungraded statement is not the wire's.
      await store.gradeOutlets([{ outlet: 'agency', reliability: 'F' }]);
      expect(await ids(store, { reliability: ['F'], credibility: [2] })).toEqual([]);
      expect(await ids(store, { reliability: ['F'], sources: ['source:agency'] })).toEqual(['PLEDGED']);
      const counted = await store.listRelationships({ reliability: ['B'], types: ['PLEDGED', 'SUPPORTS'] }, { first: 1 });
      expect(counted.totalCount).toBe(2);
      expect(counted.hasNextPage).toBe(true);
    });

    it('takes a dossier\'s new grade at a reload, keeps a review\'s grade when the review gives none', async () => {
      const store = await graded();
      await store.upsert(wireBatch(6));
      expect(await ids(store, { credibility: [6] })).toEqual(['PLEDGED']);
      const [pledge] = (await store.listRelationships({ sources: ['source:agency'] }, { first: 5 })).items;
      const agencyStatement = pledge?.statements.find((s) => s.sourceId === 'source:agency')?.id as string;
      await store.reviewStatement(agencyStatement, { state: 'reviewed', by: 'ana', credibility: 3 });
      await store.reviewStatement(agencyStatement, { state: 'reviewed', by: 'ana' });
      expect(await ids(store, { credibility: [3] })).toEqual(['PLEDGED']);
      // A reload without a grade leaves the reviewed one as it is.
      await store.upsert(agencyBatch());
      const [again] = await store.getRelationships([pledge?.id as string]);
      expect(again?.statements.find((s) => s.id === agencyStatement)?.review).toMatchObject({ state: 'reviewed', credibility: 3 });
    });

    it('forgets grades on reset', async () => {
      const store = await graded();
      await store.reset();
      expect(await store.outletGrades(['wire'])).toEqual(new Map());
    });
  });
}

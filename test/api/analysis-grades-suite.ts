// Analyses narrowed to grades through the GraphQL API, on each store, over the graded seed reports
// (support/graded-seeds.ts): a grade set answers as the sources it selects do and unlike the whole
// graph; an outlet graded again is seen by the next analysis; bad grades are refused with a code.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { deriveFactId } from '../../src/domain/relationship-id.ts';
import type { StoreFactory } from '../support/fixtures.ts';
import { FIRST, GRADED_SEEDS, gradedDossier, SECOND } from '../support/graded-seeds.ts';
import { API_KEY, codes, seededApi, type ApiClient } from '../support/graphql-client.ts';

const FORCE = 'initiative:multinational-force-ukraine';
const FRANCE_TROOPS = deriveFactId({ type: 'PLEDGED', from: 'state:FRA', to: FORCE });
const RUSSIA_WARNS = deriveFactId({ type: 'WARNED', from: 'state:RUS', to: FORCE });
const auth = { authorization: `Bearer ${API_KEY}` };
const INGEST = 'mutation($y: String!, $t: String!) { ingestDossier(yaml: $y, sourceText: $t) { relationshipsCreated } }';
const GRADE = 'mutation($o: ID!, $r: Reliability) { gradeOutlet(outlet: $o, reliability: $r) { id reliability } }';

/** Both seed articles ingested as graded dossiers (support/graded-seeds.ts). */
async function gradedApi(makeStore: StoreFactory): Promise<ApiClient> {
  const api = await seededApi(await makeStore(), { batches: [] });
  for (const seed of GRADED_SEEDS) {
    const { y, t } = gradedDossier(seed);
    const ingested = await api.query(INGEST, { y, t }, auth);
    expect(ingested.errors, JSON.stringify(ingested.errors)).toBeUndefined();
  }
  return api;
}

const TENSIONS = 'totalCount edges { node { kind explanation relationships { id } } }';
const PATHS = 'totalCount edges { node { length relationships { id } } }';
const SUBGRAPH = 'nodes { id } relationships { id } truncated';
const SCENARIO = 'counts { active inactive undetermined withdrawn reasons cycles } active { id } undetermined { id }';

/** One analysis per request (they pass the query and analysis cost limits one at a time), its data or a failed expectation. */
async function answer(api: ApiClient, field: string): Promise<unknown> {
  const response = await api.query<Record<string, unknown>>(`{ a: ${field} }`);
  expect(response.errors, `${field}: ${JSON.stringify(response.errors)}`).toBeUndefined();
  return response.data?.a;
}

/** Each analysis field with `narrow` put among its arguments. */
const ANALYSES = (narrow: string) => ({
  shortestPath: `shortestPath(from: "state:ITA", to: "state:RUS", ${narrow}) { length relationships { id } }`,
  paths: `paths(from: "state:ITA", to: "state:RUS", maxLength: 4, first: 500, ${narrow}) { ${PATHS} }`,
  neighbourhood: `neighbourhood(id: "state:FRA", depth: 2, ${narrow}) { ${SUBGRAPH} }`,
  centrality: `centrality(metric: DEGREE, first: 30, ${narrow}) { node { id } score }`,
  communities: `communities(${narrow}) { totalCount edges { node { id members { edges { node { id } } } } } }`,
  scenario: `scenario(assume: [], ${narrow}) { ${SCENARIO} }`,
  tensions: `tensions(first: 50, ${narrow}) { ${TENSIONS} }`,
});

export function describeAnalysisGradesApi(name: string, makeStore: StoreFactory, options: { skip?: boolean } = {}): void {
  describe.skipIf(options.skip)(`analyses narrowed to grades over GraphQL on ${name}`, () => {
    describe('reading the graded reports (one API, never written)', () => {
      let api: ApiClient;
      beforeAll(async () => {
        api = await gradedApi(makeStore);
      });
      afterAll(async () => {
        await api?.store.close();
      });

      it('a reliability set answers every analysis as the sources of those outlets do, and differently from the whole graph', async () => {
        const differs: string[] = [];
        for (const [grades, sources] of [
          ['reliability: [B]', `sources: ["${FIRST}"]`],
          ['reliability: [D, E]', `sources: ["${SECOND}"]`],
        ] as const) {
          const graded = ANALYSES(grades);
          const bySources = ANALYSES(sources);
          const whole = ANALYSES('asOf: null');
          for (const field of Object.keys(graded) as (keyof typeof graded)[]) {
            const answered = await answer(api, graded[field]);
            expect(answered, `${field} with ${grades}`).toEqual(await answer(api, bySources[field]));
            if (JSON.stringify(answered) !== JSON.stringify(await answer(api, whole[field]))) differs.push(`${field} ${grades}`);
          }
        }
        // Each analysis answers differently for at least one grade set than for the whole graph (the tests could fail).
        for (const field of ['shortestPath', 'paths', 'neighbourhood', 'centrality', 'scenario', 'tensions']) expect(differs.some((d) => d.startsWith(`${field} `)), field).toBe(true);
        expect(((await answer(api, ANALYSES('reliability: [B]').tensions)) as { totalCount: number }).totalCount).toBe(10);
        expect(await answer(api, ANALYSES('reliability: [D]').shortestPath)).toBeNull();
        expect(await answer(api, ANALYSES('reliability: [A, C, F]').tensions)).toEqual({ totalCount: 0, edges: [] });
      });

      it('a credibility set reads only the statements graded so: France\'s pledge as the declaration (3) states it', async () => {
        const neighbours = (narrow: string) => answer(api, `neighbourhood(id: "state:FRA", ${narrow}) { relationships { id ... on Commitment { firmness } } }`) as Promise<{ relationships: { id: string }[] }>;
        expect((await neighbours('credibility: [3]')).relationships.map((r) => r.id)).toEqual([FRANCE_TROOPS]);
        expect((await neighbours('credibility: [2, 3], reliability: [D]')).relationships.map((r) => r.id)).toEqual([FRANCE_TROOPS]);
        // 3 is the declaration's statement, B the Paris report's outlet: no one statement is both.
        expect((await neighbours('credibility: [3], reliability: [B]')).relationships).toEqual([]);
        expect((await neighbours('credibility: [3], sources: ["' + FIRST + '"]')).relationships).toEqual([]);
        expect((await neighbours('asOf: null')).relationships.length).toBeGreaterThan(1);
        // Ungraded statements, and a derived 1, never match.
        expect((await neighbours('credibility: [1, 4, 5, 6]')).relationships).toEqual([]);
        // A fact one graded statement makes: its grade is kept in the analysis graph's lean record.
        const aroundRussia = (narrow: string) => answer(api, `neighbourhood(id: "state:RUS", ${narrow}) { relationships { id } }`) as Promise<{ relationships: { id: string }[] }>;
        expect((await aroundRussia('credibility: [4]')).relationships.map((r) => r.id)).toEqual([RUSSIA_WARNS]);
        expect((await aroundRussia('credibility: [4], reliability: [B]')).relationships.map((r) => r.id)).toEqual([RUSSIA_WARNS]);
        expect((await aroundRussia('credibility: [4], reliability: [D]')).relationships).toEqual([]);
        expect((await aroundRussia('asOf: null')).relationships.length).toBeGreaterThan(1);
        expect(await answer(api, ANALYSES('credibility: [3]').tensions)).toEqual(await answer(api, ANALYSES('credibility: [3], reliability: [D]').tensions));
      });

      it('refuses grades out of range with BAD_ARGUMENT naming the argument', async () => {
        for (const field of Object.values(ANALYSES('credibility: [7]'))) {
          const response = await api.query(`{ a: ${field} }`);
          expect(codes(response), field).toEqual(['BAD_ARGUMENT']);
          expect(response.errors?.[0]?.message).toContain('credibility');
        }
        expect(codes(await api.query(`{ a: ${ANALYSES('credibility: [0]').tensions} }`))).toEqual(['BAD_ARGUMENT']);
        const reliability = await api.query('query($r: [Reliability!]) { tensions(reliability: $r) { totalCount } }', { r: ['G'] });
        expect(reliability.errors?.length).toBe(1);
        expect(reliability.data ?? null).toBeNull();
      });
    });

    it('sees an outlet graded again in the next analysis (no fact changed)', async () => {
      const api = await gradedApi(makeStore);
      onTestFinished(() => api.store.close());
      const tensions = async (narrow: string) => ((await answer(api, ANALYSES(narrow).tensions)) as { totalCount: number }).totalCount;
      const path = () => answer(api, ANALYSES('reliability: [B]').shortestPath) as Promise<{ length: number } | null>;
      expect(await tensions('reliability: [B]')).toBe(10);
      expect(await tensions('reliability: [D]')).toBe(2);
      expect((await path())?.length).toBe(2);
      expect((await api.query(GRADE, { o: 'allthe-news', r: 'B' }, auth)).data).toEqual({ gradeOutlet: { id: 'allthe-news', reliability: 'B' } });
      // Both outlets are B now: B is the whole graph, D nothing.
      expect(await tensions('reliability: [B]')).toBe(16);
      expect(await tensions('reliability: [D]')).toBe(0);
      expect((await api.query(GRADE, { o: 'paris-wire', r: null }, auth)).data).toEqual({ gradeOutlet: { id: 'paris-wire', reliability: null } });
      expect(await tensions('reliability: [B]')).toBe(2);
      expect(await path()).toBeNull();
    });
  });
}

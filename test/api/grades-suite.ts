// Grades through the GraphQL API, on each store: both seed articles ingested as dossiers that grade
// their outlets and France's troop pledge; the evidence, statements and disagreements show the grades
// (a derived 1 where another outlet corroborates), filters take sets, preferGraded changes which
// statement wins only when asked, and gradeOutlet and reviewStatement grade (authenticated).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { deriveFactId } from '../../src/domain/relationship-id.ts';
import { FIRST_SEED_DIR, SECOND_SEED_DIR, allSeedBatches, type StoreFactory } from '../support/fixtures.ts';
import { API_KEY, codes, seededApi, type ApiClient } from '../support/graphql-client.ts';

const FRANCE_TROOPS = deriveFactId({ type: 'PLEDGED', from: 'state:FRA', to: 'initiative:multinational-force-ukraine' });
const FIRST = 'source:coalition-of-the-willing-paris-summit';
const SECOND = 'source:coalition-of-volunteers-signs-declaration';
const auth = { authorization: `Bearer ${API_KEY}` };
const INGEST = 'mutation($y: String!, $t: String!) { ingestDossier(yaml: $y, sourceText: $t) { relationshipsCreated } }';

/** A seed dossier with its source's outlet graded and France's troop pledge given a credibility. */
function gradedDossier(dir: string, sourceId: string, outlet: string, reliability: string, credibility: number) {
  const yaml = readFileSync(join(dir, 'dossier.yaml'), 'utf8')
    .replace(`  id: ${sourceId}\n`, `  id: ${sourceId}\n  outlet: ${outlet}\n  reliability: ${reliability}\n`)
    .replace('  - ref: fra-pledges-force\n', `  - ref: fra-pledges-force\n    credibility: ${credibility}\n`);
  const textFile = readFileSync(join(dir, 'dossier.yaml'), 'utf8').match(/^ {2}file: (.+)$/m)?.[1] as string;
  return { y: yaml, t: readFileSync(join(dir, textFile), 'utf8') };
}

interface Graded {
  grade: string | null;
  credibility: number | null;
  credibilityDerived: boolean;
  reliability: string | null;
  source: { id: string };
}
const GRADES = 'credibility credibilityDerived reliability grade source { id }';
const FACT = `id ... on Commitment { firmness } evidence { ${GRADES} } statements { ${GRADES} review { credibility } } disagreements { property statements { ${GRADES} } }`;

/** The facts each seed source asserts (its dossier's relationships), from the seed batches. */
function factsOf(sourceId: string): Set<string> {
  const batch = allSeedBatches().find((b) => b.nodes.some((n) => n.id === sourceId && n.kind === 'SOURCE'));
  return new Set(batch?.relationships.map((r) => r.id));
}

export function describeGradesApi(name: string, makeStore: StoreFactory, options: { skip?: boolean } = {}): void {
  describe.skipIf(options.skip)(`grades over GraphQL on ${name}`, () => {
    /** An API with both seed articles ingested as graded dossiers: the Paris report's outlet B, France's pledge 2; the declaration's D and 3. */
    async function gradedApi(): Promise<ApiClient> {
      const api = await seededApi(await makeStore(), { batches: [] });
      onTestFinished(() => api.store.close());
      for (const dossier of [gradedDossier(FIRST_SEED_DIR, FIRST, 'paris-wire', 'B', 2), gradedDossier(SECOND_SEED_DIR, SECOND, 'allthe-news', 'D', 3)]) {
        const ingested = await api.query(INGEST, dossier, auth);
        expect(ingested.errors, JSON.stringify(ingested.errors)).toBeUndefined();
      }
      return api;
    }
    const factOf = async (api: ApiClient, id: string, args = '') =>
      (await api.query<{ relationship: { firmness: string; evidence: Graded[]; statements: (Graded & { review: { credibility: number | null } })[]; disagreements: { property: string; statements: Graded[] }[] } }>(`query($id: ID!) { relationship(id: $id${args}) { ${FACT} } }`, { id })).data?.relationship;
    const total = async (api: ApiClient, filter: string, field = 'relationships') => {
      const response = await api.query<Record<string, { totalCount: number; edges: { node: { id: string } }[] }>>(`{ ${field}(filter: ${filter}, first: 100) { totalCount edges { node { id } } } }`);
      expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
      return response.data?.[field] as { totalCount: number; edges: { node: { id: string } }[] };
    };

    it('shows the dossiers\' grades beside every quote and statement, deriving 1 where another outlet corroborates', async () => {
      const api = await gradedApi();
      const fact = await factOf(api, FRANCE_TROOPS);
      const bySource = (list: Graded[]) => Object.fromEntries(list.map((g) => [g.source.id, { credibility: g.credibility, credibilityDerived: g.credibilityDerived, reliability: g.reliability }]));
      expect(bySource(fact?.statements ?? [])).toEqual({ [FIRST]: { credibility: 2, credibilityDerived: false, reliability: 'B' }, [SECOND]: { credibility: 3, credibilityDerived: false, reliability: 'D' } });
      expect(bySource(fact?.evidence ?? [])).toEqual(bySource(fact?.statements ?? []));
      expect(Object.fromEntries(fact?.evidence.map((e) => [e.source.id, e.grade]) ?? [])).toEqual({ [FIRST]: 'B2', [SECOND]: 'D3' });
      // The firmness disagreement lists each side's grades.
      expect(bySource(fact?.disagreements.find((d) => d.property === 'firmness')?.statements ?? [])).toEqual(bySource(fact?.statements ?? []));
      // A fact both report, graded by neither statement: 1, derived, on each side; one only the Paris report gives: ungraded.
      const shared = [...factsOf(FIRST)].find((id) => id !== FRANCE_TROOPS && factsOf(SECOND).has(id)) as string;
      const corroborated = await factOf(api, shared);
      expect(corroborated?.statements.map((s) => [s.credibility, s.credibilityDerived, s.review.credibility])).toEqual([[1, true, null], [1, true, null]]);
      expect(corroborated?.statements.map((s) => s.grade).sort()).toEqual(['B1*', 'D1*']);
      const alone = [...factsOf(FIRST)].find((id) => !factsOf(SECOND).has(id)) as string;
      expect((await factOf(api, alone))?.evidence.map((e) => [e.credibility, e.credibilityDerived, e.reliability])).toContainEqual([null, false, 'B']);
    });

    it('filters relationships and commitments by grade sets, met by one statement', async () => {
      const api = await gradedApi();
      expect((await total(api, '{ reliability: [D] }')).totalCount).toBe(factsOf(SECOND).size);
      expect((await total(api, '{ reliability: [B, D] }')).totalCount).toBe(new Set([...factsOf(FIRST), ...factsOf(SECOND)]).size);
      expect((await total(api, '{ reliability: [A, C, E, F] }')).totalCount).toBe(0);
      expect((await total(api, '{ credibility: [3] }', 'commitments')).edges.map((e) => e.node.id)).toEqual([FRANCE_TROOPS]);
      expect((await total(api, '{ credibility: [2, 3], reliability: [D] }', 'commitments')).edges.map((e) => e.node.id)).toEqual([FRANCE_TROOPS]);
      // Credibility 3 is the declaration's statement, reliability B the Paris report's: no one statement is both.
      expect((await total(api, '{ credibility: [3], reliability: [B] }')).totalCount).toBe(0);
      // A derived 1 is not a grade a filter matches.
      expect((await total(api, '{ credibility: [1] }')).totalCount).toBe(0);
      const bad = await api.query('{ relationships(filter: { credibility: [7] }) { totalCount } }');
      expect(codes(bad)).toEqual(['BAD_ARGUMENT']);
    });

    it('resolves with the better-graded statement first only when a request says preferGraded', async () => {
      const api = await gradedApi();
      expect((await factOf(api, FRANCE_TROOPS))?.firmness).toBe('hedged');
      expect((await factOf(api, FRANCE_TROOPS, ', preferGraded: true'))?.firmness).toBe('conditional');
      const listed = await api.query<{ commitments: { edges: { node: { id: string; firmness: string } }[] } }>('{ commitments(filter: { credibility: [3] }, preferGraded: true) { edges { node { id firmness } } } }');
      expect(listed.data?.commitments.edges.map((e) => e.node.firmness)).toEqual(['conditional']);
      expect((await factOf(api, FRANCE_TROOPS))?.firmness, 'a later request without it answers as before').toBe('hedged');
    });

    it('grades an outlet and a statement by mutation, only with an API key', async () => {
      const api = await gradedApi();
      const GRADE = 'mutation($o: ID!, $r: Reliability) { gradeOutlet(outlet: $o, reliability: $r) { id reliability } }';
      expect(codes(await api.query(GRADE, { o: 'allthe-news', r: 'F' }))).toEqual(['UNAUTHENTICATED']);
      expect(codes(await api.query(GRADE, { o: 'All The News', r: 'F' }, auth))).toEqual(['BAD_ARGUMENT']);
      expect((await api.query(GRADE, { o: 'allthe-news', r: 'F' }, auth)).data).toEqual({ gradeOutlet: { id: 'allthe-news', reliability: 'F' } });
      expect((await total(api, '{ reliability: [D] }')).totalCount).toBe(0);
      expect((await total(api, '{ reliability: [F] }')).totalCount).toBe(factsOf(SECOND).size);
      const source = await api.query<{ node: { outlet: { id: string; reliability: string } } }>(`{ node(id: "${SECOND}") { ... on Source { outlet { id reliability } } } }`);
      expect(source.data?.node.outlet).toEqual({ id: 'allthe-news', reliability: 'F' });

      const statement = (await api.query<{ relationship: { statements: { id: string; source: { id: string } }[] } }>(`{ relationship(id: "${FRANCE_TROOPS}") { statements { id source { id } } } }`)).data?.relationship.statements.find((s) => s.source.id === SECOND)?.id;
      const REVIEW = 'mutation($id: ID!, $c: Int) { reviewStatement(statementId: $id, state: REVIEWED, credibility: $c) { statements { id credibility review { by credibility } } } }';
      expect(codes(await api.query(REVIEW, { id: statement, c: 0 }, auth))).toEqual(['BAD_ARGUMENT']);
      const reviewed = await api.query<{ reviewStatement: { statements: { id: string; credibility: number; review: { by: string; credibility: number } }[] } }>(REVIEW, { id: statement, c: 5 }, auth);
      expect(reviewed.data?.reviewStatement.statements.find((s) => s.id === statement)).toEqual({ id: statement, credibility: 5, review: { by: 'test-writer', credibility: 5 } });
      expect((await total(api, '{ credibility: [5] }')).edges.map((e) => e.node.id)).toEqual([FRANCE_TROOPS]);
    });
  });
}

// Many sources through the GraphQL API, on each store: the two reports of the Paris summit meet
// on the facts they share, each fact lists its statements, sources and disagreements; a person's
// review changes resolution; a revised dossier replaces its source's statements and sourceDiff
// shows what changed. Expected values come from the two articles' texts. The reads share one API
// over both seed articles that nothing writes to; each test that writes opens its own.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { deriveFactId } from '../../src/domain/relationship-id.ts';
import { allSeedBatches, SECOND_SEED_DIR, threeRefusals, type StoreFactory } from '../support/fixtures.ts';
import { API_KEY, codes, seededApi, type ApiClient } from '../support/graphql-client.ts';

const FORCE = 'initiative:multinational-force-ukraine';
const FRANCE_TROOPS = deriveFactId({ type: 'PLEDGED', from: 'state:FRA', to: FORCE });
const ITALY_REFUSES = deriveFactId({ type: 'REFUSED', from: 'state:ITA', to: FORCE });
const USA_SUPPORT = deriveFactId({ type: 'PLEDGED', from: 'state:USA', to: FORCE });
const FIRST = 'source:coalition-of-the-willing-paris-summit';
const SECOND = 'source:coalition-of-volunteers-signs-declaration';
const THREE = 'source:test-three-refusals';
const auth = { authorization: `Bearer ${API_KEY}` };

const FACT = `
  id type sourceCount disputed periods { from to }
  statements { id sourceVersion source { id } review { state by at note } evidence { quote start end source { id } } claim { id ... on Commitment { firmness action statedAt } } }
  disagreements { property values statements { id source { id } } }
  ... on Commitment { firmness action }
`;

interface Statement {
  id: string;
  sourceVersion: number;
  source: { id: string };
  review: { state: string; by: string | null; at: string | null; note: string | null };
  evidence: { quote: string; start: number; end: number; source: { id: string } }[];
  claim: { id: string; firmness?: string; action?: string };
}
interface Fact {
  id: string;
  sourceCount: number;
  disputed: boolean;
  statements: Statement[];
  disagreements: { property: string; values: string[]; statements: { id: string; source: { id: string } }[] }[];
  firmness?: string;
}

const secondDossier = () => readFileSync(join(SECOND_SEED_DIR, 'dossier.yaml'), 'utf8');
const secondText = () => readFileSync(join(SECOND_SEED_DIR, 'coalition-of-volunteers-signs-declaration.txt'), 'utf8');

const factOf = async (api: ApiClient, id: string) => (await api.query<{ relationship: Fact | null }>(`query($id: ID!) { relationship(id: $id) { ${FACT} } }`, { id })).data?.relationship;

const REVIEW = 'mutation($id: ID!, $state: ReviewState!, $note: String) { reviewStatement(statementId: $id, state: $state, note: $note) { id sourceCount disputed ... on Commitment { firmness } } }';
const DISPUTE_NOTE = '"could participate" reports a possibility, not a pledge';

/** France's hedged statement: the second report's "could participate". */
async function hedgedFranceStatement(api: ApiClient): Promise<Statement> {
  return (await factOf(api, FRANCE_TROOPS))?.statements.find((s) => s.claim.firmness === 'hedged') as Statement;
}

/** The API key's holder disputes France's hedged statement. */
async function disputeHedgedFrance(api: ApiClient) {
  const hedged = await hedgedFranceStatement(api);
  return api.query<{ reviewStatement: { sourceCount: number; disputed: boolean; firmness: string } }>(REVIEW, { id: hedged.id, state: 'DISPUTED', note: DISPUTE_NOTE }, auth);
}

export function describeSourcesApi(name: string, makeStore: StoreFactory, options: { skip?: boolean } = {}): void {
  describe.skipIf(options.skip)(`many sources over GraphQL on ${name}`, () => {
    /** A fresh API over both seed articles, its store closed when the test ends. */
    async function seededSourcesApi(): Promise<ApiClient> {
      const api = await seededApi(await makeStore(), { batches: allSeedBatches() });
      onTestFinished(() => api.store.close());
      return api;
    }

    describe('reading both reports (one API, loaded once, never written)', () => {
      let api: ApiClient;
      beforeAll(async () => {
        api = await seededApi(await makeStore(), { batches: allSeedBatches() });
      });
      afterAll(async () => {
        await api?.store.close();
      });

      it('makes one relationship of what both reports assert, with a statement and verified quotes from each', async () => {
        const italy = await factOf(api, ITALY_REFUSES);
        expect(italy?.sourceCount).toBe(2);
        expect(italy?.statements.map((s) => s.source.id).sort()).toEqual([FIRST, SECOND]);
        expect(italy?.statements.every((s) => s.review.state === 'REVIEWED' && s.review.by === 'commitment-graph maintainers')).toBe(true);
        for (const statement of italy?.statements ?? []) {
          const text = (await api.query<{ node: { text: string } }>('query($id: ID!) { node(id: $id) { ... on Source { text } } }', { id: statement.source.id })).data?.node.text ?? '';
          for (const e of statement.evidence) expect(text.slice(e.start, e.end)).toBe(e.quote);
        }
        const second = italy?.statements.find((s) => s.source.id === SECOND);
        expect(second?.evidence.map((e) => e.quote)).toEqual(["Giorgia Meloni reiterated Italy's refusal to send ground troops"]);
        const counted = await api.query<{ stats: { relationships: number }; shared: { totalCount: number }; refusals: { totalCount: number } }>(
          '{ stats { relationships } shared: relationships(filter: { minSources: 2 }) { totalCount } refusals: commitments(filter: { kinds: [REFUSED], to: ["initiative:multinational-force-ukraine"] }) { totalCount } }',
        );
        // 74 + 27 statements; 20 facts are in both reports, so 81 relationships, and Italy and Poland refuse once each.
        expect(counted.data).toEqual({ stats: { relationships: 81 }, shared: { totalCount: 20 }, refusals: { totalCount: 2 } });
      });

      it('lists where the reports disagree: France is conditional in one and hedged ("could") in the other', async () => {
        const france = await factOf(api, FRANCE_TROOPS);
        expect(france?.disagreements).toEqual([
          { property: 'firmness', values: ['"conditional"', '"hedged"'], statements: expect.arrayContaining([expect.objectContaining({ source: { id: FIRST } }), expect.objectContaining({ source: { id: SECOND } })]) },
        ]);
        expect(france?.statements.map((s) => s.claim.firmness).sort()).toEqual(['conditional', 'hedged']);
      });

      it('filters by source per statement, by review state and by corroboration', async () => {
        const res = await api.query<{ onlySecond: { totalCount: number }; machine: { totalCount: number }; both: { totalCount: number } }>(`{
          onlySecond: relationships(filter: { sources: ["${SECOND}"], minSources: 1 }) { totalCount }
          machine: relationships(filter: { reviewStates: [MACHINE] }) { totalCount }
          both: commitments(filter: { minSources: 2, sources: ["${FIRST}"] }) { totalCount }
        }`);
        expect(res.errors).toBeUndefined();
        // In both reports: France's troops, the British and French hubs, Germany's hedged support, Italy's refusal.
        expect(res.data).toEqual({ onlySecond: { totalCount: 27 }, machine: { totalCount: 0 }, both: { totalCount: 5 } });
      });

      it('narrows analyses to sources: tensions and shortestPath count only what those reports assert', async () => {
        type Tensions = { totalCount: number; edges: { node: { kind: string; explanation: string; relationships: { id: string }[] } }[] };
        const TENSIONS = 'totalCount edges { node { kind explanation relationships { id } } }';
        // Three queries: in one they pass the query and analysis cost limits.
        const all = await api.query<{ whole: Tensions; both: Tensions }>(`{
          whole: tensions(first: 50) { ${TENSIONS} }
          both: tensions(first: 50, sources: ["${FIRST}", "${SECOND}"]) { ${TENSIONS} }
        }`);
        const res = await api.query<{ first: Tensions; second: Tensions }>(`{
          first: tensions(first: 50, sources: ["${FIRST}"]) { ${TENSIONS} }
          second: tensions(first: 50, sources: ["${SECOND}"]) { ${TENSIONS} }
        }`);
        const paths = await api.query<{ viaFirst: { length: number } | null; viaSecond: null }>(`{
          viaFirst: shortestPath(from: "state:ITA", to: "state:RUS", sources: ["${FIRST}"]) { length }
          viaSecond: shortestPath(from: "state:ITA", to: "state:RUS", sources: ["${SECOND}"]) { length }
        }`);
        expect(all.errors).toBeUndefined();
        expect(res.errors).toBeUndefined();
        expect(paths.errors).toBeUndefined();
        const kinds = (t: Tensions | undefined) => [...new Set(t?.edges.map((e) => e.node.kind))];
        expect(all.data?.both).toEqual(all.data?.whole);
        expect(all.data?.whole.totalCount).toBe(16);
        // The first report holds Russia's warning and refusal, the second neither: only its hedged pledges beside firm ones.
        expect(res.data?.first.totalCount).toBe(10);
        expect(kinds(res.data?.first)).toEqual(['CONSENT_OPPOSED', 'CONDITION_REFUSED', 'MEMBER_REFUSES']);
        expect(res.data?.second.totalCount).toBe(2);
        expect(kinds(res.data?.second)).toEqual(['HEDGED_VS_FIRM']);
        // Germany's pledge, stated by both, reads as the second report states it.
        expect(res.data?.second.edges[0]?.node.explanation).toContain('deploy German troops in a neighbouring NATO country is hedged');
        expect(paths.data?.viaFirst?.length).toBe(2);
        expect(paths.data?.viaSecond).toBeNull();
        expect(codes(await api.query('{ tensions(sources: [""]) { totalCount } }'))).toEqual(['BAD_ARGUMENT']);
      });
    });

    it('records a review under the API key\'s name, and a disputed statement stops counting', async () => {
      const api = await seededSourcesApi();
      const hedged = await hedgedFranceStatement(api);
      expect(codes(await api.query(REVIEW, { id: hedged.id, state: 'DISPUTED', note: 'x' }))).toEqual(['UNAUTHENTICATED']);
      expect(codes(await api.query(REVIEW, { id: hedged.id, state: 'DISPUTED' }, auth))).toEqual(['BAD_ARGUMENT']);
      expect(codes(await api.query(REVIEW, { id: 'stmt:00000000000000000000', state: 'REVIEWED' }, auth))).toEqual(['UNKNOWN_ID']);
      const disputed = await disputeHedgedFrance(api);
      expect(disputed.data?.reviewStatement).toEqual({ id: FRANCE_TROOPS, sourceCount: 1, disputed: true, firmness: 'conditional' });
      const after = await factOf(api, FRANCE_TROOPS);
      const review = after?.statements.find((s) => s.id === hedged.id)?.review;
      expect(review).toMatchObject({ state: 'DISPUTED', by: 'test-writer', note: DISPUTE_NOTE });
      expect(Date.parse(review?.at ?? '')).toBeGreaterThan(Date.parse('2026-01-01'));
      expect(after?.disagreements).toEqual([]); // the disputed statement no longer disagrees
      const listed = await api.query<{ relationships: { edges: { node: { id: string } }[] } }>('{ relationships(filter: { disputed: true }) { edges { node { id } } } }');
      expect(listed.data?.relationships.edges.map((e) => e.node.id)).toEqual([FRANCE_TROOPS]);
    });

    it('replaces a revised dossier\'s statements: a dropped claim goes, reviews of unchanged statements stay, and sourceDiff says what changed', async () => {
      const api = await seededSourcesApi();
      await disputeHedgedFrance(api);
      const revised = secondDossier()
        .replace(/ {2}- ref: usa-pledges-support-for-force\n[\s\S]*?(?= {2}- ref: eu-pledges-aid)/, '')
        .replace('refs: [ ita-refuses-troops, usa-pledges-support-for-force ]', 'refs: [ ita-refuses-troops ]')
        .replace('action: send ground troops\n', 'action: send ground troops to Ukraine\n');
      expect(revised).not.toContain('usa-pledges-support-for-force');
      const ingest = await api.query<{ ingestDossier: Record<string, number> }>(
        'mutation($yaml: String!, $text: String!) { ingestDossier(yaml: $yaml, sourceText: $text) { relationshipsRemoved statementsAdded statementsChanged statementsRemoved versionsAdded } }',
        { yaml: revised, text: secondText() },
        auth,
      );
      expect(ingest.errors).toBeUndefined();
      expect(ingest.data?.ingestDossier).toEqual({ relationshipsRemoved: 1, statementsAdded: 0, statementsChanged: 1, statementsRemoved: 1, versionsAdded: 1 });
      expect(await factOf(api, USA_SUPPORT)).toBeNull();
      const france = await factOf(api, FRANCE_TROOPS);
      expect(france?.statements.find((s) => s.source.id === SECOND)?.review.state).toBe('DISPUTED'); // France's statement did not change
      const diff = await api.query<{ sourceDiff: { from: number; to: number; removed: { id: string; claim: { id: string } }[]; added: unknown[]; changed: { properties: string[]; before: { action: string }; after: { action: string } }[]; sentencesAdded: string[] } }>(
        `{ sourceDiff(id: "${SECOND}") { from to removed { id claim { id } } added { id } changed { properties before { ... on Commitment { action } } after { ... on Commitment { action } } } sentencesAdded } }`,
      );
      expect(diff.errors).toBeUndefined();
      expect(diff.data?.sourceDiff).toMatchObject({ from: 1, to: 2, added: [], sentencesAdded: [] });
      expect(diff.data?.sourceDiff.removed.map((s) => s.claim.id)).toEqual([USA_SUPPORT]);
      expect(diff.data?.sourceDiff.changed).toEqual([{ properties: ['action'], before: { action: 'send ground troops' }, after: { action: 'send ground troops to Ukraine' } }]);
      const versions = await api.query<{ node: { versions: { version: number; statementCount: number; sha256: string }[] } }>(`{ node(id: "${SECOND}") { ... on Source { versions { version statementCount sha256 } } } }`);
      expect(versions.data?.node.versions.map((v) => [v.version, v.statementCount])).toEqual([
        [1, 27],
        [2, 26],
      ]);
      expect(codes(await api.query(`{ sourceDiff(id: "${SECOND}", from: 7) { from } }`))).toEqual(['UNKNOWN_VERSION']);
      const again = await api.query<{ ingestDossier: { versionsAdded: number; statementsChanged: number } }>('mutation($yaml: String!, $text: String!) { ingestDossier(yaml: $yaml, sourceText: $text) { versionsAdded statementsChanged } }', { yaml: revised, text: secondText() }, auth);
      expect(again.data?.ingestDossier).toEqual({ versionsAdded: 0, statementsChanged: 0 });
    });

    it('refuses a revision that retracts more than half of its source (SOURCE_SHRINK, nothing written) unless allowShrink: true', async () => {
      const api = await seededSourcesApi();
      const ingest = (kept: number, allowShrink?: boolean) =>
        api.query<{ ingestDossier: { statementsRemoved: number; versionsAdded: number } }>(
          'mutation($yaml: String!, $text: String!, $allowShrink: Boolean) { ingestDossier(yaml: $yaml, sourceText: $text, allowShrink: $allowShrink) { statementsRemoved versionsAdded } }',
          { ...threeRefusals(THREE, kept), ...(allowShrink === undefined ? {} : { allowShrink }) },
          auth,
        );
      const statementCounts = async () =>
        (await api.query<{ node: { versions: { statementCount: number }[] } }>(`{ node(id: "${THREE}") { ... on Source { versions { statementCount } } } }`)).data?.node.versions.map((v) => v.statementCount);
      expect((await ingest(3)).data?.ingestDossier).toEqual({ statementsRemoved: 0, versionsAdded: 1 });
      const refused = await ingest(1);
      expect(codes(refused)).toEqual(['SOURCE_SHRINK']);
      expect(codes(await ingest(1, false))).toEqual(['SOURCE_SHRINK']);
      expect(await statementCounts()).toEqual([3]);
      expect((await ingest(1, true)).data?.ingestDossier).toEqual({ statementsRemoved: 2, versionsAdded: 1 });
      expect(await statementCounts()).toEqual([3, 1]);
    });
  });
}

// The API test suite, run on each store: every query on the seed data with exact expected
// results, pagination, filters, unknown ids, bad arguments, and the authenticated mutation. The
// reads share one seeded API that nothing writes to; the load that writes opens its own.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { StoreFactory } from '../support/fixtures.ts';
import { API_KEY, codes, seededApi, type ApiClient, type GraphQLResponse } from '../support/graphql-client.ts';

const COMMITMENT_FIELDS = `
  id type kind action firmness claim unresolved statedAt status cameo goldstein plover
  from { id } to { id } conditions { id } statedBy { id }
  evidence { quote start end attribution speaker { id } source { id } }
`;

export const NEW_DOSSIER = `
source:
  id: source:test-air-policing-note
  name: A note on Baltic air policing
entities:
  - id: initiative:baltic-air-policing
    kind: INITIATIVE
    name: Baltic air policing
relationships:
  - ref: pol-pledges-jets
    type: PLEDGED
    from: state:POL
    to: initiative:baltic-air-policing
    action: send four jets to Baltic air policing
    firmness: firm
    statedBy: [person:donald-tusk]
    evidence:
      - quote: Poland will send four jets
        attribution: paraphrase
        speaker: person:donald-tusk
  - ref: policing-for-ukraine-force
    type: PART_OF
    from: initiative:baltic-air-policing
    to: initiative:multinational-force-ukraine
    evidence:
      - quote: as part of the reassurance effort
        attribution: reported
`;
export const NEW_SOURCE = 'Poland will send four jets to Baltic air policing as part of the reassurance effort, Donald Tusk said.';

const INGEST = `mutation($yaml: String!, $text: String!) {
  ingestDossier(yaml: $yaml, sourceText: $text) {
    created existing nodesCreated relationshipsCreated relationshipsUnchanged
    relationships { id type from { id } to { id } }
  }
}`;

type Edges<T> = { edges: { cursor: string; node: T }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null; hasPreviousPage: boolean }; totalCount: number };

export function describeApi(name: string, makeStore: StoreFactory, options: { skip?: boolean } = {}): void {
  describe.skipIf(options.skip)(`GraphQL API on ${name}`, () => {
    describe('over the seed, loaded once (nothing writes to it: the refused loads must not)', () => {
      let api: ApiClient;
      beforeAll(async () => {
        api = await seededApi(await makeStore());
      });
      afterAll(async () => {
        await api?.store.close();
      });

      it('answers node(id) with kind-specific fields and null for an unknown id', async () => {
        const res = await api.query(`{
          ita: node(id: "state:ITA") { id name kind aliases ... on State { iso3 cowCode wikidata } }
          summit: node(id: "event:2026-01-06-paris-summit") { ... on Event { date location leadersPresent } }
          consent: node(id: "condition:consent-of-rus") { ... on Condition { conditionKind subject { id } } }
          nothing: node(id: "state:XXX") { id }
        }`);
        expect(res.errors).toBeUndefined();
        expect(res.data).toEqual({
          ita: { id: 'state:ITA', name: 'Italy', kind: 'STATE', aliases: ['Italian', 'Rome'], iso3: 'ITA', cowCode: 325, wikidata: 'Q38' },
          summit: { date: '2026-01-06', location: 'Paris', leadersPresent: 27 },
          consent: { conditionKind: 'consent_of', subject: { id: 'state:RUS' } },
          nothing: null,
        });
      });

      it('searches names and aliases', async () => {
        const res = await api.query<{ a: { id: string }[]; b: { id: string }[]; c: { id: string }[] }>(`{
          a: search(text: "Britain") { id }
          b: search(text: "kremlin", kinds: [STATE]) { id }
          c: search(text: "coalition", first: 1) { id }
        }`);
        expect(res.data?.a[0]?.id).toBe('state:GBR');
        expect(res.data?.b).toEqual([{ id: 'state:RUS' }]);
        expect(res.data?.c).toEqual([{ id: 'alliance:coalition-of-the-willing' }]);
      });

      it('pages through nodes of a kind with no gaps or repeats', async () => {
        const ids: string[] = [];
        let after: string | null = null;
        for (let guard = 0; guard < 10; guard++) {
          const res: GraphQLResponse<{ nodes: Edges<{ id: string }> }> = await api.query(
            `query($after: String) { nodes(kind: PERSON, first: 3, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`,
            { after },
          );
          const page = res.data?.nodes as Edges<{ id: string }>;
          expect(page.totalCount).toBe(10);
          expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
          ids.push(...page.edges.map((e) => e.node.id));
          if (!page.pageInfo.hasNextPage) break;
          after = page.pageInfo.endCursor;
        }
        expect(ids).toHaveLength(10);
        expect(new Set(ids).size).toBe(10);
        expect(ids).toEqual([...ids].sort());
      });

      it('pages through all 20 commitments with no gaps or repeats', async () => {
        const ids: string[] = [];
        let after: string | null = null;
        for (let guard = 0; guard < 10; guard++) {
          const res: GraphQLResponse<{ commitments: Edges<{ id: string }> }> = await api.query(
            `query($after: String) { commitments(first: 6, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
            { after },
          );
          ids.push(...(res.data?.commitments.edges.map((e) => e.node.id) ?? []));
          if (!res.data?.commitments.pageInfo.hasNextPage) break;
          after = res.data.commitments.pageInfo.endCursor;
        }
        expect(ids).toHaveLength(20);
        expect(new Set(ids).size).toBe(20);
      });

      const commitmentCases: [string, string, string[]][] = [
        ['refusals', '{ kinds: [REFUSED] }', ['state:ITA', 'state:POL', 'state:RUS', 'state:UKR']],
        ['pledges gated by a ceasefire (Germany through the force)', '{ conditions: ["condition:ceasefire-in-force"] }', ['state:DEU', 'state:FRA', 'state:FRA', 'state:GBR', 'state:GBR']],
        ['pledges gated by Russian consent, all inherited', '{ conditions: ["condition:consent-of-rus"] }', ['state:DEU', 'state:FRA', 'state:FRA', 'state:GBR', 'state:GBR']],
        ['hedged', '{ firmness: ["hedged"] }', ['state:DEU']],
        ['text', '{ text: "annex" }', ['person:donald-trump']],
        ['warnings to the force', '{ kinds: [WARNED], to: ["initiative:multinational-force-ukraine"] }', ['state:RUS']],
        ['involving Italy', '{ involving: ["state:ITA"] }', ['state:ITA']],
        ['from Trump', '{ from: ["person:donald-trump"], kinds: [PLEDGED] }', ['person:donald-trump', 'person:donald-trump']],
        ['other source', '{ sources: ["source:none"] }', []],
        ['valid on a date', '{ asOf: "2026-01-06", kinds: [REFUSED] }', ['state:ITA', 'state:POL', 'state:RUS', 'state:UKR']],
      ];
      for (const [label, filter, froms] of commitmentCases) {
        it(`filters commitments: ${label}`, async () => {
          const res = await api.query<{ commitments: Edges<{ from: { id: string } }> }>(
            `{ commitments(filter: ${filter}, first: 100) { totalCount edges { node { from { id } } } } }`,
          );
          expect(res.errors).toBeUndefined();
          expect(res.data?.commitments.edges.map((e) => e.node.from.id).sort()).toEqual(froms);
          expect(res.data?.commitments.totalCount).toBe(froms.length);
        });
      }

      it('gives every property of a commitment, with conditions, speakers and quotes', async () => {
        const res = await api.query<{ commitments: Edges<Record<string, unknown>> }>(
          `{ commitments(filter: { from: ["state:GBR"], to: ["initiative:multinational-force-ukraine"] }) { edges { node { ${COMMITMENT_FIELDS} } } } }`,
        );
        const gbr = res.data?.commitments.edges[0]?.node;
        expect(gbr).toMatchObject({
          type: 'PLEDGED',
          kind: 'PLEDGED',
          action: 'deploy troops to Ukraine',
          firmness: 'conditional',
          claim: 'claim:gbr-fra-troop-deployment',
          unresolved: ['number of troops', 'duration of their presence', 'legal framework governing the mission'],
          statedAt: '2026-01-06',
          status: 'announced',
          cameo: '0334',
          goldstein: 6,
          plover: 'AGREE',
          conditions: [{ id: 'condition:ceasefire-in-force' }, { id: 'condition:behind-contact-line' }],
          statedBy: [{ id: 'person:keir-starmer' }],
        });
        expect((gbr?.evidence as unknown[]).length).toBe(5);
      });

      it('backs every relationship with quotes that equal the source text at their offsets', async () => {
        const res = await api.query<{ relationships: Edges<{ evidence: { quote: string; start: number; end: number; source: { text: string } }[] }> }>(
          `{ relationships(first: 500) { totalCount edges { node { evidence { quote start end source { text } } } } } }`,
        );
        expect(res.data?.relationships.totalCount).toBe(74);
        for (const edge of res.data?.relationships.edges ?? []) {
          expect(edge.node.evidence.length).toBeGreaterThan(0);
          for (const e of edge.node.evidence) expect(e.source.text.slice(e.start, e.end)).toBe(e.quote);
        }
      });

      it('filters relationships by type, end and date, and walks outward from a node', async () => {
        const res = await api.query<Record<string, { totalCount: number }>>(`{
          leads: relationships(filter: { types: ["LEADS"] }) { totalCount }
          attended: relationships(filter: { types: ["ATTENDED"], to: ["event:2026-01-06-paris-summit"] }) { totalCount }
          before: relationships(filter: { types: ["INVADED"], asOf: "2021" }) { totalCount }
          after: relationships(filter: { types: ["INVADED"], asOf: "2024-05" }) { totalCount }
        }`);
        expect(res.data).toEqual({ leads: { totalCount: 9 }, attended: { totalCount: 10 }, before: { totalCount: 0 }, after: { totalCount: 1 } });
        const walk = await api.query<{ node: { incoming: Edges<{ from: { id: string } }>; outgoing: { totalCount: number } } }>(`{
          node(id: "initiative:multinational-force-ukraine") {
            incoming(types: ["REFUSED", "WARNED"]) { totalCount edges { node { from { id } } } }
            outgoing(types: ["CONDITIONAL_ON"]) { totalCount }
          }
        }`);
        expect(walk.data?.node.incoming.edges.map((e) => e.node.from.id).sort()).toEqual(['state:ITA', 'state:POL', 'state:RUS']);
        expect(walk.data?.node.outgoing.totalCount).toBe(4);
      });

      it('counts by kind and type', async () => {
        const res = await api.query<{ stats: { nodes: number; relationships: number; nodesByKind: { kind: string; count: number }[]; relationshipsByType: { type: string; count: number }[] } }>(
          `{ stats { nodes relationships nodesByKind { kind count } relationshipsByType { type count } } }`,
        );
        const stats = res.data?.stats;
        expect(stats?.nodes).toBe(42); // the first article's 41 and the registry's European Union
        expect(stats?.relationships).toBe(74);
        expect(stats?.nodesByKind).toContainEqual({ kind: 'PERSON', count: 10 });
        expect(stats?.relationshipsByType).toContainEqual({ type: 'PLEDGED', count: 12 });
        expect(stats?.relationshipsByType).toContainEqual({ type: 'WARNED', count: 4 });
      });

      it('answers bad arguments with coded errors', async () => {
        expect(codes(await api.query('{ relationships(filter: { types: ["LIKES"] }) { totalCount } }'))).toEqual(['BAD_ARGUMENT']);
        expect(codes(await api.query('{ commitments(filter: { asOf: "January" }) { totalCount } }'))).toEqual(['BAD_ARGUMENT']);
        expect(codes(await api.query('{ commitments(filter: { firmness: ["wobbly"] }) { totalCount } }'))).toEqual(['BAD_ARGUMENT']);
        expect(codes(await api.query('{ nodes(after: "garbage!") { totalCount } }'))).toEqual(['BAD_CURSOR']);
        expect(codes(await api.query('{ nodes(first: 5000) { totalCount } }'))).toEqual(['BAD_PAGE_SIZE']);
        expect(codes(await api.query('{ search(text: "x", first: 1000) { id } }'))).toEqual(['BAD_ARGUMENT']);
        expect(codes(await api.query('{ nodes(kind: PLANET) { totalCount } }'))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      });

      describe('ingestDossier', () => {
        const relationshipCount = async () => ((await api.query<{ stats: { relationships: number } }>('{ stats { relationships } }')).data?.stats.relationships ?? -1);

        it('refuses a missing or wrong API key and writes nothing', async () => {
          const before = await relationshipCount();
          const none = await api.query(INGEST, { yaml: NEW_DOSSIER, text: NEW_SOURCE });
          expect(codes(none)).toEqual(['UNAUTHENTICATED']);
          expect(none.status).toBe(401);
          const wrong = await api.query(INGEST, { yaml: NEW_DOSSIER, text: NEW_SOURCE }, { authorization: 'Bearer not-the-key-000000000' });
          expect(codes(wrong)).toEqual(['UNAUTHENTICATED']);
          expect(await relationshipCount()).toBe(before);
        });

        it('refuses an invalid dossier with located problems and writes nothing', async () => {
          const before = await relationshipCount();
          const res = await api.query(INGEST, { yaml: NEW_DOSSIER.replace('four jets\n', 'five jets\n'), text: NEW_SOURCE }, { authorization: `Bearer ${API_KEY}` });
          expect(codes(res)).toEqual(['VALIDATION_FAILED']);
          expect(res.errors?.[0]?.extensions?.problems).toEqual([
            expect.objectContaining({ code: 'QUOTE_NOT_FOUND', path: 'relationships[0].evidence[0].quote', line: 18 }),
          ]);
          expect(await relationshipCount()).toBe(before);
        });
      });
    });

    it('ingestDossier loads a valid dossier that the next query sees, and reports existing ids on a repeat', async () => {
      const api = await seededApi(await makeStore());
      onTestFinished(() => api.store.close());
      const auth = { authorization: `Bearer ${API_KEY}` };
      const res = await api.query<{ ingestDossier: { created: string[]; existing: string[]; nodesCreated: number; relationshipsCreated: number; relationships: { id: string; from: { id: string } }[] } }>(
        INGEST,
        { yaml: NEW_DOSSIER, text: NEW_SOURCE },
        auth,
      );
      expect(res.errors).toBeUndefined();
      const report = res.data?.ingestDossier;
      expect(report?.nodesCreated).toBe(2);
      expect(report?.relationshipsCreated).toBe(2);
      expect(report?.created).toEqual(expect.arrayContaining(['source:test-air-policing-note', 'initiative:baltic-air-policing']));
      expect(report?.existing).toEqual(expect.arrayContaining(['state:POL', 'person:donald-tusk', 'initiative:multinational-force-ukraine']));
      const seen = await api.query<{ commitments: { totalCount: number } }>('{ commitments(filter: { sources: ["source:test-air-policing-note"] }) { totalCount } }');
      expect(seen.data?.commitments.totalCount).toBe(1);
      const again = await api.query<{ ingestDossier: { created: string[]; relationshipsUnchanged: number } }>(INGEST, { yaml: NEW_DOSSIER, text: NEW_SOURCE }, auth);
      expect(again.data?.ingestDossier).toMatchObject({ created: [], relationshipsUnchanged: 2 });
    });
  });
}

// As of a date, everything comes from that date (issue "Nothing lost", row 8), on each store:
// one fact three reports assert — one dated September 2025, two January 2026
// (test/fixtures/as-of/) — asked as of 2025-10-01 cites only the September report (its
// evidence, statement, firmness, sourceCount 1, no disagreement), and as of 2026-02-01 all three;
// through every field that takes a date: the listings, a node's sides, relationship(id) and the
// analysis results that return relationships.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveFactId } from '../../src/domain/relationship-id.ts';
import { validateDossiers } from '../../src/ingest/load-dossiers.ts';
import { allSeedBatches, type StoreFactory } from '../support/fixtures.ts';
import { codes, seededApi, type ApiClient } from '../support/graphql-client.ts';

export const AS_OF_FIXTURE = 'test/fixtures/as-of';
const NOR = 'state:NOR';
const FORCE = 'initiative:test-stabilisation-force';
export const NOR_PLEDGE = deriveFactId({ type: 'PLEDGED', from: NOR, to: FORCE });
export const SEPTEMBER = { source: 'source:test-norway-ready-2025-09', quote: 'Norway would be ready to send troops to a multinational force in Ukraine once a ceasefire is agreed' };
export const JANUARY = [
  { source: 'source:test-norway-pledged-2026-01', quote: 'Norway pledged troops to the multinational force in Ukraine' },
  { source: 'source:test-norway-confirms-2026-01', quote: 'Norway confirmed that it will send troops to the multinational force in Ukraine' },
];

const WHOLE = `id sourceCount disputed evidence { quote source { id } } statements { id source { id } evidence { quote } } disagreements { property } ... on Commitment { firmness statedAt }`;
/** Without statements or disagreements: the read Neo4j would make lean. */
const LEAN = `id sourceCount evidence { quote source { id } } ... on Commitment { firmness }`;

interface Fact {
  id: string;
  sourceCount: number;
  disputed?: boolean;
  evidence: { quote: string; source: { id: string } }[];
  statements?: { id: string; source: { id: string }; evidence: { quote: string }[] }[];
  disagreements?: { property: string }[];
  firmness?: string;
  statedAt?: string;
}
type Connection = { totalCount?: number; edges: { node: Fact }[] };

const quotes = (fact: Fact | null | undefined) => (fact?.evidence ?? []).map((e) => e.quote).sort();
const sources = (fact: Fact | null | undefined) => (fact?.statements ?? []).map((s) => s.source.id).sort();
const only = (connection: Connection | undefined): Fact | undefined => {
  expect(connection?.edges).toHaveLength(1);
  return connection?.edges[0]?.node;
};

/** The fact as of October 2025: the September report's alone. */
function expectSeptemberOnly(fact: Fact | null | undefined, whole = true): void {
  expect(fact?.id).toBe(NOR_PLEDGE);
  expect(quotes(fact)).toEqual([SEPTEMBER.quote]);
  expect(fact?.evidence.map((e) => e.source.id)).toEqual([SEPTEMBER.source]);
  expect(fact?.sourceCount).toBe(1);
  expect(fact?.firmness).toBe('conditional');
  if (!whole) return;
  expect(sources(fact)).toEqual([SEPTEMBER.source]);
  expect(fact?.disagreements).toEqual([]);
  expect(fact?.statedAt).toBe('2025-09-04');
}

/** The fact as of February 2026 (or over all time): all three reports, the January ones' firm word standing. */
function expectAllThree(fact: Fact | null | undefined, whole = true): void {
  expect(fact?.id).toBe(NOR_PLEDGE);
  expect(quotes(fact)).toEqual([SEPTEMBER.quote, ...JANUARY.map((j) => j.quote)].sort());
  expect(fact?.sourceCount).toBe(3);
  expect(fact?.firmness).toBe('firm');
  if (!whole) return;
  expect(sources(fact)).toEqual([SEPTEMBER.source, ...JANUARY.map((j) => j.source)].sort());
  expect(fact?.disagreements?.map((d) => d.property)).toContain('firmness');
}

export function describeAsOfApi(name: string, makeStore: StoreFactory, options: { skip?: boolean } = {}): void {
  describe.skipIf(options.skip)(`as of a date, on ${name}: evidence, statements and sourceCount of that day`, () => {
    let api: ApiClient;
    beforeAll(async () => {
      const { batches } = await validateDossiers([AS_OF_FIXTURE]);
      api = await seededApi(await makeStore(), { batches });
    });
    afterAll(async () => {
      await api?.store.close();
    });

    it('lists commitments and relationships as they stood that day, read whole or lean', async () => {
      const res = await api.query<Record<string, Connection>>(`query($oct: String, $feb: String) {
        octWhole: commitments(filter: { from: ["${NOR}"], asOf: $oct }) { totalCount edges { node { ${WHOLE} } } }
        octLean: commitments(filter: { asOf: $oct, kinds: [PLEDGED] }) { edges { node { ${LEAN} } } }
        octRelationships: relationships(filter: { types: ["PLEDGED"], asOf: $oct, sources: ["${SEPTEMBER.source}"] }) { edges { node { ${WHOLE} } } }
        febWhole: commitments(filter: { from: ["${NOR}"], asOf: $feb }) { edges { node { ${WHOLE} } } }
        febLean: relationships(filter: { asOf: $feb, types: ["PLEDGED"] }) { edges { node { ${LEAN} } } }
        allTime: commitments(filter: { from: ["${NOR}"] }) { edges { node { ${WHOLE} } } }
      }`, { oct: '2025-10-01', feb: '2026-02-01' });
      expect(res.errors).toBeUndefined();
      expectSeptemberOnly(only(res.data?.octWhole));
      expect(res.data?.octWhole?.totalCount).toBe(1);
      expectSeptemberOnly(only(res.data?.octLean), false);
      expectSeptemberOnly(only(res.data?.octRelationships));
      expectAllThree(only(res.data?.febWhole));
      expectAllThree(only(res.data?.febLean), false);
      expectAllThree(only(res.data?.allTime));
    });

    it('filters a January source as of October to nothing, and answers a September source with the September statement only', async () => {
      const res = await api.query<Record<string, Connection>>(`{
        january: commitments(filter: { asOf: "2025-10-01", sources: ["${JANUARY[0]?.source}"] }) { totalCount edges { node { id } } }
        september: commitments(filter: { asOf: "2026-02-01", sources: ["${SEPTEMBER.source}"] }) { edges { node { ${WHOLE} } } }
      }`);
      expect(res.errors).toBeUndefined();
      expect(res.data?.january).toEqual({ totalCount: 0, edges: [] });
      // Selected by the September source, answered with every statement valid that day.
      expectAllThree(only(res.data?.september));
    });

    it("answers a node's outgoing and incoming as of a day", async () => {
      const res = await api.query<{ nor: { oct: Connection; feb: Connection; all: Connection }; force: { oct: Connection; octLean: Connection } }>(`{
        nor: node(id: "${NOR}") {
          oct: outgoing(types: ["PLEDGED"], asOf: "2025-10-01") { totalCount edges { node { ${WHOLE} } } }
          feb: outgoing(asOf: "2026-02-01") { edges { node { ${WHOLE} } } }
          all: outgoing { edges { node { ${WHOLE} } } }
        }
        force: node(id: "${FORCE}") {
          oct: incoming(asOf: "2025-10-01") { edges { node { ${WHOLE} } } }
          octLean: incoming(asOf: "2025-10") { edges { node { ${LEAN} } } }
        }
      }`);
      expect(res.errors).toBeUndefined();
      expectSeptemberOnly(only(res.data?.nor.oct));
      expectAllThree(only(res.data?.nor.feb));
      expectAllThree(only(res.data?.nor.all));
      expectSeptemberOnly(only(res.data?.force.oct));
      expectSeptemberOnly(only(res.data?.force.octLean), false);
    });

    it('answers relationship(id, asOf), null before any statement, and keeps the fact whole for the same request', async () => {
      const res = await api.query<{ oct: Fact | null; octLean: Fact | null; august: Fact | null; feb: Fact | null; whole: Fact | null; listed: Connection }>(`{
        listed: commitments(filter: { from: ["${NOR}"], asOf: "2025-10-01" }) { edges { node { ${WHOLE} } } }
        oct: relationship(id: "${NOR_PLEDGE}", asOf: "2025-10-01") { ${WHOLE} }
        octLean: relationship(id: "${NOR_PLEDGE}", asOf: "2025-10-01") { ${LEAN} }
        august: relationship(id: "${NOR_PLEDGE}", asOf: "2025-08-01") { id }
        feb: relationship(id: "${NOR_PLEDGE}", asOf: "2026-02-01") { ${WHOLE} }
        whole: relationship(id: "${NOR_PLEDGE}") { ${WHOLE} }
      }`);
      expect(res.errors).toBeUndefined();
      expectSeptemberOnly(res.data?.oct);
      expectSeptemberOnly(res.data?.octLean, false);
      expect(res.data?.august).toBeNull();
      expectAllThree(res.data?.feb);
      // The dated listing before it did not stand in for the fact itself.
      expectAllThree(res.data?.whole);
      expect(codes(await api.query(`{ relationship(id: "${NOR_PLEDGE}", asOf: "October") { id } }`))).toEqual(['BAD_ARGUMENT']);
      expect(codes(await api.query(`{ node(id: "${NOR}") { outgoing(asOf: "2025-13") { totalCount } } }`))).toEqual(['BAD_ARGUMENT']);
    });

    it('answers paths and neighbourhoods as of a day with that day\'s evidence', async () => {
      const res = await api.query<{ oct: { relationships: Fact[] }; feb: { relationships: Fact[] }; paths: { edges: { node: { relationships: Fact[] } }[] }; around: { relationships: Fact[] } }>(`{
        oct: shortestPath(from: "${NOR}", to: "${FORCE}", asOf: "2025-10-01") { relationships { ${WHOLE} } }
        feb: shortestPath(from: "${NOR}", to: "${FORCE}", asOf: "2026-02-01") { relationships { ${WHOLE} } }
        paths: paths(from: "${NOR}", to: "${FORCE}", asOf: "2025-10-01") { edges { node { relationships { ${LEAN} } } } }
        around: neighbourhood(id: "${NOR}", asOf: "2025-10-01") { relationships { ${WHOLE} } }
      }`);
      expect(res.errors).toBeUndefined();
      expectSeptemberOnly(res.data?.oct.relationships[0]);
      expectAllThree(res.data?.feb.relationships[0]);
      expectSeptemberOnly(res.data?.paths.edges[0]?.node.relationships[0], false);
      expectSeptemberOnly(res.data?.around.relationships[0]);
    });
  });

  describe.skipIf(options.skip)(`as of a date in the seed articles, on ${name}`, () => {
    let api: ApiClient;
    beforeAll(async () => {
      api = await seededApi(await makeStore(), { batches: allSeedBatches() });
    });
    afterAll(async () => {
      await api?.store.close();
    });

    // The second report: "The European Union recently approved 90 billion euros in aid over two
    // years." — recently before the summit of 6 January 2026 (dated about December 2025, 2025-12~),
    // when both reports have Merz say Germany could support the force: "German Chancellor Friedrich
    // Merz said Germany could support a multinational force" (the first), "Merz stressed the need
    // for 'compromises' for peace, noting that German troops could be deployed in a neighboring
    // NATO country" (the second).
    it('answers mid-December 2025 with the EU aid alone, and the summit day with both reports of the German pledge', async () => {
      const res = await api.query<{ december: Connection; summit: Connection; dayBefore: Connection }>(`{
        december: commitments(filter: { asOf: "2025-12-15" }) { totalCount edges { node { ${WHOLE} } } }
        dayBefore: commitments(filter: { from: ["state:DEU"], asOf: "2026-01-05" }) { totalCount edges { node { id } } }
        summit: commitments(filter: { from: ["state:DEU"], kinds: [PLEDGED], asOf: "2026-01-06" }) { edges { node { ${WHOLE} } } }
      }`);
      expect(res.errors).toBeUndefined();
      const aid = only(res.data?.december);
      expect(quotes(aid)).toEqual(['The European Union recently approved 90 billion euros in aid over two years.']);
      expect(sources(aid)).toEqual(['source:coalition-of-volunteers-signs-declaration']);
      expect(aid?.sourceCount).toBe(1);
      expect(res.data?.dayBefore.totalCount).toBe(0);
      const germany = only(res.data?.summit);
      expect(germany?.sourceCount).toBe(2);
      expect(sources(germany)).toEqual(['source:coalition-of-the-willing-paris-summit', 'source:coalition-of-volunteers-signs-declaration']);
      expect(quotes(germany).some((q) => q.includes('Merz said Germany could support a multinational force'))).toBe(true);
      expect(quotes(germany).some((q) => q.includes('German troops could be deployed in a neighboring NATO country'))).toBe(true);
      const before = await api.query<{ relationship: Fact | null }>(`{ relationship(id: "${germany?.id}", asOf: "2026-01-05") { id } }`);
      expect(before.data?.relationship).toBeNull();
    });
  });
}

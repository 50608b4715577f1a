// The analysis fields through GraphQL, run on each store; the snapshot follows writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreFactory } from '../support/fixtures.ts';
import { API_KEY, codes, seededApi, type ApiClient } from '../support/graphql-client.ts';
import { NEW_DOSSIER, NEW_SOURCE } from './api-suite.ts';

export function describeAnalysisApi(name: string, makeStore: StoreFactory, options: { skip?: boolean } = {}): void {
  describe.skipIf(options.skip)(`analysis API on ${name}`, () => {
    let api: ApiClient;
    beforeAll(async () => {
      api = await seededApi(await makeStore());
    });
    afterAll(async () => api?.store.close());

    it('answers shortestPath, with evidence on each step, and null when there is none', async () => {
      const res = await api.query<{ a: { length: number; nodes: { id: string }[]; relationships: { type: string; evidence: { quote: string }[] }[] }; b: null }>(`{
        a: shortestPath(from: "state:ITA", to: "state:RUS") { length nodes { id } relationships { type evidence { quote } } }
        b: shortestPath(from: "state:ITA", to: "state:RUS", direction: OUT) { length }
      }`);
      expect(res.errors).toBeUndefined();
      expect(res.data?.a.nodes.map((n) => n.id)).toEqual(['state:ITA', 'initiative:multinational-force-ukraine', 'state:RUS']);
      expect(res.data?.a.relationships.map((r) => r.type)).toEqual(['REFUSED', 'WARNED']);
      expect(res.data?.b).toBeNull();
    });

    it('answers paths, neighbourhood, centrality and communities', async () => {
      const res = await api.query<{
        paths: { length: number }[];
        neighbourhood: { nodes: { id: string }[]; relationships: { type: string }[] };
        centrality: { node: { id: string }; score: number }[];
        communities: { id: string; members: { id: string }[] }[];
      }>(`{
        paths(from: "state:ITA", to: "state:RUS", maxLength: 3, limit: 5) { length }
        neighbourhood(id: "state:ITA", types: ["REFUSED", "LEADS"]) { nodes { id } relationships { type } }
        centrality(metric: BETWEENNESS, first: 1) { node { id } score }
        communities(seed: 7) { id members { id } }
      }`);
      expect(res.errors).toBeUndefined();
      expect(res.data?.paths[0]?.length).toBe(2);
      expect(res.data?.paths.map((p) => p.length)).toEqual([2, 3, 3, 3]);
      expect(res.data?.neighbourhood.nodes.map((n) => n.id)).toEqual(['initiative:multinational-force-ukraine', 'person:giorgia-meloni', 'state:ITA']);
      expect(res.data?.centrality[0]?.node.id).toBe('initiative:multinational-force-ukraine');
      expect(res.data?.communities.flatMap((c) => c.members).length).toBe(41);
    });

    it('answers a scenario with reasons', async () => {
      const res = await api.query<{ scenario: { active: { from: { id: string } }[]; undetermined: unknown[]; inactive: unknown[]; reasons: { outcome: string; condition: { id: string } }[] } }>(`{
        scenario(assume: ["condition:ceasefire-in-force"]) { active { from { id } } inactive { id } undetermined { id } reasons { outcome condition { id } } }
      }`);
      expect(res.data?.scenario.active.map((c) => c.from.id).sort()).toEqual(['state:FRA', 'state:FRA', 'state:GBR', 'state:GBR']);
      expect(res.data?.scenario.undetermined).toHaveLength(2);
      expect(res.data?.scenario.inactive).toEqual([]);
      expect(res.data?.scenario.reasons.filter((r) => r.outcome === 'MET')).toHaveLength(4);
    });

    it('answers tensions, including Russia against the consent the deployment needs', async () => {
      const res = await api.query<{ tensions: { kind: string; explanation: string; relationships: { type: string; from: { id: string } }[] }[] }>(
        '{ tensions { kind explanation relationships { type from { id } } } }',
      );
      const consent = res.data?.tensions.filter((t) => t.kind === 'CONSENT_OPPOSED') ?? [];
      expect(consent).toHaveLength(3);
      expect(consent.every((t) => t.relationships.at(-1)?.from.id === 'state:RUS')).toBe(true);
      expect(res.data?.tensions.map((t) => t.kind).sort()).toEqual([
        'CONDITION_REFUSED', 'CONDITION_REFUSED', 'CONDITION_REFUSED', 'CONDITION_REFUSED',
        'CONSENT_OPPOSED', 'CONSENT_OPPOSED', 'CONSENT_OPPOSED',
        'HEDGED_VS_FIRM', 'MEMBER_REFUSES', 'MEMBER_REFUSES',
      ]);
    });

    it('gives coded errors for unknown ids and bad arguments', async () => {
      expect(codes(await api.query('{ shortestPath(from: "state:XXX", to: "state:RUS") { length } }'))).toEqual(['UNKNOWN_ID']);
      expect(codes(await api.query('{ neighbourhood(id: "state:ITA", depth: 9) { nodes { id } } }'))).toEqual(['BAD_ARGUMENT']);
      expect(codes(await api.query('{ scenario(assume: ["state:GBR"]) { active { id } } }'))).toEqual(['BAD_ARGUMENT']);
      expect(codes(await api.query('{ paths(from: "state:ITA", to: "state:RUS", maxLength: 2, types: ["NOPE"]) { length } }'))).toEqual(['BAD_ARGUMENT']);
    });

    it('checks analysis arguments with the same rules and defaults as the CLI, naming the argument', async () => {
      const zero = await api.query('{ centrality(metric: PAGERANK, first: 0) { score } }');
      expect(zero.errors?.[0]).toMatchObject({ message: 'first must be a whole number from 1 to 1000; got 0', extensions: { code: 'BAD_ARGUMENT' } });
      const date = await api.query('{ paths(from: "state:ITA", to: "state:RUS", asOf: "2026-13-45") { length } }');
      expect(date.errors?.[0]?.message).toBe('asOf must be a date YYYY, YYYY-MM or YYYY-MM-DD that exists; got "2026-13-45"');
      // paths without maxLength or limit takes the defaults the CLI shows (3 and 20).
      const paths = await api.query<{ a: unknown[]; b: unknown[] }>(
        '{ a: paths(from: "state:ITA", to: "state:RUS") { length } b: paths(from: "state:ITA", to: "state:RUS", maxLength: 3, limit: 20) { length } }',
      );
      expect(paths.data?.a).toEqual(paths.data?.b);
      const search = await api.query('{ search(text: "Italy", first: 0) { id } }');
      expect(codes(search)).toEqual(['BAD_ARGUMENT']);
    });

    it('sees what a mutation wrote: the snapshot is rebuilt when the store changes', async () => {
      const before = await api.query<{ shortestPath: null }>('{ shortestPath(from: "state:POL", to: "state:ITA", types: ["PLEDGED", "PART_OF", "REFUSED"]) { length } }');
      expect(before.data?.shortestPath).toEqual({ length: 2 });
      const res = await api.query(
        'mutation($y: String!, $t: String!) { ingestDossier(yaml: $y, sourceText: $t) { relationshipsCreated } }',
        { y: NEW_DOSSIER, t: NEW_SOURCE },
        { authorization: `Bearer ${API_KEY}` },
      );
      expect(res.errors).toBeUndefined();
      const after = await api.query<{ shortestPath: { nodes: { id: string }[] } }>(
        '{ shortestPath(from: "initiative:baltic-air-policing", to: "state:ITA") { nodes { id } } }',
      );
      expect(after.data?.shortestPath.nodes.map((n) => n.id)).toEqual(['initiative:baltic-air-policing', 'initiative:multinational-force-ukraine', 'state:ITA']);
    });
  });
}

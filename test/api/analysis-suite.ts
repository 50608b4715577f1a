// The analysis fields through GraphQL, run on each store; the snapshot follows writes. The reads
// share one seeded API that nothing writes to; the write opens its own.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { StoreFactory } from '../support/fixtures.ts';
import { API_KEY, codes, seededApi, type ApiClient } from '../support/graphql-client.ts';
import { NEW_DOSSIER, NEW_SOURCE } from './api-suite.ts';

export function describeAnalysisApi(name: string, makeStore: StoreFactory, options: { skip?: boolean } = {}): void {
  describe.skipIf(options.skip)(`analysis API on ${name}`, () => {
    describe('over the seed, loaded once (nothing writes to it)', () => {
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
          paths: { totalCount: number; truncated: boolean; edges: { node: { length: number } }[] };
          neighbourhood: { nodes: { id: string }[]; relationships: { type: string }[] };
          centrality: { node: { id: string }; score: number }[];
          communities: { totalCount: number; edges: { node: { id: string; size: number; members: { totalCount: number; edges: { node: { id: string } }[] } } }[] };
        }>(`{
          paths(from: "state:ITA", to: "state:RUS", maxLength: 3, first: 5) { totalCount truncated edges { node { length } } }
          neighbourhood(id: "state:ITA", types: ["REFUSED", "LEADS"]) { nodes { id } relationships { type } }
          centrality(metric: BETWEENNESS, first: 1) { node { id } score }
          communities(seed: 7) { totalCount edges { node { id size members(first: 500) { totalCount edges { node { id } } } } } }
        }`);
        expect(res.errors).toBeUndefined();
        expect(res.data?.paths.edges.map((e) => e.node.length)).toEqual([2, 3, 3, 3]);
        expect(res.data?.paths).toMatchObject({ totalCount: 4, truncated: false });
        expect(res.data?.neighbourhood.nodes.map((n) => n.id)).toEqual(['initiative:multinational-force-ukraine', 'person:giorgia-meloni', 'state:ITA']);
        expect(res.data?.centrality[0]?.node.id).toBe('initiative:multinational-force-ukraine');
        const blocs = res.data?.communities.edges.map((e) => e.node) ?? [];
        expect(blocs).toHaveLength(res.data?.communities.totalCount ?? -1);
        expect(blocs.flatMap((c) => c.members.edges).length).toBe(42);
        expect(blocs.every((c) => c.size === c.members.totalCount && c.size === c.members.edges.length)).toBe(true);
      });

      it('pages the analysis lists as connections: first, after, totalCount, bounded', async () => {
        type Page = { tensions: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: { kind: string; explanation: string } }[] } };
        const all = await api.query<Page>('{ tensions(first: 500) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { kind explanation } } } }');
        const whole = all.data?.tensions.edges.map((e) => e.node) ?? [];
        expect(whole.length).toBe(all.data?.tensions.totalCount);
        expect(all.data?.tensions.pageInfo.hasNextPage).toBe(false);
        const seen: { kind: string; explanation: string }[] = [];
        for (let after: string | null = null, guard = 0; guard < 20; guard++) {
          const page: { data?: Page } = await api.query<Page>('query($after: String) { tensions(first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { kind explanation } } } }', { after });
          seen.push(...(page.data?.tensions.edges.map((e) => e.node) ?? []));
          if (!page.data?.tensions.pageInfo.hasNextPage) break;
          after = page.data.tensions.pageInfo.endCursor;
        }
        expect(seen).toEqual(whole);
        const refused = await api.query<Page>('{ tensions(kinds: ["CONDITION_REFUSED"]) { totalCount edges { node { kind explanation } } } }');
        expect(refused.data?.tensions.edges.map((e) => e.node)).toEqual(whole.filter((t) => t.kind === 'CONDITION_REFUSED'));
        expect(refused.data?.tensions.totalCount).toBe(5);
        expect(codes(await api.query('{ tensions(first: 501) { totalCount } }'))).toEqual(['BAD_ARGUMENT']);
        expect(codes(await api.query('{ communities(first: -1) { totalCount } }'))).toEqual(['BAD_ARGUMENT']);
        expect(codes(await api.query('{ tensions(after: "bm9wZQ") { totalCount } }'))).toEqual(['BAD_CURSOR']);
      });

      it('answers a scenario with reasons, conditions inherited from the force included', async () => {
        type Answer = { scenario: { active: { from: { id: string } }[]; undetermined: unknown[]; inactive: { from: { id: string }; action: string }[]; reasons: { outcome: string; explanation: string; condition: { id: string }; inheritedFrom: { id: string } | null; commitment: { from: { id: string } } }[] } };
        const open = await api.query<Answer>(`{
          scenario(assume: ["condition:ceasefire-in-force"]) { active { from { id } } inactive { from { id } action } undetermined { id } reasons { outcome explanation condition { id } inheritedFrom { id } commitment { from { id } } } }
        }`);
        expect(open.data?.scenario.active).toEqual([]);
        expect(open.data?.scenario.undetermined).toHaveLength(7);
        expect(open.data?.scenario.reasons.filter((r) => r.outcome === 'MET')).toHaveLength(5);
        // The article: Britain and France deploy "following any future peace agreement", dependent on "Russian consent".
        const denied = await api.query<Answer>(`{
          scenario(assume: ["condition:ceasefire-in-force"], deny: ["condition:peace-agreement"]) { active { from { id } } inactive { from { id } action } undetermined { id } reasons { outcome explanation condition { id } inheritedFrom { id } commitment { from { id } } } }
        }`);
        const troops = denied.data?.scenario.inactive.filter((c) => c.action === 'deploy troops to Ukraine').map((c) => c.from.id).sort();
        expect(troops).toEqual(['state:FRA', 'state:GBR']);
        const why = denied.data?.scenario.reasons.find((r) => r.outcome === 'DENIED' && r.commitment.from.id === 'state:GBR');
        expect(why).toMatchObject({ condition: { id: 'condition:peace-agreement' }, inheritedFrom: { id: 'initiative:multinational-force-ukraine' } });
        expect(why?.explanation).toContain('inherited from initiative:multinational-force-ukraine');
      });

      it('dates every seed commitment: none is valid on 2025-12-31, all 20 on 2026-01-06', async () => {
        const res = await api.query<{ before: { totalCount: number }; on: { totalCount: number }; one: { edges: { node: { statedAt: string; validity: { from: string; to: string | null } } }[] } }>(`{
          before: commitments(filter: { asOf: "2025-12-31" }) { totalCount }
          on: commitments(filter: { asOf: "2026-01-06" }) { totalCount }
          one: commitments(filter: { kinds: [REFUSED], from: ["state:ITA"] }) { edges { node { ... on Commitment { statedAt validity { from to } } } } }
        }`);
        expect(res.data?.before.totalCount).toBe(0);
        expect(res.data?.on.totalCount).toBe(20);
        expect(res.data?.one.edges[0]?.node).toEqual({ statedAt: '2026-01-06', validity: { from: '2026-01-06', to: null } });
        type Walks = { shortestPath: { relationships: { type: string }[] }; paths: { edges: { node: { relationships: { type: string }[] } }[] }; tensions: { totalCount: number } };
        const path = await api.query<Walks>(
          '{ shortestPath(from: "state:ITA", to: "state:RUS", asOf: "2025-12-31") { relationships { type } } paths(from: "state:ITA", to: "state:RUS", asOf: "2025-12-31", maxLength: 4) { edges { node { relationships { type } } } } tensions(asOf: "2025-12-31") { totalCount } }',
        );
        const walked = [path.data?.shortestPath, ...(path.data?.paths.edges.map((e) => e.node) ?? [])].flatMap((p) => p?.relationships.map((r) => r.type) ?? []);
        expect(walked.length).toBeGreaterThan(0);
        expect(walked.filter((t) => ['PLEDGED', 'REFUSED', 'WARNED'].includes(t))).toEqual([]);
        expect(path.data?.tensions.totalCount).toBe(0);
      });

      it('answers tensions, including Russia against the consent the deployment needs', async () => {
        const res = await api.query<{ tensions: { edges: { node: { kind: string; explanation: string; relationships: { type: string; from: { id: string } }[] } }[] } }>(
          '{ tensions { edges { node { kind explanation relationships { type from { id } } } } } }',
        );
        const tensions = res.data?.tensions.edges.map((e) => e.node) ?? [];
        const consent = tensions.filter((t) => t.kind === 'CONSENT_OPPOSED');
        expect(consent).toHaveLength(3);
        expect(consent.every((t) => t.relationships.at(-1)?.from.id === 'state:RUS')).toBe(true);
        expect(tensions.map((t) => t.kind).sort()).toEqual([
          'CONDITION_REFUSED', 'CONDITION_REFUSED', 'CONDITION_REFUSED', 'CONDITION_REFUSED', 'CONDITION_REFUSED',
          'CONSENT_OPPOSED', 'CONSENT_OPPOSED', 'CONSENT_OPPOSED',
          'MEMBER_REFUSES', 'MEMBER_REFUSES',
        ]);
      });

      it('bounds a scenario\'s lists (first, default 500) and counts them', async () => {
        type Answer = { scenario: { counts: { undetermined: number; inactive: number; reasons: number }; undetermined: { id: string }[]; all: { id: string }[]; reasons: unknown[] } };
        const res = await api.query<Answer>(`{
          scenario(assume: ["condition:ceasefire-in-force"]) { counts { undetermined inactive reasons } undetermined(first: 1) { id } all: undetermined { id } reasons(first: 0) { outcome } }
        }`);
        expect(res.errors).toBeUndefined();
        const scenario = res.data?.scenario as Answer['scenario'];
        expect(scenario.counts.undetermined).toBeGreaterThan(1);
        expect(scenario.all).toHaveLength(scenario.counts.undetermined);
        expect(scenario.undetermined).toEqual(scenario.all.slice(0, 1));
        expect(scenario.reasons).toEqual([]);
        expect(scenario.counts.reasons).toBeGreaterThan(0);
        expect(codes(await api.query('{ scenario(assume: ["condition:ceasefire-in-force"]) { undetermined(first: 5001) { id } } }'))).toEqual(['BAD_ARGUMENT']);
      });

      it('caps a neighbourhood, nearest nodes first, and says when it did', async () => {
        type Sub = { nodes: { id: string }[]; relationships: { id: string; from: { id: string }; to: { id: string } }[]; truncated: boolean };
        const res = await api.query<{ whole: Sub; few: Sub; thin: Sub }>(`{
          whole: neighbourhood(id: "initiative:multinational-force-ukraine", depth: 2) { nodes { id } relationships { id from { id } to { id } } truncated }
          few: neighbourhood(id: "initiative:multinational-force-ukraine", depth: 2, maxNodes: 6) { nodes { id } relationships { id from { id } to { id } } truncated }
          thin: neighbourhood(id: "initiative:multinational-force-ukraine", depth: 2, maxRelationships: 3) { nodes { id } relationships { id from { id } to { id } } truncated }
        }`);
        expect(res.errors).toBeUndefined();
        const { whole, few, thin } = res.data as { whole: Sub; few: Sub; thin: Sub };
        expect(whole.truncated).toBe(false);
        expect(whole.nodes.length).toBeGreaterThan(6);
        expect(few.truncated).toBe(true);
        expect(few.nodes).toHaveLength(6);
        // The nearest first: every node kept is the force or one step from it.
        const oneStep = new Set(whole.relationships.flatMap((r) => [r.from.id, r.to.id].includes('initiative:multinational-force-ukraine') ? [r.from.id, r.to.id] : []));
        expect(few.nodes.every((n) => oneStep.has(n.id))).toBe(true);
        const kept = new Set(few.nodes.map((n) => n.id));
        expect(few.relationships.every((r) => kept.has(r.from.id) && kept.has(r.to.id))).toBe(true);
        expect(thin).toMatchObject({ truncated: true, relationships: whole.relationships.slice(0, 3) });
        expect(codes(await api.query('{ neighbourhood(id: "state:ITA", maxNodes: 0) { truncated } }'))).toEqual(['BAD_ARGUMENT']);
      });

      it('gives coded errors for unknown ids and bad arguments', async () => {
        expect(codes(await api.query('{ shortestPath(from: "state:XXX", to: "state:RUS") { length } }'))).toEqual(['UNKNOWN_ID']);
        expect(codes(await api.query('{ neighbourhood(id: "state:ITA", depth: 9) { nodes { id } } }'))).toEqual(['BAD_ARGUMENT']);
        expect(codes(await api.query('{ scenario(assume: ["state:GBR"]) { active { id } } }'))).toEqual(['BAD_ARGUMENT']);
        expect(codes(await api.query('{ paths(from: "state:ITA", to: "state:RUS", maxLength: 2, types: ["NOPE"]) { totalCount } }'))).toEqual(['BAD_ARGUMENT']);
      });

      it('checks analysis arguments with the same rules and defaults as the CLI, naming the argument', async () => {
        const zero = await api.query('{ centrality(metric: PAGERANK, first: 0) { score } }');
        expect(zero.errors?.[0]).toMatchObject({ message: 'first must be a whole number from 1 to 1000; got 0', extensions: { code: 'BAD_ARGUMENT' } });
        const date = await api.query('{ paths(from: "state:ITA", to: "state:RUS", asOf: "2026-13-45") { totalCount } }');
        expect(date.errors?.[0]?.message).toBe('asOf must be a date YYYY, YYYY-MM or YYYY-MM-DD that exists; got "2026-13-45"');
        // paths without maxLength takes the default the CLI shows (3).
        const paths = await api.query<{ a: unknown; b: unknown }>(
          '{ a: paths(from: "state:ITA", to: "state:RUS") { edges { node { length } } } b: paths(from: "state:ITA", to: "state:RUS", maxLength: 3) { edges { node { length } } } }',
        );
        expect(paths.data?.a).toEqual(paths.data?.b);
        const search = await api.query('{ search(text: "Italy", first: 0) { id } }');
        expect(codes(search)).toEqual(['BAD_ARGUMENT']);
      });
    });

    it('sees what a mutation wrote: the snapshot is rebuilt when the store changes', async () => {
      const api = await seededApi(await makeStore());
      onTestFinished(() => api.store.close());
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

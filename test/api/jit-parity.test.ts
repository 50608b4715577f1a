// graphql-jit is on by default (bench/ measures it against the interpreter): it must answer every
// dashboard query, error and limit exactly as graphql-js does.
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { seededApi, type ApiClient } from '../support/graphql-client.ts';

const queries: [string, Record<string, unknown>][] = [
  ['{ node(id: "state:GBR") { name ... on State { iso3 } outgoing(types: ["PLEDGED", "REFUSED", "WARNED"]) { totalCount edges { cursor node { id type ... on Commitment { action firmness conditions { name } to { name } evidence { quote start end speaker { name } } } } } } } }', {}],
  ['query ($after: String) { commitments(filter: { kinds: [PLEDGED] }, first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { action from { name } } } } }', { after: null }],
  ['{ shortestPath(from: "state:ITA", to: "state:RUS") { length nodes { name } relationships { type } } }', {}],
  ['{ scenario(assume: ["condition:ceasefire-in-force"]) { active { action } undetermined { action } reasons { outcome explanation condition { name } } } }', {}],
  ['{ tensions(first: 4) { totalCount edges { cursor node { kind explanation } } } centrality(metric: PAGERANK, first: 3) { node { name } score } }', {}],
  ['{ node(id: "state:NOPE") { name } }', {}], // null, as Relay expects
  ['{ commitments(first: -1) { totalCount } }', {}],
  ['{ commitments(first: 100000) { totalCount } }', {}],
  ['{ commitments(after: "not-a-cursor") { totalCount } }', {}],
  ['{ nodes(kind: STATE, first: 2) { edges { node { name } } } __typename }', {}],
  ['{ nope }', {}],
];

async function answers(api: ApiClient) {
  const out = [];
  for (const [query, variables] of queries) out.push(await api.query(query, variables));
  return out;
}

describe('graphql-jit', () => {
  it('answers data, coded errors and validation failures exactly as the interpreter', async () => {
    const jit = await answers(await seededApi(new MemoryStore(), { production: true, jit: true }));
    const interpreted = await answers(await seededApi(new MemoryStore(), { production: true, jit: false }));
    expect(jit).toEqual(interpreted);
    // The queries reach data and each kind of error, so the comparison means something.
    expect(jit.filter((r) => r.data && !r.errors)).toHaveLength(7);
    expect(jit.map((r) => r.errors?.[0]?.extensions?.code).filter(Boolean)).toEqual(['BAD_PAGE_SIZE', 'COST_LIMIT_EXCEEDED', 'BAD_CURSOR', 'GRAPHQL_VALIDATION_FAILED']);
  });
});

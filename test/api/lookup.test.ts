// Query.lookup in-process: an actor is found before any dossier names it (country table, Phoenix
// dictionary, seats of government, near misses), and from the graph with its node once loaded.
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { codes, seededApi } from '../support/graphql-client.ts';

const LOOKUP = 'query($text: String!, $first: Int) { lookup(text: $text, first: $first) { id name kind foundIn matched score node { id name } } }';

interface Candidate {
  id: string;
  name: string;
  kind: string;
  foundIn: string[];
  matched: string;
  score: number;
  node: { id: string; name: string } | null;
}

async function lookupOn(seeded: boolean, text: string, first?: number) {
  const api = await seededApi(new MemoryStore(), seeded ? {} : { batches: [] });
  const res = await api.query<{ lookup: Candidate[] }>(LOOKUP, { text, first });
  expect(res.errors).toBeUndefined();
  return res.data?.lookup ?? [];
}

describe('lookup', () => {
  it('finds Japan on an empty store from the country table, with no node', async () => {
    const [japan] = await lookupOn(false, 'Japan');
    expect(japan).toMatchObject({ id: 'state:JPN', kind: 'STATE', foundIn: ['COUNTRY_TABLE'], matched: 'Japan', score: 1, node: null });
  });

  it('proposes the entity a dossier must introduce for a table state, with its codes, and none for what the graph holds', async () => {
    const api = await seededApi(new MemoryStore());
    const query = 'query($text: String!) { lookup(text: $text, first: 1) { id proposed { id kind name iso3 iso2 cowCode } } }';
    const japan = await api.query<{ lookup: { id: string; proposed: Record<string, unknown> | null }[] }>(query, { text: 'Japan' });
    expect(japan.data?.lookup[0]).toEqual({ id: 'state:JPN', proposed: { id: 'state:JPN', kind: 'STATE', name: 'Japan', iso3: 'JPN', iso2: 'JP', cowCode: 740 } });
    const france = await api.query<{ lookup: { id: string; proposed: unknown }[] }>(query, { text: 'France' });
    expect(france.data?.lookup[0]).toEqual({ id: 'state:FRA', proposed: null });
  });

  it('finds France in the store with its node once the seeds are loaded', async () => {
    const [france] = await lookupOn(true, 'France');
    expect(france).toMatchObject({ id: 'state:FRA', name: 'France', score: 1, node: { id: 'state:FRA', name: 'France' } });
    expect(france?.foundIn[0]).toBe('STORE');
  });

  it('takes a seat of government for its state: the Kremlin is Russia', async () => {
    const [russia] = await lookupOn(false, 'the Kremlin');
    expect(russia?.id).toBe('state:RUS');
    expect(russia?.foundIn).toContain('METONYM');
    expect((await lookupOn(false, 'Zhongnanhai'))[0]).toMatchObject({ id: 'state:CHN', foundIn: ['METONYM'] });
  });

  it('finds a near miss by edit distance, below every exact match', async () => {
    const [france] = await lookupOn(false, 'Frnace');
    expect(france).toMatchObject({ id: 'state:FRA', matched: 'France' });
    expect(france?.score).toBeGreaterThan(0);
    expect(france?.score).toBeLessThan(0.5);
  });

  it('finds organisations: NATO from the registry, the UN from the Phoenix dictionary', async () => {
    expect((await lookupOn(false, 'NATO'))[0]).toMatchObject({ id: 'alliance:nato', kind: 'ALLIANCE', matched: 'NATO' });
    expect((await lookupOn(false, 'United Nations'))[0]).toMatchObject({ id: 'alliance:united-nations', kind: 'ALLIANCE', foundIn: ['DICTIONARY'], score: 1 });
  });

  it('orders exact names before other names and containing matches, and keeps to first', async () => {
    const found = await lookupOn(false, 'Korea', 3);
    expect(found.length).toBeLessThanOrEqual(3);
    expect(found.map((c) => c.score)).toEqual([...found.map((c) => c.score)].sort((a, b) => b - a));
  });

  it('refuses an empty text or a first out of range as search does', async () => {
    const api = await seededApi(new MemoryStore(), { batches: [] });
    expect(codes(await api.query(LOOKUP, { text: '  ' }))).toEqual(['BAD_ARGUMENT']);
    expect(codes(await api.query(LOOKUP, { text: 'Japan', first: 1000 }))).toEqual(['BAD_ARGUMENT']);
  });
});

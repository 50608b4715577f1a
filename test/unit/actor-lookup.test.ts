// The actor lookup without a store: a dossier's new entities, the kinds filter, names written
// with accents or "the", and the same order on every call.
import { describe, expect, it } from 'vitest';
import type { GraphNode } from '../../src/domain/model.ts';
import { readRegistry } from '../../src/ingest/dossier-files.ts';
import { lookup, normaliseName } from '../../src/ingest/lookup/actor-lookup.ts';
import { DATA_DIR } from '../../src/project-files.ts';

const registry = readRegistry('seeds/entities.yaml').nodes;
const find = (text: string, more: { first?: number; kinds?: GraphNode['kind'][]; dossierEntities?: GraphNode[] } = {}) => lookup(text, { first: 5, registry, dataDir: DATA_DIR, ...more });

describe('actor lookup', () => {
  it('normalises case, accents, dots, a leading "the" and a possessive', () => {
    expect(normaliseName('the Élysée’s')).toBe('elysee');
    expect(normaliseName('  U.N. ')).toBe('un');
  });

  it("finds a dossier's own new entity, which nothing else knows", async () => {
    const ruto = { id: 'person:william-ruto', kind: 'PERSON', name: 'William Ruto', aliases: ['Ruto'] } as GraphNode;
    // Only near misses elsewhere (persons in government whose names look alike, "John Bruton").
    expect((await find('Ruto')).filter((c) => c.score >= 0.9)).toEqual([]);
    expect((await find('Ruto', { dossierEntities: [ruto] }))[0]).toMatchObject({ id: 'person:william-ruto', foundIn: ['DOSSIER'], matched: 'Ruto', score: 0.9 });
  });

  it('offers every actor a place stands for, and keeps to the kinds asked for', async () => {
    // Brussels is Belgium's capital (country table) and the EU's seat (seats of government).
    const all = await find('Brussels');
    expect(all.slice(0, 2).map((c) => [c.id, c.foundIn])).toEqual([
      ['state:BEL', ['COUNTRY_TABLE']],
      ['alliance:european-union', ['METONYM']],
    ]);
    expect((await find('Brussels', { kinds: ['STATE'] })).map((c) => c.kind)).toEqual(['STATE']);
  });

  it('finds a person in government from the Phoenix dictionary by their name, not by a title', async () => {
    const [lavrov] = await find('Sergey Lavrov', { kinds: ['PERSON'] });
    expect(lavrov).toMatchObject({ id: 'person:sergey-lavrov', kind: 'PERSON', foundIn: ['DICTIONARY'], score: 1 });
    // Titles and offices are not names: "Foreign Minister Lavrov" is no entry of its own.
    expect((await find('Foreign Minister Lavrov', { kinds: ['PERSON'] })).filter((c) => c.score === 1)).toEqual([]);
  });

  it('answers the same candidates in the same order every time', async () => {
    const once = await find('Guinea', { first: 10 });
    expect(once.length).toBeGreaterThan(2);
    expect(await find('Guinea', { first: 10 })).toEqual(once);
    expect(once[0]).toMatchObject({ name: 'Guinea', score: 1 });
  });
});

// The embedded store's ordered id lists (src/store/memory/sorted-ids.ts) against a sorted set:
// random batches of adds and removals, in large chunks and in small ones that split.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/domain/seeded-random.ts';
import { SortedIds } from '../../src/store/memory/sorted-ids.ts';

describe('ordered id lists', () => {
  it.each([2048, 4])('hold the same ids in the same order as a sorted set, through random batches of adds and removals, large and small (chunks of %i)', (chunk) => {
    const random = seededRandom(9);
    const list = new SortedIds(chunk);
    const model = new Set<string>();
    const name = (n: number) => `id:${n.toString(36).padStart(4, '0')}`;
    for (let round = 0; round < 300; round++) {
      const size = random() < 0.1 ? 3000 : 1 + Math.floor(random() * 12);
      // Small batches are often neighbours (they land in one chunk and split it).
      const base = Math.floor(random() * 20_000);
      const near = size < 100 && random() < 0.6;
      const ids = Array.from({ length: size }, (_, k) => name(near ? base + k : Math.floor(random() * 20_000)));
      if (random() < 0.65) {
        list.add(ids);
        for (const x of ids) model.add(x);
      } else {
        const present = [...model];
        const gone = ids.map((x, i) => (i % 2 === 0 && present.length ? (present[Math.floor(random() * present.length)] as string) : x));
        list.remove(gone);
        for (const x of gone) model.delete(x);
      }
      const expected = [...model].sort();
      expect(list.size).toBe(expected.length);
      if (round % 10 === 0 || round === 299) {
        expect(list.values()).toEqual(expected);
        const cursor = expected[Math.floor(expected.length / 3)];
        expect([...list.after(cursor)]).toEqual(expected.filter((x) => cursor === undefined || x > cursor));
        expect([...list.after('id:~')]).toEqual([]);
      }
    }
    expect(model.size).toBeGreaterThan(2000);
  });
});

// The dashboard's live-change logic apart from the browser: the badge's words, where new nodes go
// (nothing drawn moves, each new node near its neighbours), the source list's updates and the backoff.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeLiveChange, diffSources, placeNewNodes, reconnectDelay, REFRESH_TEXT, sourcesMayHaveMoved, type GraphChange, type ListedSource, type Point } from '../../src/dashboard/live-changes.ts';

const change = (over: Partial<GraphChange>): GraphChange => ({
  version: 'v2',
  external: false,
  resync: false,
  added: 0,
  changed: 0,
  removed: 0,
  byType: [],
  bySource: [],
  addedIds: [],
  changedIds: [],
  removedIds: [],
  truncated: false,
  ...over,
});

describe('describeLiveChange', () => {
  it('counts commitments apart from other relationships, by kind of change, with the sources', () => {
    const text = describeLiveChange(
      change({
        byType: [
          { key: 'MEMBER_OF', added: 1, changed: 0, removed: 0 },
          { key: 'PLEDGED', added: 2, changed: 1, removed: 0 },
          { key: 'REFUSED', added: 1, changed: 0, removed: 0 },
        ],
        bySource: [{ key: 'source:x', added: 4, changed: 1, removed: 0 }],
      }),
      (id) => (id === 'source:x' ? 'Report X' : id),
    );
    expect(text).toBe('3 commitments and 1 relationship added, 1 commitment changed from Report X');
  });

  it('names two sources, counts more', () => {
    const two = change({ byType: [{ key: 'WARNED', added: 0, changed: 0, removed: 1 }], bySource: [{ key: 'source:a', added: 0, changed: 0, removed: 1 }, { key: 'source:b', added: 0, changed: 0, removed: 1 }] });
    expect(describeLiveChange(two)).toBe('1 commitment removed from source:a and source:b');
    const three = change({ byType: [{ key: 'WARNED', added: 3, changed: 0, removed: 0 }], bySource: ['a', 'b', 'c'].map((key) => ({ key, added: 1, changed: 0, removed: 0 })) });
    expect(describeLiveChange(three)).toBe('3 commitments added from 3 sources');
  });

  it('counts removals a store could not describe as relationships', () => {
    expect(describeLiveChange(change({ removed: 25, removedIds: ['rel:1'] }))).toBe('25 relationships removed');
    expect(describeLiveChange(change({ removed: 3, byType: [{ key: 'PLEDGED', added: 0, changed: 0, removed: 1 }], bySource: [{ key: 's', added: 0, changed: 0, removed: 1 }] }))).toBe('1 commitment and 2 relationships removed from s');
  });

  it('asks for a refresh when the event cannot tell what changed; says nothing for an empty change', () => {
    expect(describeLiveChange(change({ external: true, added: null }))).toBe(REFRESH_TEXT);
    expect(describeLiveChange(change({ resync: true }))).toBe(REFRESH_TEXT);
    expect(describeLiveChange(change({ truncated: true, byType: [{ key: 'PLEDGED', added: 600, changed: 0, removed: 0 }] }))).toBe(REFRESH_TEXT);
    expect(describeLiveChange(change({}))).toBeNull();
  });
});

describe('the source list after a change', () => {
  const listed = (id: string) => id === 'source:a';

  it('is read again when a change names a source it lacks or removed facts, not when it names only listed ones', () => {
    expect(sourcesMayHaveMoved(change({ added: 1, bySource: [{ key: 'source:b', added: 1, changed: 0, removed: 0 }] }), listed)).toBe(true);
    expect(sourcesMayHaveMoved(change({ changed: 1, bySource: [{ key: 'source:a', added: 0, changed: 1, removed: 0 }] }), listed)).toBe(false);
    // A source the list lacks whose statements only went: nothing to add.
    expect(sourcesMayHaveMoved(change({ bySource: [{ key: 'source:b', added: 0, changed: 0, removed: 0 }] }), listed)).toBe(false);
    // Neo4j names no source of a removed fact: the count alone asks.
    expect(sourcesMayHaveMoved(change({ removed: 25, removedIds: ['rel:1'] }), listed)).toBe(true);
    expect(sourcesMayHaveMoved(change({ external: true, added: null }), listed)).toBe(true);
    expect(sourcesMayHaveMoved(change({ resync: true }), listed)).toBe(true);
    expect(sourcesMayHaveMoved(change({}), listed)).toBe(false);
  });

  it('adds new sources in the API order, tells which went and which came back', () => {
    const list: ListedSource[] = [
      { id: 'source:a', gone: false },
      { id: 'source:b', gone: false },
      { id: 'source:c', gone: true },
      { id: 'source:d', gone: true },
    ];
    const now = [{ id: 'source:z' }, { id: 'source:a' }, { id: 'source:c' }, { id: 'source:e' }];
    expect(diffSources(list, now)).toEqual({ added: [{ id: 'source:z' }, { id: 'source:e' }], gone: ['source:b'], back: ['source:c'] });
  });

  it('after applying the difference the list holds exactly the API sources, and those marked gone', () => {
    const ids = fc.constantFrom('a', 'b', 'c', 'd', 'e');
    fc.assert(
      fc.property(fc.uniqueArray(fc.record({ id: ids, gone: fc.boolean() }), { selector: (s) => s.id }), fc.uniqueArray(ids), (list, current) => {
        const { added, gone, back } = diffSources(list, current.map((id) => ({ id })));
        const after = new Map<string, boolean>(list.map((s) => [s.id, s.gone]));
        for (const s of added) after.set(s.id, false);
        for (const id of gone) after.set(id, true);
        for (const id of back) after.set(id, false);
        expect([...after].filter(([, isGone]) => !isGone).map(([id]) => id).sort()).toEqual([...current].sort());
        expect(added.every((s) => !list.some((l) => l.id === s.id))).toBe(true);
      }),
    );
  });
});

describe('placeNewNodes', () => {
  const drawn = new Map<string, Point>([
    ['a', { x: 0, y: 0 }],
    ['b', { x: 100, y: 0 }],
  ]);

  it('puts a new node near the middle of its drawn neighbours, and a chain of new nodes after it', () => {
    const placed = placeNewNodes(['n', 'm'], [{ from: 'n', to: 'a' }, { from: 'n', to: 'b' }, { from: 'm', to: 'n' }], (id) => drawn.get(id), 100, { x: 50, y: 0 });
    const n = placed.get('n') as Point;
    const m = placed.get('m') as Point;
    expect(Math.hypot(n.x - 50, n.y)).toBeLessThanOrEqual(100 * 0.05 * 1.6);
    expect(Math.hypot(m.x - n.x, m.y - n.y)).toBeLessThanOrEqual(100 * 0.05 * 1.6);
    expect(placed.has('a')).toBe(false);
  });

  it('puts new nodes with no drawn neighbour beside the drawing, together', () => {
    const placed = placeNewNodes(['p', 'q'], [{ from: 'p', to: 'q' }], (id) => drawn.get(id), 100, { x: 50, y: 0 });
    const p = placed.get('p') as Point;
    expect(p.x).toBeCloseTo(110);
    const q = placed.get('q') as Point;
    expect(Math.hypot(q.x - p.x, q.y - p.y)).toBeLessThanOrEqual(8);
  });

  it('places every new node exactly once, at a finite point, whatever the edges', () => {
    const ids = fc.constantFrom('a', 'b', 'n1', 'n2', 'n3', 'n4');
    fc.assert(
      fc.property(fc.array(fc.record({ from: ids, to: ids }), { maxLength: 12 }), fc.uniqueArray(fc.constantFrom('n1', 'n2', 'n3', 'n4')), (edges, fresh) => {
        const placed = placeNewNodes(fresh, edges, (id) => drawn.get(id), 100, { x: 50, y: 0 });
        expect([...placed.keys()].sort()).toEqual([...fresh].sort());
        for (const p of placed.values()) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
      }),
    );
  });
});

describe('reconnectDelay', () => {
  it('doubles from half a second up to half a minute, within a quarter either way', () => {
    expect(reconnectDelay(0, 0.5)).toBe(500);
    expect(reconnectDelay(1, 0.5)).toBe(1000);
    expect(reconnectDelay(20, 0.5)).toBe(30_000);
    expect(reconnectDelay(0, 0)).toBe(375);
    expect(reconnectDelay(20, 1)).toBe(37_500);
  });
});

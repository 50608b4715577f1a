// Strongly connected components on tiny dependency lists: components, their order, and scale.
import { describe, expect, it } from 'vitest';
import { stronglyConnected } from '../../src/analysis/strongly-connected.ts';

/** Items from a map of id → what it depends on. */
const itemsOf = (deps: Record<string, string[]>) => Object.keys(deps).map((id) => ({ id, deps: deps[id] ?? [] }));
const components = (deps: Record<string, string[]>) => stronglyConnected(itemsOf(deps), (item) => item.deps);

describe('stronglyConnected', () => {
  it('puts each item of a chain in a component of its own, dependencies first', () => {
    expect(components({ a: ['b'], b: ['c'], c: [] })).toEqual([['c'], ['b'], ['a']]);
  });

  it('groups a cycle into one sorted component, after what it depends on and before what depends on it', () => {
    expect(components({ top: ['y'], y: ['x'], x: ['z', 'base'], z: ['y'], base: [] })).toEqual([['base'], ['x', 'y', 'z'], ['top']]);
  });

  it('keeps a self-dependency a single component (the caller decides it is a cycle) and ignores ids that are not items', () => {
    expect(components({ a: ['a', 'elsewhere'], b: ['a'] })).toEqual([['a'], ['b']]);
  });

  it('returns every item exactly once, also for unconnected ones and nothing at all', () => {
    expect(components({})).toEqual([]);
    expect(components({ b: [], a: [] })).toEqual([['b'], ['a']]);
  });

  it('walks a chain of 100 000 dependencies without overflowing the call stack', () => {
    const n = 100_000;
    const items = Array.from({ length: n }, (_, i) => ({ id: `c${i}`, deps: i + 1 < n ? [`c${i + 1}`] : [] }));
    const found = stronglyConnected(items, (item) => item.deps);
    expect(found).toHaveLength(n);
    expect(found[0]).toEqual([`c${n - 1}`]);
    expect(found[n - 1]).toEqual(['c0']);
  });
});

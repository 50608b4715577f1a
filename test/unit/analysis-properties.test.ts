// Properties of paths on random graphs: the shortest path has a plain BFS's length, and every
// returned path is simple, starts and ends where asked, and steps only over allowed relationships.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGraph, type SerializedInput } from '../../src/analysis/graph-view.ts';
import type { Direction } from '../../src/analysis/options.ts';
import { allPaths, shortestPath, type Path } from '../../src/analysis/paths.ts';
import { isValidOn } from '../../src/domain/time.ts';
import type { GraphNode, GraphRelationship } from '../../src/domain/model.ts';

const TYPES = ['PLEDGED', 'REFUSED', 'LEADS', 'MEMBER_OF'] as const;

const randomGraph = fc
  .record({
    n: fc.integer({ min: 2, max: 14 }),
    edges: fc.array(
      fc.record({
        s: fc.nat(),
        t: fc.nat(),
        type: fc.constantFrom(...TYPES),
        from: fc.option(fc.integer({ min: 2000, max: 2020 }), { nil: undefined }),
        span: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
      }),
      { maxLength: 40 },
    ),
  })
  .map(({ n, edges }): SerializedInput => {
    const nodes = Array.from({ length: n }, (_, i) => ({
      key: `state:N${String(i).padStart(2, '0')}`,
      attributes: { id: `state:N${String(i).padStart(2, '0')}`, kind: 'STATE', name: `N${i}`, aliases: [] } as GraphNode,
    }));
    return {
      nodes,
      edges: edges.map((e, i) => {
        const source = nodes[e.s % n]?.key as string;
        const target = nodes[e.t % n]?.key as string;
        const validFrom = e.from !== undefined ? String(e.from) : undefined;
        const validTo = e.from !== undefined && e.span !== undefined ? String(e.from + e.span) : undefined;
        const id = `rel:${String(i).padStart(20, '0')}`;
        return {
          key: id,
          source,
          target,
          attributes: { id, type: e.type, from: source, to: target, validFrom, validTo, evidence: [] } as unknown as GraphRelationship,
        };
      }),
    };
  });

const viewArb = fc.record({
  types: fc.option(fc.subarray([...TYPES], { minLength: 1 }), { nil: undefined }),
  direction: fc.constantFrom<Direction>('OUT', 'IN', 'ANY'),
  asOf: fc.option(fc.integer({ min: 1995, max: 2035 }).map(String), { nil: undefined }),
});

/** The oracle: a plain BFS over an adjacency list built straight from the edge list. */
function bfsLength(input: SerializedInput, from: string, to: string, view: { types?: string[]; direction: Direction; asOf?: string }): number | null {
  const adjacency = new Map<string, string[]>();
  const add = (a: string, b: string) => adjacency.set(a, [...(adjacency.get(a) ?? []), b]);
  for (const e of input.edges) {
    if (view.types && !view.types.includes(e.attributes.type)) continue;
    if (view.asOf && !isValidOn(e.attributes, view.asOf)) continue;
    if (view.direction !== 'IN') add(e.source, e.target);
    if (view.direction !== 'OUT') add(e.target, e.source);
  }
  const distance = new Map([[from, 0]]);
  const queue = [from];
  while (queue.length) {
    const at = queue.shift() as string;
    for (const next of adjacency.get(at) ?? []) {
      if (!distance.has(next)) {
        distance.set(next, (distance.get(at) as number) + 1);
        queue.push(next);
      }
    }
  }
  return distance.get(to) ?? null;
}

function checkPath(path: Path, from: string, to: string, view: { types?: string[]; direction: Direction; asOf?: string }): void {
  expect(path.nodes[0]?.id).toBe(from);
  expect(path.nodes.at(-1)?.id).toBe(to);
  expect(path.relationships).toHaveLength(path.length);
  expect(new Set(path.nodes.map((n) => n.id)).size).toBe(path.nodes.length);
  path.relationships.forEach((rel, i) => {
    const a = path.nodes[i]?.id;
    const b = path.nodes[i + 1]?.id;
    const forward = rel.from === a && rel.to === b;
    const backward = rel.from === b && rel.to === a;
    if (view.direction === 'OUT') expect(forward).toBe(true);
    else if (view.direction === 'IN') expect(backward).toBe(true);
    else expect(forward || backward).toBe(true);
    if (view.types) expect(view.types).toContain(rel.type);
    if (view.asOf) expect(isValidOn(rel, view.asOf)).toBe(true);
  });
}

describe('paths on random graphs', () => {
  it('shortestPath has the length of a plain BFS, and is null exactly when BFS finds nothing', () => {
    fc.assert(
      fc.property(randomGraph, viewArb, fc.nat(), fc.nat(), (input, view, a, b) => {
        const graph = buildGraph(input);
        const from = input.nodes[a % input.nodes.length]?.key as string;
        const to = input.nodes[b % input.nodes.length]?.key as string;
        const path = shortestPath(graph, from, to, view);
        const expected = bfsLength(input, from, to, view);
        expect(path?.length ?? null).toBe(expected);
        if (path) checkPath(path, from, to, view);
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('allPaths returns simple, allowed paths, shortest first, within the bounds', () => {
    fc.assert(
      fc.property(randomGraph, viewArb, fc.nat(), fc.nat(), fc.integer({ min: 1, max: 4 }), (input, view, a, b, maxLength) => {
        const graph = buildGraph(input);
        const from = input.nodes[a % input.nodes.length]?.key as string;
        const to = input.nodes[b % input.nodes.length]?.key as string;
        if (from === to) return;
        const paths = allPaths(graph, from, to, { ...view, maxLength, limit: 25 });
        expect(paths.length).toBeLessThanOrEqual(25);
        for (const p of paths) {
          checkPath(p, from, to, view);
          expect(p.length).toBeLessThanOrEqual(maxLength);
        }
        for (let i = 1; i < paths.length; i++) expect(paths[i]?.length).toBeGreaterThanOrEqual(paths[i - 1]?.length as number);
        const shortest = bfsLength(input, from, to, view);
        if (shortest !== null && shortest <= maxLength) expect(paths[0]?.length).toBe(shortest);
        if (shortest === null || shortest > maxLength) expect(paths).toEqual([]);
      }),
      { numRuns: 400, seed: 11 },
    );
  });
});

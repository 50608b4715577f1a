// Blocs: Louvain communities (graphology-communities-louvain) on the collapsed undirected graph,
// reproducible for a seed through a seeded random number generator.
import louvainModule from 'graphology-communities-louvain';
import type { GraphNode } from '../domain/model.ts';
import { collapse } from './centrality.ts';
import type { CommitmentGraph } from './graph-view.ts';
import { CommunitiesOptions, parseOptions, type OptionsInput } from './options.ts';
import { cjsDefault } from './cjs-interop.ts';

const louvain = cjsDefault(louvainModule);

export interface Community {
  id: string;
  members: GraphNode[];
}

/** mulberry32: a small, well-known seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function communities(graph: CommitmentGraph, options: OptionsInput<typeof CommunitiesOptions> = {}): Community[] {
  const { seed, ...filter } = parseOptions(CommunitiesOptions, options);
  const simple = collapse(graph, 'undirected', filter);
  const assignment = louvain(simple, { getEdgeWeight: 'weight', rng: seededRandom(seed), resolution: 1 });
  const groups = new Map<number, string[]>();
  for (const [node, community] of Object.entries(assignment)) groups.set(community, [...(groups.get(community) ?? []), node]);
  return [...groups.values()]
    .map((ids) => ids.sort())
    .sort((a, b) => b.length - a.length || ((a[0] as string) < (b[0] as string) ? -1 : 1))
    .map((ids, index) => ({ id: `bloc:${index + 1}`, members: ids.map((id) => graph.getNodeAttributes(id)) }));
}

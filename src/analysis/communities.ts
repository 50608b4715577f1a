// Blocs: Louvain communities (graphology-communities-louvain) on the collapsed undirected graph,
// reproducible for a seed through a seeded random number generator.
import louvainModule from 'graphology-communities-louvain';
import type { GraphNode } from '../domain/model.ts';
import { collapse } from './centrality.ts';
import type { CommitmentGraph } from './graph-view.ts';
import { CommunitiesOptions, parseOptions, type OptionsInput } from './options.ts';
import { cjsDefault } from './cjs-interop.ts';
import { seededRandom } from '../domain/seeded-random.ts';

const louvain = cjsDefault(louvainModule);

export interface Community {
  id: string;
  members: GraphNode[];
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

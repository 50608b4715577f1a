// Ego networks: the nodes within `depth` hops (either direction) and the relationships among them.
// The one neighbourhood the project has: the API and the CLI both ask it, over the analysis graph.
import type { GraphNode, GraphRelationship } from '../domain/model.ts';
import { edgeAllowed, forEachAllowedStep, requireNode, type CommitmentGraph } from './graph-view.ts';
import { NeighbourhoodOptions, parseOptions, type OptionsInput } from './options.ts';

export interface Subgraph {
  nodes: GraphNode[];
  relationships: GraphRelationship[];
}

export function neighbourhood(graph: CommitmentGraph, id: string, options: OptionsInput<typeof NeighbourhoodOptions> = {}): Subgraph {
  const { depth, ...filter } = parseOptions(NeighbourhoodOptions, options);
  requireNode(graph, id, 'id');
  const reached = new Set([id]);
  let frontier = [id];
  for (let hop = 0; hop < depth && frontier.length; hop++) {
    const next: string[] = [];
    for (const node of frontier) {
      forEachAllowedStep(graph, node, { ...filter, direction: 'ANY' }, (_edge, neighbour) => {
        if (!reached.has(neighbour)) {
          reached.add(neighbour);
          next.push(neighbour);
        }
      });
    }
    frontier = next;
  }
  const nodes = [...reached].sort().map((n) => graph.getNodeAttributes(n));
  const relationships: GraphRelationship[] = [];
  graph.forEachEdge((_edge, rel, source, target) => {
    if (reached.has(source) && reached.has(target) && edgeAllowed(rel, filter)) relationships.push(rel);
  });
  relationships.sort((a, b) => (a.id < b.id ? -1 : 1));
  return { nodes, relationships };
}

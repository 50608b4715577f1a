// Ego networks: the nodes within `depth` hops (either direction) and the relationships among them.
// The one neighbourhood the project has: the API and the CLI both ask it, over the analysis graph.
import type { GraphNode, GraphRelationship } from '../domain/model.ts';
import { asOfAnswer, forEachAllowedStep, rowAllowed, requireNode, type CommitmentGraph } from './graph-view.ts';
import { NeighbourhoodOptions, parseOptions, type OptionsInput } from './options.ts';

export interface Subgraph {
  nodes: GraphNode[];
  relationships: GraphRelationship[];
  /** Whether the caps (maxNodes, maxRelationships) left out nodes or relationships. */
  truncated: boolean;
}

/**
 * Breadth first from `id`, so the nodes kept under `maxNodes` are the nearest (ties in the graph's
 * edge-key order: the same on every store); the relationships among them are read from their own
 * edges, never from the whole graph, and kept in id order up to `maxRelationships`.
 */
export function neighbourhood(graph: CommitmentGraph, id: string, options: OptionsInput<typeof NeighbourhoodOptions> = {}): Subgraph {
  const { depth, maxNodes, maxRelationships, ...filter } = parseOptions(NeighbourhoodOptions, options);
  requireNode(graph, id, 'id');
  const reached = new Set([id]);
  let truncated = false;
  let frontier = [id];
  for (let hop = 0; hop < depth && frontier.length; hop++) {
    const next: string[] = [];
    for (const node of frontier) {
      forEachAllowedStep(graph, node, { ...filter, direction: 'ANY' }, (_edge, neighbour) => {
        if (reached.has(neighbour)) return;
        if (reached.size >= maxNodes) {
          truncated = true;
          return;
        }
        reached.add(neighbour);
        next.push(neighbour);
      });
    }
    frontier = next;
  }
  const nodes = [...reached].sort().map((n) => graph.getNodeAttributes(n));
  const among = new Map<string, GraphRelationship>();
  for (const node of reached) {
    graph.forEachOutEdge(node, (edge, row, source, target) => {
      if (reached.has(target) && rowAllowed(graph, edge, row, source, target, filter)) among.set(edge, asOfAnswer(graph.columns.relationship(row.n, edge, source, target), filter.asOf));
    });
  }
  const relationships = [...among.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  if (relationships.length > maxRelationships) truncated = true;
  return { nodes, relationships: relationships.slice(0, maxRelationships), truncated };
}

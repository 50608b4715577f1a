// Ego networks: the nodes within `depth` hops (either direction) and the relationships among them.
import { DomainError } from '../domain/errors.ts';
import type { GraphNode, GraphRelationship } from '../domain/model.ts';
import { edgeAllowed, forEachAllowedStep, requireNode, type CommitmentGraph, type EdgeFilter } from './graph-view.ts';

export interface Subgraph {
  nodes: GraphNode[];
  relationships: GraphRelationship[];
}

export const MAX_DEPTH = 4;

export function neighbourhood(graph: CommitmentGraph, id: string, depth: number, filter: EdgeFilter = {}): Subgraph {
  requireNode(graph, id, 'id');
  if (!Number.isInteger(depth) || depth < 0 || depth > MAX_DEPTH) throw new DomainError('BAD_ARGUMENT', `depth must be from 0 to ${MAX_DEPTH}`);
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

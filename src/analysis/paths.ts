// Paths between two nodes over a filtered view: the shortest (BFS, fewest hops) and all simple
// paths up to a length, shortest first. `null` means no path.
import { DomainError } from '../domain/errors.ts';
import type { GraphNode, GraphRelationship } from '../domain/model.ts';
import { forEachAllowedStep, requireNode, type CommitmentGraph, type View } from './graph-view.ts';

export interface Path {
  length: number;
  nodes: GraphNode[];
  relationships: GraphRelationship[];
}

export const MAX_PATH_LENGTH = 6;
export const MAX_PATHS = 100;

function toPath(graph: CommitmentGraph, nodes: string[], edges: string[]): Path {
  return {
    length: edges.length,
    nodes: nodes.map((n) => graph.getNodeAttributes(n)),
    relationships: edges.map((e) => graph.getEdgeAttributes(e)),
  };
}

/** The shortest path (fewest relationships) from `from` to `to`, or null when there is none. */
export function shortestPath(graph: CommitmentGraph, from: string, to: string, view: View): Path | null {
  requireNode(graph, from, 'from');
  requireNode(graph, to, 'to');
  if (from === to) return toPath(graph, [from], []);
  const parent = new Map<string, { node: string; edge: string }>();
  const seen = new Set([from]);
  let frontier = [from];
  while (frontier.length) {
    const next: string[] = [];
    for (const node of frontier) {
      forEachAllowedStep(graph, node, view, (edge, neighbour) => {
        if (seen.has(neighbour)) return;
        seen.add(neighbour);
        parent.set(neighbour, { node, edge });
        next.push(neighbour);
      });
      if (seen.has(to)) break;
    }
    if (seen.has(to)) break;
    frontier = next;
  }
  if (!seen.has(to)) return null;
  const nodes = [to];
  const edges: string[] = [];
  for (let at = to; at !== from; ) {
    const step = parent.get(at) as { node: string; edge: string };
    edges.unshift(step.edge);
    nodes.unshift(step.node);
    at = step.node;
  }
  return toPath(graph, nodes, edges);
}

/** Every simple path (no node twice) of at most `maxLength` relationships, shortest first, at most `limit`. */
export function allPaths(graph: CommitmentGraph, from: string, to: string, maxLength: number, view: View, limit = 20): Path[] {
  requireNode(graph, from, 'from');
  requireNode(graph, to, 'to');
  if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > MAX_PATH_LENGTH) {
    throw new DomainError('BAD_ARGUMENT', `maxLength must be from 1 to ${MAX_PATH_LENGTH}`);
  }
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PATHS) throw new DomainError('BAD_ARGUMENT', `limit must be from 1 to ${MAX_PATHS}`);
  const found: { nodes: string[]; edges: string[] }[] = [];
  // Iterative deepening keeps "shortest first" exact and stops as soon as `limit` paths are known.
  for (let depth = 1; depth <= maxLength && found.length < limit; depth++) {
    const onPath = new Set([from]);
    const nodes = [from];
    const edges: string[] = [];
    const walk = (node: string) => {
      if (found.length >= limit) return;
      if (edges.length === depth) {
        if (node === to) found.push({ nodes: [...nodes], edges: [...edges] });
        return;
      }
      if (node === to) return;
      forEachAllowedStep(graph, node, view, (edge, neighbour) => {
        if (onPath.has(neighbour) || found.length >= limit) return;
        onPath.add(neighbour);
        nodes.push(neighbour);
        edges.push(edge);
        walk(neighbour);
        onPath.delete(neighbour);
        nodes.pop();
        edges.pop();
      });
    };
    walk(from);
  }
  return found.map((p) => toPath(graph, p.nodes, p.edges));
}

// Paths between two nodes over a filtered view: the shortest (BFS, fewest hops) and all simple
// paths up to a length, shortest first. `null` means no path.
import type { GraphNode, GraphRelationship } from '../domain/model.ts';
import { asOfAnswer, forEachAllowedStep, relationshipAt, requireNode, type CommitmentGraph, type View } from './graph-view.ts';
import { parseOptions, PathsOptions, ShortestPathOptions, type OptionsInput } from './options.ts';

export interface Path {
  length: number;
  nodes: GraphNode[];
  relationships: GraphRelationship[];
}

/** On a date, each relationship as it stood then (graph-view.ts relationshipOn): that day's evidence, not all of it. */
function toPath(graph: CommitmentGraph, nodes: string[], edges: string[], asOf: string | undefined): Path {
  return {
    length: edges.length,
    nodes: nodes.map((n) => graph.getNodeAttributes(n)),
    relationships: edges.map((e) => asOfAnswer(relationshipAt(graph, e), asOf)),
  };
}

type Parents = Map<string, { node: string; edge: string } | null>;

const REVERSE: Record<View['direction'], View['direction']> = { OUT: 'IN', IN: 'OUT', ANY: 'ANY' };

/**
 * The shortest path (fewest relationships) from `from` to `to`, or null when there is none.
 * Bidirectional BFS: each round expands the smaller frontier by one whole level, so a search
 * between two ordinary nodes meets in the middle instead of expanding every hub on the way, and
 * an unreachable end (an isolated node) stops it at once. The first meeting is a shortest path:
 * a shorter one would have met in an earlier round.
 */
export function shortestPath(graph: CommitmentGraph, from: string, to: string, options: OptionsInput<typeof ShortestPathOptions> = {}): Path | null {
  const view: View = parseOptions(ShortestPathOptions, options);
  requireNode(graph, from, 'from');
  requireNode(graph, to, 'to');
  if (from === to) return toPath(graph, [from], [], view.asOf);
  const forward: Parents = new Map([[from, null]]);
  const backward: Parents = new Map([[to, null]]);
  const reverse: View = { ...view, direction: REVERSE[view.direction] };
  let ahead = [from];
  let behind = [to];
  while (ahead.length && behind.length) {
    const isForward = ahead.length <= behind.length;
    const [frontier, parents, others, side] = isForward ? [ahead, forward, backward, view] : [behind, backward, forward, reverse];
    const next: string[] = [];
    let meeting: string | undefined;
    for (const node of frontier) {
      forEachAllowedStep(graph, node, side, (edge, neighbour) => {
        if (meeting !== undefined || parents.has(neighbour)) return;
        parents.set(neighbour, { node, edge });
        if (others.has(neighbour)) meeting = neighbour;
        else next.push(neighbour);
      });
      if (meeting !== undefined) return joinAt(graph, meeting, forward, backward, view.asOf);
    }
    if (isForward) ahead = next;
    else behind = next;
  }
  return null;
}

/** The path through `meeting`: back along the forward parents to the start, on along the backward ones to the end. */
function joinAt(graph: CommitmentGraph, meeting: string, forward: Parents, backward: Parents, asOf: string | undefined): Path {
  const nodes = [meeting];
  const edges: string[] = [];
  for (let step = forward.get(meeting); step; step = forward.get(step.node)) {
    nodes.unshift(step.node);
    edges.unshift(step.edge);
  }
  for (let step = backward.get(meeting); step; step = backward.get(step.node)) {
    nodes.push(step.node);
    edges.push(step.edge);
  }
  return toPath(graph, nodes, edges, asOf);
}

/** Every simple path (no node twice) of at most `maxLength` relationships, shortest first, at most `limit`. */
export function allPaths(graph: CommitmentGraph, from: string, to: string, options: OptionsInput<typeof PathsOptions> = {}): Path[] {
  const { maxLength, limit, ...view } = parseOptions(PathsOptions, options);
  requireNode(graph, from, 'from');
  requireNode(graph, to, 'to');
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
  return found.map((p) => toPath(graph, p.nodes, p.edges, view.asOf));
}

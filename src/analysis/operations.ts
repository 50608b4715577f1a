// The analyses the API runs off the event loop, by name: each takes the graph and the request's
// options (parsed again inside, by the same schemas as everywhere: options.ts).
import { centrality } from './centrality.ts';
import { communities } from './communities.ts';
import type { CommitmentGraph } from './graph-view.ts';
import { allPaths, shortestPath } from './paths.ts';
import { scenario } from './scenario.ts';
import { findTensions } from './tensions.ts';
import { neighbourhood } from './neighbourhood.ts';

type Options = Record<string, unknown>;

export const OPERATIONS = {
  centrality: (graph: CommitmentGraph, options: Options) => centrality(graph, options),
  communities: (graph: CommitmentGraph, options: Options) => communities(graph, options),
  scenario: (graph: CommitmentGraph, options: Options) => scenario(graph, options),
  tensions: (graph: CommitmentGraph, options: Options) => findTensions(graph, options),
  paths: (graph: CommitmentGraph, { from, to, ...options }: Options) => allPaths(graph, from as string, to as string, options),
  shortestPath: (graph: CommitmentGraph, { from, to, ...options }: Options) => shortestPath(graph, from as string, to as string, options),
  neighbourhood: (graph: CommitmentGraph, { id, ...options }: Options) => neighbourhood(graph, id as string, options),
} as const;

export type Operation = keyof typeof OPERATIONS;

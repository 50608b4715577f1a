// Resolvers for the analysis fields: the arguments go as they are to src/analysis, whose option
// schemas (src/analysis/options.ts) check them, apply defaults and name a wrong one
// (BAD_ARGUMENT), exactly as for the CLI; the work runs over the cached Graphology graph.
import { centrality } from '../analysis/centrality.ts';
import { communities } from '../analysis/communities.ts';
import { neighbourhood } from '../analysis/neighbourhood.ts';
import type { CentralityOptions, CommunitiesOptions, NeighbourhoodOptions, OptionsInput, PathsOptions, ScenarioOptions, ShortestPathOptions, TensionsOptions } from '../analysis/options.ts';
import { allPaths, shortestPath } from '../analysis/paths.ts';
import { scenario } from '../analysis/scenario.ts';
import { findTensions } from '../analysis/tensions.ts';
import type { Context } from './context.ts';

type Args<T> = T & Record<string, unknown>;
const graphOf = (context: Context) => context.services.analysis.graph();

export const analysisQueries = {
  shortestPath: async (_: unknown, { from, to, ...options }: Args<{ from: string; to: string } & OptionsInput<typeof ShortestPathOptions>>, context: Context) =>
    shortestPath(await graphOf(context), from, to, options),
  paths: async (_: unknown, { from, to, ...options }: Args<{ from: string; to: string } & OptionsInput<typeof PathsOptions>>, context: Context) =>
    allPaths(await graphOf(context), from, to, options),
  neighbourhood: async (_: unknown, { id, ...options }: Args<{ id: string } & OptionsInput<typeof NeighbourhoodOptions>>, context: Context) =>
    neighbourhood(await graphOf(context), id, options),
  // The expensive analyses are computed once per graph version and options (AnalysisService.memo).
  centrality: (_: unknown, options: OptionsInput<typeof CentralityOptions>, context: Context) =>
    context.services.analysis.memo('centrality', options, (graph) => centrality(graph, options)),
  communities: (_: unknown, options: OptionsInput<typeof CommunitiesOptions>, context: Context) =>
    context.services.analysis.memo('communities', options, (graph) => communities(graph, options)),
  scenario: (_: unknown, options: OptionsInput<typeof ScenarioOptions>, context: Context) =>
    context.services.analysis.memo('scenario', options, (graph) => scenario(graph, options)),
  tensions: (_: unknown, options: OptionsInput<typeof TensionsOptions>, context: Context) =>
    context.services.analysis.memo('tensions', options, (graph) => findTensions(graph, options)),
};

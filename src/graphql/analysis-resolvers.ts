// Resolvers for the analysis fields: arguments checked here, the work done by src/analysis over
// the cached Graphology graph of the running store.
import { centrality } from '../analysis/centrality.ts';
import { communities } from '../analysis/communities.ts';
import { neighbourhood } from '../analysis/neighbourhood.ts';
import type { CentralityMetric, Direction } from '../analysis/options.ts';
import { allPaths, shortestPath } from '../analysis/paths.ts';
import { scenario } from '../analysis/scenario.ts';
import { findTensions } from '../analysis/tensions.ts';
import type { NodeKind } from '../domain/model.ts';
import { checkDate, checkFirst, checkTypes } from './arguments.ts';
import type { Context } from './context.ts';
import { badArgument } from './errors.ts';

const MAX_IDS = 100;

function ids(list: string[] | null | undefined, argument: string): string[] {
  if (list && list.length > MAX_IDS) throw badArgument(`${argument} takes at most ${MAX_IDS} ids`);
  return list ?? [];
}

export const analysisQueries = {
  shortestPath: async (_: unknown, args: { from: string; to: string; types?: string[] | null; direction: Direction; asOf?: string | null }, context: Context) =>
    shortestPath(await context.services.analysis.graph(), args.from, args.to, {
      types: checkTypes(args.types),
      direction: args.direction,
      asOf: checkDate(args.asOf, 'asOf'),
    }),
  paths: async (
    _: unknown,
    args: { from: string; to: string; maxLength: number; types?: string[] | null; direction: Direction; limit?: number | null },
    context: Context,
  ) =>
    allPaths(await context.services.analysis.graph(), args.from, args.to, args.maxLength, { types: checkTypes(args.types), direction: args.direction }, args.limit ?? 20),
  neighbourhood: async (_: unknown, args: { id: string; depth: number; types?: string[] | null }, context: Context) =>
    neighbourhood(await context.services.analysis.graph(), args.id, args.depth, { types: checkTypes(args.types) }),
  centrality: async (_: unknown, args: { metric: CentralityMetric; kinds?: NodeKind[] | null; first: number }, context: Context) =>
    centrality(await context.services.analysis.graph(), args.metric, { kinds: args.kinds ?? undefined, first: checkFirst(args.first, 10, 1000) }),
  communities: async (_: unknown, args: { seed?: number | null }, context: Context) =>
    communities(await context.services.analysis.graph(), args.seed ?? 42),
  scenario: async (_: unknown, args: { assume: string[]; deny?: string[] | null }, context: Context) =>
    scenario(await context.services.analysis.graph(), ids(args.assume, 'assume'), ids(args.deny, 'deny')),
  tensions: async (_: unknown, __: unknown, context: Context) => findTensions(await context.services.analysis.graph()),
};

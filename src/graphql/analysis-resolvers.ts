// Resolvers for the analysis fields: arguments checked by src/analysis/options.ts (as for the CLI),
// the work run by the AnalysisService in its worker, and only the page a query returns hydrated
// from the store (analysis/refs.ts). The lists are Relay connections.
import {
  CentralityOptions,
  CommunitiesOptions,
  parseOptions,
  PathsOptions,
  ScenarioOptions,
  ShortestPathOptions,
  TensionsOptions,
  NeighbourhoodOptions,
  type OptionsInput,
} from '../analysis/options.ts';
import { hydrate, type Hydrator } from '../analysis/refs.ts';
import { factOn, isFact } from '../domain/statements.ts';
import { DomainError } from '../domain/errors.ts';
import type { Context } from './context.ts';
import { badArgument } from './errors.ts';
import { offsetConnection, type ListArgs } from './lists.ts';

type Args<T> = T & Record<string, unknown>;

/** The search for paths stops at this many; the connection pages through them. */
export const PATHS_SEARCHED = 1000;

export function hydrator(context: Context): Hydrator {
  return {
    node: async (id) => {
      const node = await context.nodes.load(id);
      if (!node) throw new DomainError('DANGLING_REFERENCE', `node ${id} left the graph while the analysis ran; ask again`, { id });
      return node;
    },
    relationship: async (id, asOf) => {
      const fact = await context.relationships.load(id);
      if (!fact) throw new DomainError('DANGLING_REFERENCE', `relationship ${id} left the graph while the analysis ran; ask again`, { id });
      // The fact as it stood on the analysis's date, as the worker resolved it: that day's statements and evidence only.
      return asOf && isFact(fact) ? (factOn(fact, asOf) ?? fact) : fact;
    },
  };
}

const withoutPaging = ({ first: _first, after: _after, ...rest }: object & ListArgs): Record<string, unknown> => rest;

interface CommunityResult {
  id: string;
  members: unknown[];
}

/**
 * Options are parsed here with defaults, bounds and BAD_ARGUMENT naming the argument, exactly as
 * the CLI parses them; the AnalysisService computes once per graph version and options, within a
 * time budget.
 */
export const analysisQueries = {
  shortestPath: async (_: unknown, { from, to, ...options }: Args<{ from: string; to: string } & OptionsInput<typeof ShortestPathOptions>>, context: Context) => {
    const parsed = parseOptions(ShortestPathOptions, options);
    return hydrate(await context.services.analysis.compute('shortestPath', { from, to, ...parsed }), hydrator(context));
  },
  paths: async (_: unknown, { from, to, ...args }: Args<{ from: string; to: string } & OptionsInput<typeof PathsOptions> & ListArgs>, context: Context) => {
    const parsed = parseOptions(PathsOptions, { ...withoutPaging(args), limit: PATHS_SEARCHED });
    const paths = (await context.services.analysis.compute('paths', { from, to, ...parsed })) as unknown[];
    return { ...(await offsetConnection(paths, args, (path) => hydrate(path, hydrator(context)))), truncated: paths.length >= PATHS_SEARCHED };
  },
  neighbourhood: async (_: unknown, { id, ...options }: Args<{ id: string } & OptionsInput<typeof NeighbourhoodOptions>>, context: Context) =>
    hydrate(await context.services.analysis.compute('neighbourhood', { id, ...parseOptions(NeighbourhoodOptions, options) }), hydrator(context)),
  centrality: async (_: unknown, options: OptionsInput<typeof CentralityOptions>, context: Context) =>
    hydrate(await context.services.analysis.compute('centrality', parseOptions(CentralityOptions, options)), hydrator(context)),
  communities: async (_: unknown, args: OptionsInput<typeof CommunitiesOptions> & ListArgs, context: Context) => {
    const blocs = (await context.services.analysis.compute('communities', parseOptions(CommunitiesOptions, withoutPaging(args)))) as CommunityResult[];
    return offsetConnection(blocs, args, async (bloc) => bloc);
  },
  // Hydrated per list, only the entries a query asks for (Scenario below).
  scenario: async (_: unknown, options: OptionsInput<typeof ScenarioOptions>, context: Context) =>
    context.services.analysis.compute('scenario', parseOptions(ScenarioOptions, options)),
  // The kinds are selected by the analysis itself (only their rules run), so each selection is computed and cached on its own.
  tensions: async (_: unknown, args: OptionsInput<typeof TensionsOptions> & ListArgs, context: Context) => {
    const tensions = (await context.services.analysis.compute('tensions', parseOptions(TensionsOptions, withoutPaging(args)))) as unknown[];
    return offsetConnection(tensions, args, (tension) => hydrate(tension, hydrator(context)));
  },
};

export const SCENARIO_LIST_DEFAULT = 500;
export const SCENARIO_LIST_MAX = 5000;
const SCENARIO_LISTS = ['active', 'inactive', 'undetermined', 'withdrawn', 'reasons', 'cycles'] as const;

const scenarioList = (list: (typeof SCENARIO_LISTS)[number]) => (result: Record<string, unknown[]>, args: { first?: number | null }, context: Context) => {
  const first = args.first ?? SCENARIO_LIST_DEFAULT;
  if (!Number.isInteger(first) || first < 0 || first > SCENARIO_LIST_MAX) throw badArgument(`first must be a whole number from 0 to ${SCENARIO_LIST_MAX}`, { argument: 'first' });
  return hydrate((result[list] ?? []).slice(0, first), hydrator(context));
};

export const analysisTypes = {
  Scenario: {
    ...Object.fromEntries(SCENARIO_LISTS.map((list) => [list, scenarioList(list)])),
    counts: (result: Record<string, unknown[]>) => Object.fromEntries(SCENARIO_LISTS.map((list) => [list, result[list]?.length ?? 0])),
  },
  Community: {
    size: (bloc: CommunityResult) => bloc.members.length,
    members: (bloc: CommunityResult, args: ListArgs, context: Context) => offsetConnection(bloc.members, args, (member) => hydrate(member, hydrator(context))),
  },
};

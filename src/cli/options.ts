// What several commands' options share: the one comma-list parser, and the help texts and
// defaults of the analysis options (the option schemas in src/analysis are their one source).
import { ALLOWED, CentralityOptions, CommunitiesOptions, NeighbourhoodOptions, PathsOptions, SearchOptions } from '../analysis/options.ts';

/**
 * A commander option parser for a comma list that may also be repeated: `--types A,B --types C`
 * is [A, B, C]. Items are trimmed; empty ones (`A,,B`, a trailing comma) are dropped.
 */
export const commaList = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').map((item) => item.trim()).filter(Boolean)];

/** The option schemas' defaults, shown in --help (the schemas are the one place they are set). */
export const ANALYSIS_DEFAULTS = {
  paths: PathsOptions.parse({}),
  neighbourhood: NeighbourhoodOptions.parse({}),
  centrality: CentralityOptions.parse({}),
  communities: CommunitiesOptions.parse({}),
  search: SearchOptions.parse({ text: 'x' }),
};

export const TYPES_HELP = 'only these relationship types (comma-separated; e.g. PLEDGED,REFUSED)';
export const AS_OF_HELP = 'only relationships valid on this date (YYYY, YYYY-MM or YYYY-MM-DD)';
export const SOURCES_HELP = 'only what statements of these sources assert (source ids, comma-separated)';
export const RELIABILITY_HELP = `only what statements from outlets of these reliability grades assert (comma-separated: ${ALLOWED.reliability.join(', ')}; a set, F is "cannot be judged")`;
export const CREDIBILITY_HELP = 'only what statements with these credibility grades of their own assert (comma-separated: 1-6; ungraded statements never match)';
export const DIRECTION_HELP = `${ALLOWED.direction.join(', ')} (default ANY)`;

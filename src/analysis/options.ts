// One options schema per analysis operation: bounds, defaults and coded errors in one place, so the
// API, the CLI and scripts meet the same rules. SDL enums equal the enums here (a test says so).
import { z } from 'zod';
import { OptionError } from '../domain/errors.ts';
import { NodeKind, PartialDate, Reliability, RelationshipType } from '../domain/model.ts';
import { TENSION_KINDS } from './tensions/rules.ts';

export const Direction = z.enum(['OUT', 'IN', 'ANY']);
export type Direction = z.infer<typeof Direction>;

export const CentralityMetric = z.enum(['DEGREE', 'BETWEENNESS', 'PAGERANK', 'EIGENVECTOR']);
export type CentralityMetric = z.infer<typeof CentralityMetric>;

/** One per rule (tensions/rules.ts); a String in the SDL, so this schema is the only check. */
export const TensionKind = z.enum(TENSION_KINDS);
export type TensionKind = z.infer<typeof TensionKind>;

/** At most this many values in a list option (types, kinds, condition ids, sources). */
export const MAX_LIST = 200;
/** At most this many tension kinds (there are six; repeats allowed). */
export const MAX_TENSION_KINDS = 20;
export const MAX_DEPTH = 4;
export const MAX_PATH_LENGTH = 6;
export const MAX_PATHS = 1000;
export const MAX_RANKED = 1000;
export const MAX_SCENARIO_IDS = 100;
export const MAX_SEARCH = 100;
/** A neighbourhood's caps: a hub's two-step neighbourhood at 100k commitments is most of the graph. */
export const MAX_SUBGRAPH_NODES = 5000;
export const MAX_SUBGRAPH_RELATIONSHIPS = 20_000;

/** Enum values are matched case-insensitively (the CLI's `--direction any`). */
const upper = (value: unknown) => (typeof value === 'string' ? value.trim().toUpperCase() : value);
/** Numbers may arrive as text (command lines); anything unparsable becomes NaN and is refused. */
const numeric = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value);

function oneOf<E extends z.ZodEnum>(schema: E) {
  const expected = `one of ${schema.options.join(', ')}`;
  return z.preprocess(upper, z.enum(schema.enum, { error: expected }) as unknown as E);
}

function wholeNumber(min: number, max: number) {
  const expected = `a whole number from ${min} to ${max}`;
  return z.preprocess(numeric, z.number({ error: expected }).int({ error: expected }).min(min, { error: expected }).max(max, { error: expected }));
}

function listOf<T extends z.ZodType>(item: T, max = MAX_LIST) {
  return z.array(item, { error: 'a list' }).max(max, { error: `at most ${max} values` });
}

const RelationshipTypes = listOf(oneOf(RelationshipType));
const NodeKinds = listOf(oneOf(NodeKind));
const DAY = 'a date YYYY, YYYY-MM or YYYY-MM-DD that exists';
const Day = z.string({ error: DAY }).refine((value) => PartialDate.safeParse(value).success, { error: DAY });
const Ids = (max: number) => listOf(z.string({ error: 'an id' }).min(1, { error: 'an id' }).max(300, { error: 'an id' }), max);

/** Only what statements of these sources assert (source ids; all sources when absent or empty). */
const Sources = Ids(MAX_LIST).optional();

/**
 * Which statements an analysis reads (graph-view.ts StatementSelection): of these sources, from
 * outlets of these reliability grades, with these credibility grades of their own; one statement
 * meets them all. Grades are sets (F and 6 are "cannot be judged", not "worst"). `gradedSources`
 * is no one's input: the caller finds it in the store for `reliability` when it asks
 * (services/graded-sources.ts), as the store does for its own filters.
 */
const statementSelection = {
  sources: Sources,
  reliability: listOf(oneOf(Reliability)).optional(),
  credibility: listOf(wholeNumber(1, 6)).optional(),
  gradedSources: z.array(z.string()).optional(),
};

/** The reliability grades of a request's options, checked as an analysis checks them (null: none asked), for the caller's lookup of their sources. */
export function reliabilityAsked(options: { reliability?: unknown }): Reliability[] | null {
  const { reliability } = parseOptions(z.strictObject({ reliability: statementSelection.reliability }), { reliability: options.reliability as string[] | undefined });
  return reliability?.length ? reliability : null;
}

/** Which relationships a walk may use: types, validity date and statements. */
const edgeFilter = {
  types: RelationshipTypes.optional(),
  asOf: Day.optional(),
  ...statementSelection,
};

export const ShortestPathOptions = z.strictObject({
  ...edgeFilter,
  direction: oneOf(Direction).default('ANY'),
});
export const PathsOptions = z.strictObject({
  ...edgeFilter,
  direction: oneOf(Direction).default('ANY'),
  maxLength: wholeNumber(1, MAX_PATH_LENGTH).default(3),
  limit: wholeNumber(1, MAX_PATHS).default(20),
});
export const NeighbourhoodOptions = z.strictObject({
  ...edgeFilter,
  depth: wholeNumber(0, MAX_DEPTH).default(1),
  /** Nearest first; beyond the cap the answer says `truncated`. */
  maxNodes: wholeNumber(1, MAX_SUBGRAPH_NODES).default(500),
  maxRelationships: wholeNumber(1, MAX_SUBGRAPH_RELATIONSHIPS).default(2000),
});
export const CentralityOptions = z.strictObject({
  ...edgeFilter,
  metric: oneOf(CentralityMetric).default('BETWEENNESS'),
  /** Rank only nodes of these kinds (all nodes take part in the computation). */
  kinds: NodeKinds.optional(),
  first: wholeNumber(1, MAX_RANKED).default(10),
  /** Betweenness: weight paths by relationship count (parallel relationships make a tie stronger). */
  weighted: z.boolean({ error: 'true or false' }).default(false),
});
export const CommunitiesOptions = z.strictObject({
  ...edgeFilter,
  seed: wholeNumber(0, 2 ** 32 - 1).default(42),
});
export const ScenarioOptions = z.strictObject({
  /** Conditions assumed met, and assumed not met. */
  assume: Ids(MAX_SCENARIO_IDS).default([]),
  deny: Ids(MAX_SCENARIO_IDS).default([]),
  /** Commitments (relationship ids) assumed withdrawn. */
  withdraw: Ids(MAX_SCENARIO_IDS).default([]),
  /** Only commitments valid on this date are in force. */
  asOf: Day.optional(),
  ...statementSelection,
});

/** Operations whose only option is a date: exports, the graph as it stood then. */
export const AsOfOptions = z.strictObject({
  asOf: Day.optional(),
});
/** Tensions: only commitments valid on a common day (with asOf, that day) collide; only the kinds asked for (all when none). */
export const TensionsOptions = z.strictObject({
  asOf: Day.optional(),
  kinds: listOf(oneOf(TensionKind), MAX_TENSION_KINDS).optional(),
  ...statementSelection,
});

/** Finding nodes by name (the store's search; the CLI's `search` and GraphQL `search`). */
export const SearchOptions = z.strictObject({
  text: z.string({ error: 'a text of 1 to 200 characters' }).trim().min(1, { error: 'a text of 1 to 200 characters' }).max(200, { error: 'a text of 1 to 200 characters' }),
  kinds: NodeKinds.optional(),
  first: wholeNumber(1, MAX_SEARCH).default(10),
});

export type ShortestPathOptions = z.output<typeof ShortestPathOptions>;
export type PathsOptions = z.output<typeof PathsOptions>;
export type NeighbourhoodOptions = z.output<typeof NeighbourhoodOptions>;
export type CentralityOptions = z.output<typeof CentralityOptions>;
export type CommunitiesOptions = z.output<typeof CommunitiesOptions>;
export type ScenarioOptions = z.output<typeof ScenarioOptions>;
export type SearchOptions = z.output<typeof SearchOptions>;
export type TensionsOptions = z.output<typeof TensionsOptions>;

/** What callers may pass: absent values take their defaults; `null` (GraphQL) counts as absent. */
export type OptionsInput<T extends z.ZodType> = { [K in keyof z.input<T>]?: z.input<T>[K] | null };

/** The option values the schema's fields allow, for messages and help texts. */
export const ALLOWED = {
  types: RelationshipType.options,
  kinds: NodeKind.options,
  direction: Direction.options,
  metric: CentralityMetric.options,
  tensionKinds: TensionKind.options,
  reliability: Reliability.options,
} as const;

/**
 * Parses options for an operation: defaults applied, or an OptionError for the first option that
 * is wrong (its name, what it takes, what it got); each front end words the option its own way
 * (GraphQL `maxLength`, the CLI `--max-length`). `null` values are dropped first, so GraphQL's
 * explicit nulls mean "the default".
 */
export function parseOptions<T extends z.ZodType>(schema: T, input: OptionsInput<T> | undefined): z.output<T> {
  const present = Object.fromEntries(Object.entries(input ?? {}).filter(([, v]) => v !== null && v !== undefined));
  const parsed = schema.safeParse(present);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0] as z.core.$ZodIssue;
  const [option = '', ...rest] = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    throw new OptionError(issue.keys[0] ?? '', 'no such option', present[issue.keys[0] ?? '']);
  }
  const got = rest.length ? (present[option] as unknown[])[Number(rest[0])] : present[option];
  const expected = rest.length ? `values that are each ${issue.message}` : issue.message;
  throw new OptionError(option, expected, got);
}

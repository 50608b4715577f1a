// Checks GraphQL arguments against the domain's lists before they reach a store, so a bad value
// is a BAD_ARGUMENT error that says what is allowed, never an empty answer or a store error.
import { CommitmentKind, Credibility, Firmness, PartialDate, Reliability, RelationshipType } from '../domain/model.ts';
import type { RelationshipFilter } from '../domain/filters.ts';
import { badArgument } from './errors.ts';

export interface RelationshipFilterInput {
  types?: string[] | null;
  from?: string[] | null;
  to?: string[] | null;
  involving?: string[] | null;
  sources?: string[] | null;
  asOf?: string | null;
  reviewStates?: string[] | null;
  minSources?: number | null;
  disputed?: boolean | null;
  reliability?: string[] | null;
  credibility?: number[] | null;
}

export interface CommitmentFilterInput extends Omit<RelationshipFilterInput, 'types'> {
  kinds?: string[] | null;
  conditions?: string[] | null;
  firmness?: string[] | null;
  text?: string | null;
}

const MAX_LIST = 200;

function list(name: string, values: string[] | null | undefined): string[] | undefined {
  if (!values) return undefined;
  if (values.length > MAX_LIST) throw badArgument(`${name} takes at most ${MAX_LIST} values`);
  return values;
}

export function checkTypes(types: string[] | null | undefined, argument = 'types'): string[] | undefined {
  const checked = list(argument, types);
  for (const type of checked ?? []) {
    if (!RelationshipType.safeParse(type).success) {
      throw badArgument(`"${type}" is not a relationship type; use one of ${RelationshipType.options.join(', ')}`, { argument });
    }
  }
  return checked;
}

export function checkDate(value: string | null | undefined, argument: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (!PartialDate.safeParse(value).success) throw badArgument(`${argument} must be a date YYYY, YYYY-MM or YYYY-MM-DD, got "${value}"`, { argument });
  return value;
}

function checkCount(value: number, argument: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 10_000) throw badArgument(`${argument} must be a whole number from 0 to 10000, got ${value}`, { argument });
  return value;
}

export function relationshipFilter(input: RelationshipFilterInput | null | undefined): RelationshipFilter {
  return {
    types: checkTypes(input?.types),
    from: list('from', input?.from),
    to: list('to', input?.to),
    involving: list('involving', input?.involving),
    sources: list('sources', input?.sources),
    asOf: checkDate(input?.asOf, 'asOf'),
    // The schema's enum values (REVIEWED) arrive as the domain's (reviewed): see the ReviewState resolver.
    reviewStates: list('reviewStates', input?.reviewStates),
    ...(input?.minSources !== null && input?.minSources !== undefined ? { minSources: checkCount(input.minSources, 'minSources') } : {}),
    ...(input?.disputed !== null && input?.disputed !== undefined ? { disputed: input.disputed } : {}),
    ...grades(input),
  };
}

/** The grade sets of a filter (sets, never ranges: F and 6 mean "cannot be judged"). */
function grades(input: RelationshipFilterInput | null | undefined): Pick<RelationshipFilter, 'reliability' | 'credibility'> {
  const reliability = list('reliability', input?.reliability);
  for (const grade of reliability ?? []) if (!Reliability.safeParse(grade).success) throw badArgument(`"${grade}" is not a reliability grade; use ${Reliability.options.join(', ')}`, { argument: 'reliability' });
  const credibility = input?.credibility ?? undefined;
  for (const grade of credibility ?? []) {
    if (!Credibility.safeParse(grade).success) throw badArgument(`credibility takes whole numbers from 1 to 6, got ${grade}`, { argument: 'credibility' });
  }
  return { ...(reliability?.length ? { reliability } : {}), ...(credibility?.length ? { credibility } : {}) };
}

export function commitmentFilter(input: CommitmentFilterInput | null | undefined): RelationshipFilter {
  const kinds = list('kinds', input?.kinds) ?? [...CommitmentKind.options];
  for (const firmness of input?.firmness ?? []) {
    if (!Firmness.safeParse(firmness).success) throw badArgument(`"${firmness}" is not a firmness; use one of ${Firmness.options.join(', ')}`);
  }
  if (input?.text && input.text.length > 500) throw badArgument('text takes at most 500 characters');
  return {
    ...relationshipFilter({ ...input, types: null }),
    types: kinds.length ? kinds : [...CommitmentKind.options],
    conditions: list('conditions', input?.conditions),
    firmness: list('firmness', input?.firmness),
    text: input?.text ?? undefined,
  };
}

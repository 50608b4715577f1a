// What the relationship filters mean, once: the memory store applies these functions and the
// Neo4j store's Cypher says the same thing (the contract suite checks that they agree).
import type { GraphRelationship } from './model.ts';
import { gatesOf, type ConditionIndex } from './conditions.ts';
import { isFact, someStatementMatches } from './statements.ts';
import { asOfDay, isValidOn } from './time.ts';

export interface RelationshipFilter {
  types?: readonly string[];
  from?: readonly string[];
  to?: readonly string[];
  /** Either end is one of these ids. */
  involving?: readonly string[];
  /** A statement from one of these sources asserts it (with asOf and reviewStates: the same statement). */
  sources?: readonly string[];
  /** A statement in one of these review states asserts it; without it, any statement but a disputed one. */
  reviewStates?: readonly string[];
  /** Asserted by at least this many sources (undisputed statements). */
  minSources?: number;
  /** true: only facts with a disputed statement; false: only facts with none. */
  disputed?: boolean;
  /** Commitments gated by one of these conditions: their own or inherited from their object (conditions.ts). */
  conditions?: readonly string[];
  firmness?: readonly string[];
  /** A statement valid on this date asserts it (YYYY, YYYY-MM or YYYY-MM-DD; a partial date means its first day), by the rule in time.ts. */
  asOf?: string;
  /** Case-insensitive substring of the action, summary, claim or a quote. */
  text?: string;
  /** A statement from a source whose outlet has one of these reliability grades (A–F, a set: F is not "below E"). */
  reliability?: readonly string[];
  /** A statement with one of these credibility grades (1–6, a set) of its own. */
  credibility?: readonly number[];
  /** With `reliability`: the sources of the outlets graded so, which the store fills in (withGradedSources) before matching. */
  gradedSources?: ReadonlySet<string>;
}

/** The filter with `gradedSources` found for its `reliability` (sourcesOfGrades: the store's lookup); as it is without one. */
export async function withGradedSources(filter: RelationshipFilter, sourcesOfGrades: (grades: readonly string[]) => Promise<Iterable<string>>): Promise<RelationshipFilter> {
  if (!nonEmpty(filter.reliability) || filter.gradedSources) return filter;
  return { ...filter, gradedSources: new Set(await sourcesOfGrades(filter.reliability)) };
}

const nonEmpty = (list: readonly string[] | undefined): list is readonly string[] => list !== undefined && list.length > 0;

/** `index` is needed when the filter names conditions (inherited gates come from the structure). */
export function matchesRelationshipFilter(rel: GraphRelationship, filter: RelationshipFilter, index?: ConditionIndex): boolean {
  if (nonEmpty(filter.types) && !filter.types.includes(rel.type)) return false;
  if (nonEmpty(filter.from) && !filter.from.includes(rel.from)) return false;
  if (nonEmpty(filter.to) && !filter.to.includes(rel.to)) return false;
  if (nonEmpty(filter.involving) && !filter.involving.includes(rel.from) && !filter.involving.includes(rel.to)) return false;
  if (isFact(rel)) {
    // Statement criteria are met by one statement (statements.ts); facts no statement counts for never match them.
    if (nonEmpty(filter.reliability) && !filter.gradedSources) throw new Error('a reliability filter needs its gradedSources (withGradedSources)');
    const grades = { credibility: filter.credibility, ...(nonEmpty(filter.reliability) ? { gradedSources: filter.gradedSources } : {}) };
    const criteria = { sources: filter.sources, reviewStates: filter.reviewStates, ...grades, ...(filter.asOf ? { day: asOfDay(filter.asOf) } : {}) };
    if (!someStatementMatches(rel.statementSpans, criteria)) return false;
    if (filter.minSources !== undefined && rel.sourceCount < filter.minSources) return false;
    if (filter.disputed !== undefined && rel.disputed !== filter.disputed) return false;
  } else {
    if (nonEmpty(filter.sources) && !rel.evidence.some((e) => filter.sources?.includes(e.sourceId))) return false;
    if (filter.asOf && !isValidOn(rel, filter.asOf)) return false;
  }
  if (nonEmpty(filter.conditions)) {
    if (!('conditions' in rel)) return false;
    const gates = index ? gatesOf(rel, index) : rel.conditions.map((condition) => ({ condition }));
    if (!gates.some((g) => filter.conditions?.includes(g.condition))) return false;
  }
  if (nonEmpty(filter.firmness) && !('firmness' in rel && filter.firmness.includes(rel.firmness))) return false;
  if (filter.text) {
    const needle = filter.text.toLowerCase();
    const haystack = [
      'action' in rel ? rel.action : undefined,
      rel.summary,
      rel.claim,
      ...rel.evidence.map((e) => e.quote),
    ];
    if (!haystack.some((h) => h?.toLowerCase().includes(needle))) return false;
  }
  return true;
}

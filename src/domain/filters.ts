// What the relationship filters mean, once: the memory store applies these functions and the
// Neo4j store's Cypher says the same thing (the contract suite checks that they agree).
import type { GraphRelationship } from './model.ts';

export interface RelationshipFilter {
  types?: readonly string[];
  from?: readonly string[];
  to?: readonly string[];
  /** Either end is one of these ids. */
  involving?: readonly string[];
  /** Some evidence comes from one of these sources. */
  sources?: readonly string[];
  /** Commitments that depend on one of these conditions. */
  conditions?: readonly string[];
  firmness?: readonly string[];
  /** Valid on this date (YYYY, YYYY-MM or YYYY-MM-DD; a partial date means its first day). */
  asOf?: string;
  /** Case-insensitive substring of the action, summary, claim or a quote. */
  text?: string;
}

/** Pads a partial date to a full one: its first day (`start`) or its last (`end`). */
export function padDate(date: string, side: 'start' | 'end'): string {
  if (date.length === 10) return date;
  if (date.length === 7) return `${date}-${side === 'start' ? '01' : '31'}`;
  return `${date}-${side === 'start' ? '01-01' : '12-31'}`;
}

/** True when the relationship holds on `asOf`: open-ended validity counts as always. */
export function isValidOn(rel: Pick<GraphRelationship, 'validFrom' | 'validTo'>, asOf: string): boolean {
  const day = padDate(asOf, 'start');
  if (rel.validFrom && padDate(rel.validFrom, 'start') > day) return false;
  if (rel.validTo && padDate(rel.validTo, 'end') < day) return false;
  return true;
}

const nonEmpty = (list: readonly string[] | undefined): list is readonly string[] => list !== undefined && list.length > 0;

export function matchesRelationshipFilter(rel: GraphRelationship, filter: RelationshipFilter): boolean {
  if (nonEmpty(filter.types) && !filter.types.includes(rel.type)) return false;
  if (nonEmpty(filter.from) && !filter.from.includes(rel.from)) return false;
  if (nonEmpty(filter.to) && !filter.to.includes(rel.to)) return false;
  if (nonEmpty(filter.involving) && !filter.involving.includes(rel.from) && !filter.involving.includes(rel.to)) return false;
  if (nonEmpty(filter.sources) && !rel.evidence.some((e) => filter.sources?.includes(e.sourceId))) return false;
  if (nonEmpty(filter.conditions)) {
    const conditions = 'conditions' in rel ? rel.conditions : [];
    if (!conditions.some((c) => filter.conditions?.includes(c))) return false;
  }
  if (nonEmpty(filter.firmness) && !('firmness' in rel && filter.firmness.includes(rel.firmness))) return false;
  if (filter.asOf && !isValidOn(rel, filter.asOf)) return false;
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

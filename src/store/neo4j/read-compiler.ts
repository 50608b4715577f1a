// One Cypher statement per read request, assembled from the fragments in cypher/read/ (no text but
// theirs, values only as parameters), anchored on an index, and cached by shape so Neo4j's plan
// cache hits. docs/api.md "One read per request" says what clients see.
import neo4j from 'neo4j-driver';
import type { RelationshipFilter } from '../../domain/filters.ts';
import { RelationshipType } from '../../domain/model.ts';
import { cypher } from './cypher-library.ts';
import { relationshipFilterParams } from './records.ts';

export type ReadPart =
  | { kind: 'nodes'; ids: readonly string[] }
  | { kind: 'relationships'; ids: readonly string[]; lean?: boolean; keys?: readonly string[] }
  | { kind: 'listing'; filter: RelationshipFilter; after: string | null; limit: number; lean?: boolean; keys?: readonly string[] }
  | { kind: 'count'; filter: RelationshipFilter; cursor: string | null }
  /** A page and its count in one pass (a listing anchored on its ends); its result holds items, total and before. */
  | { kind: 'counted-listing'; filter: RelationshipFilter; after: string | null; limit: number; lean?: boolean; keys?: readonly string[] }
  /** The nodes that the relationships of the earlier parts name (ends, sources, conditions, speakers of record). */
  | { kind: 'references' };

export interface CompiledRead {
  text: string;
  params: Record<string, unknown>;
}

type Anchor = 'from' | 'to' | 'involving' | 'type';
type FilterParams = ReturnType<typeof relationshipFilterParams>;

const nonEmpty = (list: readonly string[] | null | undefined): list is readonly string[] => !!list && list.length > 0;

/** The filter's types that exist (unknown ones match nothing); every type when it names none. */
export function knownTypes(filter: RelationshipFilter): RelationshipType[] {
  if (!nonEmpty(filter.types)) return [...RelationshipType.options];
  return RelationshipType.options.filter((type) => filter.types?.includes(type));
}

/** Whether a listing is anchored on its ends (so counting it in the same pass reads no more than listing it). */
export const anchoredOnEnds = (filter: RelationshipFilter) => anchorOf(relationshipFilterParams(filter)) !== 'type';

/** Whether a listing's page is read per type from a hub's index order (hubMatch): counting it in the same pass would read every match after all. */
export const listedFromHubs = (filter: RelationshipFilter) => hubMatch(filter, null) !== null;

/** A listing that can match nothing (only unknown types named): answered without Neo4j. */
export const matchesNothing = (filter: RelationshipFilter) => knownTypes(filter).length === 0;

function anchorOf(params: FilterParams): Anchor {
  if (params.from) return 'from';
  if (params.to) return 'to';
  if (params.involving) return 'involving';
  return 'type';
}

/** The where-* fragments a filter needs besides its anchor, and their parameters. */
function predicates(params: FilterParams, anchor: Anchor): { fragments: string[]; values: Record<string, unknown> } {
  const fragments: string[] = [];
  const values: Record<string, unknown> = {};
  const undisputed = !params.sources && !params.asOf && !params.credibility && !params.gradedSources && [...params.reviewStates].sort().join() === 'machine,reviewed';
  if (undisputed) fragments.push(cypher('read/where-undisputed'));
  else values.reviewStates = params.reviewStates;
  let statement = '';
  if (params.sources) {
    statement += ` ${cypher('read/and-statement-source')}`;
    values.sources = params.sources;
  }
  if (params.asOf) {
    statement += ` ${cypher('read/and-statement-valid')}`;
    values.asOf = params.asOf;
  }
  if (params.credibility) {
    statement += ` ${cypher('read/and-statement-credibility')}`;
    values.credibility = params.credibility;
  }
  if (params.gradedSources) {
    statement += ` ${cypher('read/and-statement-graded-source')}`;
    values.gradedSources = params.gradedSources;
  }
  if (!undisputed) fragments.push(cypher('read/where-statement').replace('{STATEMENT}', statement));
  if (anchor === 'to' && params.from) throw new Error('a listing with from is anchored on from');
  if (anchor === 'from' && params.to) {
    fragments.push(cypher('read/where-to'));
    values.to = params.to;
  }
  if ((anchor === 'from' || anchor === 'to') && params.involving) {
    fragments.push(cypher('read/where-involving'));
    values.involving = params.involving;
  }
  const optional: [keyof FilterParams, string][] = [
    ['minSources', 'read/where-min-sources'],
    ['disputed', 'read/where-disputed'],
    ['conditions', 'read/where-conditions'],
    ['firmness', 'read/where-firmness'],
    ['text', 'read/where-text'],
  ];
  for (const [key, fragment] of optional) {
    if (params[key] === null) continue;
    fragments.push(cypher(fragment));
    values[key] = key === 'minSources' ? neo4j.int(params[key] as number) : params[key];
  }
  return { fragments, values };
}

/** The MATCH … WHERE … of a listing or count, and its parameters. `after` null: no cursor predicate. */
function matchClause(filter: RelationshipFilter, after: string | null, branchEnd: string): { text: string; values: Record<string, unknown> } {
  const params = relationshipFilterParams(filter);
  const anchor = anchorOf(params);
  const types = knownTypes(filter);
  const { fragments, values } = predicates(params, anchor);
  if (anchor === 'type') {
    // One branch per type, each reading its own id index from the cursor (after '' reads from the start).
    const branches = types.map((type) => [cypher('read/match-by-type').replace('{TYPE}', type), ...fragments.map((f) => `AND ${f}`), branchEnd].join('\n'));
    return { text: `CALL () {\n${branches.join('\nUNION ALL\n')}\n}`, values: { ...values, after: after ?? '' } };
  }
  const typeList = types.join('|');
  const anchorText = cypher(`read/match-${anchor}`).replaceAll('{TYPES}', typeList);
  const where = after === null ? fragments : [...fragments, cypher('read/where-after')];
  return {
    text: `${anchorText}\nWHERE ${where.join('\n  AND ')}`,
    values: { ...values, [anchor]: params[anchor], ...(after === null ? {} : { after }) },
  };
}

/**
 * The anchor of a listing with the default filter and an end named (its only predicate is
 * where-undisputed), per type so that a hub reads its type's id index in order and stops at the
 * page (read/match-hub-*); null for any other listing.
 */
function hubMatch(filter: RelationshipFilter, after: string | null): { text: string; values: Record<string, unknown> } | null {
  const params = relationshipFilterParams(filter);
  const anchor = anchorOf(params);
  if (anchor === 'type') return null;
  const { fragments } = predicates(params, anchor);
  const undisputed = cypher('read/where-undisputed');
  if (fragments.length !== 1 || fragments[0] !== undisputed) return null;
  const branches = knownTypes(filter).map((type) => cypher(`read/branch-hub-${anchor}`).replaceAll('{TYPE}', type).replaceAll('{UNDISPUTED}', undisputed));
  return {
    text: cypher(`read/match-hub-${anchor}`).replace('{BRANCHES}', branches.join('\n  UNION ALL\n')),
    values: { [anchor]: params[anchor], after: after ?? '' },
  };
}

/** The stored keys a narrowed projection may name: records.ts's allow-list gives them; this keeps Cypher text to plain names. */
const KEY = /^[a-z][A-Za-z]*$/;

/**
 * Lean: without statements and disagreements (records.ts marks such facts); with keys (lean and
 * narrowed to the request's fields, records.ts selectedKeys): those properties only.
 */
function projection(lean: boolean | undefined, keys: readonly string[] | undefined): string {
  if (!lean) return cypher('read/project-relationship');
  if (!keys) return cypher('read/project-relationship-lean');
  const named = keys.filter((key) => key !== 'id');
  if (!named.every((key) => KEY.test(key))) throw new Error(`not a property name: ${named.join(', ')}`);
  return cypher('read/project-relationship-fields').replace('{FIELDS}', named.map((key) => `, .${key}`).join(''));
}

const prefixed = (text: string, prefix: string) => text.replace(/\$(\w+)/g, (_, name: string) => `$${prefix}${name}`);

function partText(part: ReadPart): { text: string; values: Record<string, unknown> } {
  switch (part.kind) {
    case 'nodes':
      return { text: cypher('read/find-nodes'), values: { ids: [...part.ids] } };
    case 'relationships':
      return { text: cypher('read/find-relationships').replace('{REL}', projection(part.lean, part.keys)), values: { ids: [...part.ids] } };
    case 'references':
      return { text: cypher('read/find-references'), values: {} };
    case 'listing': {
      const match = hubMatch(part.filter, part.after) ?? matchClause(part.filter, part.after, cypher('read/return-page-rows'));
      return {
        text: [cypher('read/open-listing'), match.text, cypher('read/close-listing').replace('{REL}', projection(part.lean, part.keys))].join('\n'),
        values: { ...match.values, limit: neo4j.int(part.limit) },
      };
    }
    case 'counted-listing': {
      const match = matchClause(part.filter, null, cypher('read/return-rows'));
      return {
        text: [cypher('read/open-listing'), match.text, cypher('read/close-counted-listing').replace('{REL}', projection(part.lean, part.keys))].join('\n'),
        values: { ...match.values, cursor: part.after ?? '', after: part.after ?? '', limit: neo4j.int(part.limit) },
      };
    }
    case 'count': {
      const match = matchClause(part.filter, null, cypher('read/return-rows'));
      return {
        text: [cypher('read/open-count'), match.text, cypher(part.cursor === null ? 'read/close-count-first' : 'read/close-count')].join('\n'),
        values: { ...match.values, ...(part.cursor === null ? {} : { cursor: part.cursor }) },
      };
    }
  }
}

/**
 * The statement for `parts` (in order; each part's result is the same position of `parts` in the row).
 * A request is nodes by id, relationships by id, filtered pages with or without their counts, and
 * the nodes all of those name. Each part's parameters are its own (prefixed p0_, p1_, …);
 * relationship types come only from the domain's allow-list. The statement reads the graph version
 * first and last, so the one round trip is also its own consistency check. A filter picks its
 * anchor so that Neo4j starts from an index: the start nodes, the end nodes, either end, or — with
 * no end named — each type's id index read in order from the cursor; only the predicates the filter
 * uses are in the statement (no `$x IS NULL OR`, which keeps Neo4j off the indexes).
 */
export function compileRead(parts: readonly ReadPart[]): CompiledRead {
  const texts: string[] = [cypher('read/open-read')];
  const params: Record<string, unknown> = {};
  parts.forEach((part, i) => {
    const prefix = `p${i}_`;
    const { text, values } = partText(part);
    texts.push(prefixed(text, prefix), cypher('read/append-part'));
    for (const [key, value] of Object.entries(values)) params[`${prefix}${key}`] = value;
  });
  texts.push(cypher('read/close-read'));
  return { text: texts.join('\n'), params };
}

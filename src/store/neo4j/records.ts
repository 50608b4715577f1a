// Record conversion at the Neo4j boundary, pure and testable without a database: domain records
// to the properties and labels Neo4j stores, stored rows back to domain records, and filters to
// statement parameters. The driver hands plain values (it is built with disableLosslessIntegers);
// fromNeo4j converts the driver's Integer where one still appears (counts).
import { isInt } from 'neo4j-driver';
import type { RelationshipFilter } from '../../domain/filters.ts';
import { asOfDay, validity } from '../../domain/time.ts';
import { ACTOR_KINDS, KIND_LABEL, type GraphNode, type GraphRelationship, type NodeKind } from '../../domain/model.ts';

/** Plain JS values from driver values: Integers become numbers, lists and maps recursively. */
export function fromNeo4j(value: unknown): unknown {
  if (isInt(value)) return value.toNumber();
  if (Array.isArray(value)) return value.map(fromNeo4j);
  if (value && typeof value === 'object' && value.constructor === Object) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromNeo4j(v)]));
  }
  return value;
}

/** Neo4j stores no nulls or undefineds: absent properties are left out. */
export function definedOnly(record: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}

/** A node's labels: its kind's, plus `Actor` for states, persons and alliances (`Entity` is added by the statement). */
export function labelsOf(kind: NodeKind): string[] {
  return ACTOR_KINDS.includes(kind) ? [KIND_LABEL[kind], 'Actor'] : [KIND_LABEL[kind]];
}

/** The properties derived for filtering in Cypher: quotes, sources, and the validity days of the time rule (domain/time.ts). */
export function derivedProps(rel: GraphRelationship): Record<string, unknown> {
  const span = validity(rel);
  return definedOnly({
    quotes: rel.evidence.map((e) => e.quote),
    sourceIds: [...new Set(rel.evidence.map((e) => e.sourceId))],
    validFromDay: span.from,
    validToDay: span.to,
  });
}

/** Relationship properties as stored: evidence as JSON, plus the derived properties. */
export function toRelationshipProps(rel: GraphRelationship): Record<string, unknown> {
  const { from: _from, to: _to, type: _type, evidence, ...fields } = rel;
  return definedOnly({ ...fields, evidence: JSON.stringify(evidence), ...derivedProps(rel) });
}

/** Whether stored derived properties differ from what today's rules derive (written by an older version: rewrite them). */
export function hasStaleDerivedProps(stored: Record<string, unknown>, rel: GraphRelationship): boolean {
  const fresh = derivedProps(rel);
  return ['quotes', 'sourceIds', 'validFromDay', 'validToDay'].some((key) => JSON.stringify(stored[key]) !== JSON.stringify(fresh[key]));
}

/** A stored row (`rel` properties, `type`, end ids) back to the domain record: derived properties dropped, evidence parsed. */
export function relationshipFromRow(row: { rel: Record<string, unknown>; type: string; from: string; to: string }): GraphRelationship {
  const { evidence, quotes: _q, sourceIds: _s, validFromDay: _f, validToDay: _t, ...fields } = row.rel;
  return { ...fields, type: row.type, from: row.from, to: row.to, evidence: JSON.parse(evidence as string) } as GraphRelationship;
}

/** A stored row (`node` properties) back to the domain record (stored nodes are the records themselves). */
export function nodeFromRow(row: { node: Record<string, unknown> }): GraphNode {
  return row.node as GraphNode;
}

const listOrNull = (list: readonly string[] | undefined) => (list && list.length ? [...list] : null);

/** The parameters of the listing and counting statements for a filter (null = no constraint). */
export function relationshipFilterParams(filter: RelationshipFilter) {
  return {
    types: listOrNull(filter.types),
    from: listOrNull(filter.from),
    to: listOrNull(filter.to),
    involving: listOrNull(filter.involving),
    sources: listOrNull(filter.sources),
    conditions: listOrNull(filter.conditions),
    firmness: listOrNull(filter.firmness),
    asOf: filter.asOf ? asOfDay(filter.asOf) : null,
    text: filter.text ? filter.text.toLowerCase() : null,
  };
}

export function nodeFilterParams(filter: { kinds?: readonly NodeKind[] }) {
  return { kinds: listOrNull(filter.kinds) };
}

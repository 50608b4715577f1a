// Record conversion at the Neo4j boundary, pure and testable without a database: domain records
// to the properties and labels Neo4j stores, stored rows back to domain records, and filters to
// statement parameters.
import { gunzipSync, gzipSync } from 'node:zlib';
import { isInt } from 'neo4j-driver';
import type { RelationshipFilter } from '../../domain/filters.ts';
import { asOfDay } from '../../domain/time.ts';
import { ACTOR_KINDS, Commitment, KIND_LABEL, StructuralRelationship, isCommitmentType, type Evidence, type GraphNode, type GraphRelationship, type NodeKind, type Review } from '../../domain/model.ts';
import { countingSourceIds, type Fact, type Statement, type StatementSpan } from '../../domain/statements.ts';
import { sameJson } from '../../lib/canonical-json.ts';
import type { SourceVersion } from '../../domain/source-version.ts';
import { markLean } from '../graph-store.ts';
import { NO_EVIDENCE } from '../snapshot.ts';

/**
 * Plain JS values from driver values: Integers become numbers, lists and maps recursively. The
 * driver hands plain values (it is built with disableLosslessIntegers); this converts the Integer
 * where one still appears (counts).
 */
export function fromNeo4j(value: unknown): unknown {
  if (isInt(value)) return value.toNumber();
  if (Array.isArray(value)) return value.map(fromNeo4j);
  if (value && typeof value === 'object' && value.constructor === Object) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromNeo4j(v)]));
  }
  return value;
}

/**
 * Neo4j stores no nulls or undefineds: absent properties are left out. Nor is a list stored when
 * it is empty or holds one empty string: the import tool's CSV (cgraph load --initial) cannot say
 * either, and both ways of loading must store the same properties. Readers take an absent list as
 * empty (Cypher: coalesce; records: restoredLists), and an absent parallel list (stmtFrom) as ''.
 */
export function definedOnly(record: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined && !isUnstoredList(v)));
}

/** A list the store leaves out: [] or [''] (see definedOnly). */
export const isUnstoredList = (value: unknown): boolean => Array.isArray(value) && (value.length === 0 || (value.length === 1 && value[0] === ''));

/** The lists a record always has (schema defaults), back where the store left them out. */
const COMMITMENT_LISTS = ['conditions', 'unresolved', 'statedBy'] as const;

/** A node's labels: its kind's, plus `Actor` for states, persons and alliances (`Entity` is added by the statement). */
export function labelsOf(kind: NodeKind): string[] {
  return ACTOR_KINDS.includes(kind) ? [KIND_LABEL[kind], 'Actor'] : [KIND_LABEL[kind]];
}

/**
 * A fact as stored on its relationship (format 3, the lean form): the resolved properties (Neo4j
 * Browser shows them as they are), its evidence as JSON without the quotes (they are the `quotes`
 * list, index for index), its spans as JSON, and what Cypher filters on — per statement in
 * parallel lists (source, first and last day, '' when open, review state, reviewer and note), the
 * counting sources, their number, whether any statement is disputed, the properties sources
 * disagree on, and the quotes. Browser's saved queries read the same lists. The statements and
 * disagreements are JSON only where a fact has several statements: one statement is rebuilt from
 * the fact and the lists (singleStatementOf) with its version (stmtVersion, when not 1) and review
 * date (stmtReviewAt), which the write checks, keeping the JSON when the rebuilt one would differ
 * (a lone disputed statement: resolving drops its dates from the fact). A fact of one statement
 * stores its per-statement values as scalars and no sourceIds (loneStatementScalars). Measured:
 * the JSON statements were three quarters of the string store (bench/README.md "Neo4j's store").
 */
export function toRelationshipProps(fact: Fact): Record<string, unknown> {
  const { from: _from, to: _to, type: _type, evidence, statements, disagreements, spans, statementSpans, sourceCount, disputed, ...fields } = fact;
  const reviewOf = new Map(statements.map((s) => [s.id, s.review]));
  const props = definedOnly({
    ...fields,
    evidence: JSON.stringify(evidence.map(({ quote: _quote, ...rest }) => rest)),
    sourceCount,
    disputed,
    statementIds: statementSpans.map((s) => s.statement),
    stmtSources: statementSpans.map((s) => s.sourceId),
    stmtFrom: statementSpans.map((s) => s.from ?? ''),
    stmtTo: statementSpans.map((s) => s.to ?? ''),
    stmtReview: statementSpans.map((s) => s.review),
    stmtReviewBy: statementSpans.map((s) => reviewOf.get(s.statement)?.by ?? ''),
    stmtReviewNote: statementSpans.map((s) => reviewOf.get(s.statement)?.note ?? ''),
    // As text ('' ungraded), like stmtFrom: one list type for the import's CSV; left out when none is graded.
    stmtCredibility: statementSpans.some((s) => s.credibility !== undefined) ? statementSpans.map((s) => (s.credibility === undefined ? '' : String(s.credibility))) : undefined,
    disagreeOn: disagreements.map((d) => d.property),
    sourceIds: countingSourceIds(fact),
    quotes: evidence.map((e) => e.quote),
    speakerIds: [...new Set(evidence.flatMap((e) => (e.speaker ? [e.speaker] : [])))],
    spans: JSON.stringify(spans),
  });
  const [only] = statements;
  if (statements.length === 1 && only && disagreements.length === 0) {
    if (only.sourceVersion !== 1) props.stmtVersion = only.sourceVersion;
    if (only.review.at !== undefined) props.stmtReviewAt = only.review.at;
    const rebuilt = singleStatementOf(props, props as Record<string, string[] | undefined>, { type: fact.type, from: fact.from, to: fact.to, evidence });
    if (sameJson(rebuilt, only)) return loneStatementScalars(props, statementSpans.length);
    delete props.stmtVersion;
    delete props.stmtReviewAt;
  }
  return loneStatementScalars({ ...props, statements: JSON.stringify(statements), disagreements: JSON.stringify(disagreements) }, statementSpans.length);
}

/**
 * The scalar each per-statement list is stored as when a fact has one statement. Neo4j keeps every
 * string list, even of one short element, in a dynamic array record of 128 bytes, and a short
 * string inline in the property record: five lists were ~600 of 2,160 bytes a relationship
 * (bench/README.md "Neo4j's store"). Cypher reads both shapes as `coalesce(r.stmtSources[i], r.stmtSource)`.
 */
export const LONE_STATEMENT_KEYS = {
  statementIds: 'statementId',
  stmtSources: 'stmtSource',
  stmtFrom: 'stmtValidFrom',
  stmtTo: 'stmtValidTo',
  stmtReview: 'stmtState',
  stmtReviewBy: 'stmtReviewer',
  stmtReviewNote: 'stmtNote',
  stmtCredibility: 'stmtGrade',
} as const;
const LONE_STATEMENT_ENTRIES = Object.entries(LONE_STATEMENT_KEYS) as [keyof typeof LONE_STATEMENT_KEYS, string][];

/**
 * A fact of one statement: its per-statement lists as scalars (LONE_STATEMENT_KEYS; '' left out
 * like the list of one ''), and no sourceIds: the one statement's source when it is not disputed
 * (countingSourceIds), which Cypher derives as `CASE WHEN r.sourceCount > 0 THEN [r.stmtSource] END`.
 */
function loneStatementScalars(props: Record<string, unknown>, statementCount: number): Record<string, unknown> {
  if (statementCount !== 1) return props;
  for (const [list, scalar] of LONE_STATEMENT_ENTRIES) {
    const value = props[list] as string[] | undefined;
    delete props[list];
    if (value?.[0]) props[scalar] = value[0];
  }
  delete props.sourceIds;
  return props;
}

/** A stored row's per-statement lists whichever shape it has (a lone statement's scalars as lists of one); keys a read left out (null) stay absent. */
function storedLists(rel: Record<string, unknown>): Record<string, string[] | undefined> {
  const lists: Record<string, string[] | undefined> = {};
  for (const [list, scalar] of LONE_STATEMENT_ENTRIES) {
    const value = rel[list] ?? rel[scalar];
    lists[list] = Array.isArray(value) ? (value as string[]) : typeof value === 'string' ? [value] : undefined;
  }
  return lists;
}

/** The per-statement and derived lists a fact is stored with (Cypher filters on them). */
export const STORED_LISTS = ['statementIds', 'stmtSources', 'stmtFrom', 'stmtTo', 'stmtReview', 'stmtReviewBy', 'stmtReviewNote', 'stmtCredibility', 'disagreeOn', 'sourceIds', 'quotes', 'speakerIds'];

const DERIVED_KEYS = new Set([...STORED_LISTS, ...Object.values(LONE_STATEMENT_KEYS), 'evidence', 'statements', 'disagreements', 'spans', 'stmtVersion', 'stmtReviewAt']);
/** What resolving adds to a claim: not part of the one statement rebuilt from a fact. */
const RESOLVED_KEYS = new Set(['sourceCount', 'disputed']);

/** The review a statement's lists say, for the statement at index i. */
function reviewAt(lists: Record<string, string[] | undefined>, i: number): Review {
  const credibility = lists.stmtCredibility?.[i];
  return {
    state: lists.stmtReview?.[i] as Review['state'],
    ...(lists.stmtReviewBy?.[i] ? { by: lists.stmtReviewBy[i] } : {}),
    ...(lists.stmtReviewNote?.[i] ? { note: lists.stmtReviewNote[i] } : {}),
    ...(credibility ? { credibility: Number(credibility) as Review['credibility'] } : {}),
  };
}

/**
 * The one statement of a fact stored without JSON statements: its id, source and review from the
 * lists and stmtReviewAt, its version from stmtVersion (absent: 1), its claim the fact's own properties (resolving
 * one statement keeps its claim; toRelationshipProps checks that before it leaves the JSON out).
 */
function singleStatementOf(rel: Record<string, unknown>, lists: Record<string, string[] | undefined>, ends: { type: string; from: string; to: string; evidence: Evidence[] }): Statement {
  const claim: Record<string, unknown> = { ...ends };
  for (const key in rel) if (!DERIVED_KEYS.has(key) && !RESOLVED_KEYS.has(key) && rel[key] !== null) claim[key] = rel[key];
  if (isCommitmentType(ends.type)) for (const key of COMMITMENT_LISTS) claim[key] ??= [];
  return {
    id: lists.statementIds?.[0] as string,
    sourceId: lists.stmtSources?.[0] as string,
    sourceVersion: typeof rel.stmtVersion === 'number' ? rel.stmtVersion : 1,
    review: { ...reviewAt(lists, 0), ...(typeof rel.stmtReviewAt === 'string' ? { at: rel.stmtReviewAt } : {}) },
    claim: claim as GraphRelationship,
  };
}

/**
 * The fact's fields a read may be narrowed to (ReadRequest.fields): its own properties in both
 * schemas but its identity and what belongs to a statement, and what resolving it stores.
 */
const SELECTABLE = new Set([...Object.keys(Commitment.shape), ...Object.keys(StructuralRelationship.shape), 'spans', 'sourceCount', 'disputed']);
for (const key of ['id', 'type', 'from', 'to', 'statement', 'review']) SELECTABLE.delete(key);

/**
 * The stored keys to read for a request's fields (read/project-relationship-fields), or null when
 * one is not a selectable field (the whole fact is read then). Evidence brings the lists its
 * references need: the sources of the statements and the speakers of the quotes, and the quotes.
 */
export function selectedKeys(fields: readonly string[]): string[] | null {
  if (!fields.every((field) => SELECTABLE.has(field))) return null;
  const keys = new Set(fields);
  if (keys.has('evidence')) for (const key of ['quotes', 'stmtSources', 'stmtSource', 'speakerIds']) keys.add(key);
  return [...keys].sort();
}

/** The evidence of a stored row: each item's quote is the `quotes` list's at its index (format 2 kept it in the JSON too). */
function evidenceOfRow(rel: Record<string, unknown>): Evidence[] {
  if (typeof rel.evidence !== 'string') return [];
  const quotes = (rel.quotes ?? []) as string[];
  return (JSON.parse(rel.evidence) as Evidence[]).map((item, i) => (item.quote === undefined ? { ...item, quote: quotes[i] as string } : item));
}

/**
 * A stored row (`rel` properties, `type`, end ids) back to the fact: derived lists dropped, JSON
 * parsed, nulls (keys a read left out) skipped. A row read without its statements (a lean read:
 * read/project-relationship-lean) gives a lean fact: statements and disagreements empty, marked so
 * that nothing takes them for the real ones (isLean); so does a row narrowed to some fields
 * (read/project-relationship-fields), whose unread JSON properties come back empty.
 */
export function relationshipFromRow(row: { rel: Record<string, unknown>; type: string; from: string; to: string }): Fact {
  const rel = row.rel;
  const props: Record<string, unknown> = {};
  for (const key in rel) if (!DERIVED_KEYS.has(key) && rel[key] !== null) props[key] = rel[key];
  if (isCommitmentType(row.type)) for (const key of COMMITMENT_LISTS) props[key] ??= [];
  const lists = storedLists(rel);
  // Null: left out by the lean projection; absent with the lists: one statement, rebuilt from the
  // fact (toRelationshipProps); absent without them: not among the fields a narrowed read named.
  const single = rel.statements === undefined && lists.statementIds?.length === 1;
  const lean = rel.statements === null || (rel.statements === undefined && !single);
  const parse = (key: string) => (typeof rel[key] === 'string' ? JSON.parse(rel[key]) : []);
  const statementSpans: StatementSpan[] = (lists.statementIds ?? []).map((statement, i) => {
    const from = lists.stmtFrom?.[i];
    const to = lists.stmtTo?.[i];
    const credibility = lists.stmtCredibility?.[i] ? { credibility: Number(lists.stmtCredibility[i]) } : {};
    return { statement, sourceId: lists.stmtSources?.[i] as string, review: lists.stmtReview?.[i] as StatementSpan['review'], ...credibility, ...(from ? { from } : {}), ...(to ? { to } : {}) };
  });
  const evidence = evidenceOfRow(rel);
  const statements = lean ? [] : single ? [singleStatementOf(rel, lists, { type: row.type, from: row.from, to: row.to, evidence })] : parse('statements');
  const fact = {
    ...props,
    type: row.type,
    from: row.from,
    to: row.to,
    evidence,
    statements,
    disagreements: lean ? [] : parse('disagreements'),
    spans: parse('spans'),
    statementSpans,
  } as Fact;
  return lean ? markLean(fact) : fact;
}

/**
 * The properties store/all-relationships-for-analysis reads after id, type, ends, spans,
 * sourceCount, disputed, statements, sourceIds and a lone statement's credibility, in its order:
 * every stored property analysis keeps (store/snapshot.ts; a unit test holds this list to the
 * domain's schemas).
 */
export const ANALYSIS_ROW = ['action', 'firmness', 'conditions', 'statedAt', 'status', 'validFrom', 'validTo', 'aspect', 'note', 'goldstein', 'plover', 'amountEur', 'aidType', 'role'] as const;

/**
 * A row of store/all-relationships-for-analysis back to the lean fact analysis keeps
 * (store/snapshot.ts leanRelationship): the statements only when several, their claims without
 * evidence; what analysis never reads was not read.
 */
export function analysisRelationshipFromRow({ row }: { row: unknown[] }): Fact {
  const [id, type, from, to, spans, sourceCount, disputed, statements, sourceIds, credibility] = row as [string, string, string, string, string, number, boolean, string | null, string[], string | null];
  const fields: Record<string, unknown> = {};
  // Stored as text, '' when ungraded (toRelationshipProps).
  if (credibility) fields.credibility = Number(credibility);
  for (let i = 0; i < ANALYSIS_ROW.length; i++) {
    const value = row[10 + i];
    if (value !== null && value !== undefined) fields[ANALYSIS_ROW[i] as string] = value;
  }
  if (isCommitmentType(type)) fields.conditions ??= [];
  if (statements !== null) fields.statements = (JSON.parse(statements) as Fact['statements']).map((s) => ({ ...s, claim: { ...s.claim, evidence: NO_EVIDENCE } }));
  // One literal with a spread: a record built property by property keeps a larger backing store
  // (measured: 828 against 576 bytes a relationship in the analysis graph at 1M).
  return { id, type, from, to, evidence: NO_EVIDENCE, spans: JSON.parse(spans), sourceCount, disputed, sourceIds, ...fields } as unknown as Fact;
}

/** A row of store/all-nodes-for-analysis (a source's text read as null) back to the lean node (leanNode). */
export function analysisNodeFromRow(row: { node: Record<string, unknown> }): GraphNode {
  const { text, ...props } = row.node;
  const node = nodeFromRow({ node: props });
  return text === null && node.kind === 'SOURCE' ? { ...node, text: '' } : node;
}

/**
 * A source version as stored and back: its statements as gzipped JSON in base64 (statementsGzip).
 * Only a revision of the source reads them (statement-plan.ts), never Cypher, and they repeat every
 * claim the source states: as JSON they were ~510 of ~830 string bytes a relationship, gzipped ~90
 * (bench/README.md "Neo4j's store"). Format 2 stored them as JSON (statements), which reads back too.
 */
export function toVersionProps(version: SourceVersion): Record<string, unknown> {
  const { statements, ...fields } = version;
  return { ...fields, key: `${version.sourceId}@${version.version}`, statementsGzip: gzipSync(JSON.stringify(statements)).toString('base64') };
}

export function versionFromRow(row: { version: Record<string, unknown> }): SourceVersion {
  const { key: _key, statements, statementsGzip, ...fields } = row.version;
  const json = typeof statementsGzip === 'string' ? gunzipSync(Buffer.from(statementsGzip, 'base64')).toString('utf8') : (statements as string);
  return { ...fields, version: Number(fromNeo4j(fields.version)), statements: JSON.parse(json) } as SourceVersion;
}

/** A stored row (`node` properties) back to the domain record (stored nodes are the records themselves). */
export function nodeFromRow(row: { node: Record<string, unknown> }): GraphNode {
  const node = row.node as GraphNode;
  if (!node.aliases) node.aliases = [];
  return node;
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
    reviewStates: listOrNull(filter.reviewStates) ?? ['machine', 'reviewed'],
    minSources: filter.minSources ?? null,
    disputed: filter.disputed ?? null,
    conditions: listOrNull(filter.conditions),
    firmness: listOrNull(filter.firmness),
    asOf: filter.asOf ? asOfDay(filter.asOf) : null,
    text: filter.text ? filter.text.toLowerCase() : null,
    credibility: filter.credibility?.length ? filter.credibility.map(String) : null,
    gradedSources: filter.reliability?.length ? [...(filter.gradedSources ?? [])] : null,
  };
}

export function nodeFilterParams(filter: { kinds?: readonly NodeKind[] }) {
  return { kinds: listOrNull(filter.kinds) };
}

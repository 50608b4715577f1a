// Many sources, one graph: a fact (one relationship) and the statements that assert it, and the
// one resolution policy every reader uses (`resolve`, `factOn`), written once in docs/model.md
// ("Resolution"): what counts, when a fact holds, which statement wins. Pure; no I/O.
import type { Credibility, Evidence, GraphRelationship, Reliability, Review, ReviewState } from './model.ts';
import { deriveFactId, deriveStatementId } from './relationship-id.ts';
import { asOfDay, holdsOn, mergeSpans, validity, type Validity } from './time.ts';

export const MACHINE_REVIEW: Review = { state: 'machine' };

export interface Statement {
  /** stmt:… — stable across reloads and revisions while the source keeps stating it. */
  id: string;
  sourceId: string;
  /** The version of the source this statement's content was first read from. */
  sourceVersion: number;
  review: Review;
  /** The fact as this source states it (its id is the fact's id; no `statement` field). */
  claim: GraphRelationship;
}

export interface Disagreement {
  property: string;
  /** The distinct values, as JSON text (dates, numbers, lists alike). */
  values: string[];
  /** The statements that give a value, in id order. */
  statements: string[];
}

/** A statement's own validity, ended early when it withdraws its commitment (see the policy). */
export interface StatementSpan extends Validity {
  statement: string;
  sourceId: string;
  review: ReviewState;
  /** The statement's own credibility grade (its review's); absent when ungraded. */
  credibility?: Credibility;
}

/** A fact as readers see it: the resolved record, with its statements and what resolution found. */
export type Fact = GraphRelationship & {
  statements: Statement[];
  /** Distinct sources among the counting statements. */
  sourceCount: number;
  disagreements: Disagreement[];
  /** When it holds: the union of the counting statements' intervals, merged and ordered. */
  spans: Validity[];
  /** Each statement's interval, for filters that match per statement (sources, as-of, review). */
  statementSpans: StatementSpan[];
  /** Whether any statement is disputed. */
  disputed: boolean;
};

// --- identity ---------------------------------------------------------------------------------

export const factIdOf = (claim: Pick<GraphRelationship, 'type' | 'from' | 'to' | 'aspect'>) => deriveFactId(claim);

/** The source a claim comes from: the source of its evidence (rules.ts checks that there is one). */
export const sourceOfClaim = (claim: GraphRelationship): string => claim.evidence[0]?.sourceId ?? '';

export const statementIdOf = (claim: GraphRelationship): string => claim.statement ?? deriveStatementId(sourceOfClaim(claim), claim.id);

/** The claim as a statement keeps it: without the statement id, review and credibility, which the statement carries. */
export function claimOf(record: GraphRelationship): GraphRelationship {
  const { statement: _statement, review: _review, credibility: _credibility, ...claim } = record;
  return claim as GraphRelationship;
}

/**
 * What a statement says, without where its quotes sit: offsets move when a revision edits the
 * text elsewhere (or a dataset release drops a row above), and a moved quote is not a new claim.
 */
export function claimContent(claim: GraphRelationship): Record<string, unknown> {
  return { ...claim, evidence: claim.evidence.map(({ start: _start, end: _end, ...rest }) => rest) };
}

// --- resolution -------------------------------------------------------------------------------

const counts = (s: Statement) => s.review.state !== 'disputed';
const REVIEW_RANK: Record<ReviewState, number> = { reviewed: 0, machine: 1, disputed: 2 };

/** The day a statement was made, for "latest wins": statedAt, else validFrom (their first day). */
function statedDay(claim: GraphRelationship): string {
  const stated = 'statedAt' in claim ? claim.statedAt : undefined;
  return validity({ validFrom: stated ?? claim.validFrom }).from ?? '';
}

/** Statements in precedence order: the first one's single-valued properties stand. */
export function byPrecedence(a: Statement, b: Statement): number {
  return REVIEW_RANK[a.review.state] - REVIEW_RANK[b.review.state] || statedDay(b.claim).localeCompare(statedDay(a.claim)) || a.id.localeCompare(b.id);
}

/** How a request asks resolution to weigh grades; without it, grades play no part (docs/model.md "Resolution"). */
export interface GradePreference {
  /** Prefer better-graded statements after the review rank and before "latest wins". */
  preferGraded: boolean;
  /** Each source's outlet reliability, for ties in credibility. */
  reliabilityOf?: (sourceId: string) => Reliability | undefined;
}

// F and 6 say "cannot be judged": as little to go on as no grade, so they rank with ungraded.
const CREDIBILITY_RANK = (c: Credibility | undefined) => (c === undefined || c === 6 ? 6 : c);
const RELIABILITY_RANK = (r: Reliability | undefined) => (r === undefined || r === 'F' ? 5 : 'ABCDE'.indexOf(r));

/** byPrecedence with graded statements first (credibility, then reliability) among those of one review rank. */
export function byGradedPrecedence(preference: GradePreference): (a: Statement, b: Statement) => number {
  const reliability = (s: Statement) => RELIABILITY_RANK(preference.reliabilityOf?.(s.sourceId));
  return (a, b) =>
    REVIEW_RANK[a.review.state] - REVIEW_RANK[b.review.state] ||
    CREDIBILITY_RANK(a.review.credibility) - CREDIBILITY_RANK(b.review.credibility) ||
    reliability(a) - reliability(b) ||
    byPrecedence(a, b);
}

/** The fact resolved again with the graded precedence (a request's `preferGraded: true`). */
export function resolveGraded(fact: Fact, preference: GradePreference): Fact {
  const asOf = asOfOf(fact);
  const graded = resolveOnDay(fact.statements, asOf, byGradedPrecedence(preference)) ?? fact;
  if (asOf) Object.defineProperty(graded, AS_OF, { value: asOf, enumerable: false });
  return graded;
}

/**
 * A statement's credibility as readers see it: its own grade; else 1 ("confirmed by other
 * sources") when a counting statement of the same fact comes from a source of another outlet,
 * marked derived; else ungraded. Computed on each read, never stored over a person's grade.
 */
export function credibilityOf(statement: Statement, fact: Pick<Fact, 'statements'>, outletOf: (sourceId: string) => string | undefined): { credibility: Credibility | null; derived: boolean } {
  if (statement.review.credibility !== undefined) return { credibility: statement.review.credibility, derived: false };
  const own = outletOf(statement.sourceId);
  if (!own || !counts(statement)) return { credibility: null, derived: false };
  const corroborated = fact.statements.some((other) => other.id !== statement.id && counts(other) && (outletOf(other.sourceId) ?? own) !== own);
  return corroborated ? { credibility: 1, derived: true } : { credibility: null, derived: false };
}

/** Properties compared across sources for disagreements. */
export const COMPARED_PROPERTIES = ['firmness', 'status', 'statedAt', 'validFrom', 'validTo', 'cameo', 'plover', 'goldstein', 'amountEur', 'aidType', 'role'] as const;

function disagreementsOf(statements: readonly Statement[]): Disagreement[] {
  const found: Disagreement[] = [];
  for (const property of COMPARED_PROPERTIES) {
    const bySource = new Map<string, Set<string>>();
    const giving: string[] = [];
    for (const s of statements) {
      const value = (s.claim as Record<string, unknown>)[property];
      if (value === undefined) continue;
      giving.push(s.id);
      const values = bySource.get(s.sourceId) ?? new Set<string>();
      values.add(JSON.stringify(value));
      bySource.set(s.sourceId, values);
    }
    const perSource = new Set([...bySource.values()].map((values) => JSON.stringify([...values].sort())));
    if (perSource.size > 1) {
      const values = [...new Set([...bySource.values()].flatMap((v) => [...v]))].sort();
      found.push({ property, values, statements: giving.sort() });
    }
  }
  return found;
}

const union = (lists: readonly (readonly string[] | undefined)[]) => [...new Set(lists.flatMap((l) => l ?? []))];

function evidenceOf(statements: readonly Statement[]): Evidence[] {
  const seen = new Set<string>();
  const evidence: Evidence[] = [];
  for (const s of statements) {
    for (const item of s.claim.evidence) {
      const key = JSON.stringify([item.sourceId, item.start, item.end, item.quote, item.url]);
      if (seen.has(key)) continue;
      seen.add(key);
      evidence.push(item);
    }
  }
  return evidence;
}

/** Each statement's interval; all of them end at `endAt` (a withdrawal's last day) when given. */
function statementSpansOf(statements: readonly Statement[], endAt: string | undefined): StatementSpan[] {
  return statements.map((s) => {
    const own = validity(s.claim);
    const to = endAt && (!own.to || own.to > endAt) ? endAt : own.to;
    const graded = s.review.credibility !== undefined ? { credibility: s.review.credibility } : {};
    return { statement: s.id, sourceId: s.sourceId, review: s.review.state, ...graded, ...(own.from ? { from: own.from } : {}), ...(to ? { to } : {}) };
  });
}

/**
 * The fact its statements make, resolved by the policy (docs/model.md); with `asOf`, on that date only
 * (undefined when it does not hold then). Without `asOf`, a fact whose statements are all
 * disputed is still returned, resolved from them, with no spans and a sourceCount of 0.
 */
export function resolve(statements: readonly Statement[], asOf?: string): Fact | undefined {
  const fact = resolveOnDay(statements, asOf ? asOfDay(asOf) : undefined);
  return asOf && fact && fact.sourceCount === 0 ? undefined : fact;
}

/**
 * A fact as it stood on a date, for answers: resolved from the statements valid that day only —
 * its properties, evidence, statements, disagreements, sourceCount and spans are theirs, so an
 * answer for October never quotes reporting from January. A fact only disputed statements assert
 * that day (a listing that asks for disputed ones) is resolved from those, with a sourceCount of
 * 0; undefined when no statement of it is valid that day. Marked (asOfOf) so that nothing keeps
 * it as the fact itself.
 */
export function factOn(fact: Fact, asOf: string): Fact | undefined {
  const day = asOfDay(asOf);
  const then = resolveOnDay(fact.statements, day);
  if (then) Object.defineProperty(then, AS_OF, { value: day, enumerable: false });
  return then;
}

const AS_OF = Symbol('asOf');

/** The day a fact was resolved on (factOn); undefined for the fact over all time. */
export const asOfOf = (fact: object): string | undefined => (fact as { [AS_OF]?: string })[AS_OF];

/** `day`: only the statements valid that day take part (with their spans ended by the overall winner's withdrawal). */
function resolveOnDay(statements: readonly Statement[], day: string | undefined, precedence = byPrecedence): Fact | undefined {
  if (statements.length === 0) return undefined;
  const sorted = [...statements].sort(precedence);
  const winnerOverall = (sorted.find(counts) ?? sorted[0]) as Statement;
  const withdrawnAt = winnerOverall.claim && 'status' in winnerOverall.claim && winnerOverall.claim.status === 'withdrawn' ? validity(winnerOverall.claim).to : undefined;
  const allSpans = statementSpansOf(sorted, withdrawnAt);
  const spanOf = new Map(allSpans.map((span) => [span.statement, span]));
  // On a day, the statements not valid then are not part of the answer at all: not in evidence,
  // statements, disagreements or sourceCount.
  const all = day ? sorted.filter((s) => holdsOn(spanOf.get(s.id) as Validity, day)) : sorted;
  if (all.length === 0) return undefined;
  const kept = new Set(all.map((s) => s.id));
  const statementSpans = allSpans.filter((span) => kept.has(span.statement));
  const counting = all.filter(counts);
  const basis = counting.length ? counting : all;
  const winner = basis[0] as Statement;
  const claims = basis.map((s) => s.claim);
  const merged: Record<string, unknown> = { ...winner.claim, evidence: evidenceOf(basis) };
  if ('conditions' in winner.claim) {
    merged.conditions = union(claims.map((c) => ('conditions' in c ? c.conditions : [])));
    merged.unresolved = union(claims.map((c) => ('unresolved' in c ? c.unresolved : [])));
    merged.statedBy = union(claims.map((c) => ('statedBy' in c ? c.statedBy : [])));
    const stated = claims.map((c) => ('statedAt' in c ? c.statedAt : undefined)).filter((d): d is string => !!d);
    const earliest = stated.sort((a, b) => (validity({ validFrom: a }).from ?? '').localeCompare(validity({ validFrom: b }).from ?? ''))[0];
    if (earliest) merged.statedAt = earliest;
  }
  const spans = counting.length ? mergeSpans(counting.map((s) => spanOf.get(s.id) as Validity)) : [];
  const hull = validity({ spans });
  // The record's own dates say the whole span (the hull); `spans` says exactly when it holds.
  for (const key of ['validFrom', 'validTo'] as const) delete merged[key];
  const fromDates = claims.map((c) => c.validFrom);
  if (hull.from && fromDates.every(Boolean)) merged.validFrom = earliestOf(fromDates as string[]);
  const toDates = claims.map((c) => c.validTo);
  if (hull.to && toDates.every(Boolean)) merged.validTo = latestOf(toDates as string[]);
  if (withdrawnAt && !merged.validTo) merged.validTo = winner.claim.validTo;
  return {
    ...(merged as GraphRelationship),
    statements: [...all].sort((a, b) => a.id.localeCompare(b.id)),
    sourceCount: new Set(counting.map((s) => s.sourceId)).size,
    disagreements: disagreementsOf(counting),
    spans,
    statementSpans: statementSpans.sort((a, b) => a.statement.localeCompare(b.statement)),
    disputed: all.some((s) => s.review.state === 'disputed'),
  };
}

const startOf = (date: string) => validity({ validFrom: date }).from ?? '';
const endOf = (date: string) => validity({ validTo: date }).to ?? '';
const earliestOf = (dates: string[]) => [...dates].sort((a, b) => startOf(a).localeCompare(startOf(b)))[0];
const latestOf = (dates: string[]) => [...dates].sort((a, b) => endOf(b).localeCompare(endOf(a)))[0];

/** Whether a fact has statements attached (a resolved fact rather than a bare record). */
/** The distinct sources of a fact's counting (undisputed) statements, in its statements' order: what Neo4j stores as `sourceIds`. */
export const countingSourceIds = (fact: Pick<Fact, 'statementSpans'>): string[] => [...new Set(fact.statementSpans.filter((s) => s.review !== 'disputed').map((s) => s.sourceId))];

export function isFact(rel: GraphRelationship): rel is Fact {
  return Array.isArray((rel as Partial<Fact>).statements);
}

/** The statement-level part of a filter: one statement must meet all of it (filters.ts). */
export interface StatementCriteria {
  sources?: readonly string[];
  /** A day YYYY-MM-DD. */
  day?: string;
  /** Review states a matching statement may have; without it, any but `disputed`. */
  reviewStates?: readonly string[];
  /** Credibility grades a matching statement may have (its own grade: ungraded ones never match). */
  credibility?: readonly number[];
  /** The sources whose outlet has one of the asked reliability grades (the store finds them); undefined: no constraint. */
  gradedSources?: ReadonlySet<string>;
}

export function someStatementMatches(spans: readonly StatementSpan[], criteria: StatementCriteria): boolean {
  const states = criteria.reviewStates?.length ? criteria.reviewStates : ['machine', 'reviewed'];
  const credibility = criteria.credibility?.length ? criteria.credibility : undefined;
  return spans.some(
    (s) =>
      states.includes(s.review) &&
      (!criteria.sources?.length || criteria.sources.includes(s.sourceId)) &&
      (!criteria.day || holdsOn(s, criteria.day)) &&
      (!credibility || (s.credibility !== undefined && credibility.includes(s.credibility))) &&
      (!criteria.gradedSources || criteria.gradedSources.has(s.sourceId)),
  );
}

export { deriveStatementId };
export { Review, ReviewState } from './model.ts';

/** Facts from statement records as a load would make them (version 1, machine-reviewed unless a record says otherwise). */
export function factsFromClaims(records: readonly GraphRelationship[]): Fact[] {
  const byFact = new Map<string, Statement[]>();
  for (const record of records) {
    const statement: Statement = { id: statementIdOf(record), sourceId: sourceOfClaim(record), sourceVersion: 1, review: record.review ?? MACHINE_REVIEW, claim: claimOf(record) };
    byFact.set(record.id, [...(byFact.get(record.id) ?? []), statement]);
  }
  return [...byFact.values()].map((statements) => resolve(statements) as Fact);
}

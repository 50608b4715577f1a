// The validation rules, once: what makes a record, an end, a quote or a source hash wrong, and
// which code says so. Pure: no I/O, no locations.
import type { z } from 'zod';
import {
  Commitment,
  ENDPOINTS,
  GraphNode,
  isCommitmentType,
  OutletGradeRecord,
  StructuralRelationship,
  type GraphRelationship,
  type NodeKind,
  type OutletGrade,
  type RelationshipType,
} from './model.ts';
import { sha256Hex } from './relationship-id.ts';
import { validity } from './time.ts';

/**
 * A problem found by a rule; `path` is relative to the value the rule was given. Every front end
 * (dossiers, JSON lines, a store batch) adds only where the problem is (file:line:column, line, or
 * a path into the batch), so the same mistake gets the same code and advice everywhere.
 */
export interface RuleProblem {
  code: string;
  message: string;
  path: (string | number)[];
  /** The value `path` must hold, when the rule can say it exactly (validate --fix writes it). */
  fix?: string | number;
}

/** Whether `path` leads to a present value in `root` (zod 4 issues do not carry the input). */
function isPresent(root: unknown, path: readonly PropertyKey[]): boolean {
  let at: unknown = root;
  for (const key of path) {
    if (!at || typeof at !== 'object' || !(key in at)) return false;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at !== undefined;
}

/** The code for a schema issue on `root` (the value that was parsed), the same in every input format. */
export function schemaProblemCode(issue: z.core.$ZodIssue, root: unknown): string {
  if (issue.code === 'invalid_value' || issue.code === 'invalid_union') return 'BAD_ENUM';
  if (issue.code === 'unrecognized_keys') return 'UNKNOWN_FIELD';
  if (issue.code === 'invalid_type' && !isPresent(root, issue.path)) return 'MISSING_FIELD';
  return 'SCHEMA';
}

/** Every issue of a failed parse of `root`, coded. Unknown keys are reported at each key. */
export function schemaProblems(error: z.ZodError, root: unknown): RuleProblem[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    const code = schemaProblemCode(issue, root);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ code, path: [...path, key], message: `"${key}" is not a field here; remove it or check its spelling` }));
    }
    return [{ code, path, message: issue.message }];
  });
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: RuleProblem[] };

function parseWith<T>(schema: z.ZodType<T>, raw: unknown): Parsed<T> {
  const parsed = schema.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: schemaProblems(parsed.error, raw) };
}

export const parseNode = (raw: unknown): Parsed<GraphNode> => parseWith(GraphNode, raw);

/** A relationship in its stored form; the schema is chosen by its type (commitment or structural). */
export function parseRelationship(raw: unknown): Parsed<GraphRelationship> {
  const type = (raw as { type?: unknown } | null)?.type;
  return parseWith<GraphRelationship>(typeof type === 'string' && isCommitmentType(type) ? Commitment : StructuralRelationship, raw);
}

/** Whether a record is an outlet's grade (OutletGradeRecord): neither "kind" nor "type". */
export const isOutletGradeRecord = (raw: object): boolean => 'reliability' in raw && !('kind' in raw) && !('type' in raw);

/** Which record of the stored form an object is, by its keys alone (the one dispatch every reader uses). */
export function graphRecordKind(raw: object): 'outletGrade' | 'node' | 'relationship' | undefined {
  if (isOutletGradeRecord(raw)) return 'outletGrade';
  if ('kind' in raw) return 'node';
  return 'type' in raw ? 'relationship' : undefined;
}

/** A record of the stored form: a node (it has `kind`) or a relationship (it has `type`). */
export function parseGraphRecord(raw: unknown): Parsed<{ node: GraphNode } | { relationship: GraphRelationship } | { outletGrade: OutletGrade }> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, problems: [{ code: 'BAD_RECORD', path: [], message: 'a record is one JSON object: a node (with "kind"), a relationship (with "type") or an outlet\'s grade (with "outlet" and "reliability")' }] };
  }
  const kind = graphRecordKind(raw);
  if (kind === 'outletGrade') {
    const grade = parseWith(OutletGradeRecord, raw);
    return grade.ok ? { ok: true, value: { outletGrade: grade.value } } : grade;
  }
  if (kind === 'node') {
    const node = parseNode(raw);
    return node.ok ? { ok: true, value: { node: node.value } } : node;
  }
  if (kind === undefined) return { ok: false, problems: [{ code: 'BAD_RECORD', path: [], message: 'a record needs "kind" (a node) or "type" (a relationship)' }] };
  const relationship = parseRelationship(raw);
  return relationship.ok ? { ok: true, value: { relationship: relationship.value } } : relationship;
}

/** A relationship's end of a kind its type does not allow there. */
export function endpointProblem(type: RelationshipType, end: 'from' | 'to', id: string, kind: NodeKind): RuleProblem | undefined {
  const allowed = ENDPOINTS[type][end];
  if (allowed.includes(kind)) return undefined;
  return { code: 'BAD_ENDPOINT', path: [end], message: `"${id}" is a ${kind}; the "${end}" of ${type} must be one of ${allowed.join(', ')}` };
}

/** An id that names no node where the front end looks (`where`: "in the batch or the store"). */
export function unknownIdProblem(id: string, where: string, path: (string | number)[] = []): RuleProblem {
  return { code: 'UNKNOWN_ID', path, message: `no node "${id}" ${where}` };
}

/** A node whose kind is not the one the reference needs (evidence must cite a SOURCE). */
export function wrongKindProblem(id: string, kind: NodeKind, expected: readonly NodeKind[], path: (string | number)[] = []): RuleProblem | undefined {
  if (expected.includes(kind)) return undefined;
  return { code: expected.length === 1 && expected[0] === 'SOURCE' ? 'BAD_SOURCE' : 'BAD_ENDPOINT', path, message: `"${id}" is a ${kind}; here it must be one of ${expected.join(', ')}` };
}

/** A source whose text does not hash to the sha256 it declares. */
export function sourceHashProblem(text: string, sha256: string): RuleProblem | undefined {
  const actual = sha256Hex(text);
  if (actual === sha256) return undefined;
  return { code: 'SOURCE_HASH_MISMATCH', path: ['sha256'], message: `the source text's sha256 is ${actual}; the text changed or the hash is wrong` };
}

export interface QuotedSpan {
  quote: string;
  start: number;
  end: number;
}

/** A quote that is not the source text at its offsets; the advice says where it does occur. */
export function quoteProblem(text: string, span: QuotedSpan): RuleProblem | undefined {
  if (text.slice(span.start, span.end) === span.quote) return undefined;
  const found = text.indexOf(span.quote);
  const where =
    found < 0
      ? ', and the quote is not in the text: copy it verbatim (curly quotes and dashes included)'
      : text.indexOf(span.quote, found + 1) >= 0
        ? `; the quote occurs more than once (first at ${found}..${found + span.quote.length}): set start and end to the occurrence meant`
        : `; it occurs at ${found}..${found + span.quote.length}: set start: ${found} and end: ${found + span.quote.length} (cgraph validate --fix-offsets does it)`;
  return { code: 'QUOTE_MISMATCH', path: ['quote'], message: `text.slice(${span.start}, ${span.end}) is not this quote${where}` };
}

/** Where a quote given without offsets is: its one occurrence, or why it has none. */
export function locateQuote(text: string, quote: string): { start: number; end: number } | RuleProblem {
  const first = text.indexOf(quote);
  if (first < 0) return { code: 'QUOTE_NOT_FOUND', path: ['quote'], message: 'this quote is not in the source text; copy it verbatim (curly quotes and dashes included)' };
  if (text.indexOf(quote, first + 1) >= 0) {
    return { code: 'QUOTE_AMBIGUOUS', path: ['quote'], message: `this quote occurs more than once (first at ${first}); give start and end offsets or a longer quote` };
  }
  return { start: first, end: first + quote.length };
}

/** A relationship whose dates contradict each other, or a withdrawal that does not say when it ended. */
export function datingProblems(rel: { validFrom?: string; validTo?: string; statedAt?: string; status?: string }): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const span = validity(rel);
  if (span.from && span.to && span.to < span.from) {
    problems.push({ code: 'BAD_DATE_RANGE', path: ['validTo'], message: `validTo ${rel.validTo} ends before the relationship holds (from ${span.from}); fix validTo, validFrom or statedAt` });
  }
  if (rel.status === 'withdrawn' && !rel.validTo) {
    problems.push({ code: 'WITHDRAWN_WITHOUT_END', path: ['validTo'], message: 'a withdrawn commitment needs validTo: the date it ended (EDTF such as 2026-03~ when it is uncertain)' });
  }
  return problems;
}

/** What a code table knows of a CAMEO code (src/ingest/codebook.ts reads the tables). */
export type CodeLookup = (cameo: string) => { goldstein?: number; plover?: string; description: string } | undefined;

/** A commitment's CAMEO code, Goldstein value and PLOVER type that disagree with the code tables. */
export function codeProblems(rel: { cameo?: string; goldstein?: number; plover?: string }, lookup: CodeLookup): RuleProblem[] {
  if (!rel.cameo) return [];
  const known = lookup(rel.cameo);
  if (!known) return [{ code: 'UNKNOWN_CODE', path: ['cameo'], message: `"${rel.cameo}" is not a CAMEO code; look one up with cgraph codes cameo <words>` }];
  const problems: RuleProblem[] = [];
  if (rel.goldstein !== undefined && known.goldstein !== undefined && rel.goldstein !== known.goldstein) {
    problems.push({ code: 'CODE_MISMATCH', path: ['goldstein'], message: `CAMEO ${rel.cameo} (${known.description}) has Goldstein ${known.goldstein}, not ${rel.goldstein}; set goldstein: ${known.goldstein}`, fix: known.goldstein });
  }
  if (rel.plover !== undefined && known.plover !== undefined && rel.plover !== known.plover) {
    problems.push({ code: 'CODE_MISMATCH', path: ['plover'], message: `CAMEO ${rel.cameo} (${known.description}) is PLOVER ${known.plover}, not ${rel.plover}; set plover: ${known.plover}`, fix: known.plover });
  }
  return problems;
}

/** Where `type` from `from` to `to` may not go, as problems at `from`/`to` (nothing when both fit). */
export function endpointProblems(rel: Pick<GraphRelationship, 'type' | 'from' | 'to'>, kindOf: (id: string) => NodeKind | undefined, where: string): RuleProblem[] {
  const problems: RuleProblem[] = [];
  for (const end of ['from', 'to'] as const) {
    const kind = kindOf(rel[end]);
    const problem = kind ? endpointProblem(rel.type, end, rel[end], kind) : unknownIdProblem(rel[end], where, [end]);
    if (problem) problems.push(problem);
  }
  return problems;
}

/** A statement comes from one source: all of its evidence quotes the same one. */
export function statementSourceProblem(rel: Pick<GraphRelationship, 'evidence'>): RuleProblem | undefined {
  const sources = [...new Set(rel.evidence.map((e) => e.sourceId))];
  if (sources.length <= 1) return undefined;
  return {
    code: 'MIXED_SOURCES',
    path: ['evidence'],
    message: `a statement comes from one source, and this one quotes ${sources.join(' and ')}: make one record per source (the same type and ends, each with its own evidence); they meet on one relationship`,
  };
}

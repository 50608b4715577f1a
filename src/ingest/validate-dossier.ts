// Validates a dossier against the schema, the known entities and its source text, and turns it
// into a GraphBatch. The rules themselves are src/domain/rules.ts; this front end adds YAML
// positions. An invalid dossier yields no batch at all, so nothing of it can be loaded.
import type { z } from 'zod';
import { DossierCommitment, DossierEntity, DossierEvidence, DossierReview, DossierSource, DossierStructural, LedgerEntry, RegistryShape } from '../domain/dossier.ts';
import { MACHINE_REVIEW } from '../domain/statements.ts';
import type { Problem } from '../domain/errors.ts';
import {
  ENDPOINTS,
  GraphNode,
  isCommitmentType,
  isWellFormedId,
  RelationshipType,
  type Commitment,
  type Evidence,
  type GraphBatch,
  type GraphRelationship,
  type NodeKind,
  type OutletGrade,
  type StructuralRelationship,
} from '../domain/model.ts';
import { deriveFactId, deriveStatementId, sha256Hex } from '../domain/relationship-id.ts';
import { codeProblems, datingProblems, locateQuote, quoteProblem, schemaProblems, sourceHashProblem, wrongKindProblem, type RuleProblem } from '../domain/rules.ts';
import { distance } from 'fastest-levenshtein';
import { candidateOf, nearestId, type IdCandidate } from './nearest-id.ts';
import { codebook, proposeCodes, type Codebook } from './codebook.ts';
import { splitSentences, type Sentence } from './sentences.ts';
import { parseYamlWithPositions, problemAt, type ParsedYaml, type PathSegment } from './yaml-document.ts';

export interface DossierInput {
  yamlText: string;
  sourceText: string;
  /** Shown in problems; the dossier's path when it came from a file. */
  file: string;
  /** Nodes the dossier may reference without introducing them (the registry, other dossiers, the store). */
  knownNodes: ReadonlyMap<string, GraphNode>;
  /** Where each known node is defined (a file, or "the store"), for ENTITY_CONFLICT. */
  knownFrom?: ReadonlyMap<string, string>;
  /** The CAMEO/PLOVER tables codes are checked against and proposed from (default: data/'s). */
  codes?: Codebook;
  /**
   * More ids an unknown one may be a slip for (the country tables' states, what the store holds
   * by similar names), asked for only when an id is unknown; the known nodes are always searched.
   */
  nearby?: () => Iterable<IdCandidate>;
}

/** Codes proposed for a commitment that gives none: shown by validate, written by validate --fix. */
export interface CodeProposal {
  path: PathSegment[];
  cameo: string;
  description: string;
  goldstein?: number;
  plover?: string;
}

/**
 * Offsets computed for evidence that gave none, or that gave wrong ones for a quote occurring
 * exactly once (`previous`): `--fix-offsets` writes these back.
 */
export interface ComputedOffset {
  path: PathSegment[];
  start: number;
  end: number;
  previous?: { start: number; end: number };
}

/** A value the validator can state exactly (a Goldstein value or PLOVER type its CAMEO code fixes): `--fix` writes it. */
export interface ExactFix {
  path: PathSegment[];
  value: string | number;
}

export interface DossierResult {
  problems: Problem[];
  /** Present only when there are no problems. */
  batch?: GraphBatch;
  /** ref → relationship id, for the ledger and for people reading reports. */
  refs: Map<string, string>;
  computedOffsets: ComputedOffset[];
  parsed: ParsedYaml;
  /** Ids referenced but known nowhere: a caller with a store may look them up and validate again. */
  unknownIds: string[];
  codeProposals: CodeProposal[];
  exactFixes: ExactFix[];
}

const TOP_LEVEL = ['source', 'reviewed', 'entities', 'relationships', 'ledger'] as const;
const ACTORS: readonly NodeKind[] = ['PERSON', 'STATE', 'ALLIANCE'];

/** A parsed document and the problems found in it so far, each placed at its line. */
interface Located {
  readonly parsed: ParsedYaml;
  readonly problems: Problem[];
}

/** What the stages share: the input, what earlier stages found, and the problems so far. */
interface DossierContext extends Located {
  readonly text: string;
  readonly knownNodes: ReadonlyMap<string, GraphNode>;
  readonly knownFrom: ReadonlyMap<string, string>;
  /** The source's id, when the source block names one (quotes are checked even without it). */
  sourceId: string | undefined;
  /** The outlet's grade the source block gives (`reliability:` beside `outlet:`). */
  outletGrade?: OutletGrade;
  /** Nodes this dossier introduces (its source included). */
  readonly introduced: Map<string, GraphNode>;
  /** Known nodes the dossier uses; they go into its batch so it loads on its own. */
  readonly referenced: Set<string>;
  /** Evidence by relationship index, as the evidence stage checked it (undefined where it failed). */
  readonly evidence: Map<number, (Evidence | undefined)[]>;
  readonly relationships: GraphRelationship[];
  readonly refs: Map<string, string>;
  /** Refs declared even by relationships that fail the schema, so the ledger does not repeat their problem. */
  readonly declaredRefs: Set<string>;
  /** Per type and ends: the first relationship's index and whether it names an aspect. */
  readonly aspects: Map<string, { index: number; named: boolean }>;
  readonly computedOffsets: ComputedOffset[];
  readonly unknownIds: Set<string>;
  readonly codes: Codebook;
  readonly codeProposals: CodeProposal[];
  readonly exactFixes: ExactFix[];
  readonly nearby: () => Iterable<IdCandidate>;
}

function report(ctx: Located, base: readonly PathSegment[], ...found: (RuleProblem | undefined)[]): void {
  for (const p of found) if (p) ctx.problems.push(problemAt(ctx.parsed, [...base, ...p.path], p.code, p.message));
}

function at(ctx: Located, path: readonly PathSegment[], code: string, message: string): void {
  ctx.problems.push(problemAt(ctx.parsed, path, code, message));
}

/** Parses `raw` with `schema`, reporting its problems at `path`; undefined when it fails. */
function parseAt<T>(ctx: Located, path: readonly PathSegment[], schema: z.ZodType<T>, raw: unknown): T | undefined {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  report(ctx, path, ...schemaProblems(parsed.error, raw));
  return undefined;
}

/** A list at `path` (absent: empty, unless required); anything else is a problem. */
function listAt(ctx: DossierContext, root: Record<string, unknown>, key: string): unknown[] {
  const value = root[key];
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  at(ctx, [key], 'SCHEMA', `${key} must be a list`);
  return [];
}

function nodeOf(ctx: DossierContext, id: string): GraphNode | undefined {
  return ctx.introduced.get(id) ?? ctx.knownNodes.get(id);
}

/** A reference to a node: it must exist (introduced or known) and, when `allowed` is given, be of one of those kinds. */
function requireNode(ctx: DossierContext, path: readonly PathSegment[], id: string, allowed?: readonly NodeKind[]): void {
  const node = nodeOf(ctx, id);
  if (!node) {
    ctx.unknownIds.add(id);
    const near = closestId(ctx, id, allowed);
    at(
      ctx,
      path,
      'UNKNOWN_ID',
      `"${id}" is neither in the registry, another dossier of this load, the store, nor introduced by this dossier; ${near ? `did you mean ${near.id} (${near.name})? Otherwise add` : 'add'} it under entities or fix the id`,
    );
    return;
  }
  ctx.referenced.add(id);
  if (allowed) report(ctx, path, wrongKindProblem(id, node.kind, allowed));
}

/** The id nearest to a mistyped one: this dossier's entities first, then the known nodes, then the rest nearby. */
function closestId(ctx: DossierContext, id: string, allowed?: readonly NodeKind[]): GraphNode | undefined {
  function* candidates(): Iterable<IdCandidate> {
    for (const node of ctx.introduced.values()) yield candidateOf(node);
    for (const node of ctx.knownNodes.values()) yield candidateOf(node);
    yield* ctx.nearby();
  }
  return nearestId(id, candidates(), allowed);
}

function checkNodeId(ctx: Located, path: PathSegment[], node: { id: string; kind: NodeKind }, seen: ReadonlyMap<string, unknown>): void {
  if (!isWellFormedId(node.kind, node.id)) at(ctx, [...path, 'id'], 'BAD_ID', `"${node.id}" is not a well-formed ${node.kind} id (see DESIGN.md §1 for the id forms)`);
  if (seen.has(node.id)) at(ctx, [...path, 'id'], 'DUPLICATE_ID', `"${node.id}" is defined twice; keep one definition`);
}

// --- stage 1: the source --------------------------------------------------------------------

function checkSource(ctx: DossierContext, raw: unknown): void {
  if (raw === undefined) return void at(ctx, ['source'], 'MISSING_FIELD', 'a dossier needs a source block: id, name, file');
  // The id and the hash are checked even when another field of the block is wrong.
  const { id, sha256 } = (raw ?? {}) as { id?: unknown; sha256?: unknown };
  if (typeof id === 'string') ctx.sourceId = id;
  if (typeof sha256 === 'string') report(ctx, ['source'], sourceHashProblem(ctx.text, sha256));
  const source = parseAt(ctx, ['source'], DossierSource, raw);
  if (!source) return;
  if (!isWellFormedId('SOURCE', source.id)) at(ctx, ['source', 'id'], 'BAD_ID', `"${source.id}" is not a well-formed source id (source:<slug>)`);
  const { file: _file, sha256: _hash, reliability, ...fields } = source;
  if (reliability && !source.outlet) at(ctx, ['source', 'reliability'], 'MISSING_FIELD', 'reliability grades the source\'s outlet: add `outlet: <slug>` (the publisher or agency, e.g. reuters) beside it');
  if (reliability && source.outlet) ctx.outletGrade = { outlet: source.outlet, reliability };
  const node = parseAt(ctx, ['source'], GraphNode, { ...fields, kind: 'SOURCE', aliases: [], text: ctx.text, sha256: sha256Hex(ctx.text) });
  if (node) ctx.introduced.set(node.id, node);
}

// --- stage 2: entities ----------------------------------------------------------------------

/** The fields that identify an entity: changing one of them is a change of what the id names. */
const IDENTITY_FIELDS = ['kind', 'name', 'iso3', 'iso2', 'cowCode', 'cowAbbrev', 'wikidata', 'atopId', 'cowAllianceId', 'conditionKind', 'subject'] as const;

/** An entity that redefines one defined elsewhere (registry, another dossier, the store) differently. */
function entityConflict(ctx: DossierContext, path: PathSegment[], entity: GraphNode): void {
  const known = ctx.knownNodes.get(entity.id);
  const where = ctx.knownFrom.get(entity.id);
  if (!known || !where || where === ctx.parsed.file) return;
  const differ = IDENTITY_FIELDS.filter((field) => {
    const [a, b] = [(known as Record<string, unknown>)[field], (entity as Record<string, unknown>)[field]];
    return b !== undefined && a !== b;
  });
  if (!differ.length) return;
  const values = differ.map((f) => `${f} ${JSON.stringify((known as Record<string, unknown>)[f])} there, ${JSON.stringify((entity as Record<string, unknown>)[f])} here`).join('; ');
  at(ctx, [...path, differ[0] === 'kind' ? 'kind' : differ[0] as string], 'ENTITY_CONFLICT', `"${entity.id}" is defined in ${where} differently (${values}); reference it without redefining it, or add update: true to change it on purpose`);
}

function checkEntities(ctx: DossierContext, entities: unknown[]): void {
  const conditions: [number, string][] = [];
  entities.forEach((raw, index) => {
    const path = ['entities', index];
    // `update: true` says the dossier changes a known entity on purpose; it is not stored.
    const { update, ...fields } = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : { update: undefined };
    if (update !== undefined && typeof update !== 'boolean') at(ctx, [...path, 'update'], 'SCHEMA', 'update is true or false');
    const entity = parseAt(ctx, path, DossierEntity, raw && typeof raw === 'object' && !Array.isArray(raw) ? fields : raw);
    if (!entity) return;
    if (update !== true) entityConflict(ctx, path, entity);
    checkNodeId(ctx, path, entity, ctx.introduced);
    ctx.introduced.set(entity.id, entity);
    if (entity.kind === 'CONDITION' && entity.subject && entity.conditionKind !== 'commitment') conditions.push([index, entity.subject]);
  });
  // Subjects may be entities introduced later in the list. (A commitment's subject is resolved
  // once the relationships are known: see checkDependencies.)
  for (const [index, subject] of conditions) requireNode(ctx, ['entities', index, 'subject'], subject, ACTORS);
}

// --- after the relationships: conditions that name a commitment ------------------------------

const RELATIONSHIP_ID = /^rel:[0-9a-f]{20}$/;

/**
 * A condition of kind `commitment` names the commitment it depends on by a ref of this dossier
 * (resolved here to the relationship's id) or by a relationship id already stored.
 */
function checkDependencies(ctx: DossierContext, entities: unknown[]): void {
  entities.forEach((raw, index) => {
    const id = (raw as { id?: unknown } | null)?.id;
    const node = typeof id === 'string' ? ctx.introduced.get(id) : undefined;
    if (node?.kind !== 'CONDITION' || node.conditionKind !== 'commitment') return;
    const path = ['entities', index, 'subject'];
    if (!node.subject) return void at(ctx, path, 'MISSING_FIELD', 'a condition of kind commitment names the commitment it depends on: a ref of this dossier or a relationship id');
    const byRef = ctx.refs.get(node.subject);
    const target = byRef ? ctx.relationships.find((r) => r.id === byRef) : undefined;
    if (byRef && target && !isCommitmentType(target.type)) return void at(ctx, path, 'BAD_ENDPOINT', `ref "${node.subject}" is a ${target.type}; a condition of kind commitment names a PLEDGED, REFUSED or WARNED`);
    if (byRef) ctx.introduced.set(node.id, { ...node, subject: byRef });
    else if (!RELATIONSHIP_ID.test(node.subject)) at(ctx, path, 'UNKNOWN_REF', `no relationship has ref "${node.subject}"; name a ref of this dossier or a relationship id (rel:…)`);
  });
}

// --- stage 3: evidence ----------------------------------------------------------------------

/** Checks every evidence item of every relationship, even one whose other fields fail the schema. */
function checkEvidence(ctx: DossierContext, relationships: unknown[]): void {
  relationships.forEach((raw, index) => {
    const path: PathSegment[] = ['relationships', index, 'evidence'];
    const items = (raw as { evidence?: unknown } | null)?.evidence;
    if (items === undefined) return void at(ctx, path.slice(0, 2), 'MISSING_FIELD', 'every relationship needs evidence: at least one quote from the source');
    if (!Array.isArray(items) || items.length === 0 || items.length > 200) return void at(ctx, path, 'SCHEMA', 'evidence must be a list of 1 to 200 quotes');
    ctx.evidence.set(index, items.map((item, i) => checkEvidenceItem(ctx, [...path, i], item)));
  });
}

function checkEvidenceItem(ctx: DossierContext, path: PathSegment[], raw: unknown): Evidence | undefined {
  const item = parseAt(ctx, path, DossierEvidence, raw);
  // A quote is checked against the text even when another field of its item is wrong.
  const loose = (item ?? raw) as { quote?: unknown; start?: unknown; end?: unknown } | null;
  if (typeof loose?.quote !== 'string' || !loose.quote) return undefined;
  const quote = loose.quote;
  const start = typeof loose.start === 'number' ? loose.start : undefined;
  const end = typeof loose.end === 'number' ? loose.end : undefined;
  let span: { start: number; end: number } | undefined;
  if (start === undefined && end === undefined) {
    const located = locateQuote(ctx.text, quote);
    if ('code' in located) report(ctx, path, located);
    else {
      span = located;
      ctx.computedOffsets.push({ path, ...located });
    }
  } else if (start === undefined || end === undefined) {
    at(ctx, path, 'OFFSETS_INCOMPLETE', 'give both start and end, or neither (then they are computed)');
  } else {
    const problem = quoteProblem(ctx.text, { quote, start, end });
    report(ctx, path, problem);
    if (!problem) span = { start, end };
    else {
      const located = locateQuote(ctx.text, quote);
      if (!('code' in located)) ctx.computedOffsets.push({ path, ...located, previous: { start, end } });
    }
  }
  if (!item) return undefined;
  if (item.speaker) requireNode(ctx, [...path, 'speaker'], item.speaker, ACTORS);
  if (item.attribution === 'inferred' && !item.note) at(ctx, [...path, 'note'], 'NOTE_REQUIRED', 'inferred evidence needs a note that says what the inference rests on');
  if (!span || ctx.sourceId === undefined) return undefined;
  const { speaker, note, url } = item;
  return {
    sourceId: ctx.sourceId,
    quote,
    ...span,
    attribution: item.attribution,
    ...(speaker ? { speaker } : {}),
    ...(note ? { note } : {}),
    ...(url ? { url } : {}),
  };
}

// --- stage 4: relationships -----------------------------------------------------------------

const CommitmentFields = DossierCommitment.omit({ evidence: true });
const StructuralFields = DossierStructural.omit({ evidence: true });

function checkRelationships(ctx: DossierContext, relationships: unknown[]): void {
  const idPaths = new Map<string, number>();
  relationships.forEach((raw, index) => {
    const path: PathSegment[] = ['relationships', index];
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return void at(ctx, path, 'SCHEMA', 'a relationship is a mapping with ref, type, from, to and evidence');
    const { evidence: _evidence, ...fields } = raw as Record<string, unknown>;
    if (typeof fields.ref === 'string') ctx.declaredRefs.add(fields.ref);
    const type = RelationshipType.safeParse(fields.type);
    if (!type.success) return void at(ctx, [...path, 'type'], fields.type === undefined ? 'MISSING_FIELD' : 'BAD_ENUM', `type must be one of ${RelationshipType.options.join(', ')}`);
    const schema: z.ZodType<z.output<typeof CommitmentFields> | z.output<typeof StructuralFields>> = isCommitmentType(type.data) ? CommitmentFields : StructuralFields;
    const rel = parseAt(ctx, path, schema, fields);
    if (!rel) return;
    if (ctx.refs.has(rel.ref)) at(ctx, [...path, 'ref'], 'DUPLICATE_REF', `ref "${rel.ref}" is used twice; refs name one relationship each`);
    requireNode(ctx, [...path, 'from'], rel.from, ENDPOINTS[rel.type].from);
    requireNode(ctx, [...path, 'to'], rel.to, ENDPOINTS[rel.type].to);
    if ('conditions' in rel) rel.conditions.forEach((id, i) => requireNode(ctx, [...path, 'conditions', i], id, ['CONDITION']));
    if ('statedBy' in rel) rel.statedBy.forEach((id, i) => requireNode(ctx, [...path, 'statedBy', i], id, ACTORS));
    report(ctx, path, ...datingProblems(rel));
    if ('action' in rel) {
      const mismatches = codeProblems(rel, (code) => ctx.codes.cameo.get(code));
      report(ctx, path, ...mismatches);
      for (const p of mismatches) if (p.fix !== undefined) ctx.exactFixes.push({ path: [...path, ...p.path], value: p.fix });
      if (!rel.cameo) ctx.codeProposals.push({ path, ...proposeCodes(ctx.codes, rel.type, rel.action) });
    }

    // A fact is its type, ends and aspect; the dossier's statement of it is named by its ref.
    const id = deriveFactId(rel);
    const twin = idPaths.get(id);
    if (twin !== undefined) {
      at(ctx, path, 'DUPLICATE_RELATIONSHIP', `this ${rel.type} from ${rel.from} to ${rel.to}${rel.aspect ? ` (aspect "${rel.aspect}")` : ''} is the same fact as relationships[${twin}]; merge their evidence, or give each an aspect (e.g. troops, funding) if they are different commitments`);
    }
    idPaths.set(id, index);
    const pair = `${rel.type} ${rel.from} ${rel.to}`;
    const aspectSeen = ctx.aspects.get(pair);
    if (aspectSeen && aspectSeen.named !== !!rel.aspect) {
      at(ctx, [...path, 'aspect'], 'ASPECT_INCONSISTENT', `relationships[${aspectSeen.index}] is a ${pair} ${aspectSeen.named ? 'with' : 'without'} an aspect and this one ${rel.aspect ? 'has' : 'has none'}; name an aspect on every ${rel.type} between these two, or on none`);
    } else if (!aspectSeen) ctx.aspects.set(pair, { index, named: !!rel.aspect });
    ctx.refs.set(rel.ref, id);
    const evidence = (ctx.evidence.get(index) ?? []).filter((e): e is Evidence => e !== undefined);
    const { ref, review, ...stored } = rel;
    const statement = deriveStatementId(ctx.sourceId ?? '', id, ref);
    // `review: machine` keeps this one statement unreviewed even when the dossier has a reviewer.
    ctx.relationships.push({ ...stored, id, statement, evidence, ...(review ? { review: MACHINE_REVIEW } : {}) } as Commitment | StructuralRelationship);
  });
}

// --- stage 5: the ledger --------------------------------------------------------------------

function checkLedger(ctx: DossierContext, ledger: unknown[] | undefined): void {
  if (ledger === undefined) return;
  const split = splitSentences(ctx.text);
  const sentences = new Set(split.map((s) => s.text));
  const covered = new Set<string>();
  ledger.forEach((raw, index) => {
    const path: PathSegment[] = ['ledger', index];
    const entry = parseAt(ctx, path, LedgerEntry, raw);
    if (!entry) return;
    if (!sentences.has(entry.sentence)) at(ctx, [...path, 'sentence'], 'LEDGER_UNKNOWN_SENTENCE', ledgerAdvice(ctx.text, split, entry.sentence));
    if (covered.has(entry.sentence)) at(ctx, [...path, 'sentence'], 'LEDGER_DUPLICATE_SENTENCE', 'this sentence is in the ledger twice');
    covered.add(entry.sentence);
    if ('refs' in entry) {
      entry.refs.forEach((ref, i) => {
        if (!ctx.declaredRefs.has(ref)) at(ctx, [...path, 'refs', i], 'UNKNOWN_REF', `no relationship has ref "${ref}"`);
      });
    }
  });
  for (const sentence of sentences) {
    if (!covered.has(sentence)) {
      at(ctx, ['ledger'], 'LEDGER_SENTENCE_MISSING', `the sentence "${sentence.slice(0, 80)}…" is not in the ledger; map it to refs or say why it asserts none`);
    }
  }
}

/** What to write instead of a ledger entry that is not one of the splitter's sentences. */
function ledgerAdvice(text: string, split: readonly Sentence[], written: string): string {
  const at = text.indexOf(written);
  if (at >= 0) {
    const end = at + written.length;
    const overlapping = split.filter((s) => s.start < end && s.end > at);
    if (overlapping.length === 1) return `this text is part of the sentence "${overlapping[0]?.text}"; use that whole sentence`;
    return `this text is verbatim, but the ledger's sentence splitter reads it as ${overlapping.length} sentences; give each its own entry: ${overlapping.map((s) => `"${s.text}"`).join(' | ')}`;
  }
  const closest = closestByContent(written, split);
  return `this is not in the source text${closest ? `; the closest sentence is "${closest.text}"` : ''}: copy it verbatim (curly quotes and dashes included)`;
}

const wordsOf = (text: string): string[] => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1);

/** The sentence that shares most of the written words (a shortened or retyped sentence keeps most of them); edit distance only breaks ties. */
function closestByContent(written: string, split: readonly Sentence[]): Sentence | undefined {
  const mine = new Set(wordsOf(written));
  let best: { sentence: Sentence; shared: number; distance: number } | undefined;
  for (const sentence of split) {
    const shared = new Set(wordsOf(sentence.text).filter((w) => mine.has(w))).size;
    if (shared === 0) continue;
    const d = distance(written, sentence.text);
    if (!best || shared > best.shared || (shared === best.shared && d < best.distance)) best = { sentence, shared, distance: d };
  }
  return best?.sentence;
}

// --- the whole dossier ----------------------------------------------------------------------

/**
 * Five stages — source, entities, evidence, relationships, ledger — share one explicit context;
 * every stage always runs and problems accumulate (a schema problem in one part never hides a quote
 * or ledger problem in another), each with file, line, path and code, sorted by line.
 */
export function validateDossier(input: DossierInput): DossierResult {
  const parsed = parseYamlWithPositions(input.yamlText, input.file);
  const ctx: DossierContext = {
    parsed,
    text: input.sourceText,
    knownNodes: input.knownNodes,
    knownFrom: input.knownFrom ?? new Map(),
    sourceId: undefined,
    introduced: new Map(),
    referenced: new Set(),
    evidence: new Map(),
    relationships: [],
    refs: new Map(),
    declaredRefs: new Set(),
    aspects: new Map(),
    computedOffsets: [],
    unknownIds: new Set(),
    codes: input.codes ?? codebook(),
    codeProposals: [],
    exactFixes: [],
    nearby: input.nearby ?? (() => []),
    problems: [...parsed.problems],
  };
  const result = (): DossierResult => ({
    problems: ctx.problems,
    refs: ctx.refs,
    computedOffsets: ctx.computedOffsets,
    parsed,
    unknownIds: [...ctx.unknownIds],
    codeProposals: ctx.codeProposals,
    exactFixes: ctx.exactFixes,
  });
  if (parsed.problems.length) return result();
  const root = parsed.value;
  if (!root || typeof root !== 'object' || Array.isArray(root)) {
    at(ctx, [], 'SCHEMA', `a dossier is a mapping with ${TOP_LEVEL.join(', ')}`);
    return result();
  }
  const top = root as Record<string, unknown>;
  for (const key of Object.keys(top)) {
    if (!(TOP_LEVEL as readonly string[]).includes(key)) at(ctx, [key], 'UNKNOWN_FIELD', `"${key}" is not a field of a dossier (${TOP_LEVEL.join(', ')})`);
  }
  const relationships = listAt(ctx, top, 'relationships');
  const entities = listAt(ctx, top, 'entities');
  checkSource(ctx, top.source);
  checkEntities(ctx, entities);
  checkEvidence(ctx, relationships);
  checkRelationships(ctx, relationships);
  checkDependencies(ctx, entities);
  checkLedger(ctx, top.ledger === undefined ? undefined : listAt(ctx, top, 'ledger'));
  const reviewed = top.reviewed === undefined ? undefined : parseAt(ctx, ['reviewed'], DossierReview, top.reviewed);

  ctx.problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  const done = result();
  if (ctx.problems.length === 0) {
    const nodes = [...ctx.introduced.values()];
    for (const id of ctx.referenced) {
      const known = ctx.introduced.has(id) ? undefined : ctx.knownNodes.get(id);
      if (known) nodes.push(known);
    }
    // A dossier states everything its source asserts: a reload replaces the source's statements.
    const review = reviewed ? { state: 'reviewed' as const, by: reviewed.by, at: reviewed.at, ...(reviewed.note ? { note: reviewed.note } : {}) } : MACHINE_REVIEW;
    done.batch = { nodes, relationships: ctx.relationships, complete: true, review, ...(ctx.outletGrade ? { outletGrades: [ctx.outletGrade] } : {}) };
  }
  return done;
}

/** The well-formed entities a dossier introduces, for the other dossiers of the same load to reference. */
export function introducedEntities(yamlText: string, file: string): GraphNode[] {
  const parsed = parseYamlWithPositions(yamlText, file);
  const entities = (parsed.value as { entities?: unknown } | null)?.entities;
  if (parsed.problems.length || !Array.isArray(entities)) return [];
  return entities.flatMap((raw) => {
    const entity = DossierEntity.safeParse(raw);
    return entity.success ? [entity.data] : [];
  });
}

/** Parse and check an entity registry; returns its nodes by id. */
export function validateRegistry(yamlText: string, file: string): { problems: Problem[]; nodes: Map<string, GraphNode> } {
  const parsed = parseYamlWithPositions(yamlText, file);
  const nodes = new Map<string, GraphNode>();
  const ctx: Located = { parsed, problems: [...parsed.problems] };
  if (parsed.problems.length) return { problems: ctx.problems, nodes };
  const shape = parseAt(ctx, [], RegistryShape, parsed.value);
  shape?.entities.forEach((raw, index) => {
    const path = ['entities', index];
    const entity = parseAt(ctx, path, GraphNode, raw);
    if (!entity) return;
    checkNodeId(ctx, path, entity, nodes);
    nodes.set(entity.id, entity);
  });
  return { problems: ctx.problems, nodes };
}

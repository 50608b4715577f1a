// What a load does to statements, facts and source versions, decided once for both stores. Pure
// apart from the two lookups it is given (the latest version of each source, and stored facts).
// The policy is docs/model.md "Many sources" (Revisions); planStatements says how it is applied.
import { DomainError } from '../domain/errors.ts';
import type { Credibility, GraphBatch, GraphNode, GraphRelationship, OutletGrade, Reliability, Review } from '../domain/model.ts';
import type { SourceVersion, VersionStatement } from '../domain/source-version.ts';
import { claimContent, claimOf, MACHINE_REVIEW, resolve, sourceOfClaim, statementIdOf, type Fact, type Statement } from '../domain/statements.ts';
import { sha256Hex } from '../domain/relationship-id.ts';
import { canonicalJson, sameRecord } from '../lib/canonical-json.ts';
import type { UpsertReport } from './graph-store.ts';

/** A fact sought by its id as the type its claims give it (Neo4j seeks it in that type's index only). */
export interface FactKey {
  id: string;
  type: string;
}

export interface StoredStatements {
  latestVersions(sourceIds: readonly string[]): Promise<Map<string, SourceVersion>>;
  facts(keys: readonly FactKey[]): Promise<Map<string, Fact>>;
}

export interface StatementPlan {
  /** Facts to write (created or changed), resolved. */
  created: Fact[];
  updated: Fact[];
  removed: string[];
  /** New versions, or the latest version amended (same source and number: it replaces the stored one). */
  versions: SourceVersion[];
  unchangedFacts: number;
  counts: Pick<UpsertReport, 'statementsAdded' | 'statementsChanged' | 'statementsRemoved'>;
}

export const contentHashOf = (statements: readonly VersionStatement[]) => sha256Hex(canonicalJson(statements));

interface Incoming {
  id: string;
  claim: GraphRelationship;
  review?: Review;
  /** The record's credibility grade (a dossier's, an importer's): set on the statement's review. */
  credibility?: Credibility;
}

/** A review with the record's credibility grade over its own; as it is when the record gives none. */
const graded = (review: Review, credibility: Credibility | undefined): Review => (credibility === undefined ? review : { ...review, credibility });

export interface PlanOptions {
  /** Sources whose every statement goes (cgraph unload); they get no new version and no shrink guard. */
  unload?: readonly string[];
  /** Let a new version remove every statement of its source, or more than half of them (UpsertOptions.allowShrink). */
  allowShrink?: boolean;
}

/** A source's new version that removes this many of its statements needs allowShrink. */
export function shrinksTooMuch(before: number, removed: number): boolean {
  return removed > 0 && removed * 2 > before;
}

/**
 * `sourceTexts`: the text of each source the batch names (from the batch or the store).
 * - A complete batch (a dossier, an import) states everything its sources assert: their statements
 *   become exactly the batch's; what it no longer states is removed, and a fact with no statement
 *   left is removed. Other batches (JSON lines, from a file or the loadGraphLines mutation) add or
 *   replace statements.
 * - An unchanged statement keeps its id, its review and the version it was first read from, also
 *   when only its quotes moved (claimContent); a changed one takes the batch's review (a person
 *   reviewing a dossier reviewed the new claim).
 * - A source whose statements or text changed gets a new version holding its text, sha256, load
 *   time and every statement it now asserts; nothing changed, nothing written (reloads are no-ops).
 *   Additive batches with the same text amend the latest version instead (a chunked load is one
 *   version however it is cut). An unload is not a version.
 * - A new version that would take away every statement of its source, or more than half of them,
 *   is refused (SOURCE_SHRINK) unless the load says allowShrink: the wrong file, or a dossier cut
 *   short, looks exactly like a revision that retracts everything.
 */
export async function planStatements(
  batch: GraphBatch,
  sourceTexts: ReadonlyMap<string, string>,
  stored: StoredStatements,
  now: string,
  options: PlanOptions = {},
): Promise<StatementPlan> {
  const bySource = incomingBySource(batch, options.unload ?? []);
  const complete = batch.complete || (options.unload ?? []).length > 0;
  const latest = await stored.latestVersions([...bySource.keys()]);
  const changes = diffSources(bySource, latest, sourceTexts, complete, options);
  const versions = nextVersions(changes.nextStatements, latest, sourceTexts, complete, now);
  const { created, updated, removed, unchangedFacts } = await resolveChangedFacts(batch, changes, versions, stored);
  return { created, updated, removed, versions, unchangedFacts, counts: changes.counts };
}

/** Per source, the statements the batch makes; a complete batch's sources and unloaded ones state at least nothing. */
function incomingBySource(batch: GraphBatch, unload: readonly string[]): Map<string, Map<string, Incoming>> {
  const bySource = new Map<string, Map<string, Incoming>>();
  for (const record of batch.relationships) {
    const sourceId = sourceOfClaim(record);
    const statements = bySource.get(sourceId) ?? new Map<string, Incoming>();
    const credibility = record.credibility !== undefined ? { credibility: record.credibility } : {};
    statements.set(statementIdOf(record), { id: statementIdOf(record), claim: claimOf(record), ...(record.review ? { review: record.review } : {}), ...credibility });
    bySource.set(sourceId, statements);
  }
  if (batch.complete) for (const node of batch.nodes) if (node.kind === 'SOURCE' && !bySource.has(node.id)) bySource.set(node.id, new Map());
  for (const id of unload) bySource.set(id, new Map());
  return bySource;
}

interface SourceChanges {
  counts: StatementPlan['counts'];
  /** Statements that leave a fact: gone from their source, or now asserting another fact. */
  removals: { id: string; factId: string; factType: string }[];
  /** New or changed statements; `changed` when what they claim changed (not only where their quotes sit). */
  writes: { sourceId: string; incoming: Incoming; changed: boolean }[];
  /** Unchanged statements the batch gives a review. */
  reviewOnly: { sourceId: string; incoming: Incoming }[];
  /** The statements of each source that needs a version, in id order. */
  nextStatements: Map<string, VersionStatement[]>;
}

/** Per source: the statements it asserts after this load, and what changed; throws SOURCE_SHRINK before anything is planned. */
function diffSources(
  bySource: ReadonlyMap<string, ReadonlyMap<string, Incoming>>,
  latest: ReadonlyMap<string, SourceVersion>,
  sourceTexts: ReadonlyMap<string, string>,
  complete: boolean,
  options: PlanOptions,
): SourceChanges {
  const unload = options.unload ?? [];
  const changes: SourceChanges = { counts: { statementsAdded: 0, statementsChanged: 0, statementsRemoved: 0 }, removals: [], writes: [], reviewOnly: [], nextStatements: new Map() };
  const { counts, removals, writes, reviewOnly } = changes;
  const shrunk: SourceShrink[] = [];
  for (const [sourceId, incoming] of bySource) {
    const previous = new Map((latest.get(sourceId)?.statements ?? []).map((s) => [s.id, s]));
    const next = new Map<string, VersionStatement>(complete ? [] : previous);
    let touched = false;
    for (const item of incoming.values()) {
      const before = previous.get(item.id);
      next.set(item.id, { id: item.id, claim: item.claim });
      if (!before) {
        counts.statementsAdded++;
        writes.push({ sourceId, incoming: item, changed: false });
        touched = true;
      } else if (!sameRecord(before.claim, item.claim)) {
        // Only its quotes moved (the text changed elsewhere): the same claim, review and version kept.
        const moved = sameRecord(claimContent(before.claim), claimContent(item.claim));
        if (!moved) counts.statementsChanged++;
        writes.push({ sourceId, incoming: item, changed: !moved });
        if (before.claim.id !== item.claim.id) removals.push({ id: item.id, factId: before.claim.id, factType: before.claim.type });
        touched = true;
      } else if (item.review || item.credibility !== undefined) reviewOnly.push({ sourceId, incoming: item });
    }
    let removed = 0;
    if (complete) {
      for (const [id, before] of previous) {
        if (incoming.has(id)) continue;
        removed++;
        removals.push({ id, factId: before.claim.id, factType: before.claim.type });
        touched = true;
      }
    }
    counts.statementsRemoved += removed;
    if (!options.allowShrink && !unload.includes(sourceId) && shrinksTooMuch(previous.size, removed)) {
      shrunk.push({ sourceId, before: previous.size, after: next.size });
    }
    const text = sourceTexts.get(sourceId) ?? latest.get(sourceId)?.text ?? '';
    if (!unload.includes(sourceId) && (touched || !latest.has(sourceId) || latest.get(sourceId)?.sha256 !== sha256Hex(text))) {
      changes.nextStatements.set(sourceId, [...next.values()].sort((a, b) => a.id.localeCompare(b.id)));
    }
  }
  if (shrunk.length) throw sourceShrinkError(shrunk);
  return changes;
}

/**
 * A complete batch, or new text, makes a new version; other batches (JSON lines chunks, which a
 * cut-short load repeats) amend the latest version in place, so chunking never shows in versions.
 */
function nextVersions(
  nextStatements: ReadonlyMap<string, VersionStatement[]>,
  latest: ReadonlyMap<string, SourceVersion>,
  sourceTexts: ReadonlyMap<string, string>,
  complete: boolean,
  now: string,
): SourceVersion[] {
  return [...nextStatements].map(([sourceId, statements]) => {
    const text = sourceTexts.get(sourceId) ?? latest.get(sourceId)?.text ?? '';
    const before = latest.get(sourceId);
    const amend = !complete && before !== undefined && before.sha256 === sha256Hex(text);
    const version = amend ? before.version : (before?.version ?? 0) + 1;
    return { sourceId, version, sha256: sha256Hex(text), contentHash: contentHashOf(statements), loadedAt: amend ? before.loadedAt : now, text, statements };
  });
}

/**
 * The facts whose statements changed, re-resolved; the batch's other facts are unchanged (their
 * statements are as stored), so a reload reads none of them.
 */
async function resolveChangedFacts(
  batch: GraphBatch,
  { removals, writes, reviewOnly }: SourceChanges,
  versions: readonly SourceVersion[],
  stored: StoredStatements,
): Promise<Pick<StatementPlan, 'created' | 'updated' | 'removed' | 'unchangedFacts'>> {
  const versionOf = new Map(versions.map((v) => [v.sourceId, v.version]));
  const keys = new Map<string, FactKey>();
  for (const { incoming } of [...writes, ...reviewOnly]) keys.set(incoming.claim.id, { id: incoming.claim.id, type: incoming.claim.type });
  for (const removal of removals) keys.set(removal.factId, { id: removal.factId, type: removal.factType });
  const factIds = new Set(keys.keys());
  const facts = await stored.facts([...keys.values()]);
  const statementsOf = new Map<string, Map<string, Statement>>();
  for (const id of factIds) statementsOf.set(id, new Map((facts.get(id)?.statements ?? []).map((s) => [s.id, s])));
  for (const removal of removals) statementsOf.get(removal.factId)?.delete(removal.id);
  for (const { sourceId, incoming, changed } of writes) {
    const statements = statementsOf.get(incoming.claim.id) as Map<string, Statement>;
    const stored = changed ? undefined : statements.get(incoming.id);
    const review = graded(incoming.review ?? stored?.review ?? batch.review ?? MACHINE_REVIEW, incoming.credibility);
    statements.set(incoming.id, { id: incoming.id, sourceId, sourceVersion: stored?.sourceVersion ?? versionOf.get(sourceId) ?? 1, review, claim: incoming.claim });
  }
  for (const { incoming } of reviewOnly) {
    const statements = statementsOf.get(incoming.claim.id) as Map<string, Statement>;
    const known = statements.get(incoming.id);
    // A record's grade applies at every load that states it (the dossier is the truth for what it says); a person's review stays.
    if (known) statements.set(incoming.id, { ...known, review: graded(incoming.review ?? known.review, incoming.credibility) });
  }

  const untouched = new Set(batch.relationships.map((r) => r.id).filter((id) => !factIds.has(id)));
  const resolved: Pick<StatementPlan, 'created' | 'updated' | 'removed' | 'unchangedFacts'> = { created: [], updated: [], removed: [], unchangedFacts: untouched.size };
  for (const id of factIds) {
    const before = facts.get(id);
    const after = resolve([...(statementsOf.get(id) as Map<string, Statement>).values()]);
    if (!after) {
      if (before) resolved.removed.push(id);
    } else if (!before) resolved.created.push(after);
    else if (!sameRecord(before, after)) resolved.updated.push(after);
    else resolved.unchangedFacts++;
  }
  return resolved;
}

interface SourceShrink {
  sourceId: string;
  /** Statements of the latest version, and of the refused one. */
  before: number;
  after: number;
}

function sourceShrinkError(shrunk: readonly SourceShrink[]): DomainError {
  const each = shrunk.map((s) => `${s.sourceId} from ${s.before} statements to ${s.after}`).join('; ');
  return new DomainError(
    'SOURCE_SHRINK',
    `refused: this load would shrink ${each}, removing ${shrunk.length === 1 && shrunk[0]?.after === 0 ? 'all of them' : 'more than half'}. ` +
      'Nothing was written. Check that it is the right file or a whole dossier; if the source really retracts that much, ' +
      'load it again with --allow-shrink (cgraph load, cgraph import) or allowShrink: true (ingestDossier); cgraph unload removes a whole source',
    { sources: shrunk },
  );
}

/**
 * A fact with one statement's review replaced, re-resolved; undefined when it has no such statement.
 * A review that gives no credibility keeps the statement's grade (reviewing is not ungrading).
 */
export function withReview(fact: Fact, statementId: string, review: Review): Fact | undefined {
  const statement = fact.statements.find((s) => s.id === statementId);
  if (!statement) return undefined;
  const next = graded(review, review.credibility ?? statement.review.credibility);
  return resolve(fact.statements.map((s) => (s.id === statementId ? { ...s, review: next } : s))) as Fact;
}

/**
 * The outlet grades a write changes, against the stored ones: the last for an outlet graded twice,
 * none that equals what is stored (a reload that grades alike writes nothing), and a default
 * (ifUngraded) only for an outlet without a grade. What the stores write, as plain {outlet, reliability}.
 */
export function changedGrades(grades: readonly OutletGrade[], stored: ReadonlyMap<string, Reliability>): OutletGrade[] {
  const last = new Map(grades.map((g) => [g.outlet, g]));
  return [...last.values()]
    .filter((g) => (stored.get(g.outlet) ?? null) !== g.reliability && !(g.ifUngraded && stored.has(g.outlet)))
    .map(({ outlet, reliability }) => ({ outlet, reliability }));
}

/** The text of each SOURCE among `nodes` (planStatements' `sourceTexts`). */
export function sourceTextsOf(nodes: Iterable<GraphNode> | ReadonlyMap<string, GraphNode>): Map<string, string> {
  const texts = new Map<string, string>();
  for (const node of nodes instanceof Map ? nodes.values() : (nodes as Iterable<GraphNode>)) if (node.kind === 'SOURCE') texts.set(node.id, node.text);
  return texts;
}

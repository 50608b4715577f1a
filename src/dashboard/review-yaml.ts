// The dossier a review page ingests: the draft's own YAML (the format `cgraph validate` accepts),
// edited with the yaml document API: rejected and undecided candidates out, edits in, and each
// accepted relationship's `review: machine` replaced by the dossier's `reviewed:` block.
import { isMap, isScalar, isSeq, parseDocument, type Document, type YAMLMap, type YAMLSeq } from 'yaml';

export const COMMITMENT_TYPES = ['PLEDGED', 'REFUSED', 'WARNED'] as const;
export const FIRMNESS_GRADES = ['firm', 'conditional', 'hedged', 'considering', 'formalised'] as const;

/** What the review needs of a DraftCandidate (the API's fields of the same names). */
export interface ReviewCandidate {
  type: string;
  from: string;
  to: string;
  start: number;
  end: number;
  firmness: string;
  conditions: string[];
  ref: string;
}

export type Decision = 'accepted' | 'rejected' | 'open';

/** A reviewer's changes to one drafted relationship (every candidate of a ref shares them). */
export interface RelationshipEdit {
  type?: string;
  from?: string;
  to?: string;
  firmness?: string;
  conditions?: string[];
}

/** An entity the reviewer chose that neither the draft nor the graph holds (the lookup's `proposed`: a state of the country tables, with its codes). */
export interface ChosenEntity {
  id: string;
  kind: string;
  name: string;
  [field: string]: unknown;
}

export interface ReviewInput {
  draftYaml: string;
  candidates: readonly ReviewCandidate[];
  /** One per candidate, by index; a candidate without one is open (not ingested). */
  decisions: readonly Decision[];
  edits?: ReadonlyMap<string, RelationshipEdit>;
  reviewer: { by: string; at: string };
  entities?: readonly ChosenEntity[];
}

export interface ReviewedDossier {
  yaml: string;
  /** Refs of the relationships it holds that a person accepted. */
  accepted: string[];
}

/** The verb the drafter writes as the action for each type: changed with the type, or it would contradict it. */
const VERB: Record<string, string> = { PLEDGED: 'pledged', REFUSED: 'refused', WARNED: 'warned' };
/** Codes that follow from the type: a changed type leaves them wrong, so they go (validate proposes new ones). */
const TYPE_CODES = ['cameo', 'goldstein', 'plover'];

const text = (value: unknown): string | undefined => (isScalar(value) ? String(value.value) : typeof value === 'string' ? value : undefined);
const items = (doc: Document, key: string): YAMLSeq | undefined => {
  const seq = doc.get(key, true);
  return isSeq(seq) ? seq : undefined;
};

/**
 * The reviewed dossier: only relationships with an accepted candidate (each keeping the evidence of
 * its accepted candidates, with the edits applied and no machine mark), the draft's other
 * relationships (structural, still marked machine) only where they touch what is kept, the
 * entities something kept names, and the ledger's refs to what is gone turned into `none`.
 * Throws when nothing is accepted (a dossier of nothing would retract the source).
 */
export function reviewedDossier(input: ReviewInput): ReviewedDossier {
  const doc = parseDocument(input.draftYaml);
  if (doc.errors.length) throw new Error(`the draft's YAML does not parse: ${doc.errors[0]?.message}`);
  const acceptedSpans = new Map<string, Set<string>>();
  input.candidates.forEach((candidate, index) => {
    if (input.decisions[index] !== 'accepted') return;
    const spans = acceptedSpans.get(candidate.ref) ?? new Set<string>();
    acceptedSpans.set(candidate.ref, spans.add(`${candidate.start}:${candidate.end}`));
  });
  if (!acceptedSpans.size) throw new Error('accept at least one candidate: a dossier without relationships would retract everything its source stated');
  const drafted = new Set(input.candidates.map((c) => c.ref));
  const relationships = items(doc, 'relationships');
  const kept = new Set<string>();
  const used = new Set<string>();
  const structural: YAMLMap[] = [];

  for (const item of [...(relationships?.items ?? [])]) {
    if (!isMap(item)) continue;
    const ref = text(item.get('ref', true)) ?? '';
    if (!drafted.has(ref)) {
      structural.push(item);
      continue;
    }
    const spans = acceptedSpans.get(ref);
    if (!spans) {
      relationships?.items.splice(relationships.items.indexOf(item), 1);
      continue;
    }
    keepAccepted(doc, item, spans, input.edits?.get(ref));
    kept.add(ref);
    for (const id of namedIds(item)) used.add(id);
  }
  // A structural relationship (a person who LEADS a state) stays, still unreviewed, when it touches what is kept.
  for (const item of structural) {
    const ends = [text(item.get('from', true)), text(item.get('to', true))].filter((id): id is string => !!id);
    if (ends.some((id) => used.has(id))) {
      kept.add(text(item.get('ref', true)) ?? '');
      for (const id of namedIds(item)) used.add(id);
    } else relationships?.items.splice(relationships.items.indexOf(item), 1);
  }
  keepUsedEntities(doc, used, input.entities ?? []);
  pruneLedger(doc, kept);
  const contents = doc.contents as YAMLMap;
  contents.delete('reviewed');
  contents.items.splice(1, 0, doc.createPair('reviewed', { by: input.reviewer.by, at: input.reviewer.at }));
  // The draft's header tells a person what to review; this one says who did and what is left.
  contents.commentBefore = null;
  const firstKey = contents.items[0]?.key;
  if (isScalar(firstKey)) firstKey.commentBefore = null;
  doc.commentBefore = ` Reviewed by ${input.reviewer.by.replace(/\s+/g, ' ')} on ${input.reviewer.at} in the dashboard's review page: every relationship\n not marked machine was checked against the article; those still marked were not.`;
  return { yaml: doc.toString({ lineWidth: 0 }), accepted: [...acceptedSpans.keys()].filter((ref) => kept.has(ref)) };
}

/** An accepted relationship: its accepted evidence only, the edits applied, the machine mark gone. */
function keepAccepted(doc: Document, item: YAMLMap, spans: ReadonlySet<string>, edit: RelationshipEdit | undefined): void {
  item.delete('review');
  const evidence = item.get('evidence', true);
  if (isSeq(evidence)) {
    evidence.items = evidence.items.filter((e) => !isMap(e) || spans.has(`${text(e.get('start', true))}:${text(e.get('end', true))}`));
  }
  if (!edit) return;
  const type = text(item.get('type', true));
  if (edit.type && edit.type !== type) {
    item.set('type', edit.type);
    for (const key of TYPE_CODES) item.delete(key);
    if (type && text(item.get('action', true)) === VERB[type]) item.set('action', VERB[edit.type] ?? edit.type.toLowerCase());
  }
  if (edit.from) item.set('from', edit.from);
  if (edit.to) item.set('to', edit.to);
  if (edit.firmness) item.set('firmness', edit.firmness);
  if (edit.conditions) {
    if (edit.conditions.length) item.set('conditions', doc.createNode(edit.conditions));
    else item.delete('conditions');
  }
}

/** The ids a relationship names: its ends, conditions, who stated it and its quotes' speakers. */
function namedIds(item: YAMLMap): string[] {
  const json = item.toJSON() as { from?: string; to?: string; conditions?: string[]; statedBy?: string[]; evidence?: { speaker?: string }[] };
  return [json.from, json.to, ...(json.conditions ?? []), ...(json.statedBy ?? []), ...(json.evidence ?? []).map((e) => e.speaker)].filter((id): id is string => typeof id === 'string');
}

/** The draft's entities that something kept names (a kept condition's subject too), and the reviewer's chosen ones. */
function keepUsedEntities(doc: Document, used: Set<string>, chosen: readonly ChosenEntity[]): void {
  let entities = items(doc, 'entities');
  if (!entities) {
    (doc.contents as YAMLMap).set('entities', doc.createNode([]));
    entities = items(doc, 'entities') as YAMLSeq;
  }
  const listed = new Set(entities.items.map((e) => (isMap(e) ? text(e.get('id', true)) : undefined)));
  for (const entity of chosen) if (used.has(entity.id) && !listed.has(entity.id)) entities.items.push(doc.createNode(withoutEmpty(entity)));
  for (const e of entities.items) {
    const subject = isMap(e) && used.has(text(e.get('id', true)) ?? '') ? text(e.get('subject', true)) : undefined;
    if (subject) used.add(subject);
  }
  entities.items = entities.items.filter((e) => isMap(e) && used.has(text(e.get('id', true)) ?? ''));
}

/** The fields that say something: the API's nulls and empty lists are left out. */
const withoutEmpty = (entity: ChosenEntity): Record<string, unknown> => Object.fromEntries(Object.entries(entity).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && !v.length)));

/** Ledger entries keep the refs still in the dossier; one left with none says why it asserts nothing now. */
function pruneLedger(doc: Document, kept: ReadonlySet<string>): void {
  for (const entry of items(doc, 'ledger')?.items ?? []) {
    if (!isMap(entry)) continue;
    const refs = entry.get('refs', true);
    if (!isSeq(refs)) continue;
    refs.items = refs.items.filter((r) => kept.has(text(r) ?? ''));
    if (refs.items.length) continue;
    entry.delete('refs');
    entry.set('none', 'the reviewer accepted no relationship the draft found here');
  }
}

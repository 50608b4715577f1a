// How a draft compares with an answer key (a dossier written by hand).
import { parse } from 'yaml';
import { isCommitmentType } from '../../domain/model.ts';
import { splitSentences } from '../sentences.ts';
import { shareAWord } from './words.ts';

export interface KeyRelationship {
  type: string;
  from: string;
  to: string;
  /** Sentence indexes its quotes fall in. */
  sentences: Set<number>;
}

export interface Scores {
  draft: number;
  key: number;
  matched: number;
  matchedWithObject: number;
}

interface NamedNode {
  name?: string;
  aliases?: string[];
}

interface DossierLike {
  entities?: ({ id: string } & NamedNode)[];
  relationships?: { type: string; from: string; to: string; evidence: { quote: string; start?: number; end?: number }[] }[];
}

/** A dossier's commitments with the sentences their quotes fall in. */
export function commitmentsOf(dossier: DossierLike, text: string): KeyRelationship[] {
  const sentences = splitSentences(text);
  const sentenceOf = (start: number) => sentences.findIndex((s) => s.start <= start && start < s.end);
  return (dossier.relationships ?? [])
    .filter((r) => isCommitmentType(r.type))
    .map((r) => ({
      type: r.type,
      from: r.from,
      to: r.to,
      sentences: new Set(
        r.evidence
          .map((e) => sentenceOf(e.start ?? text.indexOf(e.quote)))
          .filter((i) => i >= 0),
      ),
    }));
}

export function parseDossier(yamlText: string): DossierLike {
  return parse(yamlText) as DossierLike;
}

/** Whether a drafted object stands for the key's: the same id, or a proposed node named like it. */
export function sameObject(draftTo: string, keyTo: string, draftNodes: ReadonlyMap<string, NamedNode>, keyNodes: ReadonlyMap<string, NamedNode>): boolean {
  if (draftTo === keyTo) return true;
  const proposed = draftNodes.get(draftTo);
  const wanted = keyNodes.get(keyTo);
  if (!proposed || !wanted || !/^(initiative|condition|agreement):/.test(draftTo) || !/^(initiative|condition|agreement):/.test(keyTo)) return false;
  return shareAWord(proposed.name ?? '', [wanted.name ?? '', ...(wanted.aliases ?? [])].join(' '));
}

/** A maximum one-to-one matching (augmenting paths; the lists are small): for each right item, its left partner or -1. */
function maximumMatching(left: number, right: number, edge: (l: number, r: number) => boolean): number[] {
  const owner = new Array<number>(right).fill(-1);
  const tryAssign = (l: number, seen: boolean[]): boolean => {
    for (let r = 0; r < right; r++) {
      if (seen[r] || !edge(l, r)) continue;
      seen[r] = true;
      if (owner[r] === -1 || tryAssign(owner[r] as number, seen)) {
        owner[r] = l;
        return true;
      }
    }
    return false;
  };
  for (let l = 0; l < left; l++) tryAssign(l, new Array<boolean>(right).fill(false));
  return owner;
}

const matchedCount = (owner: readonly number[]) => owner.filter((l) => l >= 0).length;
const shareSentence = (a: KeyRelationship, b: KeyRelationship) => [...a.sentences].some((s) => b.sentences.has(s));
const samePair = (d: KeyRelationship, k: KeyRelationship) => d.type === k.type && d.from === k.from && shareSentence(d, k);

/**
 * PLEDGED, REFUSED and WARNED relationships are matched one to one when they have the same type and
 * committing actor and a quote of the draft lies in a sentence the key quotes; "with object" also asks
 * for the same object — the same id, or, when the drafter proposed a new node for it, a name that
 * shares a content word with the key's object (what a reviewer would merge). Precision is over what
 * the draft proposes, recall over what the key holds.
 */
export function score(draft: readonly KeyRelationship[], key: readonly KeyRelationship[], draftNodes: ReadonlyMap<string, NamedNode>, keyNodes: ReadonlyMap<string, NamedNode>): Scores {
  return compareDraft(draft, key, draftNodes, keyNodes).scores;
}

/** A draft against its key: the scores and the error classes, from one one-to-one matching. */
export function compareDraft(draft: readonly KeyRelationship[], key: readonly KeyRelationship[], draftNodes: ReadonlyMap<string, NamedNode>, keyNodes: ReadonlyMap<string, NamedNode>): { scores: Scores; errors: ErrorClasses } {
  const pair = (l: number, r: number) => samePair(draft[l] as KeyRelationship, key[r] as KeyRelationship);
  const owner = maximumMatching(draft.length, key.length, pair);
  const scores = {
    draft: draft.length,
    key: key.length,
    matched: matchedCount(owner),
    matchedWithObject: matchedCount(maximumMatching(draft.length, key.length, (l, r) => pair(l, r) && sameObject((draft[l] as KeyRelationship).to, (key[r] as KeyRelationship).to, draftNodes, keyNodes))),
  };
  return { scores, errors: classify(owner, draft, key, draftNodes, keyNodes) };
}

/** Why a key's commitment was not matched, or a matched one lost its object, or a draft's was not asked for. */
export interface ErrorClasses {
  /** No candidate of the draft lies in the key's sentences, nor a matching one beside them. */
  missedPredicate: number;
  /** A candidate of the same type in the sentence, from another actor. */
  actor: number;
  /** A candidate from the same actor in the sentence, of another type. */
  type: number;
  /** Candidates in the sentence, none with the key's type or actor. */
  actorAndType: number;
  /** The same type and actor, quoted from the sentence next to the key's (the split or the quote is off by one). */
  sentence: number;
  /** Matched, but the object differs. */
  object: number;
  /** Candidates in sentences the key quotes nothing from (precision losses beyond the classes above). */
  extraOutsideKey: number;
}

/**
 * The errors of one draft against its key, by class, from the one-to-one matching the scores count
 * (`owner`: for each key item, its draft partner or -1): what bounds recall (missed predicates,
 * actors, types, sentences), what bounds the object, and what costs precision outside the key's
 * sentences. Counts only, so an evaluation article's figures can be read without reading it.
 */
function classify(owner: readonly number[], draft: readonly KeyRelationship[], key: readonly KeyRelationship[], draftNodes: ReadonlyMap<string, NamedNode>, keyNodes: ReadonlyMap<string, NamedNode>): ErrorClasses {
  const classes: ErrorClasses = { missedPredicate: 0, actor: 0, type: 0, actorAndType: 0, sentence: 0, object: 0, extraOutsideKey: 0 };
  key.forEach((k, r) => {
    const l = owner[r] as number;
    if (l >= 0) {
      if (!sameObject((draft[l] as KeyRelationship).to, k.to, draftNodes, keyNodes)) classes.object++;
      return;
    }
    const near = draft.filter((d) => shareSentence(d, k));
    const beside = (d: KeyRelationship) => [...d.sentences].some((s) => k.sentences.has(s - 1) || k.sentences.has(s + 1));
    if (near.some((d) => d.type === k.type)) classes.actor++;
    else if (near.some((d) => d.from === k.from)) classes.type++;
    else if (near.length) classes.actorAndType++;
    else if (draft.some((d) => d.type === k.type && d.from === k.from && beside(d))) classes.sentence++;
    else classes.missedPredicate++;
  });
  const keySentences = new Set(key.flatMap((k) => [...k.sentences]));
  classes.extraOutsideKey = draft.filter((d) => ![...d.sentences].some((s) => keySentences.has(s))).length;
  return classes;
}

export function nodesOf(dossier: DossierLike): Map<string, NamedNode> {
  return new Map((dossier.entities ?? []).map((e) => [e.id, e]));
}

export const ratio = (a: number, b: number): number => (b === 0 ? (a === 0 ? 1 : 0) : a / b);
export function f1(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

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

/** A maximum one-to-one matching (augmenting paths; the lists are small). */
function maximumMatching(left: number, right: number, edge: (l: number, r: number) => boolean): number {
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
  let matched = 0;
  for (let l = 0; l < left; l++) if (tryAssign(l, new Array<boolean>(right).fill(false))) matched++;
  return matched;
}

/**
 * PLEDGED, REFUSED and WARNED relationships are matched one to one when they have the same type and
 * committing actor and a quote of the draft lies in a sentence the key quotes; "with object" also asks
 * for the same object — the same id, or, when the drafter proposed a new node for it, a name that
 * shares a content word with the key's object (what a reviewer would merge). Precision is over what
 * the draft proposes, recall over what the key holds.
 */
export function score(draft: readonly KeyRelationship[], key: readonly KeyRelationship[], draftNodes: ReadonlyMap<string, NamedNode>, keyNodes: ReadonlyMap<string, NamedNode>): Scores {
  const pair = (d: KeyRelationship, k: KeyRelationship) => d.type === k.type && d.from === k.from && [...d.sentences].some((s) => k.sentences.has(s));
  return {
    draft: draft.length,
    key: key.length,
    matched: maximumMatching(draft.length, key.length, (l, r) => pair(draft[l] as KeyRelationship, key[r] as KeyRelationship)),
    matchedWithObject: maximumMatching(draft.length, key.length, (l, r) => pair(draft[l] as KeyRelationship, key[r] as KeyRelationship) && sameObject((draft[l] as KeyRelationship).to, (key[r] as KeyRelationship).to, draftNodes, keyNodes)),
  };
}

export function nodesOf(dossier: DossierLike): Map<string, NamedNode> {
  return new Map((dossier.entities ?? []).map((e) => [e.id, e]));
}

export const ratio = (a: number, b: number): number => (b === 0 ? (a === 0 ? 1 : 0) : a / b);
export function f1(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

// The known id nearest to one that names nothing, for UNKNOWN_ID's advice: by edit distance on the
// id, by its words among the candidate's (person:meloni → person:giorgia-meloni), and by the
// candidate's names and aliases scored as the actor lookup scores them (state:JAP → "Japan").
import { distance } from 'fastest-levenshtein';
import type { GraphNode, NodeKind } from '../domain/model.ts';
import { normaliseName, SCORE, scoreOf } from './lookup/name-match.ts';

/** A node that may be meant, with the names it goes by besides its own (aliases, table forms). */
export interface IdCandidate {
  node: GraphNode;
  names: readonly string[];
}

export const candidateOf = (node: GraphNode): IdCandidate => ({ node, names: node.aliases ?? [] });

const kindPrefix = (id: string): string => id.slice(0, id.indexOf(':'));
const slugOf = (id: string): string => id.slice(id.indexOf(':') + 1).toLowerCase();
const wordsOf = (text: string): string[] => normaliseName(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3);

/**
 * How near a candidate is, 0 for not at all. The tiers, best first: one of its names written as
 * the id's slug; every word of the slug among its id's or names' words; a name the slug begins; a
 * few edits on the slug; a name containing the slug or a near miss of one. A name the slug begins
 * outranks an edit on a short code: JAP is one edit from JAM but begins only Japan.
 */
function nearness(id: string, candidate: IdCandidate): number {
  const [mine, theirs] = [slugOf(id), slugOf(candidate.node.id)];
  const written = mine.replace(/[-_]+/g, ' ');
  const needle = normaliseName(written);
  const named = Math.max(0, scoreOf(written, needle, candidate.node.name, 'NAME'), ...candidate.names.map((name) => scoreOf(written, needle, name, 'ALIAS')));
  if (named >= SCORE.OTHER_NAME) return 1;
  const words = wordsOf(written);
  const theirWords = new Set([...wordsOf(theirs.replace(/[-_]+/g, ' ')), ...wordsOf(candidate.node.name), ...candidate.names.flatMap(wordsOf)]);
  if (words.length && words.every((w) => theirWords.has(w))) return 0.9;
  if (named >= SCORE.PREFIX) return 0.8;
  const edits = distance(mine, theirs);
  // One edit in a short code (state:ITX → state:ITA), two in a longer slug.
  if (edits <= (mine.length <= 4 ? 1 : 2)) return 0.7 - 0.05 * edits;
  return named;
}

/**
 * The candidate nearest to `id` among those with its kind prefix (and of an allowed kind); the
 * first one given wins a tie, so callers list this dossier's own entities first.
 */
export function nearestId(id: string, candidates: Iterable<IdCandidate>, allowed?: readonly NodeKind[]): GraphNode | undefined {
  if (!id.includes(':')) return undefined;
  let best: { node: GraphNode; score: number } | undefined;
  const prefix = kindPrefix(id);
  for (const candidate of candidates) {
    const { node } = candidate;
    if (node.id === id || kindPrefix(node.id) !== prefix || (allowed && !allowed.includes(node.kind))) continue;
    const score = nearness(id, candidate);
    if (score > 0 && (!best || score > best.score)) best = { node, score };
  }
  return best?.node;
}

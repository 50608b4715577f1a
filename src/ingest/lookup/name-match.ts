// How well a written name matches one of an actor's forms: the same name, another of its names,
// a prefix, a containing name, or a near miss by edit distance. Pure, so that the actor lookup and
// the validator's nearest-id advice score names alike.
import { distance } from 'fastest-levenshtein';
import type { FormRole } from './actor-forms.ts';

export const SCORE = { EXACT_NAME: 1, NAME: 0.95, OTHER_NAME: 0.9, PREFIX: 0.6, CONTAINS: 0.5, NEAR_MISS: 0.45 } as const;

/** Lower case without accents, dots, a leading "the" or a trailing possessive: "the Élysée's" → "elysee". */
export function normaliseName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/\./g, '')
    .replace(/'s$/, '')
    .replace(/^the\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** How many edits a near miss of this length may be: none below four letters (acronyms differ by one letter), one up to nine ("Atlantis" is not "Alandis"). */
const editsAllowed = (length: number): number => (length < 4 ? 0 : length <= 9 ? 1 : length <= 14 ? 2 : 3);

const sortedLetters = (text: string) => [...text].sort().join('');

/** Levenshtein distance, except that two neighbouring letters swapped (Frnace) count as one edit, as typing makes them. */
function edits(a: string, b: string): number {
  const plain = distance(a, b);
  if (plain !== 2 || a.length !== b.length || sortedLetters(a) !== sortedLetters(b)) return plain;
  const differ = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
  return differ.length === 2 && differ[1] === (differ[0] as number) + 1 ? 1 : plain;
}

/** The forms' normalised keys, kept: the same few thousand forms are compared on every lookup. */
const keys = new Map<string, string>();
const keyOf = (form: string): string => {
  let key = keys.get(form);
  if (key === undefined) keys.set(form, (key = normaliseName(form)));
  return key;
};

/** How well `form` (a name, or another name when `role` says so) matches the text, whose normalised form is `needle`; 0 for not at all. */
export function scoreOf(text: string, needle: string, form: string, role: FormRole): number {
  const key = keyOf(form);
  if (key === needle) return role === 'NAME' ? (form === text.trim() ? SCORE.EXACT_NAME : SCORE.NAME) : SCORE.OTHER_NAME;
  if (needle.length >= 3 && key.startsWith(needle)) return SCORE.PREFIX;
  if (needle.length >= 3 && key.includes(needle)) return SCORE.CONTAINS;
  const allowed = editsAllowed(Math.min(needle.length, key.length));
  if (!allowed || Math.abs(key.length - needle.length) > allowed) return 0;
  const made = edits(key, needle);
  return made <= allowed ? SCORE.NEAR_MISS * (1 - made / Math.max(key.length, needle.length)) : 0;
}

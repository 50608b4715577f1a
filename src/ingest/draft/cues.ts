// The cue lexicons: the words that signal a pledge (CAMEO roots 03, 05, 06), a refusal (12) or a
// warning (13), the firmness cues that qualify them and the phrases that introduce a condition.
// Cues are matched on tokens: a verb in any inflection, or a fixed phrase.
import type { CommitmentKind, Firmness } from '../../domain/model.ts';
import type { Token } from './tokens.ts';

export interface Cue {
  type: CommitmentKind;
  /** The words as a reader sees them, for the draft's `cue` field. */
  name: string;
  /** Token patterns: each a set of accepted lowercase forms. */
  pattern: ReadonlySet<string>[];
  /** How sure the cue alone makes a candidate (0–1). */
  weight: number;
  /** The cue is a noun (a pledge, a warning): its actor is the possessive or the "by" phrase. */
  noun?: boolean;
}

/** A verb's inflections: pledge → pledge, pledges, pledged, pledging. */
function inflect(verb: string): string[] {
  const forms = new Set([verb, `${verb}s`, `${verb}ed`, `${verb}d`, `${verb}ing`]);
  if (verb.endsWith('e')) forms.add(`${verb.slice(0, -1)}ing`);
  if (verb.endsWith('y')) forms.add(`${verb.slice(0, -1)}ied`).add(`${verb.slice(0, -1)}ies`);
  if (/[^aeiou][aeiou][bgpt]$/.test(verb)) forms.add(`${verb}${verb.at(-1)}ed`).add(`${verb}${verb.at(-1)}ing`);
  return [...forms];
}

const IRREGULAR: Record<string, string[]> = { strike: ['strike', 'strikes', 'struck', 'striking'], pay: ['pay', 'pays', 'paid', 'paying'] };

/** "pledge", "rule out", "~legitimate target(s)": words separated by spaces; a verb is inflected, `~` marks a noun (singular or plural). */
function cue(type: CommitmentKind, phrase: string, weight: number, noun = false): Cue {
  const words = phrase.split(' ');
  const pattern = words.map((word, index) => {
    if (word.startsWith('~')) return new Set([word.slice(1), `${word.slice(1)}s`]);
    if (word.startsWith('=')) return new Set(word.slice(1).split('|'));
    if (index === 0 && !noun) return new Set(IRREGULAR[word] ?? inflect(word));
    return new Set([word]);
  });
  return { type, name: phrase.replace(/[~=]/g, ''), pattern, weight, ...(noun ? { noun } : {}) };
}

/** Verbs that commit when they name a future act of the subject ("will send troops", "would fund the mission"). */
const FUTURE_PLEDGE_VERBS = ['send', 'deploy', 'provide', 'contribute', 'give', 'supply', 'deliver', 'fund', 'finance', 'establish', 'join', 'support', 'help', 'allocate', 'grant', 'lend', 'train', 'host', 'station', 'defend', 'protect'];

export const CUES: readonly Cue[] = [
  // 03/05/06: intent to cooperate, to provide aid; promises; agreements.
  ...['pledge', 'promise', 'vow', 'commit', 'offer', 'reaffirm', 'guarantee', 'undertake', 'donate', 'earmark'].map((v) => cue('PLEDGED', v, 0.8)),
  cue('PLEDGED', 'agree to', 0.75),
  cue('PLEDGED', 'agree =on|with', 0.6),
  // Verbs that pledge only as a future act (CAMEO 03, intent to cooperate or to give): "will send", "would provide", "could support".
  ...FUTURE_PLEDGE_VERBS.map((verb) => cue('PLEDGED', `=will|would|shall|could|’ll|'ll ${verb}`, verb === 'support' || verb === 'help' ? 0.5 : 0.6)),
  cue('PLEDGED', '=ready|prepared|willing|readiness|willingness to', 0.7, true),
  cue('PLEDGED', '~pledge', 0.75, true),
  cue('PLEDGED', '~commitment', 0.7, true),
  cue('PLEDGED', '~promise', 0.7, true),
  cue('PLEDGED', 'reach =an|a ~agreement', 0.6),
  // 12: reject, refuse, oppose.
  ...['refuse', 'reject', 'decline', 'oppose', 'veto', 'rebuff', 'dismiss', 'spurn'].map((v) => cue('REFUSED', v, 0.85)),
  cue('REFUSED', 'rule out', 0.85),
  cue('REFUSED', 'turn down', 0.85),
  cue('REFUSED', '~rejection', 0.8, true),
  cue('REFUSED', '~refusal', 0.8, true),
  cue('REFUSED', '=against sending', 0.7, true),
  // 13: threaten, warn, give an ultimatum.
  ...['warn', 'threaten', 'retaliate'].map((v) => cue('WARNED', v, 0.85)),
  cue('WARNED', 'strike back', 0.85),
  cue('WARNED', 'hit back', 0.85),
  cue('WARNED', '~warning', 0.8, true),
  cue('WARNED', '~threat', 0.6, true),
  cue('WARNED', '~retaliation', 0.75, true),
  cue('WARNED', '~ultimatum', 0.8, true),
  cue('WARNED', 'legitimate ~target', 0.85, true),
  cue('WARNED', '~countermeasure', 0.8, true),
  cue('WARNED', '~counteraction', 0.8, true),
  cue('WARNED', '=bear|face|suffer all ~consequence', 0.75, true),
  cue('WARNED', '=bear|face|suffer =serious|grave|severe ~consequence', 0.75, true),
  cue('WARNED', 'pay the price', 0.75),
  cue('WARNED', 'play with fire', 0.7),
  cue('WARNED', '=will|would respond', 0.6, true),
];

/** Verbs that, negated after a modal ("will not send", "won't withdraw"), refuse what they name. */
export const REFUSABLE_VERBS = new Set([
  'send', 'contribute', 'provide', 'deploy', 'join', 'allow', 'accept', 'give', 'sign', 'withdraw', 'participate', 'take', 'recognise', 'recognize', 'supply', 'agree', 'close', 'pay', 'lift', 'return',
]);
const MODALS = new Set(['will', 'would', 'wo', 'shall', 'can', 'could', 'ca']);

export interface CueMatch {
  cue: Cue;
  /** Token indexes, end exclusive. */
  first: number;
  end: number;
  negated: boolean;
}

const NEGATIONS = new Set(['not', 'never', 'no', 'none', 'neither', 'nor']);
/** A negation before a cue in its clause: did not pledge, has not ruled out, would not be in a position to provide, none has made a commitment. */
function negatedAt(tokens: readonly Token[], first: number): boolean {
  for (let k = first - 1; k >= Math.max(0, first - 7); k--) {
    const t = tokens[k] as Token;
    if (NEGATIONS.has(t.lemma) || NEGATIONS.has(t.lower)) return true;
    if (!['AUX', 'ADV', 'PART', 'DET', 'ADP', 'NOUN', 'ADJ'].includes(t.pos)) return false;
  }
  return false;
}

/** The cue of a refusal by a negated verb ("would not send"); its last token is the verb. */
export const NEGATED_VERB = 'will not (verb)';
const NEGATED_REFUSAL: Cue = { type: 'REFUSED', name: NEGATED_VERB, pattern: [], weight: 0.7 };
const NOT_RULED_OUT: Cue = { type: 'WARNED', name: 'not rule out (force)', pattern: [], weight: 0.6 };
const FORCE_WORDS = new Set(['force', 'military', 'strike', 'strikes', 'attack', 'war', 'invasion', 'nuclear', 'retaliation']);

const BELIEF_VERBS = new Set(['believe', 'expect', 'think', 'anticipate', 'foresee']);
/** A cue in the clause of a negated belief ("does not believe that X will…", "don't expect X to…"): the negation belongs to the cue. */
function underNegatedBelief(tokens: readonly Token[], at: number): boolean {
  for (let k = at - 1; k >= Math.max(0, at - 12); k--) {
    const t = tokens[k] as Token;
    if (t.text === '.' || t.text === ';') return false;
    if (BELIEF_VERBS.has(t.lemma) && tokens.slice(Math.max(0, k - 2), k).some((n) => n.lemma === 'not')) return true;
  }
  return false;
}

function assertedNoun(tokens: readonly Token[], at: number): boolean {
  let k = at - 1;
  const possessive = tokens[k] && (tokens[k]?.text === '’s' || tokens[k]?.text === "'s");
  if (possessive) {
    k -= 2; // the owner's last word, then what stands before it
    while (k >= 0 && (tokens[k] as Token).pos === 'PROPN') k--;
    const before = tokens[k];
    return !before || before.pos !== 'ADP';
  }
  for (let steps = 0; k >= 0 && steps < 5; k--, steps++) {
    const t = tokens[k] as Token;
    if (t.pos === 'VERB' || t.pos === 'AUX') return true;
    if (!['DET', 'ADJ', 'ADV', 'PRON', 'NUM', 'NOUN', 'PROPN', 'PART'].includes(t.pos)) return false;
  }
  return false;
}

export function findCues(tokens: readonly Token[]): CueMatch[] {
  const found: CueMatch[] = [];
  for (let i = 0; i < tokens.length; i++) {
    // A modal, "not", then a verb it refuses: "would not contribute troops", "won't withdraw".
    const t = tokens[i] as Token;
    if (MODALS.has(t.lower) || MODALS.has(t.lemma)) {
      // …or a few words later: "would not be in a position to provide", "will not be able to send".
      if (tokens[i + 1]?.lemma === 'not') {
        let k = i + 2;
        while (k < Math.min(tokens.length, i + 9) && !REFUSABLE_VERBS.has((tokens[k] as Token).lemma) && ['AUX', 'ADP', 'DET', 'NOUN', 'PART', 'ADJ', 'ADV'].includes((tokens[k] as Token).pos)) k++;
        if (k < tokens.length && REFUSABLE_VERBS.has((tokens[k] as Token).lemma)) {
          found.push({ cue: NEGATED_REFUSAL, first: i, end: k + 1, negated: false });
          i = k;
          continue;
        }
      }
    }
    for (const c of CUES) {
      if (i + c.pattern.length > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < c.pattern.length && ok; k++) {
        const token = tokens[i + k] as Token;
        ok = (c.pattern[k] as ReadonlySet<string>).has(token.lower) || (k === 0 && !c.noun && (c.pattern[k] as ReadonlySet<string>).has(token.lemma));
      }
      if (!ok) continue;
      // A verb cue must be the verb (not "security guarantees"); "each promising to donate" is tagged an adjective.
      const head = tokens[i] as Token;
      if (!c.noun && c.pattern.length === 1 && head.pos !== 'VERB' && !(head.pos === 'ADJ' && tokens[i + 1]?.lower === 'to')) continue;
      // A noun cue counts when asserted: after a verb ("made a commitment", "issued a warning") or
      // a possessive that opens a clause ("India's rejection"), not under a preposition
      // ("uncertainty over Russia's willingness").
      if (c.noun && !assertedNoun(tokens, i)) continue;
      const negated = negatedAt(tokens, i);
      if (negated && c.name === 'rule out') {
        const after = tokens.slice(i + 2, i + 8);
        if (after.some((a) => FORCE_WORDS.has(a.lower))) found.push({ cue: NOT_RULED_OUT, first: i, end: i + 2, negated: false });
      } else if (c.type === 'PLEDGED' && !negated && underNegatedBelief(tokens, i)) {
        // "does not believe that India will send troops": India will not send them.
        found.push({ cue: NEGATED_REFUSAL, first: i, end: i + c.pattern.length, negated: false });
      } else if (negated && c.type === 'PLEDGED' && !c.noun && /^(will|would|shall|could)/.test(c.name) === false && tokens.slice(Math.max(0, i - 7), i).some((t) => MODALS.has(t.lower) || MODALS.has(t.lemma))) {
        // "would not be in a position to provide troops": a pledge negated under a modal refuses.
        found.push({ cue: NEGATED_REFUSAL, first: i, end: i + c.pattern.length, negated: false });
      } else found.push({ cue: c, first: i, end: i + c.pattern.length, negated });
      i += c.pattern.length - 1;
      break;
    }
  }
  return found;
}

// --- firmness and conditions -----------------------------------------------------------------

/** Words that open a condition, and the kind of condition some of them name. */
const CONDITION_OPENERS: readonly string[][] = [['if'], ['once'], ['unless'], ['until'], ['provided', 'that'], ['in', 'the', 'event', 'of'], ['on', 'the', 'condition', 'that'], ['as', 'long', 'as'], ['after', 'a', 'ceasefire'], ['following', 'any']];
const HEDGES = new Set(['could', 'may', 'might', 'potentially', 'possibly', 'prefer']);
const CONSIDERING = new Set(['considering', 'consider', 'considers', 'weighing', 'weigh', 'exploring', 'studying', 'plans', 'planning']);

export interface Qualification {
  firmness: Firmness;
  /** The condition's words, when one is stated. */
  condition?: { text: string; start: number; end: number; cue: string };
}

/** Firmness from the words around a cue: a condition makes it conditional, a hedge hedged. */
export function qualify(tokens: readonly Token[], cueFirst: number): Qualification {
  // An inverted conditional opens the sentence: "Should Japan dare to intervene, …".
  const inverted = tokens[0]?.lower === 'should' || (tokens[0]?.quoted === false && tokens[1]?.lower === 'should' && tokens[1].quoted);
  for (let i = 0; i < tokens.length; i++) {
    const opener = CONDITION_OPENERS.find((words) => words.every((w, k) => tokens[i + k]?.lower === w));
    const isInverted = inverted && tokens[i]?.lower === 'should' && i <= 1;
    if (!opener && !isInverted) continue;
    const from = i;
    let to = i + (opener?.length ?? 1);
    while (to < tokens.length && !/^[,;:.!?”"—]$/.test((tokens[to] as Token).text)) to++;
    if (to - from < 2 || (to <= cueFirst && cueFirst - to > 25) || from - cueFirst > 25) continue;
    const words = tokens.slice(from, to);
    return {
      firmness: 'conditional',
      condition: { text: words.map((w) => w.text).join(' '), start: (words[0] as Token).start, end: (words.at(-1) as Token).end, cue: (opener ?? ['should']).join(' ') },
    };
  }
  const window = tokens.slice(Math.max(0, cueFirst - 4), cueFirst + 2);
  if (window.some((t) => CONSIDERING.has(t.lower))) return { firmness: 'considering' };
  if (window.some((t) => HEDGES.has(t.lower))) return { firmness: 'hedged' };
  return { firmness: 'firm' };
}

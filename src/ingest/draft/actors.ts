// From a frame's actor token to an actor id, for the parse drafter.
import type { Sentence } from '../sentences.ts';
import type { AnnotatedSentence } from '../nlp/corenlp-client.ts';
import { actorOf, type Actor, type ObjectChoice, type Reader } from './draft.ts';
import type { Gazetteer, Mention } from './gazetteer.ts';
import type { Parse } from './frames.ts';
import { markQuoted, type Token } from './tokens.ts';

/** What the parse drafter remembers across sentences, over what today's reader keeps. */
export interface ArticleReader extends Reader {
  /** The last state that acted or was the subject of a sentence: "the country" refers to it. */
  lastState?: string;
  /** What the headline or lead says the article's pledges are for. */
  recipient?: ObjectChoice;
}

/** Seats of government that stand for their state, as news writes them; each names the state as the tables do. */
const SEATS: [string, string][] = [
  ['Kremlin', 'Russia'],
  ['White House', 'United States'],
  ['Pentagon', 'United States'],
  ['State Department', 'United States'],
  ['Washington', 'United States'],
  ['Downing Street', 'United Kingdom'],
  ['Whitehall', 'United Kingdom'],
  ['Elysee', 'France'],
  ['Élysée', 'France'],
  ['Zhongnanhai', 'China'],
  ['Blue House', 'South Korea'],
];

const wordTokens = (text: string): Token[] => text.split(' ').map((word) => ({ text: word, lower: word.toLowerCase(), lemma: word.toLowerCase(), pos: 'PROPN', start: 0, end: 0, quoted: false }));

/** Adds the seats of government to an article's gazetteer, each under the state its name resolves to. */
export function addSeatsOfGovernment(gazetteer: Gazetteer): void {
  for (const [seat, stateName] of SEATS) {
    const words = wordTokens(stateName);
    const state = gazetteer.matchAt(words, 0);
    if (!state || state.end !== words.length || state.entity.node.kind !== 'STATE') continue;
    if (gazetteer.matchAt(wordTokens(seat), 0)) continue;
    gazetteer.add(state.entity, [seat]);
  }
}

/** CoreNLP's Penn tags as the universal tags today's readers (persons, organisations, objects) expect. */
function universalTag(pos: string, relation: string | undefined): string {
  if (pos === 'MD' || (/^VB/.test(pos) && /^(aux|cop)/.test(relation ?? ''))) return 'AUX';
  if (/^VB/.test(pos)) return 'VERB';
  if (pos === 'NNP' || pos === 'NNPS') return 'PROPN';
  if (/^NN/.test(pos)) return 'NOUN';
  if (/^JJ/.test(pos)) return 'ADJ';
  if (/^RB/.test(pos) || pos === 'WRB') return 'ADV';
  if (pos === 'IN') return relation === 'mark' ? 'SCONJ' : 'ADP';
  if (pos === 'RP') return 'ADP';
  if (pos === 'DT' || pos === 'PDT' || pos === 'WDT') return 'DET';
  if (pos === 'CC') return 'CCONJ';
  if (pos === 'CD') return 'NUM';
  if (/^(PRP|WP|EX)/.test(pos)) return 'PRON';
  if (pos === 'TO' || pos === 'POS') return 'PART';
  if (pos === '$' || pos === 'SYM') return 'SYM';
  return /^[\p{L}\p{N}]/u.test(pos) ? 'X' : 'PUNCT';
}

/** A parsed sentence's tokens in the drafter's token form, with offsets into the article. */
export function articleTokens(sentence: Sentence, parsed: AnnotatedSentence): Token[] {
  const relationOf = new Map(parsed.dependencies.map((d) => [d.dependent, d.dep]));
  const tokens = parsed.tokens.map((t) => ({ text: t.text, lower: t.text.toLowerCase(), lemma: t.lemma.toLowerCase(), pos: universalTag(t.pos, relationOf.get(t.index)), start: sentence.start + t.start, end: sentence.start + t.end, quoted: false }));
  markQuoted(tokens);
  return tokens;
}

const PRONOUNS = new Set(['it', 'they', 'he', 'she', 'we', 'i', 'us']);
const STATE_NOUNS = new Set(['country', 'government', 'state', 'nation', 'kingdom', 'republic', 'administration', 'regime', 'capital', 'authorities', 'leadership']);
/** Organs and officers that speak for a state without naming it: "the ministry", "officials", "the foreign minister". */
const ORGANS = new Set(['ministry', 'official', 'spokesperson', 'spokesman', 'spokeswoman', 'minister', 'diplomat', 'embassy', 'envoy', 'ambassador', 'cabinet', 'presidency', 'president', 'premier', 'chancellor']);
/** The head's modifiers that may carry the name it stands for: "the Kenyan government", "Russia's foreign ministry". */
const NAMING = /^(compound|flat|amod|nmod:poss|nmod:of|appos|dep)$/;

export interface ActorScope {
  parse: Parse;
  tokens: readonly Token[];
  mentions: readonly Mention[];
  reader: ArticleReader;
  /** The reporting clause's actor ("Iran said it would…"), for "it", "we" and "I". */
  speaker?: Actor;
}

function mentionAt(scope: ActorScope, index: number): Mention | undefined {
  return scope.mentions.find((m) => m.first <= index - 1 && index - 1 < m.end);
}

/** A state named among the words that modify a head, two levels down: "British … Minister Desmond Swayne". */
function stateAround(scope: ActorScope, index: number, kind = 'STATE'): string | undefined {
  const level1 = scope.parse.children(index, NAMING).map((d) => d.dependent);
  const level2 = level1.flatMap((i) => scope.parse.children(i, NAMING).map((d) => d.dependent));
  for (const i of [index, ...level1, ...level2]) {
    const mention = mentionAt(scope, i);
    if (mention?.entity.node.kind === kind) return mention.entity.id;
  }
  return undefined;
}

function personAt(scope: ActorScope, index: number): Actor | undefined {
  const token = scope.tokens[index - 1];
  if (!token) return undefined;
  for (const person of scope.reader.persons.values()) {
    if (!(person.start <= token.start && token.end <= person.end)) continue;
    // The title's state, when the words before the title did not name it: the parse's modifiers may.
    // Else an organisation the title names ("Ashton, the European Union foreign affairs chief"); else the dictionary's state.
    person.state ??= stateAround(scope, index) ?? stateAround(scope, index, 'ALLIANCE') ?? person.entity.speaksFor;
    return { id: person.state ?? person.entity.id, how: 'subject', speaker: person.entity.id };
  }
  return undefined;
}

/** The actor a token names, directly or through the words that modify it; undefined when it names none. */
export function namedActor(scope: ActorScope, index: number): Actor | undefined {
  const person = personAt(scope, index);
  if (person) return person;
  const direct = mentionAt(scope, index);
  if (direct?.entity.node.kind === 'PERSON' && direct.entity.speaksFor) {
    // A person the dictionary knows, without a title here: what the apposition names first ("Ashton, the European Union foreign affairs chief").
    const named = stateAround(scope, index) ?? stateAround(scope, index, 'ALLIANCE');
    if (named) return { id: named, how: 'subject', speaker: direct.entity.id };
  }
  if (direct) return actorOf(direct, scope.reader);
  // "Kuwait's Gulf neighbour Saudi Arabia": a name in apposition is the referent; a possessor only relates to it.
  const level1 = scope.parse
    .children(index, NAMING)
    .sort((a, b) => Number(/^(appos|dep|flat)$/.test(b.dep)) - Number(/^(appos|dep|flat)$/.test(a.dep)))
    .map((d) => d.dependent);
  for (const i of level1) {
    const mention = mentionAt(scope, i);
    const actor = personAt(scope, i) ?? (mention && actorOf(mention, scope.reader));
    if (actor) return actor;
  }
  // "Lavrov, Russia's foreign minister": the state two steps down, through the apposition.
  for (const i of level1.flatMap((j) => scope.parse.children(j, NAMING).map((d) => d.dependent))) {
    const mention = mentionAt(scope, i);
    if (mention && mention.entity.node.kind !== 'PERSON') return actorOf(mention, scope.reader);
  }
  return undefined;
}

/** "it", "they", "the country", "the two countries", "he": the nearest antecedent that fits. */
function antecedent(scope: ActorScope, index: number): Actor | undefined {
  const token = scope.tokens[index - 1];
  if (!token) return undefined;
  const { reader, speaker, parse } = scope;
  if (PRONOUNS.has(token.lower) && token.pos === 'PRON') {
    if (token.lower === 'we' || token.lower === 'i' || token.lower === 'us') return speaker ? { ...speaker, how: 'pronoun' } : undefined;
    if (token.lower === 'he' || token.lower === 'she') {
      if (speaker?.speaker) return { ...speaker, how: 'pronoun' };
      if (!reader.lastPerson) return undefined;
      const person = reader.persons.get(reader.lastPerson);
      return { id: person?.state ?? reader.speaksFor?.get(reader.lastPerson) ?? reader.lastPerson, how: 'pronoun', speaker: reader.lastPerson };
    }
    if (speaker && !speaker.speaker) return { ...speaker, how: 'pronoun' };
    return reader.lastActor ? { id: reader.lastActor, how: 'pronoun' } : undefined;
  }
  // "the ministry said", "officials warned", "the spokesperson added": an organ that names no state speaks for the last one named.
  if (ORGANS.has(token.lemma) && !parse.children(index, /^(nmod:poss|compound|amod)$/).some((d) => /^NNP/.test(parse.token(d.dependent)?.pos ?? '') || parse.token(d.dependent)?.pos === 'PRP$') && (parse.children(index, /^det$/).some((d) => /^(the|a)$/.test(parse.lemma(d.dependent))) || /^NNS$/.test(parse.token(index)?.pos ?? ''))) {
    const state = reader.lastState;
    return state ? { id: state, how: 'pronoun' } : undefined;
  }
  if (STATE_NOUNS.has(token.lemma) || /^(countries|nations|governments|states)$/.test(token.lower)) {
    const modifiers = parse.children(index).map((d) => scope.tokens[d.dependent - 1]?.lower ?? '');
    if ((modifiers.includes('two') || modifiers.includes('both')) && reader.lastPair) return { id: reader.lastPair[0] as string, how: 'pronoun', together: reader.lastPair };
    if (modifiers.includes('the') || modifiers.includes('this')) {
      const state = reader.lastState ?? reader.lastActor;
      return state ? { id: state, how: 'pronoun' } : undefined;
    }
  }
  return undefined;
}

/**
 * The actor a token names: the names the gazetteer knows (registry, the article's own new
 * entities, the country tables with their capitals), seats of government as metonyms (the Kremlin,
 * the White House), persons by their titles, and "the country", "it", "he" to the nearest
 * compatible antecedent the article has named.
 *
 * The actor a frame's actor token stands for.
 */
export function resolveActor(scope: ActorScope, index: number): Actor | undefined {
  return namedActor(scope, index) ?? antecedent(scope, index);
}

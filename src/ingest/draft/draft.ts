// From an article to a draft dossier by rules over wink-nlp tokens (the fallback when no CoreNLP
// server runs): the program proposes, a person reviews, the validator verifies.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { sep } from 'node:path';
import { stringify } from 'yaml';
import { DomainError } from '../../domain/errors.ts';
import { DossierSource } from '../../domain/dossier.ts';
import { PartialDate, type CommitmentKind, type ConditionKind, type Firmness, type GraphNode } from '../../domain/model.ts';
import { validateDossier } from '../validate-dossier.ts';
import { codebook, proposeCodes, type Codebook } from '../codebook.ts';
import { splitSentences, type Sentence } from '../sentences.ts';
import { findCues, NEGATED_VERB, qualify, type CueMatch, type Qualification } from './cues.ts';
import { baseGazetteer, type Gazetteer, type GazetteerEntity, type Mention } from './gazetteer.ts';
import { tokenize, type Token } from './tokens.ts';
import { shareAWord } from './words.ts';

/** The largest article a draft reads (characters): a report, not a book. */
export const MAX_DRAFT_CHARS = 1_000_000;

export interface DraftOptions {
  sourceId?: string;
  url?: string;
  publishedAt?: string;
  /** The source's name; default: the article's first line. */
  name?: string;
  /** The verbatim text's file name, relative to the dossier. */
  file?: string;
}

export interface DraftContext {
  registry: ReadonlyMap<string, GraphNode>;
  /** Identifies the registry for the gazetteer cache (its file and modification time). */
  registryKey: string;
  dataDir: string;
}

export interface DraftCandidate {
  type: CommitmentKind;
  from: string;
  to: string;
  quote: string;
  start: number;
  end: number;
  /** The sentence's index in the ledger. */
  sentence: number;
  firmness: Firmness;
  conditions: string[];
  cue: string;
  confidence: number;
  /** The dictionary pattern or rule that proposed it (the parse drafter's; today's rules name their cue). */
  rule?: string;
  /** The CAMEO code the dictionary gives the predicate, when more specific than the type's. */
  cameo?: string;
  attribution: 'direct_quote' | 'paraphrase' | 'reported';
  speaker?: string;
  review: 'machine';
  /** The relationship of the draft this candidate is evidence for. */
  ref: string;
}

export interface Draft {
  candidates: DraftCandidate[];
  /** The dossier as an object (what the YAML holds). */
  dossier: Record<string, unknown>;
  yaml: string;
  /** Entities the draft introduces (not in the registry). */
  entities: GraphNode[];
  sentences: number;
}

// --- input ------------------------------------------------------------------------------------

/** Refuses what is not an article: empty, binary, too long or without a sentence. */
export function checkArticle(text: string, where = 'the text'): Sentence[] {
  if (!text.trim()) throw new DomainError('DRAFT_EMPTY', `${where} is empty; give the article's plain text (UTF-8)`);
  if (text.length > MAX_DRAFT_CHARS) throw new DomainError('DRAFT_TOO_LARGE', `${where} has ${text.length} characters; a draft reads at most ${MAX_DRAFT_CHARS} (one article at a time)`, { limit: MAX_DRAFT_CHARS });
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 9 || (code > 13 && code < 32) || code === 0xfffd) controls++;
  }
  if (controls > 0 && controls / text.length > 0.001) throw new DomainError('DRAFT_BINARY', `${where} is not plain text (${controls} control or undecodable characters); convert the article to UTF-8 text first`);
  const sentences = splitSentences(text);
  if (!sentences.some((s) => /\p{L}{2,}.*\s.*\p{L}{2,}/u.test(s.text))) throw new DomainError('DRAFT_NO_SENTENCES', `${where} has no sentence to read (no two words in a row); is it the article's text?`);
  return sentences;
}

// --- entities found in this article -------------------------------------------------------------

const TITLE_WORDS = new Set(['prime', 'minister', 'president', 'chancellor', 'foreign', 'defence', 'defense', 'secretary', 'of', 'state', 'national', 'security', 'adviser', 'advisor', 'spokesperson', 'spokesman', 'spokeswoman', 'ministry', 'ambassador', 'envoy', 'king', 'premier', 'consul', 'general', 'secretary-general', 'commissioner', 'leader', 'deputy', 'vice', 'affairs', 'chief', 'external', 'relations', 'finance', 'interior', 'representative', 'permanent']);
const TITLE_HEADS = new Set(['minister', 'president', 'chancellor', 'secretary', 'adviser', 'advisor', 'spokesperson', 'spokesman', 'spokeswoman', 'ambassador', 'envoy', 'king', 'premier', 'general', 'secretary-general', 'commissioner', 'leader', 'chief', 'representative']);
/** Titles of a head of state or government: the person LEADS the state; others REPRESENT it. */
const LEADER_TITLES = /^(prime minister|president|chancellor|king|premier|leader)$/i;
export const ACTOR_KINDS = new Set(['STATE', 'ALLIANCE', 'PERSON']);

export interface PersonFound {
  entity: GazetteerEntity;
  state?: string;
  title: string;
  /** Where the title and name stand (article offsets). */
  start: number;
  end: number;
  leads: boolean;
}

export const slug = (text: string, max = 60): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '') || 'item';

export const isPossessive = (t: Token): boolean => t.text === '’s' || t.text === "'s";
const isCapitalised = (t: Token | undefined): t is Token => !!t && /^\p{Lu}/u.test(t.text) && /\p{L}/u.test(t.text);

/** "Japanese Prime Minister Sanae Takaichi", "US Secretary of State, Colin Powell", "spokesperson Lin Jian". */
export function findPersons(tokens: readonly Token[], gazetteer: Gazetteer, found: Map<string, PersonFound>): void {
  for (let i = 0; i < tokens.length; i++) {
    if (!TITLE_WORDS.has((tokens[i] as Token).lower) || (tokens[i] as Token).lower === 'of') continue;
    let end = i;
    while (end < tokens.length && TITLE_WORDS.has((tokens[end] as Token).lower)) end++;
    const titleTokens = tokens.slice(i, end);
    const head = [...titleTokens].reverse().find((t) => TITLE_HEADS.has(t.lower));
    if (!head) {
      i = end;
      continue;
    }
    let nameAt = end;
    if (tokens[nameAt]?.text === ',') nameAt++;
    const nameTokens: Token[] = [];
    for (let k = nameAt; k < tokens.length && nameTokens.length < 3; k++) {
      const t = tokens[k] as Token;
      if (!isCapitalised(t) || TITLE_WORDS.has(t.lower) || t.pos === 'PUNCT') break;
      nameTokens.push(t);
    }
    const known = gazetteer.matchAt(tokens, nameAt);
    const title = titleTokens
      .map((t) => t.text)
      .join(' ')
      .replace(/\s*,$/, '');
    // The state the title belongs to: a state (or demonym) right before it, possessive or not.
    let stateAt = i - 1;
    const before = tokens[stateAt];
    if (before && isPossessive(before)) stateAt--;
    let state: string | undefined;
    for (let k = Math.max(0, stateAt - 3); k <= stateAt; k++) {
      const m = gazetteer.matchAt(tokens, k);
      if (m && m.end === stateAt + 1 && m.entity.node.kind === 'STATE') state = m.entity.id;
    }
    let entity: GazetteerEntity | undefined;
    let nameEnd = nameAt;
    if (known && known.entity.node.kind === 'PERSON') {
      entity = known.entity;
      nameEnd = known.end;
    } else if (!known && nameTokens.length >= 2) {
      const name = nameTokens.map((t) => t.text).join(' ');
      const id = `person:${slug(name)}`;
      const surname = (nameTokens.at(-1) as Token).text;
      entity = gazetteer.entities.get(id) ?? { id, node: { id, kind: 'PERSON', name, aliases: [surname], note: `Proposed by cgraph draft: "${title} ${name}" in the article.` } as GraphNode, known: 'article' };
      // Chinese names put the family name first (Lin Jian, Mao Ning): the article may use either.
      gazetteer.add(entity, [name, surname, (nameTokens[0] as Token).text]);
      nameEnd = nameAt + nameTokens.length;
    }
    if (entity && !found.has(entity.id)) {
      found.set(entity.id, { entity, state, title, start: (tokens[i] as Token).start, end: (tokens[nameEnd - 1] as Token).end, leads: LEADER_TITLES.test(title.replace(/^(foreign|deputy|vice)\s+/i, '')) && !/foreign|deputy|vice|minister of|secretary/i.test(title) });
    } else if (entity && state && !found.get(entity.id)?.state) {
      (found.get(entity.id) as PersonFound).state = state;
    }
    i = Math.max(i, nameEnd - 1);
  }
}

/** Heads of organisation names: "International Monetary Fund", "African Union", "UN Security Council". */
const ORG_HEADS = new Set(['nations', 'union', 'fund', 'bank', 'organization', 'organisation', 'council', 'alliance', 'agency', 'commission', 'league', 'court', 'forum', 'community', 'coalition', 'assembly', 'parliament', 'programme', 'program', 'office', 'committee']);

/** Heads of names of instruments that receive money, not of bodies that act: "Green Climate Fund". */
const INSTRUMENT_HEADS = new Set(['fund', 'programme', 'program']);

/** Organisations the registry does not know, by the head of their capitalised name, with an acronym in brackets as alias. */
export function findOrganisations(tokens: readonly Token[], gazetteer: Gazetteer): void {
  for (let i = 0; i < tokens.length; i++) {
    const head = tokens[i] as Token;
    if (!ORG_HEADS.has(head.lower) || !isCapitalised(head)) continue;
    let first = i;
    while (first > 0 && (isCapitalised(tokens[first - 1]) || (tokens[first - 1]?.lower === 'of' && isCapitalised(tokens[first - 2])))) first--;
    while (first < i && (tokens[first]?.lower === 'of' || tokens[first]?.pos === 'DET')) first++;
    if (i - first < 1 || gazetteer.matchAt(tokens, first)?.end === i + 1) continue;
    // A state's name or demonym opening it belongs to the state ("Chinese Foreign Ministry" is no organisation here).
    const opening = gazetteer.matchAt(tokens, first);
    if (opening && opening.entity.node.kind === 'STATE') continue;
    const name = tokens
      .slice(first, i + 1)
      .map((t) => t.text)
      .join(' ');
    const acronym = tokens[i + 1]?.text === '(' && /^[A-Z]{2,6}$/.test(tokens[i + 2]?.text ?? '') && tokens[i + 3]?.text === ')' ? (tokens[i + 2] as Token).text : undefined;
    // A fund or programme is what states give to, not a member of the coalition that gives: an initiative.
    const kind = INSTRUMENT_HEADS.has(head.lower) ? 'INITIATIVE' : 'ALLIANCE';
    const id = `${kind === 'INITIATIVE' ? 'initiative' : 'alliance'}:${slug(name, 60)}`;
    const entity: GazetteerEntity = gazetteer.entities.get(id) ?? { id, node: { id, kind, name, aliases: acronym ? [acronym] : [], note: `Proposed by cgraph draft: "${name}" in the article (${kind === 'INITIATIVE' ? 'a fund or programme' : 'an organisation'}; check its kind and whether the registry knows it under another name).` } as GraphNode, known: 'article' };
    gazetteer.add(entity, [name, ...(acronym ? [acronym] : [])]);
  }
}

// --- actors -----------------------------------------------------------------------------------

const REPORTING = new Set(['say', 'tell', 'warn', 'add', 'state', 'insist', 'stress', 'declare', 'announce', 'write', 'post', 'caution', 'note', 'confirm', 'quote']);
const PRONOUNS = new Set(['it', 'they', 'she', 'he', 'we', 'i']);

export interface Actor {
  id: string;
  how: 'subject' | 'passive' | 'possessive' | 'speaker' | 'pronoun';
  /** "the two countries": the states it stands for, with `id` the first. */
  together?: string[];
  /** The person who said it, when a person stands for the actor. */
  speaker?: string;
}

export interface Reader {
  persons: Map<string, PersonFound>;
  /** The last actor a sentence committed (for "it", "they"). */
  lastActor?: string;
  /** The last states named together ("Britain and France"), for "the two countries". */
  lastPair?: string[];
  /** The last person mentioned (for "he", "she"). */
  lastPerson?: string;
  /** Persons the article names whom the dictionary places in a state's government, with that state. */
  speaksFor?: Map<string, string>;
}

/** The actor a mention stands for: a person speaks for the state their title names. */
export function actorOf(mention: Mention, reader: Reader): Actor | undefined {
  const entity = mention.entity;
  if (!ACTOR_KINDS.has(entity.node.kind)) return undefined;
  if (entity.node.kind === 'PERSON') {
    const person = reader.persons.get(entity.id);
    // The state the article's title names first; else the one the dictionary says the person was in government of.
    return { id: person?.state ?? entity.speaksFor ?? entity.id, how: 'subject', speaker: entity.id };
  }
  return { id: entity.id, how: 'subject' };
}

/** Whether what follows a mention (an organ, a date, adverbs) reaches a verb or the cue: the mention is a subject. */
function isSubject(tokens: readonly Token[], mention: Mention, cue: number): boolean {
  for (let j = mention.end, steps = 0; j < tokens.length && steps < 10; j++, steps++) {
    if (j === cue) return true;
    const t = tokens[j] as Token;
    if (t.pos === 'VERB' || t.pos === 'AUX') return true;
    if (t.lower === 'to' || t.lower === 'that' || t.lower === 'which' || t.lower === 'who') return false;
    if (t.text === ',' && tokens[j + 1] && !isCapitalised(tokens[j + 1]) && tokens[j + 1]?.pos !== 'CCONJ') return false;
    if (!['ADV', 'PUNCT', 'DET', 'ADP', 'NOUN', 'PROPN', 'NUM', 'CCONJ', 'PART', 'ADJ'].includes(t.pos)) return false;
  }
  return false;
}

function resolvePronoun(token: Token, reader: Reader, speaker: Actor | undefined): Actor | undefined {
  if (token.lower === 'we' || token.lower === 'i') return speaker ? { ...speaker, how: 'pronoun' } : undefined;
  if (token.lower === 'he' || token.lower === 'she') {
    if (!reader.lastPerson) return undefined;
    const person = reader.persons.get(reader.lastPerson);
    return { id: person?.state ?? reader.speaksFor?.get(reader.lastPerson) ?? reader.lastPerson, how: 'pronoun', speaker: reader.lastPerson };
  }
  return reader.lastActor ? { id: reader.lastActor, how: 'pronoun' } : undefined;
}

/** The speaker of reported speech: "…," Lin warned; Mao said: "…"; according to X. */
function speakerOf(tokens: readonly Token[], mentions: readonly Mention[], reader: Reader): Actor | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.quoted) continue;
    const according = t.lower === 'according' && tokens[i + 1]?.lower === 'to';
    if (!according && !(REPORTING.has(t.lemma) && t.pos === 'VERB')) continue;
    const after = mentions.find((m) => m.first > i && m.first <= i + 3 && !(tokens[m.first] as Token).quoted);
    const before = [...mentions].reverse().find((m) => m.end <= i && m.end >= i - 4 && !(tokens[m.first] as Token).quoted);
    const mention = according ? after : (before ?? after);
    if (mention) {
      const actor = actorOf(mention, reader);
      if (actor) return { ...actor, how: 'speaker' };
    }
    const pronoun = tokens[i - 1];
    if (!according && pronoun && PRONOUNS.has(pronoun.lower)) return resolvePronoun(pronoun, reader, undefined);
  }
  return undefined;
}

function findActor(tokens: readonly Token[], mentions: readonly Mention[], match: CueMatch, reader: Reader, speaker: Actor | undefined): Actor | undefined {
  // "promised by Turkey", "opposed by China".
  if (tokens[match.end]?.lower === 'by') {
    const by = mentions.find((m) => m.first === match.end + 1 || (m.first === match.end + 2 && tokens[match.end + 1]?.pos === 'DET'));
    const actor = by && actorOf(by, reader);
    if (actor) return { ...actor, how: 'passive' };
  }
  // "the EU's pledge", "India’s rejection".
  if (match.cue.noun) {
    const possessive = tokens[match.first - 1];
    if (possessive && isPossessive(possessive)) {
      const owner = mentions.find((m) => m.end === match.first - 1);
      const actor = owner && actorOf(owner, reader);
      if (actor) return { ...actor, how: 'possessive' };
    }
  }
  const quoted = (tokens[match.first] as Token).quoted;
  // A common noun right before the verb is its subject ("the two countries would establish",
  // "officials agreed to"): no actor the article names, unless a name owns it ("NATO allies").
  if (!match.cue.noun) {
    let j = match.first - 1;
    while (j >= 0 && (['AUX', 'ADV', 'PART'].includes((tokens[j] as Token).pos) || ['each', 'both', 'all', 'also'].includes((tokens[j] as Token).lower))) j--;
    const before = tokens[j];
    // "their countries would not contribute": the possessor speaks, found below.
    const possessed = ['their', 'its', 'his', 'her', 'our'].includes(tokens[j - 1]?.lower ?? '');
    // "the two countries", "both nations": the last states named together.
    if (before && /^(countries|nations|governments|states|allies)$/.test(before.lower) && /^(two|both)$/.test(tokens[j - 1]?.lower ?? '') && reader.lastPair) {
      return { id: reader.lastPair[0] as string, how: 'pronoun', together: reader.lastPair };
    }
    if (before && before.pos === 'NOUN' && !possessed && !mentions.some((m) => m.first <= j && j < m.end)) {
      let k = j - 1;
      while (k >= 0 && k >= j - 3 && ['NOUN', 'ADJ', 'PROPN'].includes((tokens[k] as Token).pos) && !mentions.some((m) => m.end - 1 === k)) k--;
      const possessor = tokens[k];
      const owner = mentions.find((m) => m.end - 1 === k || (possessor !== undefined && isPossessive(possessor) && m.end === k));
      if (!owner) return undefined;
    }
  }
  // The nearest subject before the cue (inside the quote when the cue is quoted): a mention or a pronoun.
  for (let i = match.first - 1; i >= 0; i--) {
    const t = tokens[i] as Token;
    if (t.quoted !== quoted) {
      if (quoted) break;
      continue;
    }
    const mention = mentions.find((m) => m.end - 1 === i);
    if (mention) {
      if (!isSubject(tokens, mention, match.first)) continue;
      const actor = actorOf(mention, reader);
      if (actor) return actor;
      continue;
    }
    // "none has made a firm commitment": nobody committed.
    if ((t.lower === 'none' || t.lower === 'nobody' || t.lower === 'neither') && (tokens[i + 1]?.pos === 'AUX' || tokens[i + 1]?.pos === 'VERB')) return undefined;
    // A relative clause's subject is the noun it hangs on, which names no actor here.
    if (t.lower === 'which' || t.lower === 'who' || (t.lower === 'that' && (tokens[i - 1]?.pos === 'NOUN' || tokens[i - 1]?.pos === 'PROPN'))) break;
    if (PRONOUNS.has(t.lower) && t.pos === 'PRON' && tokens[i + 1] && (tokens[i + 1]?.pos === 'VERB' || tokens[i + 1]?.pos === 'AUX')) {
      if (t.lower === 'it' || t.lower === 'they') {
        // Its antecedent in this sentence: the nearest subject before it ("North Korea has warned it will…").
        const antecedent = [...mentions].reverse().find((m) => m.end <= i && isSubject(tokens, m, i) && actorOf(m, reader));
        if (antecedent) return { ...(actorOf(antecedent, reader) as Actor), how: 'pronoun' };
      }
      return resolvePronoun(t, reader, speaker);
    }
  }
  if (speaker) return speaker;
  return undefined;
}

/** Mentions coordinated with the actor's ("Italy and Poland said", "The United States, Japan and the EU … offering"). */
function coordinated(tokens: readonly Token[], mentions: readonly Mention[], actorMention: Mention | undefined, reader: Reader): Actor[] {
  if (!actorMention) return [];
  const group: Actor[] = [];
  const index = mentions.indexOf(actorMention);
  const link = (a: Mention, b: Mention) => tokens.slice(a.end, b.first).every((t) => t.text === ',' || t.lower === 'and' || t.pos === 'DET' || TITLE_WORDS.has(t.lower) || (isCapitalised(t) && t.pos === 'PROPN') || isPossessive(t));
  for (let k = index - 1; k >= 0 && link(mentions[k] as Mention, mentions[k + 1] as Mention); k--) {
    const actor = actorOf(mentions[k] as Mention, reader);
    if (actor) group.push(actor);
  }
  for (let k = index + 1; k < mentions.length && link(mentions[k - 1] as Mention, mentions[k] as Mention); k++) {
    const between = tokens.slice((mentions[k - 1] as Mention).end, (mentions[k] as Mention).first);
    if (!between.some((t) => t.text === ',' || t.lower === 'and')) break;
    const actor = actorOf(mentions[k] as Mention, reader);
    if (actor) group.push(actor);
  }
  return group;
}

// --- objects ----------------------------------------------------------------------------------

const OBJECT_KINDS = new Set(['INITIATIVE', 'AGREEMENT', 'CONDITION']);
const PHRASE_STOP = new Set([',', ';', ':', '.', '!', '?', '“', '”', '"', '(', ')', '—', '–']);
const PHRASE_BREAK = new Set(['and', 'but', 'which', 'while', 'if', 'unless', 'once', 'until', 'because', 'as', 'after', 'following', 'whereas', 'although']);
const DATE_WORDS = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|week|month|year|\d{4})$/i;
const MONEY = /^[$€£¥]|^(dollars?|euros?|pounds?|yen|million|billion|bn|m)$/i;

export interface ObjectChoice {
  id: string;
  how: 'known' | 'mention' | 'proposed' | 'topic';
  /** The words the object was taken from. */
  phrase: string;
  node?: GraphNode;
}

/** The words after a cue, up to punctuation or a new clause (at most `max` tokens). */
function phraseAfter(tokens: readonly Token[], from: number, max = 9): Token[] {
  const words: Token[] = [];
  for (let k = from; k < tokens.length && words.length < max; k++) {
    const t = tokens[k] as Token;
    // A clause boundary, or the main clause's verb after the object ("refusal to negotiate has frustrated…").
    if (PHRASE_STOP.has(t.text) || (words.length && (PHRASE_BREAK.has(t.lower) || t.pos === 'AUX'))) break;
    // A date ends the object: "rejected the proposal on Tuesday".
    if (words.length && ['on', 'in', 'last', 'this', 'next', 'by'].includes(t.lower) && DATE_WORDS.test(tokens[k + 1]?.text ?? '')) break;
    words.push(t);
  }
  while (words.length && ['ADP', 'DET', 'CCONJ', 'PART', 'AUX', 'PRON'].includes((words.at(-1) as Token).pos)) words.pop();
  while (words.length && ['DET', 'PART', 'ADP', 'PRON', 'AUX', 'SCONJ'].includes((words[0] as Token).pos)) words.shift();
  return words;
}

export function chooseObject(tokens: readonly Token[], mentions: readonly Mention[], match: CueMatch, actorId: string, reader: Reader, topic: string | undefined, condition: Qualification['condition']): ObjectChoice | undefined {
  const notActor = (m: Mention) => {
    if (m.entity.id === actorId) return false;
    const person = reader.persons.get(m.entity.id);
    return !(person && (person.state === actorId || !ACTOR_KINDS.has(m.entity.node.kind)));
  };
  const after = mentions.filter((m) => m.first >= match.end && notActor(m));
  const known = after.find((m) => OBJECT_KINDS.has(m.entity.node.kind));
  if (known) return { id: known.entity.id, how: 'known', phrase: known.text };
  // A negated verb names what is refused: "would not contribute troops to any mission".
  const phraseFrom = match.cue.name === NEGATED_VERB ? match.end - 1 : match.end + (tokens[match.end]?.lower === 'to' ? 1 : 0);
  const phrase = phraseAfter(tokens, phraseFrom);
  const phraseText = phrase.map((t) => t.text).join(' ');
  // The phrase opens with an actor: "rejects China's claim", "warned Japan", "of US requests".
  const opening = after.find((m) => phrase.length && m.first <= tokens.indexOf(phrase[0] as Token) + 1 && m.first >= match.end);
  if (opening && ACTOR_KINDS.has(opening.entity.node.kind)) return { id: actorOf(opening, reader)?.id ?? opening.entity.id, how: 'mention', phrase: opening.text };
  const money = phrase.some((t) => MONEY.test(t.text) || t.pos === 'NUM');
  if (money && match.cue.type === 'PLEDGED') {
    // "pledged $200 million to Georgia"; else the article's recipient.
    const to = after.find((m) => ['to', 'for'].includes(tokens[m.first - 1]?.lower ?? '') && m.entity.node.kind === 'STATE');
    if (to) return { id: to.entity.id, how: 'mention', phrase: to.text };
    if (topic && topic !== actorId) return { id: topic, how: 'topic', phrase: '' };
  }
  if (match.cue.type !== 'WARNED' && !money && (phrase.length >= 2 ? phrase.some((t) => t.pos === 'VERB' || t.pos === 'NOUN') : phrase[0]?.pos === 'VERB')) {
    return proposedInitiative(joinWords(phraseText), 'the words after the cue');
  }
  const actorAfter = after.find((m) => ACTOR_KINDS.has(m.entity.node.kind) && actorOf(m, reader)?.id !== actorId);
  if (actorAfter) return { id: actorOf(actorAfter, reader)?.id ?? actorAfter.entity.id, how: 'mention', phrase: actorAfter.text };
  if (match.cue.type === 'WARNED' && condition) {
    // "warned it will retaliate if the global community ramps up sanctions": what it warns against.
    const words = condition.text.split(' ').slice(condition.cue.split(' ').length);
    if (words.length >= 2) return proposedInitiative(joinWords(words.join(' ')), `the condition "${condition.text}"`);
  }
  if (match.cue.type === 'WARNED') {
    const before = [...mentions].reverse().find((m) => m.end <= match.first && ACTOR_KINDS.has(m.entity.node.kind) && notActor(m) && actorOf(m, reader)?.id !== actorId);
    if (before) return { id: actorOf(before, reader)?.id ?? before.entity.id, how: 'mention', phrase: before.text };
  }
  if (topic && topic !== actorId) return { id: topic, how: 'topic', phrase: '' };
  // Last, what the words after the cue name ("would respond to any attack" → attack), for the reviewer to place.
  const chunk = nounChunk(tokens, match.end) ?? (phrase.length ? phraseText : undefined);
  if (!chunk) return undefined;
  return proposedInitiative(joinWords(chunk), 'the words after the cue');
}

/** Tokens joined back as written: no space before an apostrophe, comma or full stop. */
export const joinWords = (text: string) => text.replace(/\s+([’',.])/g, '$1');

export function proposedInitiative(name: string, from: string): ObjectChoice {
  const id = `initiative:${slug(name, 50)}`;
  return { id, how: 'proposed', phrase: name, node: { id, kind: 'INITIATIVE', name: name.charAt(0).toUpperCase() + name.slice(1), aliases: [], note: `Proposed by cgraph draft from ${from}: "${name}"; rename it, or replace it with an existing initiative.` } as GraphNode };
}

/** The first run of nouns (with their adjectives and "of") after a cue: "any deployment" → deployment. */
function nounChunk(tokens: readonly Token[], from: number): string | undefined {
  let k = from;
  while (k < tokens.length && k < from + 8 && !['NOUN', 'PROPN'].includes((tokens[k] as Token).pos)) {
    if (PHRASE_STOP.has((tokens[k] as Token).text)) return undefined;
    k++;
  }
  const words: Token[] = [];
  for (; k < tokens.length && words.length < 6; k++) {
    const t = tokens[k] as Token;
    if (['NOUN', 'PROPN', 'ADJ'].includes(t.pos) || (t.lower === 'of' && words.length)) words.push(t);
    else break;
  }
  while (words.length && (words.at(-1) as Token).lower === 'of') words.pop();
  return words.length ? words.map((t) => t.text).join(' ') : undefined;
}

/** A dateline names where the report was filed, not an actor: "SEOUL, South Korea (AFP) —", "ANKARA (Reuters) —". */
export function withoutDateline(tokens: readonly Token[], mentions: Mention[]): Mention[] {
  // A hyphen set apart by spaces ("JAKARTA, Indonesia - Australia promised") ends a dateline too; one inside a name does not.
  const spaced = (i: number) => i > 0 && (tokens[i - 1] as Token).end < (tokens[i] as Token).start && (tokens[i] as Token).end < (tokens[i + 1]?.start ?? Infinity);
  const dash = tokens.findIndex((t, i) => i < 14 && (t.text === '—' || t.text === '--' || t.text === '–' || (t.text === '-' && spaced(i))));
  if (dash < 0 || !/^[A-Z]{3,}/.test(tokens[0]?.text ?? '') || tokens[0]?.text !== tokens[0]?.text.toUpperCase()) return mentions;
  return mentions.filter((m) => m.first > dash);
}

/** The state the article is about: the one named most often (the headline counts twice). */
export function articleTopic(perSentence: readonly Mention[][]): string | undefined {
  const counts = new Map<string, number>();
  perSentence.forEach((mentions, index) => {
    for (const m of mentions) if (m.entity.node.kind === 'STATE') counts.set(m.entity.id, (counts.get(m.entity.id) ?? 0) + (index === 0 ? 2 : 1));
  });
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  return ranked[0] && ranked[0][1] >= 2 ? ranked[0][0] : undefined;
}

// --- conditions -------------------------------------------------------------------------------

export function conditionKind(text: string): ConditionKind {
  if (/ceasefire|cease-fire|truce/i.test(text)) return 'ceasefire_in_force';
  if (/peace (agreement|deal|settlement)/i.test(text)) return 'peace_agreement';
  if (/talks|negotiations/i.test(text) && /fail|collapse/i.test(text)) return 'negotiations_fail';
  if (/attack|invade|intervene|aggression|strike|military/i.test(text)) return 'adversary';
  return 'demand';
}

// --- the draft --------------------------------------------------------------------------------

const CONFIDENCE_BY_ACTOR: Record<Actor['how'], number> = { subject: 1, passive: 1, possessive: 1, speaker: 0.9, pronoun: 0.8 };
export const CONFIDENCE_BY_OBJECT: Record<ObjectChoice['how'], number> = { known: 1, mention: 0.95, proposed: 0.85, topic: 0.8 };
const VERB_OF: Record<CommitmentKind, string> = { PLEDGED: 'pledges', REFUSED: 'refuses', WARNED: 'warns' };

interface Relationship {
  ref: string;
  type: string;
  from: string;
  to: string;
  fields: Record<string, unknown>;
  evidence: { quote: string; start: number; end: number; attribution: string; speaker?: string }[];
  confidence: number;
  /** The rule that proposed the surest candidate (the parse drafter's). */
  rule?: string;
}

/**
 * Every sentence (the ledger's own splitter) is read as wink-nlp tokens; entities are found through
 * the registry, the country tables and title patterns ("Japanese Prime Minister Sanae Takaichi" → a
 * person who leads Japan); cues from the lexicons (cues.ts) become candidate PLEDGED, REFUSED and
 * WARNED relationships, each with its actor (the clause's subject, the speaker of reported speech, a
 * "by" phrase, a possessive), its object, firmness and conditions, and the sentence it stands on as
 * a quote at verified offsets. Every relationship is marked `review: machine` until a person checks it.
 */
export function draftDossier(text: string, options: DraftOptions, context: DraftContext): Draft {
  const sentences = checkArticle(text);
  const gazetteer = baseGazetteer(context.registry, context.dataDir, context.registryKey).clone();
  const tokenised = sentences.map(tokenize);
  const reader: Reader = { persons: new Map() };
  for (const tokens of tokenised) {
    findOrganisations(tokens, gazetteer);
    findPersons(tokens, gazetteer, reader.persons);
  }
  const perSentence = tokenised.map((tokens) => withoutDateline(tokens, gazetteer.mentions(tokens)));
  const topic = articleTopic(perSentence);

  const candidates: Omit<DraftCandidate, 'ref'>[] = [];
  const proposed = new Map<string, GraphNode>();
  tokenised.forEach((tokens, index) => {
    const sentence = sentences[index] as Sentence;
    const mentions = perSentence[index] as Mention[];
    const speaker = speakerOf(tokens, mentions, reader);
    const best = new Map<string, Omit<DraftCandidate, 'ref'>>();
    const matches = findCues(tokens);
    for (const match of matches) {
      if (match.negated) continue;
      // "threatened the United States was prepared to go it alone": the readiness is the threat's.
      if (match.cue.type === 'PLEDGED' && matches.some((m) => m.cue.type === 'WARNED' && m.first < match.first)) continue;
      const actor = findActor(tokens, mentions, match, reader, speaker);
      if (!actor || !context.registry.has(actor.id) && !gazetteer.entities.has(actor.id)) continue;
      const actorMention = mentions.find((m) => actorOf(m, reader)?.id === actor.id && m.first < match.first);
      const group = actor.together
        ? actor.together.map((id) => ({ id, how: actor.how }) as Actor)
        : [actor, ...(actor.how === 'subject' ? coordinated(tokens, mentions, actorMention, reader) : [])];
      const qualification = qualify(tokens, match.first);
      // A cue inside the condition is the condition's, not a commitment: "if Putin is ready to…".
      const cueStart = (tokens[match.first] as Token).start;
      if (qualification.condition && qualification.condition.start <= cueStart && cueStart < qualification.condition.end) continue;
      for (const who of group) {
        const object = chooseObject(tokens, mentions, match, who.id, reader, topic, qualification.condition);
        if (!object || object.id === who.id) continue;
        if (object.node) proposed.set(object.id, object.node);
        const conditions: string[] = [];
        if (qualification.condition) {
          const words = qualification.condition.text;
          const name = joinWords(words.replace(/^(if|once|unless|until|should|provided that|in the event of|on the condition that|as long as)\s+/i, ''));
          const id = `condition:${slug(name, 50)}`;
          proposed.set(id, { id, kind: 'CONDITION', name: name.charAt(0).toUpperCase() + name.slice(1), aliases: [], conditionKind: conditionKind(words), note: `Proposed by cgraph draft from "${words}"; check its kind${/^unless/i.test(words) ? ' (the article says "unless": the condition is that this does not happen)' : ''}.` } as GraphNode);
          conditions.push(id);
        }
        const quoted = (tokens[match.first] as Token).quoted;
        const confidence = Math.round(match.cue.weight * CONFIDENCE_BY_ACTOR[who.how] * CONFIDENCE_BY_OBJECT[object.how] * (who === actor ? 1 : 0.9) * 100) / 100;
        const candidate: Omit<DraftCandidate, 'ref'> = {
          type: match.cue.type,
          from: who.id,
          to: object.id,
          quote: sentence.text,
          start: sentence.start,
          end: sentence.end,
          sentence: index,
          firmness: qualification.firmness,
          conditions,
          cue: tokens.slice(match.first, match.end).map((t) => t.text).join(' '),
          confidence,
          attribution: quoted ? 'direct_quote' : speaker ? 'paraphrase' : 'reported',
          ...((who.speaker ?? speaker?.speaker) ? { speaker: who.speaker ?? speaker?.speaker } : {}),
          review: 'machine',
        };
        // One candidate per type and actor in a sentence: the surest.
        const key = `${candidate.type} ${candidate.from}`;
        const held = best.get(key);
        if (!held || held.confidence < candidate.confidence) best.set(key, candidate);
      }
    }
    candidates.push(...best.values());
    const committed = [...best.values()].at(-1)?.from ?? mentions.filter((m) => isSubject(tokens, m, tokens.length)).map((m) => actorOf(m, reader)?.id).find(Boolean);
    if (committed) reader.lastActor = committed;
    // States named together ("Britain and France have declared…") for a later "the two countries".
    for (let k = 1; k < mentions.length; k++) {
      const [a, b] = [mentions[k - 1] as Mention, mentions[k] as Mention];
      if (a.entity.node.kind === 'STATE' && b.entity.node.kind === 'STATE' && a.entity.id !== b.entity.id && tokens.slice(a.end, b.first).map((t) => t.lower).join(' ') === 'and') reader.lastPair = [a.entity.id, b.entity.id];
    }
    const persons = mentions.filter((m) => m.entity.node.kind === 'PERSON');
    if (persons.length) reader.lastPerson = (persons.at(-1) as Mention).entity.id;
  });

  return assemble(text, sentences, candidates, proposed, reader, gazetteer, options, context);
}

export function assemble(
  text: string,
  sentences: readonly Sentence[],
  found: readonly Omit<DraftCandidate, 'ref'>[],
  proposed: Map<string, GraphNode>,
  reader: Reader,
  gazetteer: Gazetteer,
  options: DraftOptions,
  context: DraftContext,
): Draft {
  const book = codebook(context.dataDir);
  const relationships = new Map<string, Relationship>();
  const refs = new Set<string>();
  const refFor = (base: string) => {
    let ref = base;
    for (let n = 2; refs.has(ref); n++) ref = `${base}-${n}`;
    refs.add(ref);
    return ref;
  };
  const short = (id: string) => slug(id.replace(/^[a-z]+:/, ''), 30);
  const candidates: DraftCandidate[] = [];
  // One actor's refusals of "send troops to Iraq" and "provide troops" are one refusal: proposed
  // objects of the same type and actor that share a content word become the first of them.
  const proposedOf = new Map<string, string[]>();
  const sameAs = (c: Omit<DraftCandidate, 'ref'>): string => {
    const node = proposed.get(c.to);
    if (!node || node.kind !== 'INITIATIVE') return c.to;
    const key = `${c.type} ${c.from}`;
    const earlier = proposedOf.get(key) ?? [];
    const twin = earlier.find((id) => shareAWord(proposed.get(id)?.name ?? '', node.name));
    if (twin) return twin;
    proposedOf.set(key, [...earlier, c.to]);
    return c.to;
  };
  for (const found1 of found) {
    const c = { ...found1, to: sameAs(found1) };
    const key = `${c.type} ${c.from} ${c.to}`;
    let rel = relationships.get(key);
    if (!rel) {
      const action = c.cue;
      const codes = c.cameo ? codesOf(book, c.cameo) ?? proposeCodes(book, c.type, action) : proposeCodes(book, c.type, action);
      rel = {
        ref: refFor(`${short(c.from)}-${VERB_OF[c.type]}-${short(c.to)}`),
        type: c.type,
        from: c.from,
        to: c.to,
        fields: { action, firmness: c.firmness, conditions: [...c.conditions], cameo: codes.cameo, ...(codes.goldstein !== undefined ? { goldstein: codes.goldstein } : {}), ...(codes.plover ? { plover: codes.plover } : {}), ...(c.speaker ? { statedBy: [c.speaker] } : {}), ...(options.publishedAt ? { statedAt: options.publishedAt } : {}) },
        evidence: [],
        confidence: c.confidence,
        ...(c.rule ? { rule: c.rule } : {}),
      };
      relationships.set(key, rel);
    } else {
      for (const condition of c.conditions) if (!(rel.fields.conditions as string[]).includes(condition)) (rel.fields.conditions as string[]).push(condition);
      if (c.speaker && !((rel.fields.statedBy as string[] | undefined) ?? []).includes(c.speaker)) rel.fields.statedBy = [...((rel.fields.statedBy as string[] | undefined) ?? []), c.speaker];
      if (c.confidence > rel.confidence) {
        rel.confidence = c.confidence;
        if (c.rule) rel.rule = c.rule;
        rel.fields.firmness = c.firmness;
      }
    }
    if ((rel.fields.conditions as string[]).length) rel.fields.firmness = 'conditional';
    if (!rel.evidence.some((e) => e.start === c.start)) rel.evidence.push({ quote: c.quote, start: c.start, end: c.end, attribution: c.attribution, ...(c.speaker ? { speaker: c.speaker } : {}) });
    candidates.push({ ...c, ref: rel.ref });
  }

  // Who leads or speaks for which state, as the article's titles say.
  const structural: Relationship[] = [];
  for (const person of reader.persons.values()) {
    if (!person.state) continue;
    const type = person.leads ? 'LEADS' : 'REPRESENTS';
    structural.push({
      ref: refFor(`${short(person.entity.id)}-${type.toLowerCase()}-${short(person.state)}`),
      type,
      from: person.entity.id,
      to: person.state,
      fields: { role: person.title },
      evidence: [{ quote: text.slice(person.start, person.end), start: person.start, end: person.end, attribution: 'reported' }],
      confidence: 0.9,
    });
  }

  // The entities the draft introduces: every id it uses that the registry does not hold.
  const used = new Set<string>();
  for (const rel of [...relationships.values(), ...structural]) {
    used.add(rel.from).add(rel.to);
    for (const c of (rel.fields.conditions as string[] | undefined) ?? []) used.add(c);
    for (const s of (rel.fields.statedBy as string[] | undefined) ?? []) used.add(s);
    for (const e of rel.evidence) if (e.speaker) used.add(e.speaker);
  }
  const entities: GraphNode[] = [];
  for (const id of used) {
    if (context.registry.has(id)) continue;
    const node = proposed.get(id) ?? gazetteer.entities.get(id)?.node;
    if (node) entities.push(node);
  }
  entities.sort((a, b) => a.id.localeCompare(b.id));

  const all = [...relationships.values(), ...structural];
  const bySentence = new Map<number, string[]>();
  for (const rel of all) {
    for (const e of rel.evidence) {
      const index = sentences.findIndex((s) => s.start <= e.start && e.end <= s.end);
      if (index >= 0) bySentence.set(index, [...new Set([...(bySentence.get(index) ?? []), rel.ref])]);
    }
  }
  const ledger = ledgerOf(sentences, bySentence);

  const sha256 = createHash('sha256').update(text).digest('hex');
  const firstLine = (sentences[0] as Sentence).text;
  const name = (options.name ?? firstLine).slice(0, 300);
  const dossier: Record<string, unknown> = {
    source: {
      id: options.sourceId ?? `source:${slug(name, 50).replace(/-[^-]*$/, '')}`,
      name,
      file: options.file ?? 'article.txt',
      sha256,
      ...(options.url ? { url: options.url } : {}),
      ...(options.publishedAt ? { publishedAt: options.publishedAt } : {}),
    },
    entities: entities.map((node) => ({ ...node })),
    relationships: all.map((rel) => ({ ref: rel.ref, review: 'machine', type: rel.type, from: rel.from, to: rel.to, ...cleanFields(rel.fields), evidence: rel.evidence })),
    ledger,
  };
  const confidenceOf = new Map(all.map((rel) => [rel.ref, `${rel.confidence.toFixed(2)}${rel.rule ? ` (rule ${rel.rule})` : ''}`]));
  const yaml = renderYaml(dossier, confidenceOf, candidates.length);
  return { candidates, dossier, yaml, entities, sentences: sentences.length };
}

/** A dictionary's code with its Goldstein value and PLOVER type, when the code table knows it. */
function codesOf(book: Codebook, code: string): ReturnType<typeof proposeCodes> | undefined {
  const entry = book.cameo.get(code);
  if (!entry) return undefined;
  return { cameo: code, description: entry.description, ...(entry.goldstein !== undefined ? { goldstein: entry.goldstein } : {}), ...(entry.plover ? { plover: entry.plover } : {}) };
}

/** One ledger entry per distinct sentence text (the ledger is keyed by text: an article may repeat a sentence), with the refs of every place it occurs. */
function ledgerOf(sentences: readonly Sentence[], refsAt: ReadonlyMap<number, string[]>): Record<string, unknown>[] {
  const refsByText = new Map<string, Set<string>>();
  sentences.forEach((s, index) => {
    const refs = refsByText.get(s.text) ?? new Set<string>();
    for (const ref of refsAt.get(index) ?? []) refs.add(ref);
    refsByText.set(s.text, refs);
  });
  return [...refsByText].map(([sentence, refs]) =>
    refs.size > 0 ? { sentence, refs: [...refs] } : { sentence, none: 'no pledge, refusal or warning found by the drafter; check it' },
  );
}

function cleanFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (!(Array.isArray(value) && value.length === 0)) out[key] = value;
  return out;
}

/**
 * A draft with the first line editors read the dossier schema from (as the seeds' dossiers have
 * it), for completion and checks while reviewing; `schemaPath` is relative to the draft's folder.
 */
export function withSchemaLine(yaml: string, schemaPath: string): string {
  return `# yaml-language-server: $schema=${schemaPath.split(sep).join('/')}\n${yaml}`;
}

function renderYaml(dossier: Record<string, unknown>, confidence: ReadonlyMap<string, string>, candidates: number): string {
  const header = [
    `# DRAFT written by \`cgraph draft\`: ${candidates} candidate statement(s), every one of them unreviewed (review state machine).`,
    '# Review it against the article: fix actors, objects, firmness and conditions, delete what the',
    '# article does not assert, add what it missed, rename proposed entities; then run `cgraph validate`.',
    '# Each relationship says `review: machine`: delete that line once you have checked it; add a `reviewed:` block',
    '# (by, at) naming who checked the dossier, so the statements without the line load as reviewed.',
    '',
  ].join('\n');
  let body = stringify(dossier, { lineWidth: 0 });
  // The drafter's confidence (and the rule that proposed it) beside each relationship, for the reviewer (comments are not data).
  body = body.replace(/^( {2}- ref: )(\S+)$/gm, (line, _prefix: string, ref: string) => (confidence.has(ref) ? `${line} # confidence ${confidence.get(ref)}` : line));
  return header + body;
}

/** The context a draft reads entities from: a registry file and the data folder's country tables. */
export function draftContext(registry: { file: string; nodes: ReadonlyMap<string, GraphNode> }, dataDir: string): DraftContext {
  let stamp = '';
  try {
    stamp = String(statSync(registry.file).mtimeMs);
  } catch {
    stamp = 'unknown';
  }
  return { registry: registry.nodes, registryKey: `${registry.file}@${stamp}`, dataDir };
}

/** Checks a draft's options as the dossier will hold them; a bad one is DRAFT_BAD_OPTION with the option named. */
export function checkDraftOptions(options: DraftOptions): void {
  const bad = (option: string, message: string) => new DomainError('DRAFT_BAD_OPTION', `${option}: ${message}`, { option });
  if (options.sourceId !== undefined && !/^source:[a-z0-9]+(?:[-_.][a-z0-9]+)*$/.test(options.sourceId)) throw bad('sourceId', `"${options.sourceId}" is not a source id; write source:<lowercase-slug>, e.g. source:reuters-2026-01-06-paris-summit`);
  if (options.url !== undefined && !DossierSource.shape.url.safeParse(options.url).success) throw bad('url', `"${options.url}" is not a URL; give the article's address, e.g. https://example.org/news/1`);
  if (options.publishedAt !== undefined && !PartialDate.safeParse(options.publishedAt).success) throw bad('publishedAt', `"${options.publishedAt}" is not a date; write YYYY, YYYY-MM or YYYY-MM-DD`);
}

/**
 * Drafts and checks the draft with the validator, as `cgraph validate` will: a draft the validator
 * refuses is the drafter's bug (DRAFT_INVALID, with the problems), never a file for a person to fix.
 */
export function draftAndValidate(text: string, options: DraftOptions, context: DraftContext): Draft {
  checkDraftOptions(options);
  return checkedDraft(draftDossier(text, options, context), text, context);
}

/** The draft when the validator accepts it; DRAFT_INVALID (a drafter bug) otherwise. */
export function checkedDraft(draft: Draft, text: string, context: DraftContext): Draft {
  const result = validateDossier({ yamlText: draft.yaml, sourceText: text, file: 'dossier.yaml', knownNodes: context.registry });
  if (result.problems.length) {
    throw new DomainError('DRAFT_INVALID', `the draft does not validate (a drafter bug; please report it): ${result.problems.map((p) => `${p.code} ${p.message}`).join('; ')}`, { problems: result.problems });
  }
  return draft;
}

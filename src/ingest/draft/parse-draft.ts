// The drafter on CoreNLP's parse, and the entry that falls back to today's rules without a server.
import { DomainError } from '../../domain/errors.ts';
import type { GraphNode } from '../../domain/model.ts';
import { annotate, type AnnotatedSentence } from '../nlp/corenlp-client.ts';
import type { Sentence } from '../sentences.ts';
import { addSeatsOfGovernment, articleTokens, resolveActor, type ActorScope, type ArticleReader } from './actors.ts';
import {
  CONFIDENCE_BY_OBJECT,
  actorOf,
  articleTopic,
  assemble,
  checkArticle,
  checkDraftOptions,
  checkedDraft,
  chooseObject,
  conditionKind,
  draftDossier,
  findOrganisations,
  findPersons,
  joinWords,
  proposedInitiative,
  slug,
  withoutDateline,
  type Actor,
  type Draft,
  type DraftCandidate,
  type DraftContext,
  type DraftOptions,
  type ObjectChoice,
} from './draft.ts';
import { NEGATED_VERB, type CueMatch } from './cues.ts';
import { baseGazetteer, type Gazetteer, type Mention } from './gazetteer.ts';
import { coordinatedWith, framesOf, Parse, type ActorHow, type Frame } from './frames.ts';
import type { Token } from './tokens.ts';
import { verbDictionary } from './verbs.ts';
import { recipientOf } from './recipients.ts';

/** What the CLI prints when it drafts without CoreNLP. */
export const FALLBACK_WARNING = 'CoreNLP is not running: drafted with the simpler rules; start it with npm run nlp:start for better drafts';

export interface ArticleDraft {
  draft: Draft;
  /** Which drafter wrote it: the parse, or today's rules as the fallback. */
  drafter: 'parse' | 'rules';
  warnings: string[];
}

export interface NlpOptions {
  /** The CoreNLP server; none: draft with the simpler rules. */
  nlpUrl?: string;
  timeoutMs?: number;
}

/**
 * What the drafter asks of CoreNLP: no NER, since names come from the gazetteer and persons from
 * their titles; NER doubled the time of a warm article (767 against 348 ms for 288 words).
 */
export const DRAFT_ANNOTATORS = 'tokenize,ssplit,pos,lemma,depparse';

/** The project's sentences annotated as the drafter reads them. */
export function annotateForDraft(sentences: readonly Sentence[], url: string, timeoutMs?: number): Promise<AnnotatedSentence[]> {
  return annotate(sentences.map((s) => s.text), { url, properties: { annotators: DRAFT_ANNOTATORS }, ...(timeoutMs ? { timeoutMs } : {}) });
}

const ENGLISH = new Set(['the', 'of', 'and', 'to', 'in', 'is', 'that', 'for', 'on', 'with', 'as', 'by', 'was', 'said', 'it', 'has', 'be', 'are', 'from', 'at', 'will', 'would', 'have', 'not', 'an', 'its', 'this', 'which']);

/** Refuses text that is not English (the dictionaries and the parser read English only): DRAFT_LANGUAGE. */
export function checkEnglish(text: string): void {
  const letters = text.match(/\p{L}/gu) ?? [];
  const latin = letters.filter((l) => /[A-Za-z]/.test(l)).length;
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const english = words.filter((w) => ENGLISH.has(w)).length;
  const foreignScript = letters.length >= 20 && latin / letters.length < 0.5;
  const noEnglishWords = words.length >= 12 && english / words.length < 0.05;
  if (foreignScript || noEnglishWords) {
    throw new DomainError('DRAFT_LANGUAGE', `the text does not read as English (${foreignScript ? 'mostly letters outside the Latin alphabet' : 'almost none of the commonest English words'}); the drafter reads English only: draft a translation, or write the dossier by hand`, {});
  }
}

/** The headline, a standfirst or caption, and the lead: where an article says what its pledges are for. */
const LEAD_SENTENCES = 6;

const MONEY = /[$€£¥]|\b(dollars?|euros?|pounds?|francs?|million|billion|mn|bn)\b|\d/i;

const CONFIDENCE_BY_HOW: Record<ActorHow | 'pronoun', number> = { subject: 1, agent: 1, possessive: 1, governor: 0.9, reporter: 0.85, order: 0.85, gapped: 0.85, pronoun: 0.8 };

/** The candidates of one sentence: one per type and actor, the surest. */
function sentenceCandidates(frames: readonly Frame[], scope: ActorScope, sentence: Sentence, index: number, topic: string | undefined, context: DraftContext, known: (id: string) => boolean, proposed: Map<string, GraphNode>): Omit<DraftCandidate, 'ref'>[] {
  const best = new Map<string, Omit<DraftCandidate, 'ref'>>();
  const { tokens, mentions, reader } = scope;
  for (const frame of frames) {
    const actors: { actor: Actor; how: ActorHow | 'pronoun' }[] = [];
    for (const where of frame.actors) {
      // "Several countries, such as China, Russia and Fiji": the members the list names, not the group.
      const listed = listedMembers(scope.parse, where.token);
      for (const token of listed.length ? listed : [where.token, ...coordinatedWith(scope.parse, where.token)]) {
        const actor = resolveActor(scope, token);
        if (!actor) continue;
        const how = actor.how === 'pronoun' ? 'pronoun' : where.how;
        for (const id of actor.together ?? [actor.id]) actors.push({ actor: { ...actor, id }, how });
      }
    }
    // A quote or a paraphrase with no subject of its own: the speaker commits.
    if (!actors.length && scope.speaker && frame.actors.length === 0) actors.push({ actor: scope.speaker, how: 'reporter' });
    // "Kenya said the row could jeopardise that": a consequence the speaker foresees, its subject no actor, is the speaker's warning.
    else if (!actors.length && scope.speaker && frame.type === 'WARNED' && frame.reporter !== undefined) actors.push({ actor: scope.speaker, how: 'reporter' });
    const match: CueMatch = { cue: { type: frame.type, name: frame.negatedVerb ? NEGATED_VERB : frame.cue, pattern: [], weight: frame.weight, ...(frame.noun ? { noun: true } : {}) }, first: frame.predicate - 1, end: frame.last, negated: false };
    const condition = frame.condition ? { ...frame.condition, start: sentence.start + frame.condition.start, end: sentence.start + frame.condition.end } : undefined;
    const group = new Set(actors.map((a) => a.actor.id));
    for (const { actor, how } of actors) {
      // A person whose state the article does not say commits no state the keys could hold: left to the reviewer.
      if (!known(actor.id) || actor.id.startsWith('person:')) continue;
      let object = chooseObject(tokens, mentions, match, actor.id, reader, topic, condition);
      // The article's main state is a guess; what the parse says is promised or refused is not, unless it is money (aid goes to the topic).
      // "pledges from Armenia, Finland and Ghana": the other donors are not what each pledges.
      if (object && object.id !== actor.id && group.has(object.id)) object = topic && !group.has(topic) ? { id: topic, how: 'topic', phrase: '' } : undefined;
      if (object?.how === 'topic' && frame.type !== 'WARNED' && frame.object && !MONEY.test(frame.object.text)) object = proposedInitiative(joinWords(frame.object.text), 'the object of the predicate');
      if (frame.type === 'PLEDGED' && !frame.negatedVerb && object?.how !== 'known') object = recipientOf(scope.parse, frame.predicate, mentions, actor.id) ?? articleRecipient(object, frame, reader, actor.id);
      // The person who says it is not what a warning is aimed at ("…, Pakistan will retaliate," Khan said).
      const speakerId = actor.speaker ?? scope.speaker?.speaker;
      if (object && object.id === speakerId) object = topic && topic !== actor.id ? { id: topic, how: 'topic', phrase: '' } : undefined;
      if (!object || object.id === actor.id) continue;
      if (object.node) proposed.set(object.id, object.node);
      const conditions: string[] = [];
      if (condition) {
        const name = joinWords(condition.text.replace(/^(if|once|unless|until|should|provided that|provided|as long as)\s+/i, ''));
        const id = `condition:${slug(name, 50)}`;
        proposed.set(id, { id, kind: 'CONDITION', name: name.charAt(0).toUpperCase() + name.slice(1), aliases: [], conditionKind: conditionKind(condition.text), note: `Proposed by cgraph draft from "${condition.text}"; check its kind${condition.cue === 'unless' ? ' (the article says "unless": the condition is that this does not happen)' : ''}.` } as GraphNode);
        conditions.push(id);
      }
      const quoted = (tokens[frame.predicate - 1] as Token).quoted;
      const confidence = Math.round(frame.weight * CONFIDENCE_BY_HOW[how] * CONFIDENCE_BY_OBJECT[object.how] * 100) / 100;
      const speaker = actor.speaker ?? scope.speaker?.speaker;
      const candidate: Omit<DraftCandidate, 'ref'> = {
        type: frame.type,
        from: actor.id,
        to: object.id,
        quote: sentence.text,
        start: sentence.start,
        end: sentence.end,
        sentence: index,
        firmness: frame.firmness,
        conditions,
        cue: frame.cue,
        confidence,
        rule: `${frame.rule} actor:${how}`,
        ...(frame.cameo ? { cameo: frame.cameo } : {}),
        attribution: quoted ? 'direct_quote' : frame.reporter ? 'paraphrase' : 'reported',
        ...(speaker ? { speaker } : {}),
        review: 'machine',
      };
      const key = `${candidate.type} ${candidate.from}`;
      const held = best.get(key);
      if (!held || held.confidence < candidate.confidence) best.set(key, candidate);
    }
  }
  return [...best.values()];
}

/**
 * A count pledged with no recipient of its own ("Britain pledged $20 million") goes where the
 * headline or lead said the pledges go; else to the object chosen from the words.
 */
function articleRecipient(object: ObjectChoice | undefined, frame: Frame, reader: ArticleReader, actorId: string): ObjectChoice | undefined {
  const counted = !!frame.object && MONEY.test(frame.object.text);
  const recipient = reader.recipient;
  if (!recipient || recipient.id === actorId || !(object?.how === 'topic' || (counted && object?.how === 'mention'))) return object;
  return recipient;
}

/** The recipient the headline or lead names for the article's pledges ("pledge $5.4 billion for Gaza"). */
function noteArticleRecipient(scope: ActorScope, frames: readonly Frame[], index: number): void {
  if (scope.reader.recipient || index > LEAD_SENTENCES) return;
  for (const frame of frames) {
    if (frame.type !== 'PLEDGED' || frame.negatedVerb) continue;
    const recipient = recipientOf(scope.parse, frame.predicate, scope.mentions);
    if (recipient) {
      const { head: _head, ...choice } = recipient;
      scope.reader.recipient = { ...choice, how: 'topic' };
      return;
    }
  }
}

/** The members a group names by example: "countries such as China and Russia", "member-countries of ECOWAS, including Senegal". */
function listedMembers(parse: Parse, token: number): number[] {
  if (!/^NNS$/.test(parse.token(token)?.pos ?? '')) return [];
  const heads = [token, ...parse.children(token, /^nmod:of$/).map((d) => d.dependent)];
  return heads.flatMap((h) => parse.children(h, /^nmod:(such_as|including)$/).map((d) => d.dependent));
}

/** The speaker of a sentence's reporting clause ("…, Lin warned"; "Iran said …"), resolved to an actor. */
function speakerOf(scope: Omit<ActorScope, 'speaker'>, frames: readonly Frame[]): Actor | undefined {
  const { parse } = scope;
  const reporters = new Set(frames.map((f) => f.reporter).filter((r): r is number => r !== undefined));
  for (const token of parse.tokens) {
    if (!/^(say|tell|warn|add|state|insist|stress|declare|announce|caution|note|confirm)$/.test(token.lemma.toLowerCase()) && !reporters.has(token.index)) continue;
    for (const subject of parse.children(token.index, /^nsubj$/)) {
      const actor = resolveActor({ ...scope }, subject.dependent);
      if (actor) return { ...actor, how: 'speaker' };
    }
  }
  return undefined;
}

/**
 * The project's own sentences are annotated (so quotes, offsets and the ledger line up), each
 * sentence's frames (frames.ts) get their actors (actors.ts) and objects, and the candidates become
 * the same dossier today's rules write (draft.ts `assemble`).
 *
 * Drafts from sentences already annotated (`parsed[i]` is `sentences[i]`).
 */
export function draftFromParse(text: string, sentences: readonly Sentence[], parsed: readonly AnnotatedSentence[], options: DraftOptions, context: DraftContext): Draft {
  const dictionary = verbDictionary(context.dataDir);
  const gazetteer = baseGazetteer(context.registry, context.dataDir, context.registryKey).clone();
  addSeatsOfGovernment(gazetteer);
  const tokenised = sentences.map((s, i) => articleTokens(s, parsed[i] as AnnotatedSentence));
  const reader: ArticleReader = { persons: new Map() };
  for (const tokens of tokenised) {
    findOrganisations(tokens, gazetteer);
    findPersons(tokens, gazetteer, reader.persons);
  }
  const perSentence = tokenised.map((tokens) => withoutDateline(tokens, personsInGovernment(gazetteer, reader, gazetteer.mentions(tokens))));
  const topic = articleTopic(perSentence);
  const known = (id: string) => context.registry.has(id) || gazetteer.entities.has(id);
  const candidates: Omit<DraftCandidate, 'ref'>[] = [];
  const proposed = new Map<string, GraphNode>();
  sentences.forEach((sentence, index) => {
    const tokens = tokenised[index] as Token[];
    const mentions = perSentence[index] as Mention[];
    const parse = new Parse(parsed[index] as AnnotatedSentence);
    const frames = framesOf(parsed[index] as AnnotatedSentence, dictionary);
    const base = { parse, tokens, mentions, reader };
    const speaker = speakerOf(base, frames);
    const scope: ActorScope = { ...base, ...(speaker ? { speaker } : {}) };
    noteArticleRecipient(scope, frames, index);
    const found = sentenceCandidates(frames, scope, sentence, index, topic, context, known, proposed);
    candidates.push(...found);
    remember(scope, found);
  });
  return assemble(text, sentences, candidates, proposed, reader, gazetteer, options, context);
}

/**
 * Persons the dictionary places in a state's government, as the article names them: their state is
 * remembered for "he" and "she", and their family name, after the full name, names them too ("Lavrov said").
 */
function personsInGovernment(gazetteer: Gazetteer, reader: ArticleReader, mentions: Mention[]): Mention[] {
  for (const m of mentions) {
    if (!m.entity.speaksFor) continue;
    (reader.speaksFor ??= new Map()).set(m.entity.id, m.entity.speaksFor);
    const family = m.entity.node.name.split(' ').at(-1);
    if (family && family.length >= 3) gazetteer.add(m.entity, [family]);
  }
  return mentions;
}

/** What the next sentences may refer back to: the last actor, state, person and pair of states. */
function remember(scope: ActorScope, found: readonly Omit<DraftCandidate, 'ref'>[]): void {
  const { parse, mentions, reader } = scope;
  const subjects = parse.tokens.flatMap((t) => parse.children(t.index, /^nsubj/).map((d) => d.dependent));
  const subjectActor = subjects.map((s) => mentions.find((m) => m.first <= s - 1 && s - 1 < m.end)).map((m) => m && actorOf(m, reader)?.id).find(Boolean);
  const committed = found.at(-1)?.from ?? subjectActor ?? scope.speaker?.id;
  if (committed) reader.lastActor = committed;
  const stateOf = (id: string | undefined) => (id && (mentions.find((m) => m.entity.id === id)?.entity.node.kind === 'STATE' || id.startsWith('state:')) ? id : undefined);
  const state = stateOf(found.at(-1)?.from) ?? stateOf(subjectActor);
  if (state) reader.lastState = state;
  for (let k = 1; k < mentions.length; k++) {
    const [a, b] = [mentions[k - 1] as Mention, mentions[k] as Mention];
    if (a.entity.node.kind === 'STATE' && b.entity.node.kind === 'STATE' && a.entity.id !== b.entity.id && scope.tokens.slice(a.end, b.first).map((t) => t.lower).join(' ') === 'and') reader.lastPair = [a.entity.id, b.entity.id];
  }
  const persons = mentions.filter((m) => m.entity.node.kind === 'PERSON');
  if (persons.length) reader.lastPerson = (persons.at(-1) as Mention).entity.id;
}

/**
 * Drafts an article with CoreNLP at `nlpUrl` and checks the draft with the validator; when no
 * server answers (or none is given) drafts with today's rules and says so in `warnings`.
 */
export async function draftArticle(text: string, options: DraftOptions, context: DraftContext, { nlpUrl, timeoutMs }: NlpOptions): Promise<ArticleDraft> {
  checkDraftOptions(options);
  const sentences = checkArticle(text);
  checkEnglish(text);
  const fallback = (): ArticleDraft => ({ draft: checkedDraft(draftDossier(text, options, context), text, context), drafter: 'rules', warnings: [FALLBACK_WARNING] });
  if (!nlpUrl) return fallback();
  let parsed: AnnotatedSentence[];
  try {
    parsed = await annotateForDraft(sentences, nlpUrl, timeoutMs);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NLP_UNAVAILABLE') return fallback();
    throw error;
  }
  return { draft: checkedDraft(draftFromParse(text, sentences, parsed, options, context), text, context), drafter: 'parse', warnings: [] };
}

// Whom or what a pledge is for, read from the parse: "€300mn to the GCF", "70 troops for the UN mission in Somalia".
// The keys point aid and troop pledges at what receives them; a headline or lead that names the
// recipient ("pledges $5.4 billion for Gaza") names it for the pledges the article lists after it.
import type { Mention } from './gazetteer.ts';
import type { Parse } from './frames.ts';
import type { GraphNode } from '../../domain/model.ts';
import { joinWords, proposedInitiative, slug, type ObjectChoice } from './draft.ts';

/** Relations that carry a recipient, on the predicate or on what it gives. */
const RECIPIENT = /^(obl|nmod):(for|to|towards)$/;
/** Heads of for/to phrases that name a time, a purpose or a manner, not a recipient. */
const NOT_RECIPIENT = new Set(['time', 'year', 'years', 'month', 'months', 'week', 'weeks', 'day', 'days', 'date', 'first', 'total', 'part', 'end', 'extent', 'level', 'degree', 'sum', 'amount', 'tune', 'people', 'those', 'that', 'this', 'it', 'them']);
/** Kinds a pledge can be for: a state or territory, a known initiative or agreement, an organisation's fund or programme. */
const RECEIVING_KINDS = new Set(['STATE', 'TERRITORY', 'INITIATIVE', 'AGREEMENT', 'ALLIANCE']);
/** What a phrase names when it only counts: "$3bn", "30,000". */
const COUNT = /^(CD|\$)$/;

const STATES = new Set(['STATE', 'TERRITORY']);

const mentionAt = (mentions: readonly Mention[], token: number) => mentions.find((m) => m.first <= token - 1 && token - 1 < m.end);

function proposedTerritory(name: string): ObjectChoice {
  const id = `territory:${slug(name, 50)}`;
  return { id, how: 'proposed', phrase: name, node: { id, kind: 'TERRITORY', name, aliases: [], note: `Proposed by cgraph draft: "${name}", named as what receives a pledge; check its kind, or replace it with a known state or territory.` } as GraphNode };
}

export interface Recipient extends ObjectChoice {
  /** The recipient's head token (1-based). */
  head: number;
}

/** The for/to phrases of a giving predicate and of what it gives ("announced 70 troops for the mission"). */
function recipientHeads(parse: Parse, predicate: number): number[] {
  const given = parse.children(predicate, /^(obj|xcomp)$/).map((d) => d.dependent);
  const withConjuncts = given.flatMap((g) => [g, ...parse.children(g, /^conj/).map((d) => d.dependent)]);
  return [predicate, ...withConjuncts].flatMap((at) => parse.children(at, RECIPIENT).map((d) => d.dependent)).filter((h, i, all) => all.indexOf(h) === i);
}

/** The words of a recipient phrase, without its relative clauses, appositions and trailing punctuation. */
function phraseOf(parse: Parse, head: number): string | undefined {
  const words = parse.subtree(head, /^(nsubj:xsubj|ref|punct|acl.*|advcl.*|appos|parataxis|conj.*|cc|case|det|nmod:poss)$/);
  if (!words.length || words.length > 8) return undefined;
  const span = parse.span(words[0] as number, words.at(-1) as number).text;
  return /[,;:]/.test(span) ? undefined : joinWords(span);
}

/**
 * The recipient of a pledge, when the parse gives one: the state, territory, initiative or
 * organisation a for/to phrase names, else a proposed initiative named by the phrase ("United
 * Nations peacekeeping"). Undefined for counts, times and purposes ("for the first time").
 */
export function recipientOf(parse: Parse, predicate: number, mentions: readonly Mention[], actorId?: string): Recipient | undefined {
  for (const head of recipientHeads(parse, predicate)) {
    const token = parse.token(head);
    if (!token || !/^NN/.test(token.pos) || COUNT.test(token.pos) || NOT_RECIPIENT.has(token.text.toLowerCase())) continue;
    // The phrase's head names the recipient ("to the GCF"); a name inside it only qualifies it ("United Nations peacekeeping").
    const mention = mentionAt(mentions, head);
    if (mention) {
      if (RECEIVING_KINDS.has(mention.entity.node.kind) && mention.entity.id !== actorId) return { id: mention.entity.id, how: 'mention', phrase: mention.text, head };
      continue;
    }
    // "for Haiti's long-term recovery", "the reconstruction of Gaza": the state whose need it is receives.
    const owner = parse.children(head, /^nmod:(poss|of)$/).map((d) => mentionAt(mentions, d.dependent)).find((m) => m && STATES.has(m.entity.node.kind) && m.entity.id !== actorId);
    if (owner) return { id: owner.entity.id, how: 'mention', phrase: owner.text, head };
    // A purpose in common nouns ("for post-war reconstruction") receives nothing; a named mission or fund does.
    const phrase = phraseOf(parse, head);
    const named = parse.subtree(head).some((i) => /^NNP/.test(parse.token(i)?.pos ?? ''));
    if (!phrase || !named) continue;
    // A proper name the tables do not know, standing alone ("the Gaza Strip", "Darfur"), is a place; a named mission or fund is an initiative.
    if (/^NNP/.test(token.pos) && parse.children(head, /^(nmod|acl)/).length === 0) return { ...proposedTerritory(phrase), head };
    return { ...proposedInitiative(phrase, 'the recipient of the pledge'), head };
  }
  return undefined;
}

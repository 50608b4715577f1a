// From one parsed sentence to frames: pure functions over CoreNLP's enhanced++ dependencies.
import type { CommitmentKind, Firmness } from '../../domain/model.ts';
import type { AnnotatedSentence, NlpDependency, NlpToken } from '../nlp/corenlp-client.ts';
import type { PredicateEntry, VerbDictionary } from './verbs.ts';

export type ActorHow = 'subject' | 'agent' | 'possessive' | 'governor' | 'reporter' | 'order' | 'gapped';

export interface FrameActor {
  /** The actor's head token (1-based). */
  token: number;
  how: ActorHow;
}

export interface Frame {
  type: CommitmentKind;
  /** The predicate's head token (1-based) and the last token of its words ("ruled out", "will not send"). */
  predicate: number;
  last: number;
  /** The predicate's words as the sentence has them. */
  cue: string;
  rule: string;
  cameo?: string;
  weight: number;
  noun: boolean;
  /** Refusal by a negated modal verb: the object is the verb's own phrase ("will not send troops"). */
  negatedVerb: boolean;
  /** The actors' head tokens: several when subjects are coordinated ("Britain and France pledged"). */
  actors: FrameActor[];
  /** The head of the reporting clause ("X said …") the predicate stands in, when there is one. */
  reporter?: number;
  condition?: { text: string; start: number; end: number; cue: string };
  /** What is promised, refused or threatened, as the dependencies delimit it: the object, to-clause or oblique. */
  object?: { text: string; start: number; end: number };
  firmness: Firmness;
}

const NEGATIONS = new Set(['not', "n't", 'never', 'no']);
const MODALS = new Set(['will', 'would', 'shall', "'ll", '’ll', 'wo']);
/** Modals under which a giving verb still pledges, hedged: "could support a multinational force". */
const FUTURE_MODALS = new Set([...MODALS, 'could']);
const HEDGES = new Set(['could', 'may', 'might', 'can']);
const CONSIDERING = new Set(['consider', 'weigh', 'explore', 'study', 'plan', 'mull']);
const REPORTING = new Set(['say', 'tell', 'warn', 'add', 'state', 'insist', 'stress', 'declare', 'announce', 'write', 'post', 'caution', 'note', 'confirm', 'reiterate', 'claim', 'report', 'indicate', 'suggest', 'affirm', 'underline', 'emphasise', 'emphasize']);
const BELIEF = new Set(['believe', 'expect', 'think', 'anticipate', 'foresee']);
const CONDITION_MARKS = new Set(['if', 'once', 'unless', 'until', 'provided', 'should', 'as long as']);
/** What a delivery verb gives when it pledges: money or forces. */
const GIVEN = /^(troops?|soldiers|police|officers|peacekeepers|helicopters?|hospitals?|units?|aircraft|jets|ships|frigates|warships|personnel|forces|dollars?|euros?|pounds?|francs?|yen|yuan|million|billion|mn|bn|m|aid|assistance|grants?|loans?)$/i;
const FORCE_WORDS = new Set(['force', 'military', 'strike', 'attack', 'war', 'invasion', 'nuclear', 'retaliation', 'action']);
/** Relations a noun predicate stands in when the sentence asserts it ("issued a warning"), not when it is talked about ("fears of a threat"). */
const ASSERTING = /^(root|obj|nsubj|nsubj:pass|appos|dep|parataxis|ccomp|conj|iobj|xcomp)/;

/** Reads a sentence's dependencies once: children and parents of each token. */
export class Parse {
  readonly tokens: readonly NlpToken[];
  private readonly down = new Map<number, NlpDependency[]>();
  private readonly up = new Map<number, NlpDependency[]>();

  constructor(readonly sentence: AnnotatedSentence) {
    this.tokens = sentence.tokens;
    for (const d of sentence.dependencies) {
      (this.down.get(d.governor) ?? this.down.set(d.governor, []).get(d.governor))?.push(d);
      (this.up.get(d.dependent) ?? this.up.set(d.dependent, []).get(d.dependent))?.push(d);
    }
  }

  token(index: number): NlpToken | undefined {
    return this.tokens[index - 1];
  }

  children(index: number, relation?: RegExp): NlpDependency[] {
    return (this.down.get(index) ?? []).filter((d) => !relation || relation.test(d.dep));
  }

  /** The tree parent (the first incoming relation that is not a propagated subject or a reference). */
  parent(index: number): NlpDependency | undefined {
    return (this.up.get(index) ?? []).find((d) => !/^(nsubj:xsubj|ref)$/.test(d.dep) && !/:relsubj/.test(d.dep));
  }

  lemma(index: number): string {
    return (this.token(index)?.lemma ?? '').toLowerCase();
  }

  /** The tokens under `index` (itself included) along tree relations, as a sorted list. */
  subtree(index: number, skip: RegExp = /^(nsubj:xsubj|ref|punct)$/): number[] {
    const seen = new Set([index]);
    const stack = [index];
    while (stack.length) {
      const at = stack.pop() as number;
      for (const d of this.children(at)) {
        if (skip.test(d.dep) || seen.has(d.dependent)) continue;
        // A conjunct's propagated dependents belong to the conjunct they were copied from.
        if (this.parent(d.dependent)?.governor !== at) continue;
        seen.add(d.dependent);
        stack.push(d.dependent);
      }
    }
    return [...seen].sort((a, b) => a - b);
  }

  /** The sentence's text over tokens [first, last]. */
  span(first: number, last: number): { text: string; start: number; end: number } {
    const a = this.token(first) as NlpToken;
    const b = this.token(last) as NlpToken;
    return { text: this.sentence.text.slice(a.start, b.end), start: a.start, end: b.end };
  }
}

const isVerb = (t: NlpToken | undefined) => !!t && /^VB/.test(t.pos);
const isNoun = (t: NlpToken | undefined) => !!t && /^NN/.test(t.pos);

function negated(parse: Parse, index: number): boolean {
  return parse.children(index, /^(advmod|neg|det|aux)$/).some((d) => NEGATIONS.has(parse.lemma(d.dependent)) || NEGATIONS.has((parse.token(d.dependent)?.text ?? '').toLowerCase()));
}

function hasModal(parse: Parse, index: number, modals: ReadonlySet<string> = MODALS): boolean {
  return parse.children(index, /^aux/).some((d) => modals.has(parse.lemma(d.dependent)) || modals.has((parse.token(d.dependent)?.text ?? '').toLowerCase()));
}

/** The clause the predicate belongs to, climbing through to-clauses and conjuncts ("pledged to send"). */
function clauseChain(parse: Parse, index: number): number[] {
  const chain = [index];
  for (let at = index, steps = 0; steps < 4; steps++) {
    const up = parse.parent(at);
    if (!up || up.governor === 0 || !/^(xcomp|conj)/.test(up.dep)) break;
    at = up.governor;
    chain.push(at);
  }
  return chain;
}

/** Whether the predicate stands inside a condition ("if Japan is ready to…"): then it is the condition's. */
function insideCondition(parse: Parse, index: number): boolean {
  for (let at = index, steps = 0; steps < 5; steps++) {
    const up = parse.parent(at);
    if (!up || up.governor === 0) return false;
    if (/^advcl/.test(up.dep) && parse.children(at, /^mark$/).some((m) => CONDITION_MARKS.has(parse.lemma(m.dependent)))) return true;
    at = up.governor;
  }
  return false;
}

/** A condition on the predicate or the clause it stands in: an if/once/unless/until clause. */
function conditionOf(parse: Parse, chain: readonly number[]): Frame['condition'] {
  for (const at of chain) {
    for (const d of parse.children(at, /^advcl/)) {
      const mark = parse.children(d.dependent, /^mark$/).find((m) => CONDITION_MARKS.has(parse.lemma(m.dependent)));
      const inverted = !mark && parse.children(d.dependent, /^aux$/).some((a) => parse.lemma(a.dependent) === 'should' && a.dependent < d.dependent && a.dependent === parse.subtree(d.dependent)[0]);
      if (!mark && !inverted) continue;
      const words = parse.subtree(d.dependent);
      const span = parse.span(words[0] as number, words.at(-1) as number);
      return { ...span, cue: mark ? parse.lemma(mark.dependent) : 'should' };
    }
  }
  return undefined;
}

function firmnessOf(parse: Parse, chain: readonly number[], condition: Frame['condition']): Firmness {
  if (condition) return 'conditional';
  for (const at of chain) {
    if (parse.children(at, /^aux/).some((d) => HEDGES.has(parse.lemma(d.dependent)))) return 'hedged';
    if (CONSIDERING.has(parse.lemma(at)) && at !== chain[0]) return 'considering';
  }
  return 'firm';
}

/** The subject(s) of a clause head: its own, or the propagated one of a to-clause or conjunct. */
function subjectsOf(parse: Parse, index: number): FrameActor[] {
  const passive = parse.children(index, /^aux:pass$/).length > 0;
  if (passive) return parse.children(index, /^obl:agent$/).map((d) => ({ token: d.dependent, how: 'agent' as const }));
  return parse.children(index, /^(nsubj|nsubj:xsubj)$/).map((d) => ({ token: d.dependent, how: 'subject' as const }));
}

/** The reporting verb whose clause the predicate stands in ("Iran said it would retaliate"), if any. */
function reporterOf(parse: Parse, chain: readonly number[]): number | undefined {
  for (let at = chain.at(-1) as number, steps = 0; steps < 3; steps++) {
    const up = parse.parent(at);
    if (!up || up.governor === 0) return undefined;
    if (/^(ccomp|parataxis|dep)/.test(up.dep) && REPORTING.has(parse.lemma(up.governor))) return up.governor;
    if (!/^(xcomp|conj|ccomp)/.test(up.dep)) return undefined;
    at = up.governor;
  }
  return undefined;
}

/** Where the frame's actor stands: the subject, the agent, the possessor, the governing clause's subject. */
function actorsOf(parse: Parse, index: number, noun: boolean, chain: readonly number[]): FrameActor[] {
  if (noun) {
    // "its contribution": the possessive pronoun is the clause's subject, found below.
    const possessor = parse.children(index, /^nmod:poss$/).filter((d) => parse.token(d.dependent)?.pos !== 'PRP$').map((d) => ({ token: d.dependent, how: 'possessive' as const }));
    if (possessor.length) return possessor;
    const by = parse.children(index, /^nmod:(by|agent|from)$/).map((d) => ({ token: d.dependent, how: 'agent' as const }));
    if (by.length) return by;
    // "X issued a warning", "X made a pledge", "…, warning of retaliation": the governing clause's subject.
    for (let at = index, steps = 0; steps < 4; steps++) {
      const up = parse.parent(at);
      if (!up || up.governor === 0) break;
      at = up.governor;
      const subjects = subjectsOf(parse, at);
      if (subjects.length) return subjects.map((s) => ({ ...s, how: 'governor' as const }));
    }
    return [];
  }
  for (const at of chain) {
    const subjects = subjectsOf(parse, at);
    if (subjects.length) return subjects;
  }
  const top = chain.at(-1) as number;
  const up = parse.parent(top);
  if (!up || up.governor === 0) return [];
  // A clause the parser hung loosely ("Ruto said Kenya would send …" read as said → obj Kenya,
  // dep send): the governor's object right before it is the clause's subject.
  if (/^(dep|ccomp)$/.test(up.dep)) {
    const object = parse.children(up.governor, /^obj$/).find((d) => d.dependent < top);
    if (object) return [{ token: object.dependent, how: 'order' }];
  }
  // "with Georgia and Estonia each promising to donate": the distributed "each" stands for the with-phrase.
  if (up.dep === 'acl' && /^(each|both)$/.test(parse.lemma(up.governor))) {
    const clause = parse.parent(up.governor);
    if (clause && clause.governor > 0) {
      const withs = parse.children(clause.governor, /^(obl|nmod):with$/).map((d) => ({ token: d.dependent, how: 'order' as const }));
      if (withs.length) return withs;
    }
  }
  // "…, warning of …" / "vowing to …": a participle clause shares its governor's subject.
  if (/^(advcl|xcomp|acl|conj)/.test(up.dep)) return subjectsOf(parse, up.governor).map((s) => ({ ...s, how: 'governor' as const }));
  return [];
}

/**
 * Actors of a gapped clause, which shares the predicate and names only its actor and what it gives:
 * "Singapore has pledged 21 medics, and Sweden 10 police officers" (conj of the verb, a noun),
 * "Chad has promised 2,000 soldiers and Togo 540 men" (a name conjoined with what is given).
 */
function gappedActors(parse: Parse, index: number): FrameActor[] {
  const remnant = (i: number) => /^NNP/.test(parse.token(i)?.pos ?? '') && parse.tokens.slice(i, i + 5).some((t) => t.pos === 'CD');
  const ofVerb = parse.children(index, /^conj/).filter((d) => /^NN/.test(parse.token(d.dependent)?.pos ?? '') && !parse.children(d.dependent, /^(aux|cop|nsubj)/).length && remnant(d.dependent));
  const given = parse.children(index, /^(obj|iobj)$/).filter((d) => /^NNS?$/.test(parse.token(d.dependent)?.pos ?? ''));
  const ofGiven = given.flatMap((g) => parse.children(g.dependent, /^conj/)).filter((d) => remnant(d.dependent));
  return [...ofVerb, ...ofGiven].map((d) => ({ token: d.dependent, how: 'gapped' as const }));
}

/** Words that open a phrase without belonging to what it names. */
const OPENERS = /^(DT|TO|IN|PRP\$|``|''|-LRB-|,|:|POS)$/;

/** The words the predicate governs as its object: obj, a to-clause, a to- or on-phrase; of-phrase of a noun. */
function objectOf(parse: Parse, index: number, noun: boolean): Frame['object'] {
  const relation = noun ? /^(nmod:of|nmod:to|nmod:on|acl)$/ : /^(obj|xcomp|ccomp|obl:to|obl:on|obl:against)$/;
  const head = parse.children(index, relation)[0];
  if (!head) return undefined;
  const words = parse.subtree(head.dependent, /^(nsubj:xsubj|ref|punct|advcl.*|parataxis|acl:relcl|conj.*|cc)$/).filter((i) => i > index);
  while (words.length && OPENERS.test(parse.token(words[0] as number)?.pos ?? '')) words.shift();
  while (words.length && OPENERS.test(parse.token(words.at(-1) as number)?.pos ?? '')) words.pop();
  if (!words.length || words.length > 12) return undefined;
  return parse.span(words[0] as number, words.at(-1) as number);
}

/** Punitive words: what a promise of them threatens (CAMEO files threats of sanctions under 13). */
const PUNITIVE = new Set(['sanction', 'sanctions', 'countermeasure', 'countermeasures', 'reprisal', 'reprisals', 'retaliation', 'punishment']);

/** Whether what the predicate promises is aimed against someone ("measures against Qatar") or is a sanction. */
function againstSomeone(parse: Parse, index: number, noun: boolean): boolean {
  const relation = noun ? /^(nmod:of|acl)$/ : /^(obj|xcomp)$/;
  return parse.children(index, relation).some((d) => {
    const words = parse.subtree(d.dependent, /^(nsubj:xsubj|ref|punct|advcl.*|parataxis|acl:relcl)$/);
    return words.some((i) => PUNITIVE.has(parse.lemma(i)) || PUNITIVE.has((parse.token(i)?.text ?? '').toLowerCase())) || words.some((i) => parse.children(i, /^(nmod|obl):against$/).length > 0);
  });
}

/** Subjects coordinated with an actor ("Britain, France and Germany"): the conjuncts of its head. */
export function coordinatedWith(parse: Parse, token: number): number[] {
  return parse.children(token, /^conj/).map((d) => d.dependent);
}

function entryFor(parse: Parse, index: number, dictionary: VerbDictionary): { entry: PredicateEntry; last: number; negatedVerb?: boolean } | undefined {
  const token = parse.token(index) as NlpToken;
  const lemma = token.lemma.toLowerCase();
  if (isVerb(token)) {
    const particle = parse.children(index, /^compound:prt$/)[0];
    const withParticle = particle ? `${lemma} ${parse.lemma(particle.dependent)}` : undefined;
    const entry = (withParticle && dictionary.verbs.get(withParticle)) || (!particle ? dictionary.verbs.get(lemma) : undefined);
    if (entry) return { entry, last: particle ? Math.max(index, particle.dependent) : index };
    const delivery = dictionary.delivery.get(lemma);
    // Only as a clause's own assertion ("Switzerland gave …"), not a request or a hedge ("requests to send troops").
    if (delivery && !negated(parse, index) && parse.children(index, /^nsubj$/).length > 0 && !hasModal(parse, index) && parse.children(index, /^obj$/).some((d) => parse.subtree(d.dependent).some((i) => GIVEN.test(parse.token(i)?.text ?? '') || parse.token(i)?.pos === '$'))) {
      return { entry: delivery, last: index };
    }
    // "does not recognise its jurisdiction": a standing refusal in the present tense.
    if (/^(recognise|recognize|accept)$/.test(lemma) && negated(parse, index) && parse.children(index, /^aux$/).some((d) => parse.lemma(d.dependent) === 'do' && /^VB[PZ]$/.test(parse.token(d.dependent)?.pos ?? ''))) {
      return { entry: { type: 'REFUSED', lemma, weight: 0.65, rule: `negated-present:${lemma}` }, last: index, negatedVerb: true };
    }
    // "plans to send 900 troops": a giving verb under a verb of intent (CAMEO 030's INTEND) is a pledge, though a soft one.
    const intended = dictionary.future.has(lemma) && dictionary.future.get(lemma)?.type === 'PLEDGED' && clauseChain(parse, index).slice(1).some((at) => dictionary.intent.has(parse.lemma(at)));
    if (intended && !negated(parse, index)) return { entry: dictionary.future.get(lemma) as PredicateEntry, last: index };
    if (hasModal(parse, index, FUTURE_MODALS) || (dictionary.future.has(lemma) && clauseChain(parse, index).some((at) => hasModal(parse, at)))) {
      if (negated(parse, index) && dictionary.refusable.has(lemma)) {
        return { entry: { type: 'REFUSED', lemma, weight: 0.7, rule: `negated-modal:${lemma}` }, last: index, negatedVerb: true };
      }
      const future = dictionary.future.get(lemma);
      if (future) return { entry: future, last: index };
    }
    // "he was prepared to discuss": a participle tagged as a verb, read as the adjective.
    const readiness = dictionary.readiness.get(token.text.toLowerCase());
    if (readiness && parse.children(index, /^(cop|aux:pass|aux)$/).length && parse.children(index, /^xcomp$/).length) return { entry: readiness, last: index };
    return undefined;
  }
  if (isNoun(token)) {
    const entry = dictionary.nouns.get(lemma);
    if (!entry) return undefined;
    const up = parse.parent(index);
    // "leads the drive with a promise of $1 billion": a pledge carried by the clause.
    const carried = !!up && /^(obl|nmod):with$/.test(up.dep) && entry.type === 'PLEDGED';
    const asserted = !up || ASSERTING.test(up.dep) || carried || (parse.children(index, /^nmod:poss$/).length > 0 && !/^(obl|nmod)/.test(up.dep));
    return asserted ? { entry, last: index } : undefined;
  }
  if (/^JJ/.test(token.pos)) {
    const entry = dictionary.readiness.get(lemma);
    const to = parse.children(index, /^xcomp$/)[0];
    // "ready to defend its territorial integrity": readiness to fight warns.
    if (entry && to && /^(defend|respond|retaliate|fight|strike|use|take)$/.test(parse.lemma(to.dependent))) return { entry: { ...entry, type: 'WARNED', rule: `ready-to-fight:${lemma}` }, last: index };
    if (entry && to) return { entry, last: index };
  }
  return undefined;
}

/** A negated belief above the predicate ("does not believe that India will send"): the negation is the predicate's. */
function underNegatedBelief(parse: Parse, chain: readonly number[]): boolean {
  const up = parse.parent(chain.at(-1) as number);
  return !!up && up.governor > 0 && /^ccomp/.test(up.dep) && BELIEF.has(parse.lemma(up.governor)) && negated(parse, up.governor);
}

/**
 * Each predicate the dictionary knows (a verb with its particle and negation, a noun, the modal
 * future of a giving verb) with where its actor stands (the subject, the propagated subject, the
 * passive agent, the possessor, the reporting clause's subject), its firmness and its condition.
 *
 * Every frame of a sentence, in the order of their predicates.
 */
export function framesOf(sentence: AnnotatedSentence, dictionary: VerbDictionary): Frame[] {
  const parse = new Parse(sentence);
  const frames: Frame[] = [];
  for (const token of parse.tokens) {
    const found = entryFor(parse, token.index, dictionary);
    if (!found) continue;
    const { entry } = found;
    let type = entry.type;
    let rule = entry.rule;
    let weight = entry.weight;
    const chain = clauseChain(parse, token.index);
    const noun = isNoun(token);
    if (insideCondition(parse, token.index)) continue;
    const isNegated = !found.negatedVerb && chain.some((at) => negated(parse, at));
    if (isNegated) {
      // "has not ruled out military action": no refusal, a veiled threat of force.
      if (entry.lemma === 'rule out' && parse.subtree(token.index).some((i) => FORCE_WORDS.has(parse.lemma(i)))) {
        type = 'WARNED';
        rule = 'not-rule-out:force';
        weight = 0.6;
      } else if (type === 'PLEDGED' && !parse.children(token.index, /^aux/).length && !chain.some((at) => hasModal(parse, at))) continue;
      else if (type === 'PLEDGED') {
        // "would not pledge troops": a pledge negated under a modal refuses.
        type = 'REFUSED';
        rule = `negated-pledge:${entry.lemma}`;
        weight = 0.7;
      } else continue;
    } else if (type === 'PLEDGED' && underNegatedBelief(parse, chain)) {
      type = 'REFUSED';
      rule = `negated-belief:${entry.lemma}`;
      weight = 0.65;
    }
    // A condition may hang on the clause a noun stands in ("issued a warning … if …") or on what a
    // warning says ("warned it will respond … if …").
    const governors = noun ? [parse.parent(token.index)?.governor ?? 0].filter((g) => g > 0) : [];
    const said = chain.flatMap((at) => parse.children(at, /^(ccomp|xcomp)$/).map((d) => d.dependent));
    const condition = conditionOf(parse, [...chain, ...governors, ...said]);
    const reporter = reporterOf(parse, chain);
    // "Meloni and Tusk said their countries would not contribute", "Britain, France and the US said
    // they would recognise": the speakers themselves, each of them.
    const speakers = (a: FrameActor) => {
      const word = (parse.token(a.token)?.text ?? '').toLowerCase();
      const theirCountries = /^(country|government|nation)$/.test(parse.lemma(a.token)) && parse.children(a.token, /^nmod:poss$/).some((d) => parse.token(d.dependent)?.pos === 'PRP$');
      return reporter && (theirCountries || word === 'they' || word === 'we') ? subjectsOf(parse, reporter).map((s) => ({ ...s, how: 'reporter' as const })) : [];
    };
    const actors = actorsOf(parse, token.index, noun, chain).flatMap((a) => {
      const replaced = speakers(a);
      return replaced.length ? replaced : [a];
    });
    if (!actors.length && reporter) actors.push(...subjectsOf(parse, reporter).map((s) => ({ ...s, how: 'reporter' as const })));
    if (!noun) actors.push(...gappedActors(parse, token.index).filter((g) => !actors.some((a) => a.token === g.token)));
    // "vowed new measures against Qatar", "pledged sanctions": what is promised against someone threatens them.
    if (type === 'PLEDGED' && againstSomeone(parse, found.last, noun)) {
      type = 'WARNED';
      rule = `${rule}+against`;
    }
    const first = found.negatedVerb ? Math.min(token.index, ...parse.children(token.index, /^aux/).map((d) => d.dependent)) : token.index;
    frames.push({
      type,
      predicate: token.index,
      last: found.last,
      cue: parse.span(first, found.last).text,
      rule,
      ...(entry.cameo && type === entry.type ? { cameo: entry.cameo } : {}),
      weight,
      noun,
      negatedVerb: !!found.negatedVerb,
      actors,
      ...(reporter ? { reporter } : {}),
      ...(condition ? { condition } : {}),
      ...(objectOf(parse, found.negatedVerb ? token.index : found.last, noun) ? { object: objectOf(parse, found.negatedVerb ? token.index : found.last, noun) } : {}),
      firmness: firmnessOf(parse, chain, condition),
    });
  }
  return frames;
}

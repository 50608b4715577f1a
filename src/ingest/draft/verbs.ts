// The predicates the parse drafter proposes commitments from (PETRARCH2's CAMEO verbs and the project's own).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommitmentKind } from '../../domain/model.ts';

export interface PredicateEntry {
  type: CommitmentKind;
  /** Lowercase lemma, a particle after a space ("rule out"). */
  lemma: string;
  /** The CAMEO code the dictionary gives, when it gives one. */
  cameo?: string;
  /** How sure the predicate alone makes a candidate (0–1). */
  weight: number;
  /** Which pattern proposed it, for the reviewer: "cameo:PLEDGE[030]", "project:vow", "noun:warning". */
  rule: string;
}

export interface VerbDictionary {
  verbs: ReadonlyMap<string, PredicateEntry>;
  nouns: ReadonlyMap<string, PredicateEntry>;
  /** Verbs that pledge (or, with `warns`, warn) only as the modal future of the subject's act: "will send". */
  future: ReadonlyMap<string, PredicateEntry>;
  /** Verbs of intent (CAMEO 030's INTEND: intend, plan) under which a giving verb pledges: "plans to send". */
  intent: ReadonlySet<string>;
  /** Verbs that, negated under a modal, refuse what they name: "will not send", "won't join". */
  refusable: ReadonlySet<string>;
  /** Adjectives that pledge with a to-clause: "ready to", "willing to". */
  readiness: ReadonlyMap<string, PredicateEntry>;
  /** Verbs that pledge when what they give is money or troops: "gave €4mn to the fund", "announced 70 troops". */
  delivery: ReadonlyMap<string, PredicateEntry>;
}

/** The dictionary's synonym sets the drafter reads, and the type each proposes. */
const DRAFTED_BLOCKS: Record<string, CommitmentKind> = { PLEDGE: 'PLEDGED', PROMISE: 'PLEDGED', OFFER: 'PLEDGED', REFUSE: 'REFUSED', THREATEN: 'WARNED', WARN: 'WARNED' };
/** Members of those sets that seldom commit in news prose ("ensure", "deny" a report, "resist"). */
const LEFT_OUT = new Set(['subscribe', 'certify', 'ensure', 'vouch', 'assure', 'deny', 'resist', 'withstand', 'proffer', 'volunteer']);

/** Verbs the project drafts that the dictionary files under other codes or not at all. */
const PROJECT_VERBS: [CommitmentKind, string, number][] = [
  ...['vow', 'commit', 'reaffirm', 'undertake', 'donate', 'earmark', 'agree'].map((v) => ['PLEDGED', v, 0.8] as [CommitmentKind, string, number]),
  ...['veto', 'rebuff', 'dismiss', 'spurn', 'oppose', 'turn down'].map((v) => ['REFUSED', v, 0.8] as [CommitmentKind, string, number]),
  ...['retaliate', 'strike back', 'hit back'].map((v) => ['WARNED', v, 0.85] as [CommitmentKind, string, number]),
];

const NOUNS: [CommitmentKind, string, number, string?][] = [
  ['PLEDGED', 'pledge', 0.75, '030'],
  ['PLEDGED', 'promise', 0.7, '030'],
  ['PLEDGED', 'commitment', 0.7, '030'],
  ['PLEDGED', 'offer', 0.6, '030'],
  ['PLEDGED', 'contribution', 0.6],
  ['PLEDGED', 'vow', 0.7],
  ['PLEDGED', 'guarantee', 0.6],
  ['PLEDGED', 'assurance', 0.6],
  ['REFUSED', 'veto', 0.7],
  ['PLEDGED', 'readiness', 0.65],
  ['PLEDGED', 'willingness', 0.65],
  ['REFUSED', 'refusal', 0.8],
  ['REFUSED', 'rejection', 0.8],
  ['WARNED', 'warning', 0.8, '130'],
  ['WARNED', 'threat', 0.6, '130'],
  ['WARNED', 'ultimatum', 0.8],
  ['WARNED', 'retaliation', 0.75],
  ['WARNED', 'countermeasure', 0.8],
  ['WARNED', 'counteraction', 0.8],
];

const FUTURE_PLEDGES = ['cooperate', 'send', 'deploy', 'provide', 'contribute', 'give', 'supply', 'deliver', 'fund', 'finance', 'establish', 'join', 'support', 'help', 'allocate', 'grant', 'lend', 'train', 'host', 'station', 'defend', 'protect', 'recognise', 'recognize', 'guarantee'];
const FUTURE_WARNINGS = ['respond', 'retaliate', 'impose', 'strike', 'hit', 'punish'];
/**
 * The dictionary's blocks of material cooperation (06x: aid, grant, finance, arm, extradite; 07x:
 * contribute, donate, intervene, defend) and of sending: under a modal future ("will send",
 * "would provide") the subject's own act is an intent to cooperate, CAMEO 03x, a pledge.
 */
const FUTURE_PLEDGE_BLOCKS = new Set(['AID', 'ALLOCATE', 'GRANT', 'FINANCE', 'ARM', 'EXTRADITE', 'INTERVENE', 'STABILISE', 'DEFEND', 'SEND']);
/** Blocks whose acts, said as what something would or could do, warn of consequences: "could jeopardise", "would undermine". */
const FUTURE_WARNING_BLOCKS = new Set(['ENDANGER', 'UNDERMINE']);
/** Members of those blocks that name no giving or harm in news prose ("serve", "issue" a statement, "risk", "pay" a visit). */
const FUTURE_LEFT_OUT = new Set(['serve', 'benefit', 'accord', 'add', 'issue', 'bequeath', 'entrust', 'pay', 'invest', 'attire', 'gear', 'render', 'tender', 'stock', 'furnish', 'outfit', 'tend', 'ward', 'look after', 'carry', 'shuttle', 'transport', 'reassign', 'assign', 'task', 'risk', 'countermine', 'interfere', 'step in']);
/** British spellings the dictionary's American entries leave out. */
const SPELLINGS: Record<string, string[]> = { endanger: ['jeopardise', 'jeopardize'] };
const DELIVERY = ['give', 'announce', 'contribute', 'provide', 'allocate', 'send', 'deploy', 'dispatch', 'approve'];
const REFUSABLE = ['send', 'contribute', 'provide', 'deploy', 'join', 'allow', 'accept', 'give', 'sign', 'withdraw', 'participate', 'take', 'recognise', 'recognize', 'supply', 'agree', 'close', 'pay', 'lift', 'return', 'extradite', 'hand', 'negotiate', 'attend', 'tolerate', 'support'];

/** A dictionary verb line: "PLEDGE", "+RULE_OUT", "DENY {DENYING DENIED DENIES }", "DECLINE [120]". */
const VERB_LINE = /^\s*\+?([A-Z][A-Z_]*)\s*(?:\{[^}]*\})?\s*(?:\[([^\]]*)\])?/;
const BLOCK = /^---\s+(\S+)\s+\[([^\]]*)\]/;

/** The dictionary's verbs (lowercase, particles after a space) with their block and code. */
export function readCameoVerbs(text: string): { lemma: string; block: string; code?: string }[] {
  const verbs: { lemma: string; block: string; code?: string }[] = [];
  let block = '';
  let blockCode: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const header = BLOCK.exec(line);
    if (header) {
      block = header[1] as string;
      blockCode = /^\d+$/.test(header[2] as string) ? header[2] : undefined;
      continue;
    }
    // Patterns ("- * SUPPORT [032]") refine codes by the object's words; the drafter reads objects itself.
    if (!block || !line.trim() || line.startsWith('#') || line.trimStart().startsWith('-')) continue;
    const verb = VERB_LINE.exec(line);
    if (!verb) continue;
    const code = verb[2] && /^\d+$/.test(verb[2]) ? verb[2] : blockCode;
    verbs.push({ lemma: (verb[1] as string).toLowerCase().replace(/_/g, ' '), block, ...(code ? { code } : {}) });
  }
  return verbs;
}

const cache = new Map<string, VerbDictionary>();

/**
 * Verb lemmas (with their particle, "rule out") from PETRARCH2's CAMEO verb dictionary
 * (data/petrarch/CAMEO.2.0.txt) for the codes the project drafts — 03 intent (pledge, promise,
 * offer), 12 reject, 13 threaten and warn — plus the project's own verbs, nouns ("a pledge of",
 * "warning of") and the modal future of giving verbs.
 *
 * The drafter's predicates, read once per data folder.
 */
export function verbDictionary(dataDir: string): VerbDictionary {
  const cached = cache.get(dataDir);
  if (cached) return cached;
  const all = readCameoVerbs(readFileSync(join(dataDir, 'petrarch', 'CAMEO.2.0.txt'), 'utf8'));
  const codeOf = new Map(all.filter((v) => v.code).map((v) => [v.lemma, v.code as string]));
  const verbs = new Map<string, PredicateEntry>();
  for (const v of all) {
    const type = DRAFTED_BLOCKS[v.block];
    if (!type || LEFT_OUT.has(v.lemma) || verbs.has(v.lemma)) continue;
    verbs.set(v.lemma, { type, lemma: v.lemma, ...(v.code ? { cameo: v.code } : {}), weight: 0.85, rule: `cameo:${v.block}[${v.code ?? '---'}]` });
  }
  for (const [type, lemma, weight] of PROJECT_VERBS) {
    if (verbs.has(lemma)) continue;
    // The dictionary's code only when it is of the type's own root (its "donate" is 07, giving aid, not a pledge).
    const code = codeOf.get(lemma);
    const fits = code && code.startsWith({ PLEDGED: '03', REFUSED: '12', WARNED: '13' }[type]);
    verbs.set(lemma, { type, lemma, ...(fits ? { cameo: code } : {}), weight, rule: `project:${lemma}` });
  }
  const nouns = new Map(NOUNS.map(([type, lemma, weight, cameo]) => [lemma, { type, lemma, weight, ...(cameo ? { cameo } : {}), rule: `noun:${lemma}` }]));
  const future = new Map<string, PredicateEntry>([
    ...FUTURE_PLEDGES.map((lemma) => [lemma, { type: 'PLEDGED', lemma, weight: lemma === 'support' || lemma === 'help' ? 0.5 : 0.65, rule: `modal-future:${lemma}` }] as [string, PredicateEntry]),
    ...FUTURE_WARNINGS.map((lemma) => [lemma, { type: 'WARNED', lemma, weight: 0.6, rule: `modal-future:${lemma}` }] as [string, PredicateEntry]),
  ]);
  for (const v of all) {
    const type = FUTURE_PLEDGE_BLOCKS.has(v.block) ? 'PLEDGED' : FUTURE_WARNING_BLOCKS.has(v.block) ? 'WARNED' : undefined;
    if (!type || FUTURE_LEFT_OUT.has(v.lemma)) continue;
    for (const lemma of [v.lemma, ...(SPELLINGS[v.lemma] ?? [])]) {
      if (!future.has(lemma)) future.set(lemma, { type, lemma, ...(v.code ? { cameo: v.code } : {}), weight: type === 'PLEDGED' ? 0.6 : 0.55, rule: `modal-future:cameo:${v.block}[${v.code ?? '---'}]` });
    }
  }
  const readiness = new Map(['ready', 'prepared', 'willing'].map((lemma) => [lemma, { type: 'PLEDGED' as const, lemma, weight: 0.7, rule: `ready-to:${lemma}` }]));
  const delivery = new Map(DELIVERY.map((lemma) => [lemma, { type: 'PLEDGED' as const, lemma, weight: 0.7, rule: `delivery:${lemma}` }]));
  const intent = new Set(all.filter((v) => v.block === 'INTEND' && v.lemma !== 'mean').map((v) => v.lemma));
  const dictionary: VerbDictionary = { verbs, nouns, future, intent, refusable: new Set(REFUSABLE), readiness, delivery };
  cache.set(dataDir, dictionary);
  return dictionary;
}

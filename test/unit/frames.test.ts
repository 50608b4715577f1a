// The parse drafter's rules on saved CoreNLP answers (test/fixtures/corenlp/frames.json, captured
// with test/support/capture-corenlp.ts), so they run without a JVM: predicates and their frames,
// then actors through names, titles, capitals, seats of government and antecedents.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRegistry } from '../../src/ingest/dossier-files.ts';
import { draftContext } from '../../src/ingest/draft/draft.ts';
import { framesOf } from '../../src/ingest/draft/frames.ts';
import { checkEnglish, draftFromParse } from '../../src/ingest/draft/parse-draft.ts';
import { readCameoVerbs, verbDictionary } from '../../src/ingest/draft/verbs.ts';
import { annotatedSentences, type CoreNlpResponse } from '../../src/ingest/nlp/corenlp-client.ts';
import { splitSentences } from '../../src/ingest/sentences.ts';
import { DATA_DIR, PROJECT_ROOT } from '../../src/project-files.ts';

const fixture = JSON.parse(readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'corenlp', 'frames.json'), 'utf8')) as { sentences: string[]; response: CoreNlpResponse };
const parsed = annotatedSentences(fixture.sentences, fixture.response);
const dictionary = verbDictionary(DATA_DIR);
const context = draftContext(readRegistry(), DATA_DIR);

const parsedOf = (sentence: string) => {
  const at = fixture.sentences.indexOf(sentence);
  if (at < 0) throw new Error(`no saved parse of "${sentence}"`);
  return parsed[at] as (typeof parsed)[number];
};
const framesIn = (sentence: string) => {
  const parse = parsedOf(sentence);
  return framesOf(parse, dictionary).map((f) => ({ ...f, actorWords: f.actors.map((a) => parse.tokens[a.token - 1]?.text) }));
};
/** Drafts sentences that were saved in the fixture, each a line of the article. */
const draftOf = (...lines: string[]) => {
  const text = lines.join('\n');
  const sentences = splitSentences(text);
  expect(sentences.map((s) => s.text)).toEqual(lines);
  return draftFromParse(text, sentences, lines.map(parsedOf), {}, context);
};
const commitments = (...lines: string[]) => draftOf(...lines).candidates.map((c) => ({ type: c.type, from: c.from, to: c.to, firmness: c.firmness }));

describe('the CAMEO verb dictionary', () => {
  it('reads synonym sets with their codes and particles, and keeps the drafted codes', () => {
    const verbs = readCameoVerbs('---  PLEDGE   [030]  ---\nPLEDGE \n- * SUPPORT   [032]  # PLEDGE\n---  REFUSE   [---]  ---\n+RULE_OUT \nDECLINE [120] \n');
    expect(verbs).toEqual([
      { lemma: 'pledge', block: 'PLEDGE', code: '030' },
      { lemma: 'rule out', block: 'REFUSE' },
      { lemma: 'decline', block: 'REFUSE', code: '120' },
    ]);
    expect(dictionary.verbs.get('pledge')).toMatchObject({ type: 'PLEDGED', cameo: '030' });
    expect(dictionary.verbs.get('rule out')).toMatchObject({ type: 'REFUSED' });
    expect(dictionary.verbs.get('warn')).toMatchObject({ type: 'WARNED', cameo: '130' });
    expect(dictionary.verbs.has('ensure')).toBe(false);
  });
});

describe('frames', () => {
  it('takes the subject through to-clauses and conjuncts (nsubj:xsubj)', () => {
    const [frame] = framesIn('Germany pledged to send troops and to fund the mission.');
    expect(frame).toMatchObject({ type: 'PLEDGED', cue: 'pledged', cameo: '030', firmness: 'firm', actorWords: ['Germany'] });
    expect(frame?.rule).toMatch(/^cameo:PLEDGE/);
  });

  it('takes the passive agent as the actor', () => {
    expect(framesIn('The aid was promised by Japan.')).toEqual([expect.objectContaining({ type: 'PLEDGED', actorWords: ['Japan'], actors: [expect.objectContaining({ how: 'agent' })] })]);
  });

  it('reads "has not ruled out" as no refusal (a veiled threat of force)', () => {
    const frames = framesIn('Russia has not ruled out the use of force.');
    expect(frames.some((f) => f.type === 'REFUSED')).toBe(false);
    expect(frames).toEqual([expect.objectContaining({ type: 'WARNED', rule: 'not-rule-out:force', actorWords: ['Russia'] })]);
  });

  it('reads a noun predicate with its condition: "a warning of retaliation if …"', () => {
    const [frame] = framesIn('Iran issued a warning of retaliation if the sanctions are extended.');
    expect(frame).toMatchObject({ type: 'WARNED', noun: true, rule: 'noun:warning', firmness: 'conditional', actorWords: ['Iran'] });
    expect(frame?.condition).toMatchObject({ cue: 'if', text: 'if the sanctions are extended' });
  });

  it('reads a negated modal of a giving verb as a refusal', () => {
    expect(framesIn('Italy will not send troops to the mission.')).toEqual([expect.objectContaining({ type: 'REFUSED', negatedVerb: true, cue: 'will not send', actorWords: ['Italy'] })]);
  });
});

describe('actors', () => {
  it('follows "the country" back to the state named before', () => {
    expect(commitments('Kenya recalled its ambassador on Monday.', 'The country also threatened to cut trade ties.')).toEqual([expect.objectContaining({ type: 'WARNED', from: 'state:KEN' })]);
  });

  it('finds a person by title and apposition, and proposes that she or he leads the state', () => {
    const draft = draftOf("Kenya's President William Ruto said Kenya would send 1,000 police officers to Haiti.");
    expect(draft.candidates).toEqual([expect.objectContaining({ type: 'PLEDGED', from: 'state:KEN', to: 'state:HTI' })]);
    const relationships = draft.dossier.relationships as { type: string; from: string; to: string }[];
    expect(relationships).toContainEqual(expect.objectContaining({ type: 'LEADS', from: 'person:william-ruto', to: 'state:KEN' }));
  });

  it('reads a capital and a seat of government as their state', () => {
    expect(commitments('Beijing warned Tokyo against interfering in Taiwan.')).toEqual([{ type: 'WARNED', from: 'state:CHN', to: 'state:JPN', firmness: 'firm' }]);
    expect(commitments('The Kremlin rejected the proposal.')).toEqual([expect.objectContaining({ type: 'REFUSED', from: 'state:RUS' })]);
  });

  it('resolves "it" in reported speech to the speaker, and coordinated subjects to each state', () => {
    expect(commitments('Iran said it would retaliate against any attack.')).toEqual([expect.objectContaining({ type: 'WARNED', from: 'state:IRN' })]);
    const pair = commitments('Britain and France pledged to recognise Kosovo.').map((c) => c.from).sort();
    expect(pair).toEqual(['state:FRA', 'state:GBR']);
  });

  it('names the rule and the confidence on every candidate', () => {
    const draft = draftOf('Germany pledged to send troops and to fund the mission.', 'The Kremlin rejected the proposal.');
    for (const c of draft.candidates) {
      expect(c.rule).toMatch(/^(cameo|project|noun|modal-future|negated-modal|ready-to|not-rule-out|negated-pledge|negated-belief)[:-].* actor:/);
      expect(c.confidence).toBeGreaterThan(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
      expect(c.review).toBe('machine');
    }
    // The reviewer sees both beside each relationship of the YAML.
    expect(draft.yaml).toMatch(/- ref: \S+ # confidence 0\.\d\d \(rule cameo:PLEDGE\[030\] actor:subject\)/);
  });
});

describe('language', () => {
  it('refuses text that is not English (DRAFT_LANGUAGE) and reads English', () => {
    expect(() => checkEnglish('Путин заявил, что Россия не будет отправлять войска в эту страну и не рассматривает такую возможность.')).toThrow(expect.objectContaining({ code: 'DRAFT_LANGUAGE' }));
    expect(() => checkEnglish('Le gouvernement français a promis d’envoyer des troupes au Mali si la situation se détériore encore dans le nord du pays, selon le ministre.')).toThrow(expect.objectContaining({ code: 'DRAFT_LANGUAGE' }));
    expect(() => checkEnglish('Germany pledged to send troops to the mission, the chancellor said on Monday.')).not.toThrow();
  });
});

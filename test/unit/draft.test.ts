// The drafter's parts, each against what an English reader expects: the one sentence splitter
// (abbreviations do not end a sentence), demonyms and initials from the country tables, the cue
// lexicons (negation turns a pledge into a refusal), firmness and conditions, actors through
// reported speech, titles and pronouns, and the evaluation's one-to-one matching.
import { describe, expect, it } from 'vitest';
import { readRegistry } from '../../src/ingest/dossier-files.ts';
import { checkArticle, draftContext, draftDossier } from '../../src/ingest/draft/draft.ts';
import { demonyms, initials } from '../../src/ingest/lookup/actor-forms.ts';
import { commitmentsOf, compareDraft, sameObject, score } from '../../src/ingest/draft/evaluate.ts';
import { splitSentences } from '../../src/ingest/sentences.ts';
import { DATA_DIR } from '../../src/project-files.ts';

const context = draftContext(readRegistry(), DATA_DIR);
const draft = (text: string) => draftDossier(text, {}, context).candidates.map((c) => ({ type: c.type, from: c.from, to: c.to, firmness: c.firmness, conditions: c.conditions, attribution: c.attribution }));

describe('the sentence splitter', () => {
  it('does not end a sentence at abbreviations, titles or initials, and keeps offsets exact', () => {
    const text = 'The U.S. envoy met Mr. Smith and Gen. Jones in Washington D.C. on Monday. J. D. Vance said the U.S. would not send troops.\nA headline without a stop\n“We will respond,” the Kremlin said. It ended.';
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual([
      'The U.S. envoy met Mr. Smith and Gen. Jones in Washington D.C. on Monday.',
      'J. D. Vance said the U.S. would not send troops.',
      'A headline without a stop',
      '“We will respond,” the Kremlin said.',
      'It ended.',
    ]);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});

describe('names from the country tables', () => {
  it('derives demonyms and initials', () => {
    expect(demonyms('Japan')).toContain('Japanese');
    expect(demonyms('China')).toContain('Chinese');
    expect(demonyms('Turkey')).toEqual(expect.arrayContaining(['Turkish', 'Turks']));
    expect(demonyms('Iraq')).toContain('Iraqi');
    expect(demonyms('Georgia')).toContain('Georgians');
    expect(initials("Democratic People's Republic of Korea")).toBe('DPRK');
    expect(initials('Japan')).toBeUndefined();
  });
});

describe('drafting sentences', () => {
  it('finds the actor of a pledge, the recipient of aid, and states the registry lacks', () => {
    expect(draft('Aid for Chile\nNorway pledged $50 million to Chile on Monday.')).toContainEqual(expect.objectContaining({ type: 'PLEDGED', from: 'state:NOR', to: 'state:CHL' }));
  });

  it('reads a negated pledge under a modal as a refusal, and a negated refusal as nothing', () => {
    expect(draft('Brazilian President Luiz Lula said Brazil would not send troops to Haiti.')).toContainEqual(expect.objectContaining({ type: 'REFUSED', from: 'state:BRA' }));
    expect(draft('Norway did not reject the plan for Chile.').filter((c) => c.type === 'REFUSED')).toEqual([]);
    expect(draft('None of the donors has made a firm commitment to Chile.')).toEqual([]);
  });

  it('takes the speaker of a quote, through a title, as the actor, and the condition as a condition', () => {
    const found = draft('“If Kenya sends troops, Somalia will strike back,” Somali Foreign Minister Ahmed Isse said.');
    expect(found).toContainEqual(expect.objectContaining({ type: 'WARNED', from: 'state:SOM', firmness: 'conditional', attribution: 'direct_quote' }));
    expect(found[0]?.conditions[0]).toMatch(/^condition:kenya-sends-troops/);
  });

  it('hedges what could or may happen, and keeps cues inside a condition out', () => {
    expect(draft('Peru could support a monitoring mission in Chile.')).toContainEqual(expect.objectContaining({ type: 'PLEDGED', from: 'state:PER', firmness: 'hedged' }));
    expect(draft('Talks will resume if Peru is ready to compromise with Chile.')).toEqual([]);
  });

  it('refuses an empty, binary or sentence-less text with a code', () => {
    expect(() => checkArticle('')).toThrow(expect.objectContaining({ code: 'DRAFT_EMPTY' }));
    expect(() => checkArticle('\u0000\u0001\u0002abc')).toThrow(expect.objectContaining({ code: 'DRAFT_BINARY' }));
    expect(() => checkArticle('12 — 13')).toThrow(expect.objectContaining({ code: 'DRAFT_NO_SENTENCES' }));
  });
});

describe('the evaluation', () => {
  const text = 'Norway pledged aid. Chile refused it. Peru warned Chile.';
  const rel = (type: string, from: string, to: string, quote: string) => ({ type, from, to, evidence: [{ quote }] });

  it('matches type and actor one to one when the quote falls in a sentence the key quotes', () => {
    const key = commitmentsOf({ relationships: [rel('PLEDGED', 'state:NOR', 'state:CHL', 'pledged aid'), rel('WARNED', 'state:PER', 'state:CHL', 'warned Chile')] }, text);
    const drafted = commitmentsOf(
      {
        relationships: [
          rel('PLEDGED', 'state:NOR', 'state:PER', 'Norway pledged aid.'),
          rel('PLEDGED', 'state:NOR', 'state:CHL', 'Norway pledged aid.'), // a second draft for the same key: one to one
          rel('WARNED', 'state:PER', 'state:CHL', 'Chile refused it.'), // the wrong sentence
        ],
      },
      text,
    );
    const scores = score(drafted, key, new Map(), new Map());
    expect(scores).toEqual({ draft: 3, key: 2, matched: 1, matchedWithObject: 1 });
  });

  it('counts what was not matched by class: missed predicate, actor, type, both, next sentence, object, extra', () => {
    const story = 'Norway pledged aid. Chile refused it. Peru warned Chile. Brazil pledged ships. Ecuador said so too. Cuba warned Peru.';
    const key = commitmentsOf(
      {
        relationships: [
          rel('PLEDGED', 'state:NOR', 'state:CHL', 'pledged aid'), // matched, object wrong
          rel('REFUSED', 'state:CHL', 'state:NOR', 'refused it'), // a candidate there, same type, other actor
          rel('WARNED', 'state:PER', 'state:CHL', 'warned Chile'), // a candidate there from Peru, other type
          rel('PLEDGED', 'state:BRA', 'state:ECU', 'pledged ships'), // drafted from the next sentence
          rel('WARNED', 'state:CUB', 'state:PER', 'warned Peru'), // nothing drafted there
        ],
      },
      story,
    );
    const drafted = commitmentsOf(
      {
        relationships: [
          rel('PLEDGED', 'state:NOR', 'state:PER', 'Norway pledged aid.'),
          rel('REFUSED', 'state:PER', 'state:NOR', 'Chile refused it.'),
          rel('PLEDGED', 'state:PER', 'state:CHL', 'Peru warned Chile.'),
          rel('PLEDGED', 'state:BRA', 'state:ECU', 'Ecuador said so too.'),
        ],
      },
      story,
    );
    expect(compareDraft(drafted, key, new Map(), new Map()).errors).toEqual({ missedPredicate: 1, actor: 1, type: 1, actorAndType: 0, sentence: 1, object: 1, extraOutsideKey: 1 });
  });

  it('takes a proposed object for the key’s when their names share a content word, never a state for an initiative', () => {
    const draftNodes = new Map([['initiative:send-troops-to-iraq', { name: 'Send troops to Iraq' }]]);
    const keyNodes = new Map([['initiative:iraq-stabilisation-force', { name: 'Foreign troops for Iraq', aliases: ['troops to Iraq'] }]]);
    expect(sameObject('initiative:send-troops-to-iraq', 'initiative:iraq-stabilisation-force', draftNodes, keyNodes)).toBe(true);
    expect(sameObject('state:IRQ', 'initiative:iraq-stabilisation-force', draftNodes, keyNodes)).toBe(false);
    expect(sameObject('initiative:send-troops-to-iraq', 'state:IRQ', draftNodes, keyNodes)).toBe(false);
  });
});

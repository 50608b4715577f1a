// The parse drafter's rules for what a pledge is for, organs that name no state, persons in
// government the dictionary knows and CAMEO's giving and harming verbs under a modal, on saved CoreNLP
// answers (test/fixtures/corenlp/draft-recall.json, captured with test/support/capture-corenlp.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRegistry } from '../../src/ingest/dossier-files.ts';
import { draftContext } from '../../src/ingest/draft/draft.ts';
import { framesOf, Parse } from '../../src/ingest/draft/frames.ts';
import { draftFromParse } from '../../src/ingest/draft/parse-draft.ts';
import { recipientOf } from '../../src/ingest/draft/recipients.ts';
import { verbDictionary } from '../../src/ingest/draft/verbs.ts';
import { annotatedSentences, type CoreNlpResponse } from '../../src/ingest/nlp/corenlp-client.ts';
import { splitSentences } from '../../src/ingest/sentences.ts';
import { DATA_DIR, PROJECT_ROOT } from '../../src/project-files.ts';

const fixture = JSON.parse(readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'corenlp', 'draft-recall.json'), 'utf8')) as { sentences: string[]; response: CoreNlpResponse };
const parsed = annotatedSentences(fixture.sentences, fixture.response);
const context = draftContext(readRegistry(), DATA_DIR);

const parsedOf = (sentence: string) => {
  const at = fixture.sentences.indexOf(sentence);
  if (at < 0) throw new Error(`no saved parse of "${sentence}"`);
  return parsed[at] as (typeof parsed)[number];
};
/** Drafts saved sentences, each a line of the article. */
const draftOf = (...lines: string[]) => {
  const text = lines.join('\n');
  const sentences = splitSentences(text);
  expect(sentences.map((s) => s.text)).toEqual(lines);
  return draftFromParse(text, sentences, lines.map(parsedOf), {}, context);
};
const commitments = (...lines: string[]) => draftOf(...lines).candidates.map((c) => ({ type: c.type, from: c.from, to: c.to }));

describe('what a pledge is for', () => {
  it('takes the fund a to-phrase names, as an initiative (a fund receives; it does not pledge)', () => {
    const draft = draftOf('Norway gave $50 million to the Adaptation Fund.');
    expect(draft.candidates.map((c) => ({ type: c.type, from: c.from, to: c.to }))).toEqual([{ type: 'PLEDGED', from: 'state:NOR', to: 'initiative:adaptation-fund' }]);
    expect(draft.yaml).toContain('kind: INITIATIVE');
  });

  it("takes the state whose need a for-phrase names (\"for Haiti's reconstruction\")", () => {
    expect(commitments("Japan pledged $20 million for Haiti's reconstruction.")).toEqual([{ type: 'PLEDGED', from: 'state:JPN', to: 'state:HTI' }]);
  });

  it('takes a named mission, not the state it serves in', () => {
    expect(commitments('Ghana offered 800 troops for the UN mission in Mali.')).toEqual([{ type: 'PLEDGED', from: 'state:GHA', to: 'initiative:un-mission-in-mali' }]);
  });

  it('gives a pledge with no recipient of its own the one the lead named, a place the tables lack as a territory', () => {
    expect(commitments('Donors pledged $3 billion for the Ogaden at a conference in Addis Ababa.', 'Sweden pledged $40 million.')).toEqual([{ type: 'PLEDGED', from: 'state:SWE', to: 'territory:ogaden' }]);
  });

  it('reads a purpose in common nouns as no recipient, a named mission as one', () => {
    const recipient = (sentence: string) => {
      const parse = new Parse(parsedOf(sentence));
      const [frame] = framesOf(parsedOf(sentence), verbDictionary(DATA_DIR));
      return recipientOf(parse, frame?.predicate ?? 0, []);
    };
    expect(recipient('Canada pledged $10 million for post-war reconstruction.')).toBeUndefined();
    expect(recipient('Ghana offered 800 troops for the UN mission in Mali.')).toMatchObject({ id: 'initiative:un-mission-in-mali', how: 'proposed' });
  });
});

describe('actors the sentence does not name', () => {
  it('reads "the ministry" and "officials" as the state named before', () => {
    expect(commitments('Chile rejected the proposal on Monday.', 'The ministry said it would not sign the accord.', 'Officials warned of retaliation.').map((c) => [c.type, c.from])).toEqual([
      ['REFUSED', 'state:CHL'],
      ['REFUSED', 'state:CHL'],
      ['WARNED', 'state:CHL'],
    ]);
  });

  it('without a state named before, leaves "officials" to the reviewer', () => {
    expect(commitments('Officials warned of retaliation.')).toEqual([]);
  });

  it("places a person in government the dictionary knows in their state, by full name and then by family name", () => {
    expect(commitments('Sergey Lavrov warned of retaliation against the sanctions.', 'Lavrov vowed to retaliate.').map((c) => [c.type, c.from])).toEqual([
      ['WARNED', 'state:RUS'],
      ['PLEDGED', 'state:RUS'],
    ]);
  });

  it("takes a consequence the speaker foresees as the speaker's warning", () => {
    expect(commitments('Peru said the dispute could jeopardise the trade talks.').map((c) => [c.type, c.from])).toEqual([['WARNED', 'state:PER']]);
  });
});

describe("CAMEO's giving verbs under a modal", () => {
  it('pledges with a verb of the ARM block ("will equip")', () => {
    const [frame] = framesOf(parsedOf('Brazil will equip the coast guard.'), verbDictionary(DATA_DIR));
    expect(frame).toMatchObject({ type: 'PLEDGED', rule: 'modal-future:cameo:ARM[062]' });
    expect(commitments('Brazil will equip the coast guard.').map((c) => [c.type, c.from])).toEqual([['PLEDGED', 'state:BRA']]);
  });
});

describe('lists, gaps and aims', () => {
  // What they give goes where the lead says the pledges go.
  const lead = 'Donors pledged $3 billion for the Ogaden at a conference in Addis Ababa.';

  it('reads the actor of a gapped clause ("…, and Uganda 200 soldiers")', () => {
    expect(commitments(lead, 'Kenya has pledged 300 police officers, and Uganda 200 soldiers.')).toEqual([
      { type: 'PLEDGED', from: 'state:KEN', to: 'territory:ogaden' },
      { type: 'PLEDGED', from: 'state:UGA', to: 'territory:ogaden' },
    ]);
  });

  it('reads the members a group names by example, each of them', () => {
    expect(commitments(lead, 'Several nations, such as Chile and Peru, said they would help.').map((c) => [c.type, c.from])).toEqual([
      ['PLEDGED', 'state:CHL'],
      ['PLEDGED', 'state:PER'],
    ]);
  });

  it('reads measures promised against a state as a warning to it', () => {
    expect(commitments('Egypt vowed new measures against Sudan.')).toEqual([{ type: 'WARNED', from: 'state:EGY', to: 'state:SDN' }]);
  });

  it('reads a plan to send troops as a pledge', () => {
    expect(commitments('Morocco plans to send 400 troops.').map((c) => [c.type, c.from])).toEqual([['PLEDGED', 'state:MAR']]);
  });

  it('leaves out a dateline that ends in a spaced hyphen', () => {
    expect(commitments('NAIROBI, Kenya - Ethiopia promised $5 million to the relief effort.').map((c) => [c.type, c.from, c.to])).toEqual([['PLEDGED', 'state:ETH', 'initiative:relief-effort']]);
  });
});

// The one sentence splitter: what counts as a sentence for the ledger, quotes and drafts.
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/ingest/sentences.ts';

const texts = (text: string) => splitSentences(text).map((s) => s.text);

describe('splitSentences', () => {
  it('keeps a full stop printed after a closing quote with the sentence it ends', () => {
    const text = 'The minister said the plan “will go ahead as agreed.”. She added that the fund would be “ready by spring.”. France pledged two frigates.';
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual([
      'The minister said the plan “will go ahead as agreed.”.',
      'She added that the fund would be “ready by spring.”.',
      'France pledged two frigates.',
    ]);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('ends a sentence at every line break: headlines without a full stop and list items', () => {
    expect(texts('France pledges frigates\n- Germany will send a hospital.\n- Italy refused.')).toEqual(['France pledges frigates', '- Germany will send a hospital.', '- Italy refused.']);
  });

  it('never joins punctuation across a line break, and drops lines that are only space', () => {
    expect(texts('Italy refused.\n.\n   \nSpain agreed.')).toEqual(['Italy refused.', '.', 'Spain agreed.']);
  });

  it('does not end a sentence at an abbreviation', () => {
    expect(texts('The U.S. pledged aid. Mr. Smith said so.')).toEqual(['The U.S. pledged aid.', 'Mr. Smith said so.']);
  });
});

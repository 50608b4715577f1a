// The coverage rule: every sentence of the article is in the dossier's ledger, mapped to
// relationships that exist or to a reason why it asserts none.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { splitSentences } from '../../src/ingest/sentences.ts';
import { SEED_DOSSIER, SEED_SOURCE } from '../support/fixtures.ts';

const dossier = parse(readFileSync(SEED_DOSSIER, 'utf8')) as {
  relationships: { ref: string; type: string }[];
  ledger: ({ sentence: string; refs: string[] } | { sentence: string; none: string })[];
};
const source = readFileSync(SEED_SOURCE, 'utf8');

describe('sentence ledger of the seed article', () => {
  const sentences = splitSentences(source);

  it('splits the article into its 40 sentences, quotes kept whole', () => {
    expect(sentences).toHaveLength(40);
    expect(sentences[30]?.text).toBe('At the moment, he is not showing that readiness.”');
    for (const s of sentences) expect(source.slice(s.start, s.end)).toBe(s.text);
  });

  it('has every sentence, once, and nothing else', () => {
    expect(dossier.ledger.map((e) => e.sentence)).toEqual(sentences.map((s) => s.text));
  });

  it('maps each sentence to refs that exist, or says why it asserts nothing', () => {
    const refs = new Set(dossier.relationships.map((r) => r.ref));
    for (const entry of dossier.ledger) {
      if ('refs' in entry) for (const ref of entry.refs) expect(refs, `${ref} in ledger`).toContain(ref);
      else expect(entry.none.length).toBeGreaterThan(10);
    }
    const withoutRelationships = dossier.ledger.filter((e) => 'none' in e);
    expect(withoutRelationships.length).toBeLessThanOrEqual(3);
  });

  it('uses every relationship somewhere in the ledger', () => {
    const used = new Set(dossier.ledger.flatMap((e) => ('refs' in e ? e.refs : [])));
    expect(dossier.relationships.filter((r) => !used.has(r.ref)).map((r) => r.ref)).toEqual([]);
  });

  it('encodes the refusals, the hedge and the warnings the article reports', () => {
    const byRef = new Map(dossier.relationships.map((r) => [r.ref, r.type]));
    expect(byRef.get('ita-refuses-troops')).toBe('REFUSED');
    expect(byRef.get('pol-refuses-troops')).toBe('REFUSED');
    expect(byRef.get('deu-pledges-force-hedged')).toBe('PLEDGED');
    expect(byRef.get('russia-warns-against-force')).toBe('WARNED');
    expect(byRef.get('russia-refuses-ceasefire')).toBe('REFUSED');
  });
});

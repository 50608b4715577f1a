// The drafter on every article the project holds (seeds, evaluation set, fixtures): each gives a
// draft that validates as it is — real text never makes it fail.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRegistry } from '../../src/ingest/dossier-files.ts';
import { draftAndValidate, draftContext } from '../../src/ingest/draft/draft.ts';
import { DATA_DIR } from '../../src/project-files.ts';
import { projectArticles } from '../support/articles.ts';

const UNIQUE = projectArticles();

describe('drafting every article the project holds', () => {
  const context = draftContext(readRegistry(), DATA_DIR);

  it('finds the articles: the seeds and the whole evaluation set', () => {
    expect(UNIQUE.filter((p) => p.includes('draft-eval')).length).toBeGreaterThanOrEqual(30);
    expect(UNIQUE.some((p) => p.startsWith('seeds'))).toBe(true);
  });

  it.each(UNIQUE)('%s gives a draft that validates, one ledger entry per distinct sentence', (path) => {
    const text = readFileSync(path, 'utf8');
    const draft = draftAndValidate(text, { sourceId: 'source:every-article' }, context);
    const ledger = (draft.dossier.ledger as { sentence: string }[]).map((e) => e.sentence);
    expect(new Set(ledger).size).toBe(ledger.length);
  });
});

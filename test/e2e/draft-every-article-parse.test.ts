// The parse drafter on every article the project holds (seeds, evaluation set, fixtures), with the
// real CoreNLP server: each gives a draft from the parse that validates — real text never makes it fail.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readRegistry } from '../../src/ingest/dossier-files.ts';
import { draftContext } from '../../src/ingest/draft/draft.ts';
import { draftArticle } from '../../src/ingest/draft/parse-draft.ts';
import { DATA_DIR } from '../../src/project-files.ts';
import { projectArticles } from '../support/articles.ts';
import { CORENLP_START_LIMIT_MS, corenlpForTests } from '../support/corenlp.ts';
import { timeLimit } from '../support/time-limits.ts';

const UNIQUE = projectArticles();

describe('drafting every article the project holds from the parse', () => {
  const context = draftContext(readRegistry(), DATA_DIR);
  let url: string | null = null;
  beforeAll(async () => {
    url = await corenlpForTests();
  }, CORENLP_START_LIMIT_MS);

  it('gives a draft from the parse that validates for each article, one ledger entry per distinct sentence', async ({ skip }) => {
    if (!url) return skip('no CoreNLP server');
    expect(UNIQUE.filter((p) => p.includes('draft-eval')).length).toBeGreaterThanOrEqual(30);
    for (const path of UNIQUE) {
      const text = readFileSync(path, 'utf8');
      const drafted = await draftArticle(text, { sourceId: 'source:every-article' }, context, { nlpUrl: url, timeoutMs: timeLimit(60_000) });
      expect(drafted.drafter, path).toBe('parse');
      expect(drafted.warnings, path).toEqual([]);
      const ledger = (drafted.draft.dossier.ledger as { sentence: string }[]).map((e) => e.sentence);
      expect(new Set(ledger).size, path).toBe(ledger.length);
    }
  }, timeLimit(600_000));
});

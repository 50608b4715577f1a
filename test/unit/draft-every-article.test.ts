// The drafter on every article the project holds (seeds, evaluation set, fixtures): each gives a
// draft that validates as it is — real text never makes it fail.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRegistry } from '../../src/ingest/dossier-files.ts';
import { draftAndValidate, draftContext } from '../../src/ingest/draft/draft.ts';
import { DATA_DIR } from '../../src/project-files.ts';

/** Every .txt article under a folder, one level of sub-folders deep. */
function articlesUnder(root: string): string[] {
  return readdirSync(root, { withFileTypes: true }).flatMap((entry) => {
    const path = join(root, entry.name);
    if (entry.isFile()) return entry.name.endsWith('.txt') ? [path] : [];
    return entry.isDirectory() ? readdirSync(path).filter((name) => name.endsWith('.txt')).map((name) => join(path, name)) : [];
  });
}

const ARTICLES = ['seeds', 'test/fixtures'].flatMap((root) => [...articlesUnder(root), ...readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).flatMap((e) => articlesUnder(join(root, e.name)))]);
const UNIQUE = [...new Set(ARTICLES)].sort();

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

// cgraph draft on CoreNLP's parse, as a process: with the real server a tune article drafts into a
// folder that validates, each candidate naming its rule; without one (CGRAPH_NLP=off) it drafts with
// the simpler rules and says so; text that is not English is refused.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DraftCandidate } from '../../src/ingest/draft/draft.ts';
import { CORENLP_START_LIMIT_MS, corenlpForTests } from '../support/corenlp.ts';
import { tempDir } from '../support/fixtures.ts';
import { runCli } from '../support/run-cli.ts';

const HAITI = 'test/fixtures/draft-eval/xinhua-haiti-donors-2010/article.txt';

describe('cgraph draft on the parse', () => {
  let url: string | null = null;
  beforeAll(async () => {
    url = await corenlpForTests();
  }, CORENLP_START_LIMIT_MS);

  it('drafts a tune article with the real server into a draft that validates, each candidate with its rule', ({ skip }) => {
    if (!url) return skip('no CoreNLP server');
    const out = join(tempDir(), 'haiti');
    const drafted = runCli(['draft', HAITI, '--out', out, '--json'], { CGRAPH_NLP_URL: url, CGRAPH_NLP: undefined });
    expect(drafted.code, drafted.stderr).toBe(0);
    expect(drafted.stderr).not.toContain('CoreNLP is not running');
    const text = readFileSync(HAITI, 'utf8');
    const candidates = drafted.stdout.trim().split('\n').map((line) => JSON.parse(line) as DraftCandidate);
    expect(candidates.length).toBeGreaterThan(0);
    for (const c of candidates) {
      expect(text.slice(c.start, c.end)).toBe(c.quote);
      expect(c.rule).toMatch(/ actor:/);
      expect(c.review).toBe('machine');
    }
    expect(candidates).toContainEqual(expect.objectContaining({ type: 'PLEDGED', to: 'state:HTI' }));
    const validated = runCli(['validate', out]);
    expect(validated.code, validated.stderr + validated.stdout).toBe(0);
  });

  it('drafts with the simpler rules and says so when CoreNLP is off', () => {
    const out = join(tempDir(), 'haiti');
    const drafted = runCli(['draft', HAITI, '--out', out], { CGRAPH_NLP: 'off', CGRAPH_NLP_URL: undefined });
    expect(drafted.code, drafted.stderr).toBe(0);
    expect(drafted.stderr).toContain('CoreNLP is not running: drafted with the simpler rules');
    expect(runCli(['validate', out]).code).toBe(0);
  });

  it('refuses an article that is not English with DRAFT_LANGUAGE', () => {
    const dir = tempDir();
    const file = join(dir, 'article.txt');
    writeFileSync(file, 'Путин заявил, что Россия не будет отправлять войска в эту страну.\nМинистр сказал, что решение окончательное.\n');
    const drafted = runCli(['draft', file, '--out', join(dir, 'out')], { CGRAPH_NLP: 'off', CGRAPH_NLP_URL: undefined });
    expect(drafted.code).toBe(1);
    expect(drafted.stderr).toContain('DRAFT_LANGUAGE');
  });
});

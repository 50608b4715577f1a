// cgraph draft as a process: an article becomes a draft folder that cgraph validate accepts as
// it is and that loads (every statement unreviewed); --json prints the candidates; bad input is
// a coded error with nothing written.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { DraftCandidate } from '../../src/ingest/draft/draft.ts';
import { tempDir } from '../support/fixtures.ts';
import { runCli } from '../support/run-cli.ts';

const HAITI = 'test/fixtures/draft-eval/xinhua-haiti-donors-2010/article.txt';
const TURKEY = 'test/fixtures/draft-eval/bloomberg-turkey-bases-iraq-2008/article.txt';

type Candidate = DraftCandidate;
/** These tests pin today's rules (the fallback): the parse drafter has its own e2e test with a server. */
const RULES = { CGRAPH_NLP: 'off', CGRAPH_NLP_URL: undefined };

describe('cgraph draft', () => {
  it('writes a draft folder that validates and loads, and prints the candidates as JSON lines', () => {
    const out = join(tempDir(), 'haiti');
    const drafted = runCli(['draft', HAITI, '--out', out, '--url', 'http://big5.cctv.com/gate/big5/english.cctv.cn/20100401/100985.shtml', '--published', '2010-04-01', '--source-id', 'source:xinhua-haiti-donors', '--json'], RULES);
    expect(drafted.code, drafted.stderr).toBe(0);
    const text = readFileSync(HAITI, 'utf8');
    expect(readFileSync(join(out, 'article.txt'), 'utf8')).toBe(text);
    const candidates = drafted.stdout.trim().split('\n').map((line) => JSON.parse(line) as Candidate);
    for (const c of candidates) {
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['type', 'from', 'to', 'quote', 'start', 'end', 'sentence', 'firmness', 'conditions', 'cue', 'confidence']));
      expect(text.slice(c.start, c.end)).toBe(c.quote);
      expect(c.review).toBe('machine');
      expect(c.confidence).toBeGreaterThan(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
    }
    // The article's own words: "Brazil pledged 172 million dollars", "Montenegro pledged 10,000 dollars".
    expect(candidates).toContainEqual(expect.objectContaining({ type: 'PLEDGED', from: 'state:BRA', to: 'state:HTI', cue: 'pledged' }));
    expect(candidates).toContainEqual(expect.objectContaining({ type: 'PLEDGED', from: 'state:MNE', to: 'state:HTI' }));

    const dossier = parse(readFileSync(join(out, 'dossier.yaml'), 'utf8')) as {
      source: Record<string, string>;
      reviewed?: unknown;
      entities: { id: string; kind: string; iso3?: string }[];
      ledger: { sentence: string }[];
    };
    expect(dossier.source).toMatchObject({ id: 'source:xinhua-haiti-donors', url: 'http://big5.cctv.com/gate/big5/english.cctv.cn/20100401/100985.shtml', publishedAt: '2010-04-01', file: 'article.txt' });
    expect(dossier.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(dossier.reviewed).toBeUndefined();
    // States the registry does not hold come from the country tables, with their codes.
    expect(dossier.entities).toContainEqual(expect.objectContaining({ id: 'state:HTI', kind: 'STATE', iso3: 'HTI' }));
    expect(dossier.ledger.length).toBeGreaterThanOrEqual(8);

    const validated = runCli(['validate', out, '--json']);
    expect(validated.code, validated.stderr).toBe(0);

    // It loads as it is, its statements unreviewed.
    const dataDir = tempDir();
    const loaded = runCli(['load', out], { CGRAPH_DATA_DIR: dataDir });
    expect(loaded.code, loaded.stderr).toBe(0);
    const listed = runCli(['statements', '--source', 'source:xinhua-haiti-donors', '--json'], { CGRAPH_DATA_DIR: dataDir });
    const statements = listed.stdout.trim().split('\n').map((line) => JSON.parse(line) as { review: { state: string }; claim: { type: string; from: string; to: string } });
    expect(statements.map((s) => s.review.state).every((state) => state === 'machine')).toBe(true);
    expect(statements.map((s) => s.claim)).toContainEqual(expect.objectContaining({ type: 'PLEDGED', from: 'state:BRA', to: 'state:HTI' }));
  });

  it('drafts every sentence shape the ledger meets into a draft that validates', () => {
    const shapes = [
      // A quotation closed before a full stop, as some sites print it.
      'The minister said the plan “will go ahead as agreed.”. She added that the fund would be “ready by spring.”. France pledged to send two frigates to the mission.',
      // A sentence the article repeats, a headline without a full stop, a bullet list.
      'France pledges frigates for the mission\nFrance pledged to send two frigates to the mission.\n- Germany will send a field hospital.\n- Italy refused to send troops.\nFrance pledged to send two frigates to the mission.',
    ];
    shapes.forEach((text, index) => {
      const dir = tempDir();
      writeFileSync(join(dir, 'article.txt'), text);
      const out = join(dir, 'draft');
      const drafted = runCli(['draft', join(dir, 'article.txt'), '--out', out, '--source-id', `source:shape-${index}`], RULES);
      expect(drafted.code, drafted.stderr).toBe(0);
      const dossier = parse(readFileSync(join(out, 'dossier.yaml'), 'utf8')) as { ledger: { sentence: string }[] };
      const sentences = dossier.ledger.map((entry) => entry.sentence);
      expect(new Set(sentences).size).toBe(sentences.length);
      const validated = runCli(['validate', out]);
      expect(validated.code, validated.stderr + validated.stdout).toBe(0);
    });
  });

  it('marks every drafted relationship review: machine; validate lists them; each loads as machine until its line is deleted, whatever the reviewer block says', () => {
    const out = join(tempDir(), 'haiti');
    expect(runCli(['draft', HAITI, '--out', out, '--source-id', 'source:haiti-review'], RULES).code).toBe(0);
    const file = join(out, 'dossier.yaml');
    const drafted = readFileSync(file, 'utf8');
    const relationships = (parse(drafted) as { relationships: { ref: string; review?: string; from: string; to: string }[] }).relationships;
    expect(relationships.length).toBeGreaterThan(1);
    expect(relationships.every((r) => r.review === 'machine')).toBe(true);

    const validated = runCli(['validate', out, '--json']);
    expect(validated.code, validated.stderr).toBe(0);
    const unreviewed = (JSON.parse(validated.stdout) as { unreviewed: { path: string; line: number }[] }).unreviewed;
    expect(unreviewed.map((u) => u.path)).toEqual(relationships.map((_, i) => `relationships[${i}]`));
    expect(drafted.split('\n')[(unreviewed[0]?.line ?? 0) - 1]).toMatch(/^\s+review: machine$/);
    expect(runCli(['validate', out]).stdout).toMatch(/relationships\[0\]: unreviewed \(review: machine\)/);

    // A person checks Brazil's pledge only, and signs the dossier.
    const brazil = relationships.findIndex((r) => r.from === 'state:BRA');
    expect(brazil).toBeGreaterThanOrEqual(0);
    const lines = drafted.split('\n');
    lines.splice((unreviewed[brazil]?.line ?? 0) - 1, 1);
    writeFileSync(file, `reviewed:\n  by: Analyst One\n  at: '2026-12-07'\n${lines.join('\n')}`);
    const checked = JSON.parse(runCli(['validate', out, '--json']).stdout) as { unreviewed: unknown[] };
    expect(checked.unreviewed).toHaveLength(relationships.length - 1);

    const dataDir = tempDir();
    expect(runCli(['load', out], { CGRAPH_DATA_DIR: dataDir }).code).toBe(0);
    const listed = runCli(['statements', '--source', 'source:haiti-review', '--json'], { CGRAPH_DATA_DIR: dataDir });
    const statements = listed.stdout.trim().split('\n').map((line) => JSON.parse(line) as { review: { state: string; by?: string }; claim: { from: string; to: string } });
    expect(statements).toHaveLength(relationships.length);
    for (const s of statements) {
      if (s.claim.from === 'state:BRA') expect(s.review).toMatchObject({ state: 'reviewed', by: 'Analyst One' });
      else expect(s.review.state).toBe('machine');
    }
  });

  it('drafts a folder of articles, one draft folder each', () => {
    const articles = join(tempDir(), 'articles');
    mkdirSync(articles);
    cpSync(HAITI, join(articles, 'haiti.txt'));
    cpSync(TURKEY, join(articles, 'turkey.txt'));
    const out = join(tempDir(), 'drafts');
    const drafted = runCli(['draft', articles, '--out', out], RULES);
    expect(drafted.code, drafted.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['haiti', 'turkey']);
    expect(runCli(['validate', out]).code).toBe(0);
    // Each draft names the dossier schema in its first line, as the seeds do, by a path that reaches it from the draft's folder.
    const schemaLine = /^# yaml-language-server: \$schema=(\S+)\n/.exec(readFileSync(join(out, 'haiti', 'dossier.yaml'), 'utf8'));
    expect(schemaLine).not.toBeNull();
    expect(readFileSync(resolve(out, 'haiti', schemaLine?.[1] ?? ''), 'utf8')).toBe(readFileSync('seeds/dossier.schema.json', 'utf8'));
    // The Turkish refusal: "Turkey rejected a request by Iraqi Kurds to shut down military bases…".
    const turkey = readFileSync(join(out, 'turkey', 'dossier.yaml'), 'utf8');
    expect(turkey).toMatch(/type: REFUSED\n\s+from: state:TUR/);
  });

  it('refuses bad input with a coded error and writes nothing', () => {
    const dir = tempDir();
    const cases: { name: string; content: string | Buffer; code: string }[] = [
      { name: 'empty.txt', content: '  \n\n', code: 'DRAFT_EMPTY' },
      { name: 'binary.txt', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0x0a, 0x00, 0x01]), code: 'DRAFT_BINARY' },
      { name: 'numbers.txt', content: '2026 — 17.4 — 9 — 12 %\n', code: 'DRAFT_NO_SENTENCES' },
      { name: 'huge.txt', content: 'Italy pledged troops. '.repeat(500_000), code: 'DRAFT_TOO_LARGE' },
    ];
    for (const c of cases) {
      const file = join(dir, c.name);
      writeFileSync(file, c.content);
      const out = join(dir, `out-${c.name}`);
      const result = runCli(['draft', file, '--out', out], RULES);
      expect(result.code, `${c.name}: ${result.stderr}`).toBe(1);
      expect(result.stderr).toContain(c.code);
      expect(existsSync(out), c.name).toBe(false);
    }
    // One bad article in a folder: no draft at all.
    const folder = join(dir, 'mixed');
    mkdirSync(folder);
    cpSync(HAITI, join(folder, 'a-haiti.txt'));
    writeFileSync(join(folder, 'b-empty.txt'), '');
    const mixedOut = join(dir, 'mixed-out');
    const mixed = runCli(['draft', folder, '--out', mixedOut], RULES);
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toMatch(/b-empty\.txt: .*empty/);
    expect(existsSync(mixedOut)).toBe(false);
    // A registry that does not exist.
    const noRegistry = runCli(['draft', HAITI, '--out', join(dir, 'x'), '--registry', join(dir, 'nope.yaml')], RULES);
    expect(noRegistry.code).toBe(1);
    expect(noRegistry.stderr).toContain('REGISTRY_NOT_FOUND');
    expect(runCli(['draft', join(dir, 'missing.txt'), '--out', join(dir, 'y')], RULES).stderr).toContain('FILE_NOT_FOUND');
  });

  it('exits 2 for a wrong command line, and keeps a draft a person may be reviewing', () => {
    const dir = tempDir();
    const bad = runCli(['draft', HAITI, '--out', join(dir, 'a'), '--published', 'yesterday'], RULES);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--published');
    expect(runCli(['draft', HAITI, '--out', join(dir, 'b'), '--source-id', 'Reuters story'], RULES).code).toBe(2);
    expect(runCli(['draft', HAITI, '--no-such-option'], RULES).code).toBe(2);
    expect(runCli(['draft'], RULES).code).toBe(2);
    expect(existsSync(join(dir, 'a'))).toBe(false);

    const out = join(dir, 'kept');
    expect(runCli(['draft', HAITI, '--out', out], RULES).code).toBe(0);
    writeFileSync(join(out, 'dossier.yaml'), '# reviewed by hand\n');
    const again = runCli(['draft', HAITI, '--out', out], RULES);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('DRAFT_EXISTS');
    expect(readFileSync(join(out, 'dossier.yaml'), 'utf8')).toBe('# reviewed by hand\n');
    expect(runCli(['draft', HAITI, '--out', out, '--force'], RULES).code).toBe(0);
    expect(readFileSync(join(out, 'dossier.yaml'), 'utf8')).toContain('DRAFT written by `cgraph draft`');
  });
});

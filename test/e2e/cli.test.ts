// The cgraph command as a process: validate, load (memory and Neo4j), stats, reset, exit codes.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { neo4jEnv, noNeo4j, tempDir } from '../support/fixtures.ts';
import { runCli } from '../support/run-cli.ts';

function brokenSeedCopy(edit: (yaml: string) => string): string {
  const dir = tempDir();
  cpSync('seeds', dir, { recursive: true });
  const file = join(dir, 'paris-summit-2026-01-06', 'dossier.yaml');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  return dir;
}

describe('cgraph validate', () => {
  it('passes the seeds with exit 0', () => {
    const result = runCli(['validate', 'seeds']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('74 relationships');
  });

  it('lists every problem with file:line, code and path, and exits 1', () => {
    const dir = brokenSeedCopy((y) => y.replace('firmness: hedged', 'firmness: lukewarm').replace('    from: state:ITA\n', '    from: state:ITX\n'));
    const result = runCli(['validate', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/dossier\.yaml:\d+:\d+ BAD_ENUM at relationships\[4\]\.firmness/);
    expect(result.stderr).toMatch(/dossier\.yaml:\d+:\d+ UNKNOWN_ID at relationships\[\d+\]\.from/);
    expect(result.stderr).toContain('2 problem(s)');
    // With --json the same problems are JSON on stdout, with the same exit code.
    const json = runCli(['validate', dir, '--json']);
    expect(json.code).toBe(1);
    const { error } = JSON.parse(json.stdout) as { error: { problems: { code: string; path: string }[] } };
    expect(error.problems.map((p) => p.code).sort()).toEqual(['BAD_ENUM', 'UNKNOWN_ID']);
  });

  it('--fix-offsets writes computed offsets back into the file', () => {
    const dir = brokenSeedCopy((y) => y.replace(/\n {8}start: 0\n {8}end: 113\n/, '\n'));
    const file = join(dir, 'paris-summit-2026-01-06', 'dossier.yaml');
    const count = () => readFileSync(file, 'utf8').split('end: 113\n').length - 1;
    const before = count();
    const result = runCli(['validate', dir, '--fix-offsets']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('wrote 1 change(s)');
    expect(count()).toBe(before + 1);
    expect(runCli(['validate', dir, '--fix-offsets']).stdout).toContain('wrote 0 change(s)');
    expect(readFileSync(file, 'utf8')).toContain('# Dossier for the article');
  });

  it('--fix-offsets also fixes wrong offsets of a quote that occurs once, changes nothing else, and says what it changed', () => {
    const dir = brokenSeedCopy((y) => y.replace('start: 5224\n        end: 5379', 'start: 5000\n        end: 5155'));
    const file = join(dir, 'paris-summit-2026-01-06', 'dossier.yaml');
    const broken = readFileSync(file, 'utf8');
    const refused = runCli(['validate', dir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/QUOTE_MISMATCH .*set start: 5224 and end: 5379 \(cgraph validate --fix-offsets does it\)/);
    const fixed = runCli(['validate', dir, '--fix-offsets']);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.stderr).toMatch(/dossier\.yaml:\d+ relationships\[\d+\]\.evidence\[0\]: start 5000 → 5224, end 5155 → 5379/);
    // Only those two numbers changed: folded text, comments and quoting stay byte for byte.
    expect(readFileSync(file, 'utf8')).toBe(broken.replace('start: 5000\n        end: 5155', 'start: 5224\n        end: 5379'));
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(join('seeds', 'paris-summit-2026-01-06', 'dossier.yaml'), 'utf8'));
  });

  it('reports schema, id, quote and ledger problems in one pass, by line, and following each advice makes it valid', () => {
    const dir = brokenSeedCopy((y) =>
      y
        .replace('firmness: hedged', 'firmness: lukewarm')
        .replace('    from: state:ITA\n', '    from: state:ITX\n')
        .replace('start: 5224\n        end: 5379', 'start: 5000\n        end: 5155')
        .replace('  - sentence: However, unity was not absolute.\n', '  - sentence: However, unity was not\n'),
    );
    const file = join(dir, 'paris-summit-2026-01-06', 'dossier.yaml');
    const first = runCli(['validate', dir]);
    expect(first.code).toBe(1);
    const lines = first.stderr.trim().split('\n').slice(0, -1);
    expect(lines.map((l) => / ([A-Z_]+) at /.exec(l)?.[1]).sort()).toEqual(['BAD_ENUM', 'LEDGER_SENTENCE_MISSING', 'LEDGER_UNKNOWN_SENTENCE', 'QUOTE_MISMATCH', 'UNKNOWN_ID']);
    const lineNumbers = lines.map((l) => Number(/dossier\.yaml:(\d+):/.exec(l)?.[1]));
    expect(lineNumbers).toEqual([...lineNumbers].sort((a, b) => a - b));
    // Follow the advice: the nearest id, the whole sentence, the offsets (by --fix-offsets); the enum from its list.
    const id = /did you mean (\S+) \(/.exec(first.stderr)?.[1] as string;
    const sentence = /the sentence "([^"]+)"; use that whole sentence/.exec(first.stderr)?.[1] as string;
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace('firmness: lukewarm', 'firmness: hedged')
        .replace('    from: state:ITX\n', `    from: ${id}\n`)
        .replace('  - sentence: However, unity was not\n', `  - sentence: ${sentence}\n`),
    );
    const second = runCli(['validate', dir, '--fix-offsets']);
    expect(second.code, second.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(join('seeds', 'paris-summit-2026-01-06', 'dossier.yaml'), 'utf8'));
  });

  it('says where a missing path is', () => {
    const result = runCli(['validate', 'no/such/dir']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('FILE_NOT_FOUND');
  });
});

describe('cgraph load, stats and reset on the memory store', () => {
  it('loads, reloads idempotently, counts, and survives across processes', () => {
    const env = { CGRAPH_DATA_DIR: tempDir() };
    const first = runCli(['load', 'seeds', '--json'], env);
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout);
    // Two reports of the summit: 74 + 27 statements, of which 20 meet on facts both assert.
    expect(report).toMatchObject({ store: 'memory', relationshipsCreated: 81, relationshipsUpdated: 20, statementsAdded: 101, versionsAdded: 2, nodesCreated: 44 });
    expect(report.counts.relationships.PLEDGED).toBe(16);
    const again = JSON.parse(runCli(['load', '--json'], env).stdout);
    expect(again).toMatchObject({ relationshipsCreated: 0, relationshipsUpdated: 0, statementsAdded: 0, versionsAdded: 0, nodesCreated: 0 });
    const stats = runCli(['stats'], env);
    expect(stats.stdout).toMatch(/relationships: 81/);
    expect(stats.stdout).toMatch(/REFUSED\s+4/);
    expect(runCli(['reset'], env, '').code).toBe(2);
    expect(runCli(['reset', '--yes'], env).code).toBe(0);
    expect(JSON.parse(runCli(['stats', '--json'], env).stdout)).toEqual({ store: 'memory', nodes: {}, relationships: {} });
  });

  it('loads nothing from an invalid dossier', () => {
    const env = { CGRAPH_DATA_DIR: tempDir() };
    const dir = brokenSeedCopy((y) => y.replace('Britain and France have declared', 'Britain and France had declared'));
    expect(runCli(['load', dir], env).code).toBe(1);
    expect(JSON.parse(runCli(['stats', '--json'], env).stdout).relationships).toEqual({});
  });

  it('uses exit 2 for a wrong command line and 3 for bad configuration', () => {
    expect(runCli(['nonsense']).code).toBe(2);
    expect(runCli(['stats'], { NEO4J_URI: 'http://nope' }).code).toBe(3);
  });
});

describe.skipIf(noNeo4j())('cgraph against Neo4j', () => {
  it('loads into Neo4j with a final count, idempotently', () => {
    const env = neo4jEnv();
    expect(runCli(['reset', '--yes'], env).code).toBe(0);
    const first = JSON.parse(runCli(['load', 'seeds', '--json'], env).stdout);
    expect(first).toMatchObject({ store: 'neo4j', relationshipsCreated: 81, statementsAdded: 101 });
    const again = JSON.parse(runCli(['load', 'seeds', '--json'], env).stdout);
    expect(again).toMatchObject({ relationshipsCreated: 0, relationshipsUpdated: 0, statementsAdded: 0, versionsAdded: 0 });
    const progress = runCli(['load', 'seeds', '--progress'], env);
    expect(progress.stderr).toMatch(/loading \[.*\] 100%/);
  });

  it('names the URI and exits 3 when Neo4j is down', () => {
    const result = runCli(['stats'], { NEO4J_URI: 'bolt://127.0.0.1:1' });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('STORE_UNAVAILABLE');
    expect(result.stderr).toContain('bolt://127.0.0.1:1');
    expect(result.stderr).not.toContain('    at ');
  });
});

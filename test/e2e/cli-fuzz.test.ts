// Bad dossiers through the CLI as a process: exit 1, every problem as file:line:column CODE,
// and the store unchanged.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { badDossier, GOOD_SOURCE } from '../support/bad-dossiers.ts';
import { tempDir } from '../support/fixtures.ts';
import { runCli } from '../support/run-cli.ts';
import { timeLimit } from '../support/time-limits.ts';

describe('fuzzing cgraph load', () => {
  it('rejects generated bad dossiers with located problems and loads none of them', () => {
    const env = { CGRAPH_DATA_DIR: tempDir() };
    expect(runCli(['load', 'seeds'], env).code).toBe(0);
    const before = runCli(['stats', '--json'], env).stdout;
    const samples = fc.sample(badDossier, { numRuns: 14, seed: 5 });
    for (const [i, sample] of samples.entries()) {
      const dir = join(tempDir(), `bad-${i}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'dossier.yaml'), sample.yaml.replace('source:\n', 'source:\n  file: source.txt\n'));
      writeFileSync(join(dir, 'source.txt'), GOOD_SOURCE);
      const result = runCli(['load', dir], env);
      expect(result.code, `${sample.kind}: ${result.stderr}`).toBe(1);
      expect(result.stderr).toMatch(/dossier\.yaml:\d+:\d+ [A-Z_]+/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(runCli(['stats', '--json'], env).stdout).toBe(before);
  }, timeLimit(120_000)); // 28 s on a busy machine
});

// What cgraph validate says about a ledger sentence or a quote that is not the text, as a process:
// the advice an analyst acts on names the right sentence or the nearest id, and reads as a sentence.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/fixtures.ts';
import { runCli } from '../support/run-cli.ts';

const SEED = 'seeds/paris-summit-2026-01-06';

/** A copy of the seed dossier with one edit, validated as --json; the problems it reports. */
function problemsAfter(edit: (yaml: string) => string): { code: string; path: string; message: string }[] {
  const dir = join(tempDir(), 'dossier');
  cpSync(SEED, dir, { recursive: true });
  const file = join(dir, 'dossier.yaml');
  const before = readFileSync(file, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before);
  writeFileSync(file, after);
  const result = runCli(['validate', file, '--json']);
  expect(result.code).toBe(1);
  return (JSON.parse(result.stdout) as { error: { problems: { code: string; path: string; message: string }[] } }).error.problems;
}

describe('cgraph validate: advice on text that is not the source', () => {
  it('names the sentence a shortened ledger entry was cut from, not a short sentence that is merely near in length', () => {
    const full = 'European officials privately acknowledge that any deployment would be highly sensitive and dependent on conditions on the ground, including Russian consent—something that currently appears unlikely.';
    const problems = problemsAfter((yaml) => yaml.replace(`  - sentence: ${full}`, '  - sentence: European officials privately acknowledge that any deployment would be sensitive.'));
    const unknown = problems.find((p) => p.code === 'LEDGER_UNKNOWN_SENTENCE');
    expect(unknown?.message).toContain(`the closest sentence is "${full}"`);
  });

  it('separates the two halves of a quote mismatch with punctuation', () => {
    const problems = problemsAfter((yaml) => yaml.replace(/(\n\s+- quote: )(\S+ \S+)/, '$1Nobody ever said $2'));
    const mismatch = problems.find((p) => p.code === 'QUOTE_MISMATCH');
    expect(mismatch?.message).toMatch(/^text\.slice\(\d+, \d+\) is not this quote, and the quote is not in the text: copy it verbatim/);
  });
});

describe('cgraph validate: advice on an id that names nothing', () => {
  it('names the nearest id: of the registry by the words of the id, of the country tables by a name it begins', () => {
    const problems = problemsAfter((yaml) => yaml.replace('statedBy: [ person:giorgia-meloni ]', 'statedBy: [ person:meloni ]').replace('    subject: state:RUS\n', '    subject: state:JAP\n'));
    const unknown = problems.filter((p) => p.code === 'UNKNOWN_ID');
    expect(unknown).toHaveLength(2);
    expect(unknown.find((p) => p.message.startsWith('"person:meloni"'))?.message).toContain('did you mean person:giorgia-meloni (Giorgia Meloni)?');
    // Japan is in no dossier and not in the registry: only the country tables know it.
    expect(unknown.find((p) => p.message.startsWith('"state:JAP"'))?.message).toContain('did you mean state:JPN (Japan)?');
  });

  it('with --against-store, names a stored id by its words (an initiative no table knows)', () => {
    const data = tempDir();
    expect(runCli(['load', SEED], { CGRAPH_DATA_DIR: data }).code).toBe(0);
    const dir = join(tempDir(), 'second');
    cpSync('seeds/coalition-of-volunteers-declaration-2026-01-06', dir, { recursive: true });
    const file = join(dir, 'dossier.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('to: initiative:multinational-force-ukraine', 'to: initiative:multinational-force'));
    const problemsOf = (args: string[]) => {
      const result = runCli(['validate', dir, '--json', ...args], { CGRAPH_DATA_DIR: data });
      expect(result.code).toBe(1);
      return (JSON.parse(result.stdout) as { error: { problems: { code: string; message: string }[] } }).error.problems.filter((p) => p.message.startsWith('"initiative:multinational-force"'));
    };
    expect(problemsOf([])).toEqual([expect.objectContaining({ code: 'UNKNOWN_ID', message: expect.not.stringContaining('did you mean') })]);
    expect(problemsOf(['--against-store'])).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_ID', message: expect.stringContaining('did you mean initiative:multinational-force-ukraine (Multinational reassurance force for Ukraine)?') }),
    ]);
  });
});

// Failures as scripts see them: with --json, an error is JSON on stdout ({"error": {code, message,
// details, problems?}}) with the usual exit code; text that is not UTF-8 (a dossier, its source,
// a JSON lines file) is refused with file, line and column instead of loaded with U+FFFD in it.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIRST_SEED_DIR, tempDir } from '../support/fixtures.ts';
import { runCli } from '../support/run-cli.ts';

interface ErrorJson {
  error: { code: string; message: string; details: Record<string, unknown>; problems?: { code: string; file?: string; line?: number; column?: number; path?: string }[] };
}

const LATIN1_E_ACUTE = Buffer.from([0xe9]);

/** A copy of the Paris seed whose `file` (dossier.yaml or the source text) has a Latin-1 byte after `after`. */
function seedWithLatin1Byte(file: 'dossier.yaml' | 'coalition-of-the-willing-paris-summit.txt', after: string): { dir: string; file: string } {
  const dir = join(tempDir(), 'paris');
  cpSync(FIRST_SEED_DIR, dir, { recursive: true });
  const path = join(dir, file);
  const bytes = readFileSync(path);
  const at = bytes.indexOf(after) + Buffer.byteLength(after);
  expect(at).toBeGreaterThan(Buffer.byteLength(after) - 1);
  writeFileSync(path, Buffer.concat([bytes.subarray(0, at), LATIN1_E_ACUTE, bytes.subarray(at)]));
  return { dir, file: path };
}

/** Line and column (in characters) where `after` ends in the file's text. */
function positionAfter(path: string, after: string): { line: number; column: number } {
  const text = readFileSync(path, 'utf8');
  const end = text.indexOf(after) + after.length;
  const lines = text.slice(0, end).split('\n');
  return { line: lines.length, column: [...(lines.at(-1) as string)].length + 1 };
}

const parseJson = (stdout: string) => JSON.parse(stdout) as ErrorJson;

describe('--json on failure', () => {
  it('validate prints the problems as JSON, exit 1, and never says it did not load', () => {
    const dir = join(tempDir(), 'bad');
    cpSync(FIRST_SEED_DIR, dir, { recursive: true });
    const file = join(dir, 'dossier.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('    type: PLEDGED\n', '    type: PROMISED\n'));
    const json = runCli(['validate', dir, '--json']);
    expect(json.code).toBe(1);
    const { error } = parseJson(json.stdout);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.problems?.length).toBeGreaterThan(0);
    expect(error.problems?.[0]).toMatchObject({ file, line: expect.any(Number), path: expect.stringMatching(/^relationships\[\d+\]/) });
    // Text mode: the problems on stderr, and no claim about loading from a command that never loads.
    const text = runCli(['validate', dir]);
    expect(text.code).toBe(1);
    expect(text.stdout).toBe('');
    expect(text.stderr).toContain(error.problems?.[0]?.code as string);
    expect(text.stderr).not.toMatch(/nothing was loaded/);
  });

  it('load prints its error as JSON with the same exit code as without --json', () => {
    const env = { CGRAPH_DATA_DIR: tempDir() };
    const missing = join(tempDir(), 'no-such-dossier');
    const json = runCli(['load', missing, '--json'], env);
    const text = runCli(['load', missing], env);
    expect(json.code).toBe(1);
    expect(text.code).toBe(1);
    expect(parseJson(json.stdout).error).toMatchObject({ code: 'VALIDATION_FAILED', problems: [{ code: 'FILE_NOT_FOUND', file: missing }] });
  });

  it('a store that cannot be opened is JSON too (exit 3)', () => {
    const json = runCli(['stats', '--json'], { NEO4J_URI: 'bolt://127.0.0.1:1' });
    expect(json.code).toBe(3);
    expect(parseJson(json.stdout).error.code).toBe('STORE_UNAVAILABLE');
  });
});

describe('text that is not UTF-8', () => {
  it('in a source text: validate and load refuse it with its file, line and column', () => {
    const after = 'Britain and France have declared their readiness';
    const { dir, file } = seedWithLatin1Byte('coalition-of-the-willing-paris-summit.txt', after);
    const expected = { code: 'INVALID_UTF8', file, ...positionAfter(join(FIRST_SEED_DIR, 'coalition-of-the-willing-paris-summit.txt'), after) };
    const validate = runCli(['validate', dir, '--json']);
    expect(validate.code).toBe(1);
    expect(parseJson(validate.stdout).error.problems).toEqual([expect.objectContaining(expected)]);
    const env = { CGRAPH_DATA_DIR: tempDir() };
    const load = runCli(['load', dir, '--json'], env);
    expect(load.code).toBe(1);
    expect(parseJson(load.stdout).error.problems).toEqual([expect.objectContaining(expected)]);
    expect(JSON.parse(runCli(['stats', '--json'], env).stdout)).toEqual({ store: 'memory', nodes: {}, relationships: {} });
  });

  it('in a dossier: validate and load refuse it with its line and column', () => {
    const after = '# Dossier for the article on the Paris summit';
    const { dir, file } = seedWithLatin1Byte('dossier.yaml', after);
    const validate = runCli(['validate', dir, '--json']);
    expect(validate.code).toBe(1);
    expect(parseJson(validate.stdout).error.problems).toEqual([expect.objectContaining({ code: 'INVALID_UTF8', file, ...positionAfter(join(FIRST_SEED_DIR, 'dossier.yaml'), after) })]);
    const load = runCli(['load', dir], { CGRAPH_DATA_DIR: tempDir() });
    expect(load.code).toBe(1);
    expect(load.stderr).toContain('INVALID_UTF8');
  });

  it('in a JSON lines file: refused at its line, nothing loaded', () => {
    const dir = tempDir();
    const file = join(dir, 'graph.jsonl');
    const node = (id: string, name: string) => Buffer.from(`${JSON.stringify({ id, kind: 'STATE', name, aliases: [] })}\n`);
    const broken = Buffer.concat([Buffer.from('{"id":"state:FRA","kind":"STATE","name":"Fran'), Buffer.from([0xe7]), Buffer.from('e","aliases":[]}\n')]);
    writeFileSync(file, Buffer.concat([node('state:DEU', 'Germany'), broken, node('state:ITA', 'Italy')]));
    const env = { CGRAPH_DATA_DIR: join(dir, 'data') };
    const load = runCli(['load', file, '--json'], env);
    expect(load.code).toBe(1);
    expect(parseJson(load.stdout).error.problems).toEqual([expect.objectContaining({ code: 'INVALID_UTF8', file, line: 2, column: 46 })]);
    expect(JSON.parse(runCli(['stats', '--json'], env).stdout)).toEqual({ store: 'memory', nodes: {}, relationships: {} });
  });
});

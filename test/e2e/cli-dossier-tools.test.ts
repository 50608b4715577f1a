// The tools for writing a dossier, as processes: cgraph codes (CAMEO and PLOVER tables from
// data/), cgraph schema (the JSON Schema editors use), and validate's code proposals and code
// corrections, shown without --fix and written with it (the file otherwise unchanged).
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/fixtures.ts';
import { runCli } from '../support/run-cli.ts';

describe('dossier tools', () => {
  it('cgraph codes looks up CAMEO codes with Goldstein values and PLOVER types, and PLOVER types with their CAMEO roots', () => {
    const cameo = JSON.parse(runCli(['codes', 'cameo', 'peacekeeping', '--json']).stdout);
    expect(cameo).toContainEqual({ code: '0334', description: 'Express intent to provide military protection or peacekeeping', goldstein: 6, plover: 'AGREE' });
    expect(cameo).toContainEqual(expect.objectContaining({ code: '1224', goldstein: -4, plover: 'REJECT' }));
    expect(runCli(['codes', 'cameo', '138']).stdout).toMatch(/^138\s+-7\s+THREATEN\s+Threaten to use military force/m);
    const plover = JSON.parse(runCli(['codes', 'plover', '--json']).stdout);
    expect(plover.map((p: { plover: string }) => p.plover)).toHaveLength(16);
    expect(plover.find((p: { plover: string }) => p.plover === 'THREATEN').cameo).toEqual(['13']);
    // Nothing found is an empty answer, not invalid input: exit 0, the message on stderr, [] for --json.
    const none = runCli(['codes', 'cameo', 'no such event']);
    expect(none.code).toBe(0);
    expect(none.stderr).toContain('no CAMEO code matches "no such event"');
    expect(JSON.parse(runCli(['codes', 'plover', 'no such type', '--json']).stdout)).toEqual([]);
    expect(runCli(['codes', 'goldstein']).code).toBe(2);
  });

  it('cgraph schema prints the committed JSON Schema', () => {
    expect(JSON.parse(runCli(['schema']).stdout)).toEqual(JSON.parse(readFileSync('seeds/dossier.schema.json', 'utf8')));
  });

  it('validate proposes codes for commitments that give none, and --fix writes them after the action', () => {
    const dir = join(tempDir(), 'dependencies');
    cpSync('test/fixtures/dependencies', dir, { recursive: true });
    const file = join(dir, 'dossier.yaml');
    const before = readFileSync(file, 'utf8');
    const shown = runCli(['validate', dir]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/dossier\.yaml:\d+ relationships\[1\]: no codes; proposed cameo 0334 \(Express intent to provide military protection or peacekeeping\), goldstein 6, plover AGREE/);
    expect(readFileSync(file, 'utf8')).toBe(before);
    const fixed = runCli(['validate', dir, '--fix', '--json']);
    expect(fixed.code, fixed.stderr).toBe(0);
    const after = readFileSync(file, 'utf8');
    expect(after).toContain('    action: send troops\n    cameo: "0334"\n    goldstein: 6\n    plover: AGREE\n');
    // Nothing else moved but the added lines (codes, and the offsets --fix also writes).
    const added = after.split('\n').filter((line) => !before.split('\n').includes(line));
    expect(added.every((line) => /^\s+(cameo|goldstein|plover|start|end): /.test(line))).toBe(true);
    expect(runCli(['validate', dir]).stdout).not.toContain('proposed');
  });

  it('validate --fix writes the Goldstein value and PLOVER type a CAMEO code states, each change with its line, and changes only those lines', () => {
    const dir = join(tempDir(), 'paris');
    cpSync('seeds/paris-summit-2026-01-06', dir, { recursive: true });
    const file = join(dir, 'dossier.yaml');
    const seed = readFileSync(file, 'utf8');
    // Values written before the code tables: the first three commitments get wrong ones, one with a comment, one quoted.
    let wrong = 0;
    const damaged = seed.replace(/ {4}goldstein: 6\.0\n {4}plover: AGREE\n/g, (block) => {
      wrong++;
      if (wrong === 1) return '    goldstein: -4.4  # as first written\n    plover: THREATEN\n';
      if (wrong === 2) return '    goldstein: -7\n    plover: "REJECT"\n';
      if (wrong === 3) return '    goldstein: 3\n    plover: AGREE\n';
      return block;
    });
    expect(wrong).toBeGreaterThan(3);
    writeFileSync(file, damaged);
    const refused = runCli(['validate', dir, '--json']);
    expect(refused.code).toBe(1);
    const mismatches = (JSON.parse(refused.stdout) as { error: { problems: { code: string }[] } }).error.problems;
    expect(mismatches.map((p) => p.code)).toEqual(Array(5).fill('CODE_MISMATCH'));

    const fixed = runCli(['validate', dir, '--fix', '--json']);
    expect(fixed.code, fixed.stderr).toBe(0);
    const changes = (JSON.parse(fixed.stdout) as { changes: { file: string; line: number; path: string; change: string }[] }).changes;
    const damagedLines = damaged.split('\n');
    const lineOf = (text: string) => damagedLines.findIndex((line) => line.includes(text)) + 1;
    expect(changes).toEqual([
      { file, line: lineOf('goldstein: -4.4'), path: 'relationships[0]', change: 'goldstein -4.4 → 6' },
      { file, line: lineOf('plover: THREATEN'), path: 'relationships[0]', change: 'plover THREATEN → AGREE' },
      { file, line: lineOf('goldstein: -7'), path: 'relationships[1]', change: 'goldstein -7 → 6' },
      { file, line: lineOf('plover: "REJECT"'), path: 'relationships[1]', change: 'plover "REJECT" → AGREE' },
      { file, line: lineOf('goldstein: 3'), path: 'relationships[2]', change: 'goldstein 3 → 6' },
    ]);
    for (const c of changes) expect(fixed.stderr).toContain(`${file}:${c.line} ${c.path}: ${c.change}\n`);

    // Only those lines changed, each in place: the comment and the quotes stay.
    const after = readFileSync(file, 'utf8').split('\n');
    expect(after).toHaveLength(damagedLines.length);
    const differ = after.flatMap((line, i) => (line === damagedLines[i] ? [] : [[i + 1, line]]));
    expect(differ).toEqual([
      [lineOf('goldstein: -4.4'), '    goldstein: 6  # as first written'],
      [lineOf('plover: THREATEN'), '    plover: AGREE'],
      [lineOf('goldstein: -7'), '    goldstein: 6'],
      [lineOf('plover: "REJECT"'), '    plover: "AGREE"'],
      [lineOf('goldstein: 3'), '    goldstein: 6'],
    ]);
    expect(runCli(['validate', dir]).code).toBe(0);
  });
});

// The tools for writing a dossier, as processes: cgraph codes (CAMEO and PLOVER tables from
// data/), cgraph schema (the JSON Schema editors use), and validate's code proposals, shown
// without --fix and written with it (the file otherwise unchanged).
import { cpSync, readFileSync } from 'node:fs';
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
});

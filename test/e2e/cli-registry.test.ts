// The entity registry is explicit (--registry, default the project's seeds/entities.yaml) and a
// missing one is said, never taken for an empty one; ids also resolve against the other dossiers
// of the same command and (load's default, validate's --against-store) what the store holds.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/fixtures.ts';
import { runCli } from '../support/run-cli.ts';

const PARIS = 'seeds/paris-summit-2026-01-06';

/** A small test dossier that pledges to the Paris dossier's initiative, which the registry does not hold. */
function secondDossier(): string {
  const dir = join(tempDir(), 'second');
  mkdirSync(dir);
  // Test fixture text, written for this test (not a real report).
  writeFileSync(join(dir, 'source.txt'), 'Poland said it would help the multinational force from its own territory.\n');
  writeFileSync(
    join(dir, 'dossier.yaml'),
    [
      'source: { id: "source:test-second-report", name: "A test report", file: source.txt }',
      'relationships:',
      '  - ref: pol-helps-force',
      '    type: PLEDGED',
      '    from: state:POL',
      '    to: initiative:multinational-force-ukraine',
      '    action: help the force from Polish territory',
      '    firmness: hedged',
      '    evidence:',
      '      - quote: Poland said it would help the multinational force from its own territory.',
      '        attribution: reported',
      '',
    ].join('\n'),
  );
  return dir;
}

describe('the entity registry and where ids resolve', () => {
  it('validates a dossier outside seeds/ against the project registry', () => {
    const dir = join(tempDir(), 'elsewhere');
    cpSync(PARIS, dir, { recursive: true });
    const result = runCli(['validate', dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('UNKNOWN_ID');
  });

  it('says when the registry named is not there (exit 1), instead of reporting every id unknown', () => {
    const result = runCli(['validate', PARIS, '--registry', join(tempDir(), 'nowhere.yaml')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/REGISTRY_NOT_FOUND: no entity registry at .*nowhere\.yaml; pass --registry FILE/);
    expect(result.stderr).not.toContain('UNKNOWN_ID');
  });

  it('resolves ids against the other dossiers given in the same command', () => {
    const second = secondDossier();
    const alone = runCli(['validate', second]);
    expect(alone.code).toBe(1);
    expect(alone.stderr).toMatch(/dossier\.yaml:6:\d+ UNKNOWN_ID at relationships\[0\]\.to/);
    expect(runCli(['validate', PARIS, second]).code).toBe(0);
  });

  it('resolves ids against the store: load by default, validate with --against-store', () => {
    const env = { CGRAPH_DATA_DIR: tempDir() };
    const second = secondDossier();
    expect(runCli(['load', PARIS], env).code).toBe(0);
    expect(runCli(['load', second, '--no-against-store'], env).code).toBe(1);
    expect(runCli(['validate', second], env).code).toBe(1);
    expect(runCli(['validate', second, '--against-store'], env).code).toBe(0);
    const loaded = runCli(['load', second, '--json'], env);
    expect(loaded.code, loaded.stderr).toBe(0);
    expect(JSON.parse(loaded.stdout)).toMatchObject({ relationshipsCreated: 1, nodesCreated: 1 });
  });
});

// The entity registry is explicit (--registry, default the project's seeds/entities.yaml) and a
// missing one is said, never taken for an empty one; ids also resolve against the other dossiers
// of the same command and (load's default, validate's --against-store) what the store holds.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/fixtures.ts';
import { runCli } from '../support/run-cli.ts';

const PARIS = 'seeds/paris-summit-2026-01-06';

/**
 * A one-sentence test dossier in a new folder (the text is written for the test, not a real
 * report): the sentence is the quote of its one commitment; `entities` are YAML lines.
 */
function testDossier(folder: string, sentence: string, commitment: { ref: string; type: string; from: string; to: string; action: string; firmness: string }, entities: string[] = []): string {
  const dir = join(tempDir(), folder);
  mkdirSync(dir);
  writeFileSync(join(dir, 'source.txt'), `${sentence}\n`);
  const fields = ['type', 'from', 'to', 'action', 'firmness'] as const;
  writeFileSync(
    join(dir, 'dossier.yaml'),
    [
      `source: { id: "source:test-${folder}", name: "A test report", file: source.txt }`,
      ...(entities.length ? ['entities:', ...entities] : []),
      'relationships:',
      `  - ref: ${commitment.ref}`,
      ...fields.map((f) => `    ${f}: ${commitment[f]}`),
      '    evidence:',
      `      - quote: ${sentence}`,
      '        attribution: reported',
      '',
    ].join('\n'),
  );
  return dir;
}

/** Pledges to the Paris dossier's initiative, which the registry does not hold. */
const secondDossier = () =>
  testDossier('second', 'Poland said it would help the multinational force from its own territory.', {
    ref: 'pol-helps-force', type: 'PLEDGED', from: 'state:POL', to: 'initiative:multinational-force-ukraine', action: 'help the force from Polish territory', firmness: 'hedged',
  });

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

/** A test dossier that (re)defines the Paris dossier's force and Italy; `extra` adds lines to the force. */
const redefiningDossier = (name: string, extra = '') =>
  testDossier(
    'redefines',
    'Italy said it would not join the force.',
    { ref: 'ita-refuses-force', type: 'REFUSED', from: 'state:ITA', to: 'initiative:multinational-force-ukraine', action: 'join the force', firmness: 'firm' },
    ['  - id: initiative:multinational-force-ukraine', '    kind: INITIATIVE', `    name: ${name}`, ...(extra ? [extra] : []), '  - id: state:ITA', '    kind: STATE', '    name: Italia'],
  );

describe('entities do not drift', () => {
  it('refuses a dossier that renames a registry or stored entity (ENTITY_CONFLICT, both values and where each is), unless it says update: true', () => {
    const env = { CGRAPH_DATA_DIR: tempDir() };
    expect(runCli(['load', PARIS], env).code).toBe(0);
    const refused = runCli(['load', redefiningDossier('A different force')], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/ENTITY_CONFLICT at entities\[0\]\.name: "initiative:multinational-force-ukraine" is defined in the store differently \(name "Multinational reassurance force for Ukraine" there, "A different force" here\)/);
    expect(refused.stderr).toMatch(/ENTITY_CONFLICT at entities\[1\]\.name: "state:ITA" is defined in .*seeds\/entities\.yaml differently \(name "Italy" there, "Italia" here\)/);
    expect(refused.stderr).toContain('nothing was loaded');
    // On purpose: both entities say update: true (the registry's Italy stays Italy in the registry file).
    const onPurpose = redefiningDossier('A different force', '    update: true');
    writeFileSync(join(onPurpose, 'dossier.yaml'), readFileSync(join(onPurpose, 'dossier.yaml'), 'utf8').replace('    name: Italia\n', '    name: Italia\n    update: true\n'));
    const loaded = runCli(['load', onPurpose, '--json'], env);
    expect(loaded.code, loaded.stderr).toBe(0);
    expect(JSON.parse(loaded.stdout)).toMatchObject({ nodesUpdated: 2 });
    expect(runCli(['search', 'A different force', '--json'], env).stdout).toContain('initiative:multinational-force-ukraine');
  });
});

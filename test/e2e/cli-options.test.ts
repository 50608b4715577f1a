// A wrong command line exits 2 with a message naming the option and what it takes, for every
// analysis command (the CLI and the API share one options schema per operation); `cgraph search`
// finds what the advice points to.
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/fixtures.ts';
import { runCli } from '../support/run-cli.ts';

describe('cgraph analysis options', () => {
  let env: Record<string, string>;
  beforeAll(() => {
    env = { CGRAPH_DATA_DIR: tempDir() };
    expect(runCli(['load', 'seeds'], env).code).toBe(0);
  });

  const wrong: [string[], RegExp][] = [
    [['path', 'Italy', 'Russia', '--direction', 'sideways'], /--direction must be one of OUT, IN, ANY; got "sideways"/],
    [['path', 'Italy', 'Russia', '--as-of', '2026-13-45'], /--as-of must be a date YYYY, YYYY-MM or YYYY-MM-DD that exists; got "2026-13-45"/],
    [['path', 'Italy', 'Russia', '--as-of', '2026-02-30'], /--as-of must be a date .* got "2026-02-30"/],
    [['path', 'Italy', 'Russia', '--types', 'PLEDGD'], /--types must be values that are each one of PLEDGED, REFUSED, WARNED, LEADS.*; got "PLEDGD"/],
    [['paths', 'Italy', 'Russia', '--max-length', '9'], /--max-length must be a whole number from 1 to 6; got "9"/],
    [['paths', 'Italy', 'Russia', '--limit', '0'], /--limit must be a whole number from 1 to 1000; got "0"/],
    [['paths', 'Italy', 'Russia', '--limit', 'many'], /--limit must be a whole number from 1 to 1000; got "many"/],
    [['neighbours', 'Italy', '--depth', '5'], /--depth must be a whole number from 0 to 4; got "5"/],
    [['neighbours', 'Italy', '--max-nodes', '0'], /--max-nodes must be a whole number from 1 to 5000; got "0"/],
    [['central', '--metric', 'fame'], /--metric must be one of DEGREE, BETWEENNESS, PAGERANK, EIGENVECTOR; got "fame"/],
    [['central', '--first', '0'], /--first must be a whole number from 1 to 1000; got "0"/],
    [['central', '--kinds', 'COUNTRY'], /--kinds must be values that are each one of STATE, PERSON/],
    [['blocs', '--seed', '-1'], /--seed must be a whole number from 0 to 4294967295; got "-1"/],
    [['search', 'Italy', '--first', '500'], /--first must be a whole number from 1 to 100; got "500"/],
    [['export', '--format', 'pdf'], /--format must be one of gexf, graphml, json, jsonl; got "pdf"/],
    [['load', 'seeds', '--chunk', '0'], /--chunk <records>.*must be a whole number from 1 to 1000000/],
    [['import', 'ucdp'], /<kind> must be one of atop, cow, kiel, gdelt, got "ucdp"/],
    [['path', 'Italy', 'Russia', '--sideways'], /unknown option '--sideways'/],
  ];
  for (const [args, message] of wrong) {
    it(`cgraph ${args.join(' ')} exits 2 and names the option`, () => {
      const result = runCli(args, env);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/internal error|ZodError/);
    });
  }

  it('takes the same options in any case and the defaults the API has', () => {
    const any = JSON.parse(runCli(['path', 'Italy', 'Russia', '--direction', 'any', '--types', 'refused,warned', '--json'], env).stdout);
    expect(any.length).toBe(2);
    // The defaults are the API's: maxLength 3, limit 20 (5 steps find more than 20 paths, so the limit shows).
    const ids = (args: string[]) => JSON.parse(runCli(['paths', 'Italy', 'Russia', ...args, '--json'], env).stdout).map((p: { relationships: { id: string }[] }) => p.relationships.map((r) => r.id).join());
    expect(ids([])).toEqual(ids(['--max-length', '3', '--limit', '20']));
    expect(ids(['--max-length', '5'])).toHaveLength(20);
    const help = runCli(['paths', '--help'], env).stdout;
    expect(help).toContain('default 20');
  });

  it('search: finds nodes by name or alias, exact matches first; an unknown name points to it', () => {
    const found = JSON.parse(runCli(['search', 'britain', '--json'], env).stdout);
    expect(found[0]).toMatchObject({ id: 'state:GBR', kind: 'STATE' });
    const states = JSON.parse(runCli(['search', 'an', '--kinds', 'state', '--first', '3', '--json'], env).stdout);
    expect(states).toHaveLength(3);
    expect(states.every((n: { kind: string }) => n.kind === 'STATE')).toBe(true);
    // Nothing found is an empty answer, not invalid input: exit 0 with the message on stderr.
    const none = runCli(['search', 'Atlantis'], env);
    expect(none.code).toBe(0);
    expect(none.stderr).toContain('nothing matches "Atlantis"');
    expect(JSON.parse(runCli(['search', 'Atlantis', '--json'], env).stdout)).toEqual([]);
    const unknown = runCli(['path', 'Atlantis', 'Russia'], env);
    expect(unknown.code).toBe(1);
    const advice = /try (cgraph search "[^"]+")/.exec(unknown.stderr)?.[1];
    expect(advice, unknown.stderr).toBeDefined();
    const followed = runCli(advice?.replace('cgraph ', '').split(' ').map((w) => w.replace(/"/g, '')) ?? [], env);
    expect(followed.code, followed.stderr).toBe(0); // the command it names exists, and finds the North Atlantic alliance
    expect(followed.stdout).toContain('alliance:nato');
  });
});

// cgraph search as a process: an analyst finds an actor before any dossier names it — the country
// tables, the seats of government and near misses answer on an empty data folder.
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/fixtures.ts';
import { runCli } from '../support/run-cli.ts';

type Found = { id: string; kind: string; foundIn: string[]; matched: string };

describe('cgraph search on an empty data folder', () => {
  const env = { CGRAPH_DATA_DIR: tempDir(), CGRAPH_STORE: 'memory', NEO4J_URI: undefined };
  const search = (...args: string[]) => JSON.parse(runCli(['search', ...args, '--json'], env).stdout) as Found[];

  it('finds a state from the country tables, a government by its seat, and a misspelt name', () => {
    expect(search('Japan')[0]).toMatchObject({ id: 'state:JPN', kind: 'STATE', foundIn: ['COUNTRY_TABLE'] });
    expect(search('the Kremlin')[0]).toMatchObject({ id: 'state:RUS' });
    expect(search('the Kremlin')[0]?.foundIn).toContain('METONYM');
    expect(search('Frnace')[0]).toMatchObject({ id: 'state:FRA' });
    const text = runCli(['search', 'Japan'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^state:JPN\s+Japan\s+\(country table\)$/m);
  });
});

// cgraph commitments as a process over the seeds: each filter, the (statedAt, id) order, paging
// with --first and --after that shows every commitment once, the JSON lines, and the one rule for
// empty answers across commands (exit 0, the reason on stderr, the empty value for --json).
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/fixtures.ts';
import { runCli } from '../support/run-cli.ts';

interface Listed {
  id: string;
  type: string;
  from: string;
  fromName: string;
  to: string;
  toName: string;
  action: string;
  firmness: string;
  statedAt: string | null;
  sources: string[];
  sourceCount: number;
  disputed: boolean;
}

const SECOND_SOURCE = 'source:coalition-of-volunteers-signs-declaration';

describe('cgraph commitments', () => {
  let env: Record<string, string>;
  const list = (...args: string[]): Listed[] => {
    const result = runCli(['commitments', ...args, '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    return result.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Listed);
  };
  beforeAll(() => {
    env = { CGRAPH_DATA_DIR: tempDir() };
    expect(runCli(['load', 'seeds'], env).code).toBe(0);
  });

  it('lists every commitment once, earliest statedAt first and then by id, as JSON lines', () => {
    const all = list();
    expect(all).toHaveLength(24);
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    expect(Object.keys(all[0] as Listed).sort()).toEqual(['action', 'disputed', 'firmness', 'from', 'fromName', 'id', 'sourceCount', 'sources', 'statedAt', 'to', 'toName', 'type']);
    // The EU's pledge is dated "2025-12~" (about December): its first day sorts before 2026-01-06.
    expect(all[0]).toMatchObject({ type: 'PLEDGED', from: 'alliance:european-union', to: 'state:UKR', statedAt: '2025-12~', sources: [SECOND_SOURCE] });
    const rest = all.slice(1);
    expect(rest.every((c) => c.statedAt === '2026-01-06')).toBe(true);
    expect(rest.map((c) => c.id)).toEqual(rest.map((c) => c.id).sort());
    expect(all.every((c) => ['PLEDGED', 'REFUSED', 'WARNED'].includes(c.type))).toBe(true);
  });

  it('text: one line per commitment — from — type → to: action, statedAt, sources (id)', () => {
    const text = runCli(['commitments', '--from', 'Germany', '--type', 'pledged'], env);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(
      'Germany — PLEDGED → Multinational reassurance force for Ukraine: support a multinational force, 2026-01-06, source:coalition-of-the-willing-paris-summit source:coalition-of-volunteers-signs-declaration  (rel:',
    );
    expect(text.stderr).toBe('');
  });

  it('filters by type (in any case, comma lists), by actor name or id, by source and as of a date', () => {
    const all = list();
    const refused = list('--type', 'refused');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((c) => c.type === 'REFUSED')).toBe(true);
    expect(list('--type', 'PLEDGED,warned').length + refused.length).toBe(all.length);
    const germany = list('--from', 'Germany');
    expect(germany.length).toBeGreaterThan(0);
    expect(germany.every((c) => c.from === 'state:DEU')).toBe(true);
    expect(list('--from', 'state:DEU')).toEqual(germany);
    const toForce = list('--to', 'initiative:multinational-force-ukraine');
    expect(toForce.every((c) => c.to === 'initiative:multinational-force-ukraine')).toBe(true);
    expect(toForce.length).toBeGreaterThan(0);
    const second = list('--source', SECOND_SOURCE);
    expect(second).toHaveLength(9);
    expect(second.every((c) => c.sources.includes(SECOND_SOURCE))).toBe(true);
    // As of mid-December 2025 only the EU's pledge (about December) had been made.
    expect(list('--as-of', '2025-12-15').map((c) => c.from)).toEqual(['alliance:european-union']);
    expect(list('--as-of', '2026-01-06')).toHaveLength(all.length);
  });

  it('pages with --first and --after: every commitment once, in the same order, the cursor on stderr', () => {
    const all = list().map((c) => c.id);
    const seen: string[] = [];
    let after: string | undefined;
    for (let pages = 1; ; pages++) {
      const result = runCli(['commitments', '--first', '7', ...(after ? ['--after', after] : []), '--json'], env);
      expect(result.code, result.stderr).toBe(0);
      const page = result.stdout.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as Listed).id);
      seen.push(...page);
      after = /next page: --after (\S+)/.exec(result.stderr)?.[1];
      if (!after) {
        expect(pages).toBe(4); // 7 + 7 + 7 + 3
        expect(page).toHaveLength(3);
        break;
      }
      expect(page).toHaveLength(7);
    }
    expect(seen).toEqual(all);
  });

  it('refuses what is not a type, a date or a cursor (exit 2), and a name that names nothing (exit 1)', () => {
    const structural = runCli(['commitments', '--type', 'LEADS'], env);
    expect(structural.code).toBe(2);
    expect(structural.stderr).toMatch(/--type must be values that are each one of PLEDGED, REFUSED, WARNED; got "LEADS"/);
    expect(runCli(['commitments', '--as-of', '2026-02-30'], env).stderr).toMatch(/--as-of must be a date/);
    const cursor = runCli(['commitments', '--after', 'not-a-cursor'], env);
    expect(cursor.code).toBe(2);
    expect(cursor.stderr).toContain('--after must be a cursor');
    const unknown = runCli(['commitments', '--from', 'Atlantis'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('UNKNOWN_NAME');
    const notSource = runCli(['commitments', '--source', 'state:DEU'], env);
    expect(notSource.code).toBe(1);
    expect(notSource.stderr).toContain('NOT_A_SOURCE');
  });

  it('an empty answer is not invalid input: exit 0, the reason on stderr, no line (JSON lines) or the empty value on stdout', () => {
    const none = runCli(['commitments', '--as-of', '2025-01-01'], env);
    expect(none).toMatchObject({ code: 0, stdout: '' });
    expect(none.stderr).toContain('no commitment matches');
    expect(runCli(['commitments', '--as-of', '2025-01-01', '--json'], env)).toMatchObject({ code: 0, stdout: '' });
    const statements = runCli(['statements', '--min-sources', '99'], env);
    expect(statements).toMatchObject({ code: 0, stdout: '' });
    expect(statements.stderr).toContain('no statement matches');
    const tensions = runCli(['tensions', '--as-of', '2025-01-01'], env);
    expect(tensions).toMatchObject({ code: 0, stdout: '' });
    expect(tensions.stderr).toContain('no tensions on 2025-01-01');
    expect(JSON.parse(runCli(['tensions', '--as-of', '2025-01-01', '--json'], env).stdout)).toEqual([]);
    const paths = runCli(['paths', 'Italy', 'Russia', '--types', 'LEADS'], env);
    expect(paths).toMatchObject({ code: 0, stdout: '' });
    expect(paths.stderr).toContain('no paths from state:ITA to state:RUS');
    expect(JSON.parse(runCli(['paths', 'Italy', 'Russia', '--types', 'LEADS', '--json'], env).stdout)).toEqual([]);
    const scenario = runCli(['scenario', '--as-of', '2025-01-01'], env);
    expect(scenario).toMatchObject({ code: 0, stdout: '' });
    expect(scenario.stderr).toContain('no conditional or withdrawn commitments on 2025-01-01');
    expect(JSON.parse(runCli(['scenario', '--as-of', '2025-01-01', '--json'], env).stdout)).toMatchObject({ active: [], inactive: [], undetermined: [], withdrawn: [], cycles: [] });
  });
});

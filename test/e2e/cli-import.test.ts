// cgraph import as a process: every importer into the memory store and Neo4j, idempotent, with
// a summary; then the API sums the Kiel commitments by donor and type.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { neo4jEnv, noNeo4j, tempDir } from '../support/fixtures.ts';
import { seededApi } from '../support/graphql-client.ts';
import { runCli } from '../support/run-cli.ts';
import { timeLimit } from '../support/time-limits.ts';

const DATA = 'data';
const ATOP = 'source:atop-member-level';
const KIEL = 'source:kiel-ukraine-support-tracker';
const IMPORTS: [string, string][] = [
  ['atop', join(DATA, 'atop', 'atop4_member_level.csv')],
  ['cow', join(DATA, 'cow', 'alliance_v4.1_by_member.csv')],
  ['kiel', join(DATA, 'kiel', 'ust_r29_data_explorer.csv')],
  ['gdelt', join(DATA, 'gdelt', 'gdelt1_events_sample_20160728.tsv')],
];

function importAll(env: Record<string, string>) {
  for (const [kind, file] of IMPORTS) {
    const first = runCli(['import', kind, file, '--json'], env);
    expect(first.code, first.stderr).toBe(0);
    const [summary] = JSON.parse(first.stdout);
    expect(summary.rowsRead).toBeGreaterThan(100);
    expect(summary.relationshipsCreated).toBeGreaterThan(0);
    const again = JSON.parse(runCli(['import', kind, file, '--json'], env).stdout)[0];
    expect(again.relationshipsCreated).toBe(0);
    expect(again.nodesCreated).toBe(0);
  }
}

describe('cgraph import', () => {
  it('imports all four datasets into the memory store, idempotently', async () => {
    const dataDir = tempDir();
    importAll({ CGRAPH_DATA_DIR: dataDir });
    const rejected = runCli(['import', 'atop', IMPORTS[0]?.[1] as string], { CGRAPH_DATA_DIR: dataDir });
    expect(rejected.stdout).toMatch(/atop4_member_level\.csv:203 rejected: member "8152"/);
    expect(runCli(['import', 'atop', IMPORTS[0]?.[1] as string, '--strict'], { CGRAPH_DATA_DIR: dataDir }).code).toBe(1);
    expect(runCli(['import', 'nonsense', 'x.csv'], { CGRAPH_DATA_DIR: dataDir }).code).toBe(2);
    // GDELT prints how many rows it skipped for each reason, self-events among them.
    const gdelt = runCli(['import', 'gdelt'], { CGRAPH_DATA_DIR: dataDir });
    expect(gdelt.stdout).toMatch(/skipped \d+: both actors resolve to the same state/);
    expect(gdelt.stdout).toMatch(/skipped \d+: CAMEO root \d\d is not 03, 12 or 13/);

    // The dashboard's view: Kiel commitments summed by donor and type.
    const api = await seededApi(new MemoryStore({ dataDir }));
    const res = await api.query<{ amountTotals: { donor: { id: string }; aidType: string; amountEur: number; commitments: number }[] }>(
      '{ amountTotals(filter: { from: ["state:DEU"], sources: ["source:kiel-ukraine-support-tracker"] }) { donor { id } aidType amountEur commitments } }',
    );
    const rows = (parse(readFileSync(IMPORTS[2]?.[1] as string, 'utf8'), { columns: true }) as Record<string, string>[]).filter((r) => r.iso === 'DEU');
    const military = rows.reduce((sum, r) => sum + Math.round(Number(r.military) * 1e9), 0);
    expect(res.data?.amountTotals.find((t) => t.aidType === 'military')).toMatchObject({ donor: { id: 'state:DEU' }, amountEur: military });
  }, timeLimit(180_000));

  it('imports a later release of a dataset as a new version of the same source: what it no longer lists goes', () => {
    const env = { CGRAPH_DATA_DIR: tempDir() };
    const kiel = IMPORTS[2]?.[1] as string;
    expect(runCli(['import', 'kiel', kiel], env).code).toBe(0);
    // The next release: Germany's first month is gone, and another row's amounts are revised.
    const lines = readFileSync(kiel, 'utf8').split('\n');
    const cells = (line: string) => ((parse(line) as string[][])[0] ?? []) as string[];
    const header = cells(lines[0] as string);
    const [iso, military] = [header.indexOf('iso'), header.indexOf('military')];
    const germany = lines.findIndex((l, i) => i > 0 && l && cells(l)[iso] === 'DEU' && Number(cells(l)[military]) > 0);
    const revisedRow = lines.findIndex((l, i) => i > germany && l && cells(l)[iso] !== 'DEU' && Number(cells(l)[military]) > 0);
    const revised = cells(lines[revisedRow] as string).map((c) => JSON.stringify(c));
    revised[military] = String(Number(cells(lines[revisedRow] as string)[military]) + 1);
    const next = lines.map((l, i) => (i === revisedRow ? revised.join(',') : l)).filter((_, i) => i !== germany);
    const release = join(tempDir(), 'ust_r30_data_explorer.csv');
    writeFileSync(release, next.join('\n'));
    const imported = runCli(['import', 'kiel', release, '--json'], env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)[0]).toMatchObject({ versionsAdded: 1, statementsChanged: 1 });
    expect(JSON.parse(imported.stdout)[0].statementsRemoved).toBeGreaterThanOrEqual(1);
    const versions = JSON.parse(runCli(['versions', 'source:kiel-ukraine-support-tracker', '--json'], env).stdout);
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const diff = JSON.parse(runCli(['diff', 'source:kiel-ukraine-support-tracker', '--json'], env).stdout);
    expect(diff.removed.every((s: { claim: { from: string } }) => s.claim.from === 'state:DEU')).toBe(true);
    expect(diff.changed).toEqual([expect.objectContaining({ properties: expect.arrayContaining(['amountEur', 'evidence']) })]);
  }, timeLimit(120_000));

  it('refuses the dataset\'s other table (exit 1, IMPORT_WRONG_FILE) and leaves every ATOP statement in place', () => {
    const env = { CGRAPH_DATA_DIR: tempDir() };
    expect(runCli(['import', 'atop'], env).code).toBe(0);
    const statements = () => JSON.parse(runCli(['versions', ATOP, '--json'], env).stdout).map((v: { statements: number }) => v.statements);
    const relationships = () => JSON.parse(runCli(['stats', '--json'], env).stdout).relationships;
    const [before, beforeCounts] = [statements(), relationships()];
    expect(before).toEqual([6475]);
    const wrong = runCli(['import', 'atop', join(DATA, 'atop', 'atop4_alliance_level.csv'), '--json'], env);
    expect(wrong.code).toBe(1);
    // With --json the refusal is JSON on stdout, naming a missing column.
    const { error } = JSON.parse(wrong.stdout) as { error: { code: string; message: string } };
    expect(error.code).toBe('IMPORT_WRONG_FILE');
    expect(error.message).toMatch(/member/);
    expect(statements()).toEqual(before);
    expect(relationships()).toEqual(beforeCounts);
  }, 120_000);

  it('lists a row with a column too many and one with a stray quote as rejected, with their lines', () => {
    const env = { CGRAPH_DATA_DIR: tempDir() };
    const lines = readFileSync(IMPORTS[2]?.[1] as string, 'utf8').split('\n');
    lines[4] = `${lines[4] as string},"an extra column"`;
    lines[9] = (lines[9] as string).replace('"Australia"', '"Bel"gium"');
    const file = join(tempDir(), 'ust_r29_data_explorer.csv');
    writeFileSync(file, lines.join('\n'));
    const imported = runCli(['import', 'kiel', file, '--json'], env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)[0].rejected.map((r: { file: string; line: number }) => [r.file, r.line])).toEqual([
      [file, 5],
      [file, 10],
    ]);
    expect(runCli(['import', 'kiel', file], env).stdout).toMatch(new RegExp(`${file.replace(/[.\\/]/g, '\\$&')}:10 rejected: malformed row`));
    expect(runCli(['import', 'kiel', file, '--strict'], env).code).toBe(1);
  }, 120_000);

  it('refuses a release that drops more than half of its source (exit 1, SOURCE_SHRINK) unless --allow-shrink', () => {
    const env = { CGRAPH_DATA_DIR: tempDir() };
    expect(runCli(['import', 'kiel'], env).code).toBe(0);
    const lines = readFileSync(IMPORTS[2]?.[1] as string, 'utf8').split('\n');
    const release = join(tempDir(), 'ust_r30_data_explorer.csv');
    writeFileSync(release, lines.slice(0, 20).join('\n'));
    const statements = () => JSON.parse(runCli(['versions', KIEL, '--json'], env).stdout).map((v: { statements: number }) => v.statements);
    const before = statements();
    const refused = runCli(['import', 'kiel', release], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/SOURCE_SHRINK/);
    expect(statements()).toEqual(before);
    const allowed = runCli(['import', 'kiel', release, '--allow-shrink', '--json'], env);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(JSON.parse(allowed.stdout)[0]).toMatchObject({ versionsAdded: 1 });
    expect(statements()).toHaveLength(2);
    expect(statements()[1]).toBeLessThan((before[0] as number) / 2);
  }, 120_000);

  it.skipIf(noNeo4j())('imports all four datasets into Neo4j, idempotently', () => {
    const env = neo4jEnv();
    expect(runCli(['reset', '--yes'], env).code).toBe(0);
    importAll(env);
  }, timeLimit(240_000));
});

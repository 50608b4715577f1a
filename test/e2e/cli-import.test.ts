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

  it.skipIf(noNeo4j())('imports all four datasets into Neo4j, idempotently', () => {
    const env = neo4jEnv();
    expect(runCli(['reset', '--yes'], env).code).toBe(0);
    importAll(env);
  }, timeLimit(240_000));
});

// cgraph load --initial through the real command: a new database built by Neo4j's import tool
// equals a transactional load of the same files — every node and relationship with the same
// labels, properties and property types, the same export, the same source versions — and it is
// never built over a database that holds data unless told to replace it. Neo4j Community cannot
// stop one database while others run, so the import gets its own launcher on its own folder.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeLines } from '../../src/ingest/graph-lines.ts';
import { loadBatches } from '../../src/ingest/load-dossiers.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import * as launcher from '../../tools/neo4j-local/launcher.mjs';
import { allSeedBatches, neo4jEnv, neo4jUri, noNeo4j, tempDir } from '../support/fixtures.ts';
import { runCli } from '../support/run-cli.ts';
import { timeLimit } from '../support/time-limits.ts';

const LAUNCHER = 'initial-load-test';

/** Every node and relationship with its labels, properties and property types, in a stable order. */
async function contents(uri: string, password = ''): Promise<{ nodes: unknown[]; relationships: unknown[]; schema: unknown[] }> {
  const driver = neo4j.driver(uri, password ? neo4j.auth.basic('neo4j', password) : undefined, { disableLosslessIntegers: true });
  try {
    // Load times and the graph's write counter and lock time differ by nature; all else must not.
    const skip = ['loadedAt', 'lockedAt', 'version'];
    const nodeRows = await driver.executeQuery(
      `MATCH (n) WHERE NOT n:GraphMeta
       RETURN labels(n) AS labels,
              [k IN keys(n) WHERE NOT (n:SourceVersion AND k IN $skip) | [k, n[k], valueType(n[k])]] AS props
       ORDER BY coalesce(n.id, n.key)`,
      { skip },
    );
    const relationshipRows = await driver.executeQuery(
      `MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS from, b.id AS to, [k IN keys(r) | [k, r[k], valueType(r[k])]] AS props ORDER BY r.id`,
    );
    const meta = await driver.executeQuery(`MATCH (m:GraphMeta) RETURN [k IN keys(m) WHERE NOT k IN $skip | [k, m[k], valueType(m[k])]] AS props`, { skip });
    const schema = await driver.executeQuery(`SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, state RETURN * ORDER BY name`);
    const sorted = (rows: unknown[][]) => [...rows].sort((x, y) => String(x[0]).localeCompare(String(y[0])));
    return {
      nodes: [
        ...nodeRows.records.map((r) => ({ labels: [...(r.get('labels') as string[])].sort(), props: sorted(r.get('props')) })),
        ...meta.records.map((r) => ({ meta: sorted(r.get('props')) })),
      ],
      relationships: relationshipRows.records.map((r) => ({ type: r.get('type'), from: r.get('from'), to: r.get('to'), props: sorted(r.get('props')) })),
      schema: schema.records.map((r) => r.toObject()),
    };
  } finally {
    await driver.close();
  }
}

async function graphVersion(uri: string): Promise<number> {
  const driver = neo4j.driver(uri, undefined, { disableLosslessIntegers: true });
  try {
    const { records } = await driver.executeQuery(`MATCH (m:GraphMeta {key: 'graph'}) RETURN m.version AS version`);
    return records[0]?.get('version') as number;
  } finally {
    await driver.close();
  }
}

const GRADED_OUTLETS = [
  { outlet: 'reuters', reliability: 'B' },
  { outlet: 'tass', reliability: 'E' },
] as const;

describe.skipIf(noNeo4j())('cgraph load --initial', () => {
  const dir = tempDir('cgraph-initial-');
  const home = join(dir, 'neo4j-home');
  const seedsFile = join(dir, 'seeds.jsonl');
  const generatedFile = join(dir, 'generated.jsonl');
  let port = 0;

  beforeAll(async () => {
    // The seeds (several sources, reviews, corrections, multi-line article texts) as JSON lines,
    // and a generated graph (many statements per source, empty and one-item lists).
    const memory = new MemoryStore();
    await loadBatches(memory, allSeedBatches());
    // Outlets' grades are held apart from every node: they must reach the imported database too.
    await memory.gradeOutlets(GRADED_OUTLETS);
    const lines: string[] = [];
    for await (const line of storeLines(memory)) lines.push(line);
    writeFileSync(seedsFile, lines.join(''));
    expect(runCli(['generate', '--format', 'jsonl', '--out', generatedFile, '--commitments', '1500', '--states', '60', '--seed', '5']).code).toBe(0);
    port = await launcher.freePort();
  });

  afterAll(async () => {
    await launcher.stop({ name: LAUNCHER });
  });

  it('builds a database equal to a transactional load of the same files, constraints and indexes online', async () => {
    expect(runCli(['reset', '--yes'], neo4jEnv()).code).toBe(0);
    const transactional = runCli(['load', seedsFile, generatedFile], neo4jEnv());
    expect(transactional.code, transactional.stderr).toBe(0);

    const imported = runCli(['load', '--initial', seedsFile, generatedFile, '--neo4j-home', home, '--port', String(port), '--launcher', LAUNCHER, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    const result = JSON.parse(imported.stdout) as { uri: string; relationships: number; nodes: number; sourceVersions: number };
    expect(result.uri).toBe(`bolt://127.0.0.1:${port}`);
    expect(result.relationships).toBeGreaterThan(1500);

    const [mine, theirs] = await Promise.all([contents(result.uri), contents(neo4jUri() as string, neo4jEnv().NEO4J_PASSWORD)]);
    expect(mine.nodes.length).toBe(result.nodes + result.sourceVersions + 1 + GRADED_OUTLETS.length);
    expect(mine.relationships.length).toBe(result.relationships);
    expect(mine.nodes).toEqual(theirs.nodes);
    expect(mine.relationships).toEqual(theirs.relationships);
    expect(mine.schema).toEqual(theirs.schema);
    expect(mine.schema.every((index) => (index as { state: string }).state === 'ONLINE')).toBe(true);

    // What every reader sees: the export (nodes, then each fact's statements with their reviews).
    const exportOf = (env: Record<string, string>, name: string) => {
      const out = join(dir, name);
      const run = runCli(['export', '--format', 'jsonl', '--out', out], env);
      expect(run.code, run.stderr).toBe(0);
      return readFileSync(out, 'utf8');
    };
    const exported = exportOf({ NEO4J_URI: result.uri }, 'imported.jsonl');
    expect(exported.split('\n').length).toBeGreaterThan(result.relationships);
    expect(exported).toBe(exportOf(neo4jEnv(), 'transactional.jsonl'));
    expect(exported).toContain('{"outlet":"reuters","reliability":"B"}\n{"outlet":"tass","reliability":"E"}\n');
  }, timeLimit(120_000)); // two loads, an import and a Neo4j start: the slowest of the default-limited tests

  it('refuses a database that holds data, and replaces it when told, past its graph version', async () => {
    const uri = `bolt://127.0.0.1:${port}`;
    const before = await contents(uri);
    const versionBefore = await graphVersion(uri);

    const refused = runCli(['load', '--initial', generatedFile, '--neo4j-home', home, '--launcher', LAUNCHER]);
    expect(refused.code).toBe(1); // EXIT.INVALID: the input (this database) is not what --initial takes
    expect(refused.stderr).toMatch(/DATABASE_NOT_EMPTY/);
    expect(refused.stderr).toMatch(/--replace/);
    expect(await contents(uri)).toEqual(before);

    const replaced = runCli(['load', '--initial', generatedFile, '--neo4j-home', home, '--launcher', LAUNCHER, '--replace', '--json']);
    expect(replaced.code, replaced.stderr).toBe(0);
    // The launcher that ran on the folder answers again where it did, with the new graph only.
    expect(JSON.parse(replaced.stdout).uri).toBe(uri);
    expect(await graphVersion(uri)).toBeGreaterThan(versionBefore);
    const after = await contents(uri);
    expect(after.relationships.length).toBeLessThan(before.relationships.length);
    expect(after.nodes.some((n) => JSON.stringify(n).includes('source:paris-summit'))).toBe(false);
  }, timeLimit(120_000)); // Neo4j stopped, imported into and started again

  it('writes the CSV files and the import command for another machine (Docker) with --csv-only, touching no database', () => {
    const out = join(dir, 'csv-only');
    const result = runCli(['load', '--initial', generatedFile, '--csv-only', '--csv-dir', out, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const { command, csvDir } = JSON.parse(result.stdout) as { command: string[]; csvDir: string };
    expect(csvDir).toBe(out);
    expect(command.slice(0, 3)).toEqual(['database', 'import', 'full']);
    expect(command).toContain('--overwrite-destination=true');
    const files = command.filter((arg) => arg.startsWith('--relationships=') || arg.startsWith('--nodes=')).map((arg) => arg.slice(arg.lastIndexOf('=') + 1));
    expect(files.length).toBeGreaterThan(3);
    expect(files.every((file) => file.startsWith(out) && readFileSync(file, 'utf8').length > 0)).toBe(true);
  });

  it('says where a file is wrong and builds nothing', () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"id":"state:AAA","kind":"STATE","name":"A","aliases":[]}\n{"id":"rel:x","type":"PLEDGED"}\n');
    const other = join(dir, 'other-home');
    const result = runCli(['load', '--initial', bad, '--neo4j-home', other, '--launcher', `${LAUNCHER}-bad`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${bad}:2`);
  });
});

// The bulk format through the CLI as a process: generate JSON lines, load them (memory and Neo4j),
// export them back, and refuse bad lines with file:line, code and path while writing nothing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateRecords } from '../../src/ingest/generate.ts';
import { loadGraphLines } from '../../src/ingest/graph-lines.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { neo4jEnv, noNeo4j, openNeo4jStore, storeFactories, tempDir } from '../support/fixtures.ts';
import { runCli } from '../support/run-cli.ts';

const SIZE = { states: 30, actors: 40, commitments: 1_500, seed: 3 };
const sizeArgs = ['--states', '30', '--actors', '40', '--commitments', '1500', '--seed', '3'];

function generated(): { dir: string; file: string; lines: string[] } {
  const dir = tempDir();
  const file = join(dir, 'graph.jsonl');
  const result = runCli(['generate', '--format', 'jsonl', '--out', file, ...sizeArgs, '--json']);
  expect(result.code, result.stderr).toBe(0);
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  expect(JSON.parse(result.stdout)).toEqual({ out: file, records: lines.length });
  return { dir, file, lines };
}

const relationshipLine = (lines: string[], type: string) => lines.findIndex((l) => JSON.parse(l).type === type);

describe('cgraph generate --format jsonl and cgraph load of .jsonl', () => {
  it('writes the same records as the generator, and loads them idempotently on the memory store', () => {
    const { dir, file, lines } = generated();
    expect(lines).toEqual([...generateRecords(SIZE)].map((r) => JSON.stringify(r)));
    const relationships = lines.filter((l) => 'type' in JSON.parse(l)).length;
    const env = { CGRAPH_DATA_DIR: join(dir, 'data') };
    const first = runCli(['load', file, '--json'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ store: 'memory', relationshipsCreated: relationships, nodesCreated: lines.length - relationships });
    const again = JSON.parse(runCli(['load', file, '--json'], env).stdout);
    expect(again).toMatchObject({ relationshipsCreated: 0, relationshipsUpdated: 0, relationshipsUnchanged: relationships, nodesCreated: 0 });
  });

  it('round-trips through export --format jsonl: the reloaded graph exports identically', () => {
    const dir = tempDir();
    const a = { CGRAPH_DATA_DIR: join(dir, 'a') };
    const b = { CGRAPH_DATA_DIR: join(dir, 'b') };
    expect(runCli(['load', 'seeds'], a).code).toBe(0);
    expect(runCli(['grade', 'reuters', 'B'], a).code).toBe(0);
    expect(runCli(['export', '--format', 'jsonl', '--out', join(dir, 'seeds.jsonl')], a).code).toBe(0);
    expect(runCli(['load', join(dir, 'seeds.jsonl')], b).code).toBe(0);
    const exported = (env: Record<string, string>) => runCli(['export', '--format', 'jsonl'], env).stdout;
    expect(exported(b)).toBe(exported(a));
    // Both reports of the summit: 44 nodes, then 74 + 27 statements (shared facts carry one of each).
    const lines = exported(a).trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines.filter((r) => 'kind' in r)).toHaveLength(44);
    expect(lines.filter((r) => 'type' in r)).toHaveLength(101);
    expect(lines.filter((r) => r.review?.state === 'reviewed')).toHaveLength(101);
    expect(lines.filter((r) => 'outlet' in r && !('kind' in r))).toEqual([{ outlet: 'reuters', reliability: 'B' }]);
  });

  it('refuses bad lines with file:line, code and path, lists them all, and writes nothing', () => {
    const { dir, lines } = generated();
    const pledge = relationshipLine(lines, 'PLEDGED');
    const warned = relationshipLine(lines, 'WARNED');
    const source = lines.findIndex((l) => JSON.parse(l).kind === 'SOURCE');
    const broken = [...lines];
    const edit = (index: number, change: (record: Record<string, unknown>) => void) => {
      const record = JSON.parse(broken[index] as string);
      change(record);
      broken[index] = JSON.stringify(record);
    };
    edit(pledge, (r) => ((r.evidence as { start: number }[])[0]!.start += 1));
    edit(warned, (r) => (r.from = 'state:ZZZ'));
    edit(source, (r) => (r.text = `${String(r.text)} `));
    const leads = relationshipLine(lines, 'LEADS');
    broken[leads] = '{"type": "LEADS", "from": ';
    edit(leads + 1, (r) => (r.role = 42));
    edit(pledge + 1, (r) => (r.firmness = 'lukewarm'));
    broken.push('{"outlet":"Reuters Ltd","reliability":"G"}');
    const gradeLine = broken.length;
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${broken.join('\n')}\n`);
    const env = { CGRAPH_DATA_DIR: join(dir, 'data') };
    const result = runCli(['load', bad], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${bad}:${leads + 1} BAD_JSON`);
    expect(result.stderr).toContain(`${bad}:${leads + 2} SCHEMA at role`);
    expect(result.stderr).toContain(`${bad}:${pledge + 2} BAD_ENUM at firmness`);
    expect(result.stderr).toContain(`${bad}:${source + 1} SOURCE_HASH_MISMATCH at sha256`);
    expect(result.stderr).toContain(`${bad}:${pledge + 1} QUOTE_MISMATCH at evidence.0.quote`);
    expect(result.stderr).toContain(`${bad}:${warned + 1} UNKNOWN_ID at from`);
    expect(result.stderr).toContain(`${bad}:${gradeLine} SCHEMA at outlet`);
    expect(result.stderr).toContain(`${bad}:${gradeLine} BAD_ENUM at reliability`);
    expect(existsSync(join(dir, 'data'))).toBe(false);
    expect(JSON.parse(runCli(['stats', '--json'], env).stdout).relationships).toEqual({});
  });

  it.skipIf(noNeo4j())('loads into Neo4j in chunks, and a second run changes nothing', () => {
    const { file, lines } = generated();
    const relationships = lines.filter((l) => 'type' in JSON.parse(l)).length;
    expect(runCli(['reset', '--yes'], neo4jEnv()).code).toBe(0);
    const first = runCli(['load', file, '--chunk', '700', '--json'], neo4jEnv());
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ store: 'neo4j', relationshipsCreated: relationships, nodesCreated: lines.length - relationships });
    const again = JSON.parse(runCli(['load', file, '--chunk', '700', '--json'], neo4jEnv()).stdout);
    expect(again).toMatchObject({ relationshipsCreated: 0, relationshipsUnchanged: relationships, nodesUnchanged: lines.length - relationships });
  });
});

describe.skipIf(noNeo4j())('a chunked load cut short', () => {
  it('keeps whole chunks only, and running it again gives the same graph as a clean load', async () => {
    const { file } = generated();
    const clean = new MemoryStore();
    await loadGraphLines(clean, [file]);
    const reference = await clean.snapshot();

    const plain = await storeFactories.neo4j();
    let statements = 0;
    const failing = await openNeo4jStore({
      batchSize: 200,
      hooks: {
        beforeWriteStatement: () => {
          if (++statements === 40) throw new Error('injected failure mid-load');
        },
      },
    });
    try {
      await expect(loadGraphLines(failing, [file], { chunkRecords: 400 })).rejects.toThrow('injected failure mid-load');
      const partial = await plain.counts();
      const partialRelationships = Object.values(partial.relationships).reduce((a, b) => a + (b ?? 0), 0);
      // Some chunks were committed, none half: every chunk holds 400 records.
      expect(partialRelationships).toBeGreaterThan(0);
      const partialNodes = Object.values(partial.nodes).reduce((a, b) => a + (b ?? 0), 0);
      expect((partialNodes + partialRelationships) % 400).toBe(0);
      await loadGraphLines(plain, [file], { chunkRecords: 400 });
      expect(await plain.snapshot()).toEqual(reference);
    } finally {
      await failing.close();
      await plain.close();
    }
  });
});

describe.skipIf(noNeo4j())('export → load → export across stores', () => {
  it('gives the same JSON lines from Neo4j as from the memory store it was exported from, reviews included', () => {
    const dir = tempDir();
    const memory = { CGRAPH_DATA_DIR: join(dir, 'memory') };
    const neo = neo4jEnv();
    expect(runCli(['load', 'seeds'], memory).code).toBe(0);
    const [statement] = runCli(['statements', '--min-sources', '2', '--json'], memory).stdout.split('\n').map((l) => l && JSON.parse(l));
    expect(runCli(['review', statement.statement, '--state', 'disputed', '--note', 'checked: wrong', '--by', 'ana'], memory).code).toBe(0);
    // Grades are held once per outlet, apart from the nodes: the export carries them on lines of their own.
    expect(runCli(['grade', 'tass', 'E'], memory).code).toBe(0);
    expect(runCli(['grade', 'reuters', 'B'], memory).code).toBe(0);
    const file = join(dir, 'seeds.jsonl');
    expect(runCli(['export', '--format', 'jsonl', '--out', file], memory).code).toBe(0);
    expect(runCli(['reset', '--yes'], neo).code).toBe(0);
    const loaded = runCli(['load', file, '--chunk', '40'], neo);
    expect(loaded.code, loaded.stderr).toBe(0);
    const fromNeo4j = runCli(['export', '--format', 'jsonl'], neo).stdout;
    expect(fromNeo4j).toBe(readFileSync(file, 'utf8'));
    expect(fromNeo4j).toContain('"note":"checked: wrong"');
    expect(fromNeo4j).toContain('{"outlet":"reuters","reliability":"B"}\n{"outlet":"tass","reliability":"E"}\n');
  });
});

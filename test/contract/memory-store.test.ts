// The contract suite on the embedded memory store, plus what only it does: persistence.
import { appendFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { runCli } from '../support/run-cli.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBatches } from '../../src/ingest/load-dossiers.ts';
import type { Fact } from '../../src/domain/statements.ts';
import { LOG_FILE, MemoryStore, SNAPSHOT_FILE } from '../../src/store/memory/memory-store.ts';
import { LEGACY_FILE } from '../../src/store/memory/store-log.ts';
import { allSeedBatches, seedBatches, storeFactories, tempDir } from '../support/fixtures.ts';

const SOURCE = 'source:coalition-of-the-willing-paris-summit';
const FORMAT_4 = join(import.meta.dirname, '..', 'fixtures', 'store-format-4');
import { describeGraphStoreContract } from './graph-store-contract.ts';
import { describeStatementContract } from './statements-contract.ts';
import { describeMergeContract } from './merge-contract.ts';
import { describeGradesContract } from './grades-contract.ts';
import { mergeArticles } from '../support/merge-articles.ts';

describeGraphStoreContract('memory', storeFactories.memory);
describeGraphStoreContract('memory, persisted', async () => new MemoryStore({ dataDir: tempDir() }));
describeStatementContract('memory', storeFactories.memory);
describeStatementContract('memory, persisted', async () => new MemoryStore({ dataDir: tempDir() }));
describeMergeContract('memory', storeFactories.memory);
describeMergeContract('memory, persisted', async () => new MemoryStore({ dataDir: tempDir() }));
describeGradesContract('memory', storeFactories.memory);
describeGradesContract('memory, persisted', async () => new MemoryStore({ dataDir: tempDir() }));

describe('memory store: outlet grades on disk', () => {
  it('keeps them through a restart and a compaction, and reads format 3 folders as ungraded', async () => {
    const dataDir = tempDir();
    const first = new MemoryStore({ dataDir });
    await first.gradeOutlets([{ outlet: 'wire', reliability: 'B' }, { outlet: 'agency', reliability: 'F' }]);
    await first.gradeOutlets([{ outlet: 'agency', reliability: null }]);
    await first.close();
    const second = new MemoryStore({ dataDir, compactBytes: 1 });
    expect(await second.outletGrades(['wire', 'agency'])).toEqual(new Map([['wire', 'B']]));
    await second.gradeOutlets([{ outlet: 'tass', reliability: 'D' }]);
    await second.close();
    expect(readFileSync(join(dataDir, SNAPSHOT_FILE), 'utf8')).toContain('"outletGrade"');
    const third = new MemoryStore({ dataDir });
    expect(await third.outletGrades(['wire', 'tass'])).toEqual(new Map([['wire', 'B'], ['tass', 'D']]));
    await third.close();
    // A folder of format 3 (before grades): format 4's records without grade lines, read as ungraded.
    rmSync(join(dataDir, LOG_FILE), { force: true });
    writeFileSync(join(dataDir, SNAPSHOT_FILE), readFileSync(join(FORMAT_4, SNAPSHOT_FILE), 'utf8').replace('"format":4', '"format":3'));
    const older = new MemoryStore({ dataDir, readOnly: true });
    expect(await older.outletGrades(['wire', 'tass'])).toEqual(new Map());
    await older.close();
  });
});

describe('memory store: snapshot formats', () => {
  /** A folder an earlier version wrote (format 4: plain JSON lines), holding every seed and a graded outlet in its log. */
  const format4Folder = () => {
    const dir = tempDir();
    cpSync(FORMAT_4, dir, { recursive: true });
    return dir;
  };
  const firstLine = (dir: string) => readFileSync(join(dir, SNAPSHOT_FILE), 'utf8').slice(0, 40).split('\n')[0];

  it('opens a format 4 folder with the same answers, and the holder carries it over to format 5 at open', async () => {
    const dir = format4Folder();
    const reader = new MemoryStore({ dataDir: dir, readOnly: true });
    const graph = await reader.snapshot();
    const version = await reader.version();
    const versions = await reader.sourceVersions(SOURCE);
    expect(graph.edges.length).toBeGreaterThan(50);
    expect(await reader.outletGrades(['wire'])).toEqual(new Map([['wire', 'B']]));
    // A reader never rewrites the folder.
    expect(firstLine(dir)).toBe('{"format":4,"version":2}');
    const v4Bytes = statSync(join(dir, SNAPSHOT_FILE)).size;

    const holder = new MemoryStore({ dataDir: dir });
    expect(await holder.snapshot()).toEqual(graph);
    await holder.close(); // the carry-over runs before the store closes
    expect(firstLine(dir)).toBe('{"format":5,"version":3}');
    expect(readdirSync(dir)).toEqual([SNAPSHOT_FILE]); // the log is folded in
    expect(statSync(join(dir, SNAPSHOT_FILE)).size).toBeLessThan(v4Bytes * 0.7);

    const reopened = new MemoryStore({ dataDir: dir });
    expect(await reopened.snapshot()).toEqual(graph);
    expect(await reopened.version()).toBe(version);
    expect(await reopened.sourceVersions(SOURCE)).toEqual(versions);
    expect(await reopened.outletGrades(['wire'])).toEqual(new Map([['wire', 'B']]));
    // Listings go through the indexes rebuilt from the packed records.
    const page = await reopened.listRelationships({ sources: [SOURCE] }, { first: 500 });
    expect(page.items.map((f) => f.id)).toEqual((await reader.listRelationships({ sources: [SOURCE] }, { first: 500 })).items.map((f) => f.id));
    expect(page.items.length).toBeGreaterThan(0);
    await reopened.close();
  });

  it('refuses a format 5 record that names a string its tables do not hold, with the line', () => {
    const dir = tempDir();
    writeFileSync(join(dir, SNAPSHOT_FILE), '{"format":5,"version":1}\n{"table":{"strings":["node:a"],"shapes":[["id"]]}}\n{"node":[0,7]}\n{"end":1}\n');
    expect(() => new MemoryStore({ dataDir: dir })).toThrowError(expect.objectContaining({ code: 'STORE_FILE_CORRUPT', details: { file: join(dir, SNAPSHOT_FILE), line: 3 } }));
  });
});

describe('memory store persistence (snapshot and append-only log)', () => {
  it('survives a restart: a new store on the same folder holds the same graph', async () => {
    const dir = tempDir();
    const first = new MemoryStore({ dataDir: dir });
    await loadBatches(first, seedBatches());
    const snapshot = await first.snapshot();
    await first.close();
    const second = new MemoryStore({ dataDir: dir });
    expect(await second.snapshot()).toEqual(snapshot);
    expect(await second.version()).toBe(await first.version());
    expect(await second.sourceVersions(SOURCE)).toEqual(await first.sourceVersions(SOURCE));
  });

  it('a merge survives a restart: the same graph, and the old id still resolves', async () => {
    const dir = tempDir();
    const first = new MemoryStore({ dataDir: dir });
    for (const batch of mergeArticles()) await first.upsert(batch);
    await first.mergeNodes('person:meloni', 'person:giorgia-meloni');
    await first.close();
    const second = new MemoryStore({ dataDir: dir });
    expect(await second.snapshot()).toEqual(await first.snapshot());
    expect(await second.sourceVersions('source:a')).toEqual(await first.sourceVersions('source:a'));
    expect((await second.getNodes(['person:meloni']))[0]?.id).toBe('person:giorgia-meloni');
  });

  it('appends what a write changes and nothing for a no-op load; no temporary files', async () => {
    const dir = tempDir();
    const store = new MemoryStore({ dataDir: dir });
    await loadBatches(store, seedBatches());
    expect(readdirSync(dir)).toEqual([LOG_FILE]);
    const size = statSync(join(dir, LOG_FILE)).size;
    const version = await store.version();
    await loadBatches(store, seedBatches());
    expect(await store.version()).toBe(version);
    expect(statSync(join(dir, LOG_FILE)).size).toBe(size);
    // A review appends one fact, not the graph.
    const fact = (await store.listRelationships({}, { first: 1 })).items[0] as Fact;
    await store.reviewStatement(fact.statements[0]?.id as string, { state: 'reviewed', by: 'test', at: '2026-11-29T00:00:00Z' });
    const grown = statSync(join(dir, LOG_FILE)).size - size;
    expect(grown).toBeGreaterThan(0);
    expect(grown).toBeLessThan(size / 10);
  });

  it('folds the log into a snapshot once it has grown, and reads the same graph back', async () => {
    const dir = tempDir();
    const store = new MemoryStore({ dataDir: dir, compactBytes: 1000 });
    await loadBatches(store, allSeedBatches());
    await store.close();
    expect(readdirSync(dir).sort()).toEqual([SNAPSHOT_FILE]);
    const reopened = new MemoryStore({ dataDir: dir });
    expect(await reopened.snapshot()).toEqual(await store.snapshot());
    expect(await reopened.version()).toBe(await store.version());
  });

  it('cuts off a torn write (a change without its commit line) and keeps every committed one', async () => {
    const dir = tempDir();
    const store = new MemoryStore({ dataDir: dir });
    await loadBatches(store, seedBatches());
    const before = await store.snapshot();
    const size = statSync(join(dir, LOG_FILE)).size;
    appendFileSync(join(dir, LOG_FILE), `{"begin":99}\n{"removeNode":"state:GBR"}\n{"fact":{"id":"rel:torn"`);
    const reopened = new MemoryStore({ dataDir: dir });
    expect(await reopened.snapshot()).toEqual(before);
    expect(statSync(join(dir, LOG_FILE)).size).toBe(size);
  });

  it('refuses a torn or foreign snapshot with a coded error instead of starting empty', () => {
    const dir = tempDir();
    writeFileSync(join(dir, SNAPSHOT_FILE), '{"format":3,"version":1}\n{"node":{"id":');
    expect(() => new MemoryStore({ dataDir: dir })).toThrowError(expect.objectContaining({ code: 'STORE_FILE_CORRUPT' }));
    writeFileSync(join(dir, SNAPSHOT_FILE), '{"format":3,"version":1}\n');
    expect(() => new MemoryStore({ dataDir: dir })).toThrowError(expect.objectContaining({ code: 'STORE_FILE_CORRUPT', message: expect.stringContaining('ends before its end line') }));
    writeFileSync(join(dir, SNAPSHOT_FILE), '{"format":99,"version":1}\n{"end":1}\n');
    expect(() => new MemoryStore({ dataDir: dir })).toThrowError(expect.objectContaining({ code: 'STORE_FILE_FORMAT' }));
  });

  it('refuses a file an earlier version wrote (one relationship per source), saying what to do, and never misreads it', () => {
    const dir = tempDir();
    const older = { format: 1, version: 3, nodes: [], relationships: [{ id: 'rel:00000000000000000001', type: 'LEADS', from: 'a', to: 'b', evidence: [] }] };
    writeFileSync(join(dir, LEGACY_FILE), JSON.stringify(older));
    expect(() => new MemoryStore({ dataDir: dir })).toThrowError(
      expect.objectContaining({ code: 'STORE_FILE_FORMAT', message: expect.stringMatching(/format 1: it was written by an earlier version .* load your dossiers and imports again/) }),
    );
    const cli = runCli(['stats'], { CGRAPH_DATA_DIR: dir });
    expect(cli.code).not.toBe(0);
    expect(cli.stderr).toContain('STORE_FILE_FORMAT');
    expect(JSON.parse(readFileSync(join(dir, LEGACY_FILE), 'utf8'))).toEqual(older);
  });

  it('carries a format 2 file (one JSON file) over into a snapshot, with the same graph', async () => {
    const source = new MemoryStore();
    await loadBatches(source, allSeedBatches());
    const snapshot = await source.snapshot();
    const dir = tempDir();
    const facts = (await source.snapshot()).edges.map((e) => e.attributes);
    writeFileSync(join(dir, LEGACY_FILE), JSON.stringify({ format: 2, version: 7, nodes: snapshot.nodes.map((n) => n.attributes), facts, versions: await source.sourceVersions(SOURCE) }));
    const carried = new MemoryStore({ dataDir: dir });
    expect(await carried.snapshot()).toEqual(snapshot);
    expect(await carried.version()).toBe('memory:7');
    await carried.close();
    expect(readdirSync(dir)).toEqual([SNAPSHOT_FILE]);
    expect(await new MemoryStore({ dataDir: dir }).snapshot()).toEqual(snapshot);
  });

  it('keeps the graph as it was when the write cannot be made durable (nothing half-applied)', async () => {
    const dir = tempDir();
    const store = new MemoryStore({ dataDir: dir });
    await loadBatches(store, seedBatches()); // the registry and the Paris article
    const before = await store.snapshot();
    const version = await store.version();
    // The log's path becomes a folder: the append fails after the batch was checked and planned.
    rmSync(join(dir, LOG_FILE));
    mkdirSync(join(dir, LOG_FILE));
    // Every seed: the second report of the summit is a write that adds (the Paris one changes nothing).
    await expect(loadBatches(store, allSeedBatches())).rejects.toThrow();
    expect(await store.snapshot()).toEqual(before);
    expect(await store.version()).toBe(version);
  });
});

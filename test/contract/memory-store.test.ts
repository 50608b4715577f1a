// The contract suite on the embedded memory store, plus what only it does: persistence.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { runCli } from '../support/run-cli.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBatches } from '../../src/ingest/load-dossiers.ts';
import { MEMORY_STORE_FILE, MemoryStore } from '../../src/store/memory/memory-store.ts';
import { seedBatches, storeFactories, tempDir } from '../support/fixtures.ts';
import { describeGraphStoreContract } from './graph-store-contract.ts';
import { describeStatementContract } from './statements-contract.ts';

describeGraphStoreContract('memory', storeFactories.memory);
describeGraphStoreContract('memory, persisted', async () => new MemoryStore({ dataDir: tempDir() }));
describeStatementContract('memory', storeFactories.memory);
describeStatementContract('memory, persisted', async () => new MemoryStore({ dataDir: tempDir() }));

describe('memory store persistence', () => {
  it('survives a restart: a new store on the same folder holds the same graph', async () => {
    const dir = tempDir();
    const first = new MemoryStore({ dataDir: dir });
    await loadBatches(first, seedBatches());
    const snapshot = await first.snapshot();
    await first.close();
    const second = new MemoryStore({ dataDir: dir });
    expect(await second.snapshot()).toEqual(snapshot);
    expect(await second.version()).toBe(await first.version());
  });

  it('leaves no temporary files behind and writes nothing for a no-op load', async () => {
    const dir = tempDir();
    const store = new MemoryStore({ dataDir: dir });
    await loadBatches(store, seedBatches());
    expect(readdirSync(dir)).toEqual([MEMORY_STORE_FILE]);
    const version = await store.version();
    await loadBatches(store, seedBatches());
    expect(await store.version()).toBe(version);
  });

  it('refuses a torn or foreign file with a coded error instead of starting empty', () => {
    const dir = tempDir();
    writeFileSync(join(dir, MEMORY_STORE_FILE), '{"format":1,"nodes":[');
    expect(() => new MemoryStore({ dataDir: dir })).toThrowError(expect.objectContaining({ code: 'STORE_FILE_CORRUPT' }));
    writeFileSync(join(dir, MEMORY_STORE_FILE), '{"format":99,"nodes":[],"relationships":[]}');
    expect(() => new MemoryStore({ dataDir: dir })).toThrowError(expect.objectContaining({ code: 'STORE_FILE_FORMAT' }));
  });

  it('refuses a file an earlier version wrote (one relationship per source), saying what to do, and never misreads it', () => {
    const dir = tempDir();
    const older = { format: 1, version: 3, nodes: [], relationships: [{ id: 'rel:00000000000000000001', type: 'LEADS', from: 'a', to: 'b', evidence: [] }] };
    writeFileSync(join(dir, MEMORY_STORE_FILE), JSON.stringify(older));
    expect(() => new MemoryStore({ dataDir: dir })).toThrowError(
      expect.objectContaining({ code: 'STORE_FILE_FORMAT', message: expect.stringMatching(/format 1: it was written by an earlier version .* load your dossiers and imports again/) }),
    );
    const cli = runCli(['stats'], { CGRAPH_DATA_DIR: dir });
    expect(cli.code).not.toBe(0);
    expect(cli.stderr).toContain('STORE_FILE_FORMAT');
    expect(JSON.parse(readFileSync(join(dir, MEMORY_STORE_FILE), 'utf8'))).toEqual(older);
  });

  it('keeps the old file when the write fails half-way (nothing torn, nothing half-applied)', async () => {
    const dir = tempDir();
    const store = new MemoryStore({ dataDir: dir });
    await loadBatches(store, seedBatches().slice(0, 1));
    const before = await store.snapshot();
    // Make the temp file's path a directory so the write fails after the batch was checked.
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, `${MEMORY_STORE_FILE}.tmp-${process.pid}`));
    await expect(loadBatches(store, seedBatches().slice(1))).rejects.toThrow();
    expect(await store.snapshot()).toEqual(before);
    expect(await new MemoryStore({ dataDir: dir }).snapshot()).toEqual(before);
    expect(existsSync(join(dir, MEMORY_STORE_FILE))).toBe(true);
  });
});

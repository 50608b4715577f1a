// What the embedded store does when the disk or the machine turns hostile: a disk that fills
// mid-write, a compaction that fails, a torn or unreadable log, leftover temp files, a reader
// while the holder writes. The faults come from a layer around the real fs calls of the store's
// I/O module (test/support/faulty-fs.ts), so no special mount is needed.
import { appendFileSync, copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBatches } from '../../src/ingest/load-dossiers.ts';
import type { Fact } from '../../src/domain/statements.ts';
import { LOG_FILE, MemoryStore, SNAPSHOT_FILE } from '../../src/store/memory/memory-store.ts';
import { allSeedBatches, seedBatches, tempDir } from '../support/fixtures.ts';
import { FaultyFs } from '../support/faulty-fs.ts';
import { API_KEY, codes, seededApi } from '../support/graphql-client.ts';

const firstStatement = async (store: MemoryStore) => ((await store.listRelationships({}, { first: 1 })).items[0] as Fact).statements[0]?.id as string;
const review = { state: 'reviewed' as const, by: 'test', at: '2026-12-07T00:00:00Z' };

/** A store on a disk whose faults the test sets, holding the first seed article. */
async function seededOnFaultyDisk() {
  const dir = tempDir();
  const disk = new FaultyFs();
  const store = new MemoryStore({ dataDir: dir, io: disk.fs });
  await loadBatches(store, seedBatches());
  return { dir, disk, store, logSize: () => statSync(join(dir, LOG_FILE)).size };
}

/** Closes the store, opens its folder again, and expects the same graph with nothing to repair. */
async function expectReopensClean(dir: string, store: MemoryStore) {
  await store.close();
  const reopened = new MemoryStore({ dataDir: dir });
  expect(reopened.recovery).toBeUndefined();
  expect(await reopened.snapshot()).toEqual(await store.snapshot());
}

describe('a disk that fills during a write', () => {
  it('fails the write with STORE_DISK_FULL, cuts the log back to its last commit, and the next write and the next open work', async () => {
    const { dir, disk, store, logSize } = await seededOnFaultyDisk();
    const before = await store.snapshot();
    const version = await store.version();
    const size = logSize();
    disk.spaceLeft = 300; // the review's record is longer: a short write, then ENOSPC
    await expect(store.reviewStatement(await firstStatement(store), review)).rejects.toMatchObject({ code: 'STORE_DISK_FULL', details: { retryAfterSeconds: expect.any(Number) } });
    expect(logSize()).toBe(size);
    expect(await store.snapshot()).toEqual(before);
    expect(await store.version()).toBe(version);
    disk.heal();
    const fact = await store.reviewStatement(await firstStatement(store), review);
    expect(fact?.statements[0]?.review.state).toBe('reviewed');
    await expectReopensClean(dir, store);
  });

  it('cuts the partial change before the next write when cutting it back failed at once', async () => {
    const { dir, disk, store, logSize } = await seededOnFaultyDisk();
    const size = logSize();
    disk.spaceLeft = 300;
    disk.fail('ftruncateSync', 'EIO');
    await expect(store.reviewStatement(await firstStatement(store), review)).rejects.toMatchObject({ code: 'STORE_DISK_FULL' });
    expect(logSize()).toBeGreaterThan(size); // the partial record is still there
    disk.heal();
    await store.reviewStatement(await firstStatement(store), review);
    await expectReopensClean(dir, store);
  });

  it('answers reviewStatement with STORE_DISK_FULL, HTTP 503 and retryAfterSeconds over the API, and success once there is room', async () => {
    const dir = tempDir();
    const disk = new FaultyFs();
    const api = await seededApi(new MemoryStore({ dataDir: dir, io: disk.fs }));
    const statement = await firstStatement(api.store as MemoryStore);
    const mutation = 'mutation($id: ID!) { reviewStatement(statementId: $id, state: REVIEWED) { id statements { id review { state } } } }';
    disk.spaceLeft = 0;
    const full = await api.query(mutation, { id: statement }, { authorization: `Bearer ${API_KEY}` });
    expect(codes(full)).toEqual(['STORE_DISK_FULL']);
    expect(full.status).toBe(503);
    expect(full.errors?.[0]?.extensions).toMatchObject({ retryAfterSeconds: expect.any(Number) });
    disk.heal();
    const ok = await api.query(mutation, { id: statement }, { authorization: `Bearer ${API_KEY}` });
    expect(ok.errors).toBeUndefined();
    await api.store.close();
    const reopened = new MemoryStore({ dataDir: dir });
    const fact = (await reopened.snapshot()).edges.map((e) => e.attributes as Fact).find((f) => f.statements.some((s) => s.id === statement));
    expect(fact?.statements.find((s) => s.id === statement)?.review.state).toBe('reviewed');
  });

  it('reports a read-only file system as STORE_UNWRITABLE with the path, and keeps the graph', async () => {
    const { dir, disk, store } = await seededOnFaultyDisk();
    const before = await store.snapshot();
    disk.fail('openSync', 'EROFS', LOG_FILE);
    await expect(store.reviewStatement(await firstStatement(store), review)).rejects.toMatchObject({ code: 'STORE_UNWRITABLE', details: { path: join(dir, LOG_FILE), errno: 'EROFS' } });
    expect(await store.snapshot()).toEqual(before);
  });
});

describe('a compaction that fails', () => {
  it('never turns the committed write into an error: it is told, its temp file removed, and tried again later', async () => {
    const dir = tempDir();
    const disk = new FaultyFs();
    const warnings: string[] = [];
    const store = new MemoryStore({ dataDir: dir, io: disk.fs, compactBytes: 1000, onWarning: (message) => warnings.push(message) });
    disk.fail('renameSync', 'ENOSPC', SNAPSHOT_FILE);
    await loadBatches(store, seedBatches()); // resolves: the load is committed in the log
    expect(warnings.join('\n')).toMatch(/compaction failed \(STORE_DISK_FULL/);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect(existsSync(join(dir, SNAPSHOT_FILE))).toBe(false);
    const committed = await store.snapshot();
    // Not retried on the very next write (the log must grow first), then retried and done.
    disk.heal();
    await store.reviewStatement(await firstStatement(store), review);
    expect(existsSync(join(dir, SNAPSHOT_FILE))).toBe(false);
    (store as unknown as { log: { retryAt: number } }).log.retryAt = 0;
    await store.reviewStatement(await firstStatement(store), { ...review, at: '2026-12-07T01:00:00Z' });
    expect(existsSync(join(dir, SNAPSHOT_FILE))).toBe(true);
    await store.close();
    const reopened = new MemoryStore({ dataDir: dir });
    expect(await reopened.snapshot()).toEqual(await store.snapshot());
    expect((await reopened.snapshot()).edges.length).toBe(committed.edges.length);
  });

  it('the holder removes temp files a crash left when it opens; a read-only opener leaves them', async () => {
    const dir = tempDir();
    const store = new MemoryStore({ dataDir: dir });
    await loadBatches(store, seedBatches());
    await store.close();
    const leftover = join(dir, `${SNAPSHOT_FILE}.tmp-99999`);
    writeFileSync(leftover, '{"format":3,"version":1}\n{"node":');
    const reader = new MemoryStore({ dataDir: dir, readOnly: true });
    expect(await reader.snapshot()).toEqual(await store.snapshot());
    expect(existsSync(leftover)).toBe(true);
    new MemoryStore({ dataDir: dir });
    expect(existsSync(leftover)).toBe(false);
  });
});

describe('a new snapshot (format 5) cut short', () => {
  /** A store whose folder holds a snapshot and a log, and whose next write is followed by a compaction on a disk that fills while the new snapshot is written. */
  async function compactingOnFillingDisk(options: { crash: boolean }) {
    const dir = tempDir();
    const disk = new FaultyFs();
    const warnings: string[] = [];
    const store = new MemoryStore({ dataDir: dir, io: disk.fs, compactBytes: 1000, onWarning: (message) => warnings.push(message) });
    // A small first snapshot (the registry's nodes), so the next load's log grows past twice it and compacts.
    await loadBatches(store, allSeedBatches().slice(0, 1));
    const oldSnapshot = readFileSync(join(dir, SNAPSHOT_FILE), 'utf8');
    expect(oldSnapshot.startsWith('{"format":5,')).toBe(true);
    // The write is appended whole; the disk fills once the new snapshot's temp file is opened.
    disk.onCall = (call, target) => {
      if (call === 'openSync' && String(target).includes('.tmp-')) disk.spaceLeft = 4096;
    };
    // A crash leaves the temp file as it was cut: the store never gets to remove it.
    if (options.crash) disk.fail('rmSync', 'EIO', '.tmp-');
    await loadBatches(store, allSeedBatches());
    return { dir, store, warnings, oldSnapshot };
  }

  it('a full disk loses nothing acknowledged: the write stands, the old snapshot and the log hold it', async () => {
    const { dir, store, warnings, oldSnapshot } = await compactingOnFillingDisk({ crash: false });
    expect(warnings.join('\n')).toMatch(/compaction failed \(STORE_DISK_FULL/);
    expect(readFileSync(join(dir, SNAPSHOT_FILE), 'utf8')).toBe(oldSnapshot);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    await expectReopensClean(dir, store);
  });

  it('a crash mid-snapshot leaves the old snapshot valid: the next open removes the cut temp file and reads every commit', async () => {
    const { dir, store, oldSnapshot } = await compactingOnFillingDisk({ crash: true });
    const [leftover] = readdirSync(dir).filter((f) => f.includes('.tmp-'));
    expect(statSync(join(dir, leftover as string)).size).toBe(4096);
    expect(readFileSync(join(dir, SNAPSHOT_FILE), 'utf8')).toBe(oldSnapshot);
    await expectReopensClean(dir, store);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});

describe('a torn or unreadable log', () => {
  it('recovers to the last complete commit, says what it cut, and keeps the cut bytes beside the log', async () => {
    const dir = tempDir();
    const store = new MemoryStore({ dataDir: dir });
    await loadBatches(store, seedBatches());
    const before = await store.snapshot();
    const size = statSync(join(dir, LOG_FILE)).size;
    const torn = `{"begin":99}\n{"removeNode":"state:GBR"}\n{"fact":{"id":"rel:torn"`;
    appendFileSync(join(dir, LOG_FILE), torn);
    const warnings: Record<string, unknown>[] = [];
    const reopened = new MemoryStore({ dataDir: dir, onWarning: (_m, details) => warnings.push(details) });
    expect(await reopened.snapshot()).toEqual(before);
    expect(statSync(join(dir, LOG_FILE)).size).toBe(size);
    expect(reopened.recovery).toMatchObject({ reason: 'torn', cutBytes: Buffer.byteLength(torn), line: expect.any(Number) });
    expect(readFileSync(reopened.recovery?.keptIn as string, 'utf8')).toBe(torn);
    expect(warnings).toHaveLength(1);
  });

  it('cuts from an unreadable record on, even when complete commits follow it (they are kept in the cut file)', async () => {
    const dir = tempDir();
    const store = new MemoryStore({ dataDir: dir });
    await loadBatches(store, seedBatches());
    const before = await store.snapshot();
    const garbage = `{"begin":5}\n\u0000\u0000garbage\n{"commit":5}\n`;
    appendFileSync(join(dir, LOG_FILE), garbage);
    const reopened = new MemoryStore({ dataDir: dir });
    expect(await reopened.snapshot()).toEqual(before);
    expect(reopened.recovery?.reason).toBe('unreadable');
    expect(readFileSync(reopened.recovery?.keptIn as string, 'utf8')).toBe(garbage);
  });

  it('a reader never cuts a tail (the holder may be writing it) and reads the last commit', async () => {
    const dir = tempDir();
    const store = new MemoryStore({ dataDir: dir });
    await loadBatches(store, seedBatches());
    appendFileSync(join(dir, LOG_FILE), `{"begin":99}\n{"removeNode":"state:GBR"}\n`);
    const size = statSync(join(dir, LOG_FILE)).size;
    const reader = new MemoryStore({ dataDir: dir, readOnly: true });
    expect(await reader.snapshot()).toEqual(await store.snapshot());
    expect(reader.recovery).toBeUndefined();
    expect(statSync(join(dir, LOG_FILE)).size).toBe(size);
    expect(readdirSync(dir).filter((f) => f.includes('.cut-'))).toEqual([]);
    await expect(reader.reviewStatement(await firstStatement(reader), review)).rejects.toMatchObject({ code: 'STORE_READ_ONLY' });
  });
});

describe('a reader while the holder compacts', () => {
  it('reads again when the snapshot is replaced and the log removed under it, and sees every commit', async () => {
    // The holder's folder: a snapshot and a log with later commits.
    const dir = tempDir();
    const holder = new MemoryStore({ dataDir: dir, compactBytes: 1000 });
    await loadBatches(holder, seedBatches());
    await holder.close();
    const extra = new MemoryStore({ dataDir: dir });
    await loadBatches(extra, allSeedBatches());
    const expected = await extra.snapshot();
    await extra.close();
    expect(existsSync(join(dir, LOG_FILE))).toBe(true);
    // What the folder looks like after the holder compacts: made in a copy.
    const compacted = tempDir();
    for (const f of readdirSync(dir)) copyFileSync(join(dir, f), join(compacted, f));
    const folding = new MemoryStore({ dataDir: compacted });
    await (folding as unknown as { compact(): Promise<void> }).compact();
    await folding.close();
    expect(existsSync(join(compacted, LOG_FILE))).toBe(false);
    const expectedAfter = await new MemoryStore({ dataDir: compacted, readOnly: true }).snapshot();
    // The reader has read the old snapshot when the holder's compaction lands; then it opens the log.
    const disk = new FaultyFs();
    let landed = false;
    let logLooks = 0;
    disk.onCall = (call, target) => {
      // The first look at the log is before the read; the second comes once the snapshot is read.
      if (!landed && call === 'existsSync' && target === join(dir, LOG_FILE)) {
        if (++logLooks === 2) {
          landed = true;
          copyFileSync(join(compacted, SNAPSHOT_FILE), join(dir, `${SNAPSHOT_FILE}.new`));
          renameSync(join(dir, `${SNAPSHOT_FILE}.new`), join(dir, SNAPSHOT_FILE));
          rmSync(join(dir, LOG_FILE));
        }
      }
    };
    const reader = new MemoryStore({ dataDir: dir, readOnly: true, io: disk.fs });
    expect(landed).toBe(true);
    expect(await reader.snapshot()).toEqual(expectedAfter);
    expect(await reader.snapshot()).toEqual(expected);
  });
});

describe('formats and folders', () => {
  it('a store written by a newer format says to upgrade the program, never to reset', () => {
    const dir = tempDir();
    writeFileSync(join(dir, SNAPSHOT_FILE), '{"format":99,"version":1}\n{"end":1}\n');
    expect(() => new MemoryStore({ dataDir: dir })).toThrowError(expect.objectContaining({ code: 'STORE_FILE_FORMAT', message: expect.stringMatching(/upgrade/) }));
    expect(() => new MemoryStore({ dataDir: dir })).toThrowError(expect.not.objectContaining({ message: expect.stringMatching(/reset/) }));
  });

  it('format 6, the one after this version, is refused the same way and left as it is', () => {
    const dir = tempDir();
    const newer = '{"format":6,"version":1}\n{"table":{"strings":[],"shapes":[]}}\n{"end":1}\n';
    writeFileSync(join(dir, SNAPSHOT_FILE), newer);
    expect(() => new MemoryStore({ dataDir: dir })).toThrowError(expect.objectContaining({ code: 'STORE_FILE_FORMAT', details: expect.objectContaining({ format: 6, expected: 5 }) }));
    expect(readFileSync(join(dir, SNAPSHOT_FILE), 'utf8')).toBe(newer);
  });
});

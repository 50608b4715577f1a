// The Neo4j store's one causal chain (executor.ts): every transaction starts from the bookmarks of
// those before it in the process and adds its own, so on a cluster a read waits for this process's
// writes and for the state its earlier reads saw. One server cannot show a lagging secondary; this
// checks the wiring that makes a cluster wait: which bookmarks each kind of read starts from.
import neo4j, { type BookmarkManager } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphBatch } from '../../src/domain/model.ts';
import type { Neo4jStore } from '../../src/store/neo4j/neo4j-store.ts';
import { allSeedBatches, noNeo4j, openNeo4jStore, seedBatches } from '../support/fixtures.ts';

/** The driver's own manager, recording the bookmarks each transaction was started from. */
function recordingBookmarks(): { manager: BookmarkManager; asked: string[][]; current: () => Promise<string[]> } {
  const inner = neo4j.bookmarkManager();
  const asked: string[][] = [];
  const manager: BookmarkManager = {
    updateBookmarks: (previous, next) => inner.updateBookmarks(previous, next),
    getBookmarks: async () => {
      const bookmarks = [...(await inner.getBookmarks())];
      asked.push(bookmarks);
      return bookmarks;
    },
  } as BookmarkManager;
  // Reading the current set through `inner` keeps the test's own looks out of `asked`.
  return { manager, asked, current: async () => [...(await inner.getBookmarks())] };
}

describe.skipIf(noNeo4j())('the Neo4j store reads in one causal chain', () => {
  let store: Neo4jStore;
  let other: Neo4jStore;
  const chain = recordingBookmarks();

  beforeAll(async () => {
    store = await openNeo4jStore({ hooks: { bookmarks: chain.manager } });
    other = await openNeo4jStore();
    await store.reset();
  });
  afterAll(async () => {
    await store?.close();
    await other?.close();
  });

  /** The bookmark sets the reads in `work` started from (the driver may ask more than once a read). */
  async function startedFrom(work: () => Promise<unknown>): Promise<string[][]> {
    chain.asked.length = 0;
    await work();
    return chain.asked.splice(0);
  }

  /** Every read of `work` asked, and each started from `expected`. */
  async function expectStartedFrom(work: () => Promise<unknown>, expected: string[], name = 'read'): Promise<void> {
    const sets = await startedFrom(work);
    expect(sets.length, name).toBeGreaterThan(0);
    for (const set of sets) expect(set, name).toEqual(expected);
  }

  it("starts every kind of read from this process's last write", async () => {
    await store.upsert(seedBatches()[0] as GraphBatch);
    const afterWrite = await chain.current();
    expect(afterWrite).toHaveLength(1);

    const reads: Record<string, () => Promise<unknown>> = {
      version: () => store.version(),
      'compiled read': () => store.read({ nodes: ['state:FRA'], listings: [{ filter: { involving: ['state:FRA'] }, page: { first: 5 } }] }),
      'read transaction': () => store.getNodes(['state:FRA']),
      'analysis snapshot': () => store.analysisSnapshot(),
      counts: () => store.counts(),
    };
    for (const [name, read] of Object.entries(reads)) await expectStartedFrom(read, afterWrite, name);
  });

  it('carries the state a read saw into the reads after it (what the response cache keys by)', async () => {
    const before = await chain.current();
    // A write this process did not make: its bookmark reaches the chain only through a read.
    await other.upsert(allSeedBatches()[1] as GraphBatch);
    // The version read (the response cache's clock) starts from what this process knew, and
    // brings back the state it read: the reads after it start from there.
    await expectStartedFrom(() => store.version(), before);
    const seen = await chain.current();
    expect(seen).not.toEqual(before);
    await expectStartedFrom(() => store.read({ nodes: ['state:FRA'] }), seen);
  });
});

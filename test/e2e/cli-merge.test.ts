// `cgraph merge` as a process: on the embedded store and on Neo4j it merges one person's two ids
// (exit 0, the counts), refuses a kind mismatch and an unknown id (exit 1, nothing written), and the
// old id then resolves; while an API holds the data folder the merge goes through it.
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { neo4jEnv, noNeo4j, openNeo4jStore, tempDir } from '../support/fixtures.ts';
import { mergeArticles } from '../support/merge-articles.ts';
import { runCli } from '../support/run-cli.ts';
import { post, startServer, type Running } from '../support/server-process.ts';
import { timeLimit } from '../support/time-limits.ts';
import type { GraphStore } from '../../src/store/graph-store.ts';

const KEY = 'merge-test-key-0123456789abcdef';

async function loadArticles(store: GraphStore): Promise<void> {
  try {
    for (const batch of mergeArticles()) await store.upsert(batch);
  } finally {
    await store.close();
  }
}

function describeMerge(name: string, prepare: () => Promise<Record<string, string>>, skip = false) {
  describe.skipIf(skip)(`cgraph merge on ${name}`, () => {
    it('merges, refuses kind mismatches and unknown ids with exit 1, and the old id resolves after', async () => {
      const env = await prepare();
      const mismatch = runCli(['merge', 'person:meloni', 'state:ITA', '--json'], env);
      expect(mismatch.code).toBe(1);
      expect(JSON.parse(mismatch.stdout)).toMatchObject({ error: { code: 'MERGE_KIND_MISMATCH', details: { fromKind: 'PERSON', intoKind: 'STATE' } } });
      const unknown = runCli(['merge', 'person:nobody', 'person:giorgia-meloni'], env);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('NODE_NOT_FOUND');
      expect(JSON.parse(runCli(['stats', '--json'], env).stdout).nodes.PERSON).toBe(2);

      const merged = runCli(['merge', 'person:meloni', 'person:giorgia-meloni', '--json'], env);
      expect(merged.code, merged.stderr).toBe(0);
      expect(JSON.parse(merged.stdout)).toMatchObject({
        from: 'person:meloni',
        into: 'person:giorgia-meloni',
        node: { id: 'person:giorgia-meloni', aliases: ['person:meloni', 'Meloni', 'Signora Meloni'] },
        nodesRemoved: 1,
        relationshipsRemoved: 1,
        relationshipsUpdated: 2,
      });
      expect(JSON.parse(runCli(['stats', '--json'], env).stdout).nodes.PERSON).toBe(1);
      const search = runCli(['search', 'Signora', '--json'], env);
      expect(search.stdout).toContain('person:giorgia-meloni');
      // The CLI's name resolution takes the old id (an unknown one exits 1 with UNKNOWN_NAME).
      const byOldId = runCli(['commitments', '--from', 'person:meloni', '--json'], env);
      expect(byOldId.code, byOldId.stderr).toBe(0);
      expect(byOldId.stderr).not.toContain('UNKNOWN_NAME');
      const human = runCli(['merge', 'person:meloni', 'person:giorgia-meloni'], env);
      expect(human.code).toBe(1); // the old id is an alias now, not a node to merge
    }, timeLimit(120_000));
  });
}

describeMerge('memory', async () => {
  const dir = tempDir();
  await loadArticles(new MemoryStore({ dataDir: dir }));
  return { CGRAPH_DATA_DIR: dir };
});

describeMerge(
  'neo4j',
  async () => {
    const store = await openNeo4jStore();
    await store.reset();
    await loadArticles(store);
    return neo4jEnv();
  },
  noNeo4j(),
);

describe('cgraph merge while the API serves the folder', () => {
  let server: Running | undefined;
  afterEach(() => {
    server?.child.kill('SIGKILL');
    server = undefined;
  });

  it('goes through the API with CGRAPH_API_KEY, which answers the old id with the kept node at once', async () => {
    const dir = tempDir();
    await loadArticles(new MemoryStore({ dataDir: dir }));
    server = await startServer({ CGRAPH_DATA_DIR: dir, CGRAPH_SEEDS_DIR: 'none', CGRAPH_API_KEYS: `analyst:${KEY}` });
    const merged = runCli(['merge', 'person:meloni', 'person:giorgia-meloni', '--json'], { CGRAPH_DATA_DIR: dir, CGRAPH_API_KEY: KEY });
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stderr).toContain('sending the write through it');
    expect(JSON.parse(merged.stdout)).toMatchObject({ node: { id: 'person:giorgia-meloni' }, nodesRemoved: 1, relationshipsRemoved: 1 });
    const answer = await post(server.url, '{ node(id: "person:meloni") { id name } }');
    expect(answer.body.data?.node).toEqual({ id: 'person:giorgia-meloni', name: 'Giorgia Meloni' });
  }, timeLimit(120_000));
});

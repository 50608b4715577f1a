// A dossier load is one commit on both stores: the registry's nodes go in the dossier's own write,
// so the graph version moves by exactly one per dossier, and a dossier whose write fails leaves
// no registry node behind (a crash between two commits could otherwise leave half a load).
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GraphBatch } from '../../src/domain/model.ts';
import { readRegistry } from '../../src/ingest/dossier-files.ts';
import { loadBatches, validateDossiers } from '../../src/ingest/load-dossiers.ts';
import type { GraphStore } from '../../src/store/graph-store.ts';
import { LOG_FILE, MemoryStore } from '../../src/store/memory/memory-store.ts';
import { API_KEY, seededApi } from '../support/graphql-client.ts';
import { eachStore, noNeo4j, openNeo4jStore, SEED_DIR, spainRefusesCeasefire, tempDir } from '../support/fixtures.ts';

const registryIds = [...readRegistry('seeds/entities.yaml').nodes.keys()];
const versionNumber = async (store: GraphStore) => Number((await store.version()).split(':')[1]);

/** The store with every upsert's batch recorded, in order; `before` runs ahead of each write. */
function observed(store: GraphStore, before: (batch: GraphBatch) => void = () => undefined): { store: GraphStore; upserts: GraphBatch[] } {
  const upserts: GraphBatch[] = [];
  const upsert: GraphStore['upsert'] = (batch, options) => {
    upserts.push(batch);
    before(batch);
    return store.upsert(batch, options);
  };
  return { store: Object.assign(Object.create(store) as GraphStore, { upsert }), upserts };
}

/** A dossier's write is the one with relationships (a registry-only write would have none). */
const isDossierWrite = (batch: GraphBatch) => batch.relationships.length > 0;

for (const [name, open, skip] of eachStore()) {
  describe.skipIf(skip)(`a dossier load on ${name}`, () => {
    it('is one commit per dossier, the registry written with the first', async () => {
      const { batches } = await validateDossiers([SEED_DIR]);
      const store = await open();
      try {
        const watched = observed(store);
        const before = await versionNumber(store);
        await loadBatches(watched.store, batches);
        expect(watched.upserts).toHaveLength(2); // seeds/ holds two dossiers
        expect(await versionNumber(store)).toBe(before + 2);
        const first = new Set(watched.upserts[0]?.nodes.map((n) => n.id));
        expect(registryIds.filter((id) => !first.has(id))).toEqual([]);
        expect((await store.getNodes(registryIds)).every((n) => n !== null)).toBe(true);
      } finally {
        await store.close();
      }
    });

    it('is one commit through GraphQL ingestDossier', async () => {
      const store = await open();
      try {
        const api = await seededApi(store);
        const before = await versionNumber(store);
        const { yaml, text } = spainRefusesCeasefire('source:one-commit-test');
        const response = await api.query('mutation($y: String!, $t: String!) { ingestDossier(yaml: $y, sourceText: $t) { relationshipsCreated } }', { y: yaml, t: text }, { authorization: `Bearer ${API_KEY}` });
        expect(response.errors).toBeUndefined();
        expect(await versionNumber(store)).toBe(before + 1);
      } finally {
        await store.close();
      }
    });
  });
}

describe('a dossier whose write fails', () => {
  it('leaves no registry node in the memory store', async () => {
    const { batches } = await validateDossiers([SEED_DIR]);
    const dir = tempDir();
    const store = new MemoryStore({ dataDir: dir });
    // At the dossier's write, the log's path becomes a folder: that write fails after the batch was checked and planned.
    const breakLog = (batch: GraphBatch) => {
      if (!isDossierWrite(batch)) return;
      rmSync(join(dir, LOG_FILE), { force: true });
      mkdirSync(join(dir, LOG_FILE), { recursive: true });
    };
    try {
      await expect(loadBatches(observed(store, breakLog).store, batches)).rejects.toThrow();
      expect(await store.getNodes(registryIds)).toEqual(registryIds.map(() => null));
      expect(await store.version()).toBe('memory:0');
    } finally {
      await store.close().catch(() => undefined);
    }
  });

  it.skipIf(noNeo4j())('leaves no registry node in Neo4j (its transaction fails part-way)', async () => {
    const { batches } = await validateDossiers([SEED_DIR]);
    let armed = false;
    let statements = 0;
    // The tenth statement of the dossier's write fails: some of its rows are written by then.
    const hooks = { beforeWriteStatement: () => {
      if (armed && ++statements === 10) throw new Error('injected: the dossier write fails');
    } };
    const store = await openNeo4jStore({ batchSize: 10, hooks });
    try {
      await store.reset();
      const before = await store.version();
      const arm = (batch: GraphBatch) => (armed = isDossierWrite(batch));
      await expect(loadBatches(observed(store, arm).store, batches)).rejects.toThrow(/injected/);
      expect(statements).toBe(10);
      expect(await store.getNodes(registryIds)).toEqual(registryIds.map(() => null));
      expect(await store.version()).toBe(before);
    } finally {
      await store.close();
    }
  }, 60_000);
});

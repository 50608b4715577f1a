// The contract suite against a real Neo4j over Bolt, plus what only Neo4j can get wrong.
import { describe, expect, it } from 'vitest';
import { loadBatches } from '../../src/ingest/load-dossiers.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store.ts';
import { noNeo4j, seedBatches, storeFactories } from '../support/fixtures.ts';
import { describeGraphStoreContract } from './graph-store-contract.ts';

describeGraphStoreContract('neo4j', storeFactories.neo4j, { skip: noNeo4j() });

describe.skipIf(noNeo4j())('neo4j store', () => {
  it('gives the same snapshot as the memory store for the same seeds', async () => {
    const memory = new MemoryStore();
    const neo = await storeFactories.neo4j();
    try {
      await loadBatches(memory, seedBatches());
      await loadBatches(neo, seedBatches());
      expect(await neo.snapshot()).toEqual(await memory.snapshot());
      expect(await neo.counts()).toEqual(await memory.counts());
    } finally {
      await neo.close();
    }
  });

  it('names the URI in a coded error when Neo4j is not there', async () => {
    await expect(
      Neo4jStore.connect({ uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: '', database: undefined, batchSize: 10 }),
    ).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', message: expect.stringContaining('bolt://127.0.0.1:1') });
  });

  it('two overlapping loads at once leave no duplicates', async () => {
    const a = await storeFactories.neo4j();
    const b = await storeFactories.neo4j();
    try {
      await Promise.all([loadBatches(a, seedBatches()), loadBatches(b, seedBatches())]);
      const memory = new MemoryStore();
      await loadBatches(memory, seedBatches());
      expect(await a.counts()).toEqual(await memory.counts());
    } finally {
      await a.close();
      await b.close();
    }
  });
});

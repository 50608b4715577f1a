// The contract suite against a real Neo4j over Bolt, plus what only Neo4j can get wrong.
import neo4j, { Neo4jError } from 'neo4j-driver';
import { describe, expect, inject, it } from 'vitest';
import { seededRandom } from '../../src/domain/seeded-random.ts';
import { generateDossier } from '../../src/ingest/generate.ts';
import { validateDossier } from '../../src/ingest/validate-dossier.ts';
import { loadBatches } from '../../src/ingest/load-dossiers.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store.ts';
import { Neo4jExecutor } from '../../src/store/neo4j/executor.ts';
import { neo4jConfig, neo4jUri, noNeo4j, openNeo4jStore, seedBatches, storeFactories } from '../support/fixtures.ts';
import { describeGraphStoreContract } from './graph-store-contract.ts';
import { describeStatementContract } from './statements-contract.ts';
import { describeMergeContract } from './merge-contract.ts';
import { describeGradesContract } from './grades-contract.ts';
import { timeLimit } from '../support/time-limits.ts';

describeGraphStoreContract('neo4j', storeFactories.neo4j, { skip: noNeo4j() });
describeStatementContract('neo4j', storeFactories.neo4j, { skip: noNeo4j() });
describeMergeContract('neo4j', storeFactories.neo4j, { skip: noNeo4j() });
describeGradesContract('neo4j', storeFactories.neo4j, { skip: noNeo4j() });

describe.skipIf(noNeo4j())('neo4j store', () => {
  it('fails a read that saw the graph change on every try, coded and retryable, instead of answering', async () => {
    const executor = await Neo4jExecutor.connect(neo4jConfig(), { readAttempts: 3 });
    const writer = await storeFactories.neo4j();
    let tries = 0;
    try {
      const read = executor.read(async () => {
        tries++;
        // Another session commits a change while this read is under way.
        await writer.upsert({ nodes: [{ id: 'state:NOR', kind: 'STATE', name: `Norway ${tries}`, aliases: [] }], relationships: [] });
        return 'an answer that may mix two graphs';
      });
      await expect(read).rejects.toMatchObject({ code: 'READ_INCONSISTENT', details: { attempts: 3, retryable: true } });
      expect(tries).toBe(3);
      // A read with no write under way answers at once.
      await expect(executor.read(async () => 'consistent')).resolves.toBe('consistent');
    } finally {
      await executor.close();
      await writer.close();
    }
  });

  it('refuses a database an earlier version wrote (relationships without statements), saying what to do', async () => {
    const store = await storeFactories.neo4j();
    await store.close();
    const driver = neo4j.driver(neo4jConfig().uri, neo4j.auth.basic('neo4j', neo4jConfig().password));
    try {
      // What the previous format stored: a relationship per source, with evidence and no statements or format.
      await driver.executeQuery("MATCH (m:GraphMeta {key: 'graph'}) REMOVE m.format");
      await driver.executeQuery("CREATE (:Entity:State {id: 'state:ITA', kind: 'STATE', name: 'Italy', aliases: []})-[:LEADS {id: 'rel:00000000000000000001', evidence: '[]'}]->(:Entity:State {id: 'state:ROU', kind: 'STATE', name: 'Romania', aliases: []})");
      await expect(openNeo4jStore()).rejects.toMatchObject({ code: 'STORE_FORMAT', message: expect.stringContaining('cgraph reset') });
      await driver.executeQuery('MATCH (n:Entity) DETACH DELETE n');
      const fresh = await openNeo4jStore();
      await fresh.close();
    } finally {
      await driver.close();
    }
  });

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

describe.skipIf(noNeo4j())('neo4j store under faults and concurrent reads', () => {
  it('transient errors injected at random points still end with the graph of a clean load', async () => {
    const clean = new MemoryStore();
    await loadBatches(clean, seedBatches());
    let calls = 0;
    let injected = 0;
    const random = seededRandom(99);
    const faulty = await Neo4jStore.connect(
      { uri: neo4jUri() as string, user: 'neo4j', password: inject('neo4jPassword'), database: undefined, batchSize: 10 },
      {
        beforeWriteStatement: () => {
          calls++;
          if (injected < 4 && random() < 0.15) {
            injected++;
            throw new Neo4jError('injected deadlock', 'Neo.TransientError.Transaction.DeadlockDetected', '50N42', 'injected by the test');
          }
        },
      },
    );
    try {
      await faulty.reset();
      await loadBatches(faulty, seedBatches());
      expect(injected).toBe(4);
      expect(calls).toBeGreaterThan(20);
      expect(await faulty.snapshot()).toEqual(await clean.snapshot());
    } finally {
      await faulty.close();
    }
  }, timeLimit(120_000));

  it('readers during a load see the graph before or after it, never half of it', async () => {
    const store = await storeFactories.neo4j();
    const reader = await openNeo4jStore();
    try {
      const dossier = generateDossier({ states: 60, actors: 60, commitments: 3000, seed: 4 });
      const batch = validateDossier({ yamlText: dossier.yamlText, sourceText: dossier.sourceText, file: 'gen.yaml', knownNodes: new Map() }).batch;
      if (!batch) throw new Error('generated dossier is invalid');
      const total = (c: Awaited<ReturnType<typeof store.counts>>) => Object.values(c.relationships).reduce((a, b) => a + (b ?? 0), 0);
      let loading = true;
      const seen = new Set<number>();
      const load = store.upsert(batch).finally(() => (loading = false));
      while (loading) seen.add(total(await reader.counts()));
      await load;
      seen.add(total(await reader.counts()));
      expect([...seen].filter((n) => n !== 0 && n !== batch.relationships.length)).toEqual([]);
      expect(seen.has(batch.relationships.length)).toBe(true);
    } finally {
      await store.close();
      await reader.close();
    }
  }, timeLimit(120_000));
});

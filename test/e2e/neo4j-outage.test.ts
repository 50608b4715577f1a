// Neo4j going away: a load whose server is killed half-way, then restarted, ends with the graph
// of a clean load; the API answers STORE_UNAVAILABLE while Neo4j is down and recovers by itself.
// Uses its own launcher instance (own port, own data folder) so it can stop and restart it.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as launcher from '../../tools/neo4j-local/launcher.mjs';
import { generateDossier } from '../../src/ingest/generate.ts';
import { validateDossier } from '../../src/ingest/validate-dossier.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store.ts';
import { codes, seededApi } from '../support/graphql-client.ts';
import { noNeo4j, tempDir } from '../support/fixtures.ts';
import { timeLimit } from '../support/time-limits.ts';

const NAME = 'outage-test';
const port = 27687 + Math.floor(Math.random() * 1000);
const dataDir = join(tempDir(), 'neo4j');
const config = { uri: `bolt://127.0.0.1:${port}`, user: 'neo4j', password: '', database: undefined, batchSize: 25 };
const startNeo4j = () => launcher.start({ name: NAME, port, dataDir });

describe.skipIf(noNeo4j() || !process.env.CI && !launcher.isBuilt())('when Neo4j goes away', () => {
  afterAll(async () => {
    await launcher.stop({ name: NAME });
  });

  it('a load killed with its server, re-run after a restart, equals a clean load', async () => {
    const dossier = generateDossier({ states: 80, actors: 80, commitments: 4000, seed: 12 });
    const batch = validateDossier({ yamlText: dossier.yamlText, sourceText: dossier.sourceText, file: 'gen.yaml', knownNodes: new Map() }).batch;
    if (!batch) throw new Error('generated dossier is invalid');
    const clean = new MemoryStore();
    await clean.upsert(batch);

    const server = await startNeo4j();
    let store = await Neo4jStore.connect(config);
    let killed = false;
    const load = store.upsert(batch, {
      onProgress: (done) => {
        if (!killed && done > 500) {
          killed = true;
          process.kill(server.pid, 'SIGKILL');
        }
      },
    });
    await expect(load).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(killed).toBe(true);
    await store.close();
    await launcher.stop({ name: NAME });

    await startNeo4j();
    store = await Neo4jStore.connect(config);
    try {
      expect(await store.counts()).toEqual({ nodes: {}, relationships: {} });
      await store.upsert(batch);
      expect(await store.snapshot()).toEqual(await clean.snapshot());
    } finally {
      await store.close();
    }
  }, timeLimit(240_000));

  it('the API says STORE_UNAVAILABLE while Neo4j is down and recovers when it is back', async () => {
    const store = await Neo4jStore.connect(config);
    await store.reset();
    const api = await seededApi(store);
    const query = '{ stats { relationships } }';
    expect((await api.query(query)).data).toEqual({ stats: { relationships: 74 } });

    await launcher.stop({ name: NAME });
    const down = await api.query(query);
    expect(codes(down)).toEqual(['STORE_UNAVAILABLE']);
    expect(down.errors?.[0]?.message).toContain(config.uri);

    await startNeo4j();
    let recovered: unknown;
    for (let attempt = 0; attempt < 30 && !recovered; attempt++) {
      recovered = (await api.query(query)).data;
      if (!recovered) await new Promise((r) => setTimeout(r, 1000));
    }
    expect(recovered).toEqual({ stats: { relationships: 74 } });
    await store.close();
  }, timeLimit(240_000));
});


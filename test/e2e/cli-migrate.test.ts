// cgraph migrate as a process on a Neo4j database in the previous storage format (format 2, written
// by its own conversion kept in test/support): refused until migrated, converted in place, resumable
// after a failure midway, and exported byte for byte as before; a second run changes nothing.
import { describe, expect, it } from 'vitest';
import neo4j from 'neo4j-driver';
import { loadBatches } from '../../src/ingest/load-dossiers.ts';
import { migrateStore } from '../../src/store/neo4j/migrate-format.ts';
import { allSeedBatches, neo4jConfig, neo4jEnv, noNeo4j, openNeo4jStore, storeFactories } from '../support/fixtures.ts';
import { rewriteAsFormat2 } from '../support/neo4j-format-2.ts';
import { runCli } from '../support/run-cli.ts';

const exported = () => {
  const result = runCli(['export', '--format', 'jsonl'], neo4jEnv());
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
};

/** How many facts carry their statements as JSON, of all; how many source versions do (format 2), of all. */
async function storedForms(): Promise<{ withJson: number; all: number; versionsWithJson: number; versions: number }> {
  const config = neo4jConfig();
  const driver = neo4j.driver(config.uri, neo4j.auth.basic('neo4j', config.password), { disableLosslessIntegers: true });
  try {
    const { records } = await driver.executeQuery('MATCH (:Entity)-[r]->(:Entity) RETURN count(r.statements) AS withJson, count(r) AS all');
    const versions = await driver.executeQuery('MATCH (v:SourceVersion) RETURN count(v.statements) AS versionsWithJson, count(v) AS versions');
    return { ...records[0]?.toObject(), ...versions.records[0]?.toObject() } as { withJson: number; all: number; versionsWithJson: number; versions: number };
  } finally {
    await driver.close();
  }
}

describe.skipIf(noNeo4j())('cgraph migrate (Neo4j format 2 to 3)', () => {
  it('refuses the old form everywhere but migrate, converts it resumably, and exports the same lines; a second run changes nothing', async () => {
    const store = await storeFactories.neo4j();
    try {
      await loadBatches(store, allSeedBatches());
      const { edges } = await store.snapshot();
      await store.reviewStatement(edges[0]?.attributes.statements[0]?.id as string, { state: 'disputed', by: 'ana', note: 'not in the text' });
      // Grades go through the same migration (one format change for the stored form and the grades).
      await store.reviewStatement(edges[1]?.attributes.statements[0]?.id as string, { state: 'reviewed', by: 'ana', credibility: 2 });
      await store.gradeOutlets([{ outlet: 'afp', reliability: 'B' }]);
    } finally {
      await store.close();
    }
    const before = exported();
    expect(before).toContain('"credibility":2');
    expect(before).toContain('{"outlet":"afp","reliability":"B"}');
    const lean = await storedForms();
    expect(lean.withJson).toBeLessThan(lean.all);
    expect(lean.versionsWithJson).toBe(0);
    expect(lean.versions).toBeGreaterThan(0);

    const facts = await rewriteAsFormat2(neo4jConfig().uri, neo4jConfig().password);
    expect(await storedForms()).toEqual({ withJson: facts, all: facts, versionsWithJson: lean.versions, versions: lean.versions });

    // The store (so the API, which opens it) and every command refuse it, saying what to run.
    await expect(openNeo4jStore()).rejects.toMatchObject({ code: 'STORE_FORMAT_OLD', message: expect.stringContaining('cgraph migrate') });
    const refused = runCli(['stats', '--json'], neo4jEnv());
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout || refused.stderr).error.code).toBe('STORE_FORMAT_OLD');

    // A migration that fails midway leaves the database refused, part converted.
    let convertedBefore = 0;
    const failing = migrateStore(neo4jConfig(), {
      pageSize: 5,
      afterPage: (done) => {
        convertedBefore = done;
        if (done >= 10) throw new Error('stopped midway');
      },
    });
    await expect(failing).rejects.toThrow('stopped midway');
    const midway = await storedForms();
    expect(midway.withJson).toBeLessThan(facts);
    expect(midway.withJson).toBeGreaterThan(lean.withJson);
    await expect(openNeo4jStore()).rejects.toMatchObject({ code: 'STORE_FORMAT_OLD' });

    const migrated = runCli(['migrate', '--page-size', '7', '--json'], neo4jEnv());
    expect(migrated.code, migrated.stderr).toBe(0);
    const result = JSON.parse(migrated.stdout);
    expect(result).toMatchObject({ from: 2, to: 3, facts });
    // The facts the failed run converted (every page it committed) are not written again.
    expect(result.converted).toBe(facts - convertedBefore);
    expect(migrated.stderr).toContain(`cgraph migrate: ${facts}/${facts} facts`);
    expect(await storedForms()).toEqual(lean);
    expect(exported()).toBe(before);

    const again = runCli(['migrate', '--json'], neo4jEnv());
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ from: 'current', to: 3, facts: 0, converted: 0 });
    expect(exported()).toBe(before);
  });

  it('refuses a format it does not convert, and the embedded store', async () => {
    const store = await storeFactories.neo4j();
    await store.close();
    const config = neo4jConfig();
    const driver = neo4j.driver(config.uri, neo4j.auth.basic('neo4j', config.password));
    try {
      await driver.executeQuery("MERGE (m:GraphMeta {key: 'graph'}) SET m.format = 9 CREATE (:Entity:State {id: 'state:ITA', kind: 'STATE', name: 'Italy', aliases: []})-[:LEADS {id: 'rel:00000000000000000001', statementIds: ['stmt:00000000000000000001']}]->(:Entity:State {id: 'state:ROU', kind: 'STATE', name: 'Romania', aliases: []})");
      const refused = runCli(['migrate', '--json'], neo4jEnv());
      expect(refused.code).toBe(1);
      expect(JSON.parse(refused.stdout || refused.stderr).error.code).toBe('STORE_FORMAT');
      await driver.executeQuery('MATCH (n:Entity) DETACH DELETE n');
    } finally {
      await driver.close();
    }
    const embedded = runCli(['migrate'], { CGRAPH_STORE: 'memory' });
    expect(embedded.code).toBe(2);
  });
});

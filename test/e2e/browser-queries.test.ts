// The analysts' saved queries (cypher/browser/) run against Neo4j over Bolt on the seed graph.
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import type { GraphNode, Review } from '../../src/domain/model.ts';
import { loadBatches } from '../../src/ingest/load-dossiers.ts';
import { cypher, loadCypherLibrary } from '../../src/store/neo4j/cypher-library.ts';
import { allSeedBatches, neo4jUri, noNeo4j, seedBatches, storeFactories } from '../support/fixtures.ts';

describe.skipIf(noNeo4j())('Neo4j Browser saved queries', () => {
  let driver: Driver;
  beforeAll(async () => {
    const store = await storeFactories.neo4j();
    await loadBatches(store, seedBatches());
    await store.close();
    driver = neo4j.driver(neo4jUri() as string);
  });
  afterAll(async () => driver?.close());

  const run = async (name: string, params: Record<string, unknown> = {}) =>
    (await driver.executeQuery(cypher(`browser/${name}`), params, { routing: neo4j.routing.READ })).records.map((r) => r.toObject());

  it('has the queries an analyst needs', () => {
    const browser = [...loadCypherLibrary().keys()].filter((n) => n.startsWith('browser/'));
    expect(browser.sort()).toEqual([
      'browser/find-refused-conditions',
      'browser/find-shortest-path',
      'browser/find-tensions',
      'browser/list-attendees-and-signatories',
      'browser/list-corroborated-facts',
      'browser/list-disputed-facts',
      'browser/list-graded-statements',
      'browser/list-pledges',
      'browser/list-pledges-on-condition',
      'browser/list-refusals',
      'browser/list-source-statements',
      'browser/show-actor-neighbourhood',
    ]);
  });

  it('lists all refusals with their quotes', async () => {
    const rows = await run('list-refusals');
    expect(rows.map((r) => r.actor)).toEqual(['Italy', 'Poland', 'Russia', 'Ukraine']);
    expect(rows[0]?.quotes[0]).toContain('would not contribute troops');
  });

  it('lists every pledge that holds, with its quotes', async () => {
    const rows = await run('list-pledges');
    expect(new Set(rows.map((r) => r.actor))).toEqual(new Set(['Coalition of the willing', 'Donald Trump', 'France', 'Germany', 'United Kingdom', 'United States', 'Volodymyr Zelenskyy']));
    const germany = rows.find((r) => r.actor === 'Germany');
    expect(germany?.firmness).toBe('hedged');
    expect(germany?.quotes[0]).toContain('Germany could support a multinational force');
  });

  it('lists pledges that depend on a ceasefire', async () => {
    const rows = await run('list-pledges-on-condition', { conditionId: 'condition:ceasefire-in-force' });
    expect(rows.map((r) => r.actor)).toEqual(['France', 'France', 'United Kingdom', 'United Kingdom']);
  });

  it('lists who attended the summit and who signed the declaration', async () => {
    const [row] = await run('list-attendees-and-signatories', { eventId: 'event:2026-01-06-paris-summit' });
    expect(row?.attendance).toHaveLength(12);
    expect([...(row?.signatories as string[])].sort()).toEqual(['Emmanuel Macron', 'Keir Starmer', 'Volodymyr Zelenskyy']);
  });

  it('shows an actor\'s neighbourhood', async () => {
    const rows = await run('show-actor-neighbourhood', { actorId: 'state:ITA' });
    expect(rows.length).toBeGreaterThan(5);
  });

  it('finds a shortest path from Italy to Russia through the force Russia warned against', async () => {
    const [row] = await run('find-shortest-path', { fromId: 'state:ITA', toId: 'state:RUS' });
    expect(row?.names).toEqual(['Italy', 'Multinational reassurance force for Ukraine', 'Russia']);
    expect(row?.types).toEqual(['REFUSED', 'WARNED']);
  });

  it('finds the tension between the troop pledges and Russia\'s warning', async () => {
    const rows = await run('find-tensions');
    expect(rows.map((r) => `${r.pledger}|${r.opponent}|${r.stance}`)).toEqual([
      'France|Russia|WARNED',
      'Germany|Russia|WARNED',
      'United Kingdom|Russia|WARNED',
    ]);
    const refused = await run('find-refused-conditions');
    expect(refused.map((r) => r.pledger)).toEqual(['France', 'France', 'United Kingdom', 'United Kingdom']);
    expect(refused.every((r) => r.refuser === 'Russia')).toBe(true);
  });
});

describe.skipIf(noNeo4j())('Neo4j Browser saved queries over two sources', () => {
  let driver: Driver;
  const second = 'source:coalition-of-volunteers-signs-declaration';
  beforeAll(async () => {
    const store = await storeFactories.neo4j();
    await loadBatches(store, allSeedBatches());
    // A person disputes the second report's statement of Germany's support.
    const [germany] = (await store.listRelationships({ types: ['PLEDGED'], from: ['state:DEU'], sources: [second] }, {})).items;
    const statement = germany?.statements.find((s) => s.sourceId === second);
    await store.reviewStatement(statement?.id as string, { state: 'disputed', by: 'ana', note: 'no troops on Ukrainian soil' });
    // And the only statement of the US support for the force, which then no longer holds.
    const [usa] = (await store.listRelationships({ types: ['PLEDGED'], from: ['state:USA'], to: ['initiative:multinational-force-ukraine'] }, {})).items;
    await store.reviewStatement(usa?.statements[0]?.id as string, { state: 'disputed', by: 'ana', note: 'a reading of the reporter, not a US commitment' });
    await store.close();
    driver = neo4j.driver(neo4jUri() as string);
  });
  afterAll(async () => driver?.close());

  const run = async (name: string, params: Record<string, unknown> = {}) =>
    (await driver.executeQuery(cypher(`browser/${name}`), params, { routing: neo4j.routing.READ })).records.map((r) => r.toObject());

  it('lists everything a source asserts, with who else asserts it', async () => {
    const rows = await run('list-source-statements', { sourceId: second });
    expect(rows).toHaveLength(27);
    const italy = rows.find((r) => r.type === 'REFUSED' && r.from === 'Italy');
    expect(italy).toMatchObject({ to: 'Multinational reassurance force for Ukraine', sources: 2, review: ['reviewed'], alsoAssertedBy: ['source:coalition-of-the-willing-paris-summit'] });
    expect(rows.find((r) => r.from === 'European Union')).toMatchObject({ type: 'PLEDGED', sources: 1, alsoAssertedBy: [] });
  });

  it('lists the facts two sources assert, with their disagreements', async () => {
    const rows = await run('list-corroborated-facts', { minSources: neo4j.int(2) });
    expect(rows).toHaveLength(19); // 20 shared, less Germany's now that one of its statements is disputed
    expect(rows.find((r) => r.type === 'PLEDGED' && r.from === 'France' && r.to === 'Multinational reassurance force for Ukraine')?.disagreeOn).toEqual(['firmness']);
  });

  it('leaves out what no undisputed statement asserts any more, and lists disputed facts with who disputed them and why', async () => {
    expect(await run('list-pledges-on-condition', { conditionId: 'condition:russian-attack-on-force' })).toEqual([]);
    expect((await run('list-pledges-on-condition', { conditionId: 'condition:troops-based-in-neighbouring-countries' })).map((r) => r.actor)).toEqual(['Germany']);
    const rows = (await run('list-disputed-facts')).filter((r) => r.from === 'Germany');
    expect(rows).toEqual([
      { type: 'PLEDGED', from: 'Germany', to: 'Multinational reassurance force for Ukraine', source: second, disputedBy: 'ana', note: 'no troops on Ukrainian soil', stillAssertedBy: 1 },
    ]);
  });
});

describe.skipIf(noNeo4j())('Neo4j Browser saved queries over graded sources', () => {
  let driver: Driver;
  const first = 'source:coalition-of-the-willing-paris-summit';
  beforeAll(async () => {
    const store = await storeFactories.neo4j();
    await loadBatches(store, allSeedBatches());
    // The first report's outlet is graded B; its statement of Italy's refusal is graded 2.
    const [source] = await store.getNodes([first]);
    await store.upsert({ nodes: [{ ...(source as GraphNode), outlet: 'reuters' } as GraphNode], relationships: [], outletGrades: [{ outlet: 'reuters', reliability: 'B' }] });
    const [italy] = (await store.listRelationships({ types: ['REFUSED'], from: ['state:ITA'], sources: [first] }, {})).items;
    const statement = italy?.statements.find((s) => s.sourceId === first);
    await store.reviewStatement(statement?.id as string, { ...(statement?.review as Review), credibility: 2 });
    await store.close();
    driver = neo4j.driver(neo4jUri() as string);
  });
  afterAll(async () => driver?.close());

  it('lists graded statements first, with the outlet, its reliability and the credibility; the rest ungraded', async () => {
    const rows = (await driver.executeQuery(cypher('browser/list-graded-statements'), {}, { routing: neo4j.routing.READ })).records.map((r) => r.toObject());
    expect(rows[0]).toMatchObject({ type: 'REFUSED', from: 'Italy', source: first, outlet: 'reuters', reliability: 'B', credibility: '2' });
    expect(rows.filter((r) => r.credibility !== '')).toHaveLength(1);
    expect(rows.filter((r) => r.source === first).every((r) => r.reliability === 'B')).toBe(true);
    expect(rows.filter((r) => r.source !== first).every((r) => r.reliability === null && r.credibility === '')).toBe(true);
  });
});

describe('docker-compose.yml', () => {
  it('runs Neo4j 5.26 with a healthcheck and a volume, a one-shot seed loader, and the API on Neo4j', () => {
    const compose = parse(readFileSync('docker-compose.yml', 'utf8'));
    expect(compose.services.neo4j.image).toBe('neo4j:5.26-community');
    expect(compose.services.neo4j.healthcheck.test.join(' ')).toContain('cypher-shell');
    expect(compose.services.neo4j.volumes).toEqual(['neo4j-data:/data']);
    expect(compose.services.seed.command).toEqual(['node', 'bin/cgraph.js', 'seed', 'seeds']);
    expect(compose.services.api.environment.NEO4J_URI).toBe('bolt://neo4j:7687');
    expect(compose.services.api.depends_on.seed.condition).toBe('service_completed_successfully');
  });
});

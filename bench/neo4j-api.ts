// The API on Neo4j beside its peer and its limit, for the dashboard's three queries
// (test/support/dashboard-queries.ts), at the seeds and at 100k generated commitments, 50
// connections, ids varied across requests (many nodes, hubs among them; many relationships):
//   - this API on Neo4j, response cache off (CGRAPH_RESPONSE_CACHE=off): the figure under test;
//   - the peer: @neo4j/graphql 7.6 on the same database (bench/peers/neo4j-graphql.ts);
//   - the limit: one hand-written Cypher statement per query behind a bare HTTP server (bench/peers/cypher-limit.ts);
//   - this API on Neo4j with its response cache on, beside this API on the memory store (same data).
// Every server is its own process, measured one after another in the same run. Run on its own with
// `npm run bench:neo4j-api [-- --sizes=seeds,100000 --duration=8 --save]` (--save: bench/results/neo4j-api.json),
// or as part of `npm run bench` (rows in its summary.json).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { syntheticStateId } from '../src/ingest/generate.ts';
import { CGRAPH } from '../test/support/run-cli.ts';
import { DASHBOARD_QUERIES, type DashboardQuery } from '../test/support/dashboard-queries.ts';
import { runAlone, type Target } from './target.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';
import { measureLoad } from './checked-load.ts';

/** The peer's query for each dashboard query: the same data in @neo4j/graphql's shape (commitments are its relationship fields). */
const PEER_QUERIES: Record<DashboardQuery, string> = {
  node: `query($id: ID!) { entities(where: { id: { eq: $id } }) { id name
    pledgedConnection(first: 20, sort: [{ edge: { id: ASC } }]) { edges { properties { id action firmness quotes stmtSources stmtSource } node { id name } } }
    refusedConnection(first: 20, sort: [{ edge: { id: ASC } }]) { edges { properties { id action firmness quotes stmtSources stmtSource } node { id name } } }
    warnedConnection(first: 20, sort: [{ edge: { id: ASC } }]) { edges { properties { id action firmness quotes stmtSources stmtSource } node { id name } } } } }`,
  page: `query($id: ID!) { entities(where: { id: { eq: $id } }) {
    pledgedConnection(first: 10, sort: [{ edge: { id: ASC } }]) { totalCount edges { properties { id action } node { id name } } }
    pledgedByConnection(first: 10, sort: [{ edge: { id: ASC } }]) { totalCount edges { properties { id action } node { id name } } } } }`,
  relationship: `query($id: ID!) { entities(where: { pledgedConnection: { some: { edge: { id: { eq: $id } } } } }) { id name
    pledgedConnection(where: { edge: { id: { eq: $id } } }) { edges { properties { id action firmness quotes stmtSources stmtSource speakerIds } node { id name } } } } }`,
};

export interface Neo4jApiBenchOptions {
  uri: string;
  sizes: ('seeds' | number)[];
  /** Seconds per measurement. */
  duration: number;
  record: (target: Target) => void;
  detail: Record<string, unknown>;
  work: string;
}

function cli(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [CGRAPH, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 2 ** 20 });
  if (result.status !== 0) throw new Error(`cgraph ${args.join(' ')} exited with ${result.status}: ${result.stderr.slice(-2000)}`);
  return result.stdout;
}

type Kind = 'api' | 'peer' | 'limit';

/** A request body for each kind of server and query, for an id. */
function body(kind: Kind, query: DashboardQuery, id: string): string {
  if (kind === 'limit') return JSON.stringify({ id });
  return JSON.stringify({ query: kind === 'peer' ? PEER_QUERIES[query] : DASHBOARD_QUERIES[query], variables: { id } });
}

const pathOf = (kind: Kind, query: DashboardQuery) => (kind === 'limit' ? `/${query}` : '/graphql');

/**
 * Every answer is checked as a GraphQL answer (the limit answers `{ data }` too, or 500): the first
 * before anything is measured, the rest counted, and a run with a failed request throws.
 */
async function hammer(url: string, kind: Kind, query: DashboardQuery, ids: readonly string[], connections: number, duration: number) {
  let i = 0;
  const result = await measureLoad({
    url: `${url}${pathOf(kind, query)}`,
    answers: 'graphql',
    method: 'POST',
    connections,
    duration,
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (req) => ({ ...req, body: body(kind, query, ids[i++ % ids.length] as string) }) }],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

/** Ids to vary across requests: states (generated ones include the hubs, the first ones) and PLEDGED ids spread over the graph. */
async function idsOf(uri: string, size: 'seeds' | number): Promise<Record<DashboardQuery, string[]>> {
  const states = size === 'seeds' ? ['state:GBR', 'state:FRA', 'state:USA', 'state:ITA', 'state:DEU', 'state:POL', 'state:TUR', 'state:CAN'] : Array.from({ length: 60 }, (_, n) => syntheticStateId(n * 3));
  const driver = neo4j.driver(uri, process.env.NEO4J_PASSWORD ? neo4j.auth.basic('neo4j', process.env.NEO4J_PASSWORD) : undefined);
  try {
    const { records } = await driver.executeQuery('MATCH (:Entity)-[r:PLEDGED]->(:Entity) RETURN r.id AS id ORDER BY id LIMIT 4000');
    const all = records.map((r) => r.get('id') as string);
    const step = Math.max(1, Math.floor(all.length / 200));
    return { node: states, page: states, relationship: all.filter((_, i) => i % step === 0) };
  } finally {
    await driver.close();
  }
}

export async function benchNeo4jApi(options: Neo4jApiBenchOptions): Promise<void> {
  const { uri, record, detail, duration } = options;
  const neo4jEnv = { NEO4J_URI: uri, NEO4J_PASSWORD: process.env.NEO4J_PASSWORD ?? '' };
  for (const size of options.sizes) {
    const label = size === 'seeds' ? 'seeds' : `${size / 1000}k`;
    console.log(`\n== the API on Neo4j, ${label}`);
    const memoryDir = mkdtempSync(join(options.work, `memory-${label}-`));
    cli(['reset', '--yes'], neo4jEnv);
    let memoryEnv: Record<string, string> = { CGRAPH_STORE: 'memory', NEO4J_URI: '', CGRAPH_DATA_DIR: memoryDir };
    if (size === 'seeds') {
      cli(['load', 'seeds'], neo4jEnv);
    } else {
      const file = join(options.work, `generated-${size}.jsonl`);
      cli(['generate', '--format', 'jsonl', '--out', file, '--commitments', String(size), '--seed', '7'], {});
      const started = performance.now();
      cli(['load', file], neo4jEnv);
      console.log(`loaded ${size} commitments into Neo4j in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      cli(['load', file], { ...memoryEnv });
      memoryEnv = { ...memoryEnv, CGRAPH_SEEDS_DIR: 'none' };
    }
    const ids = await idsOf(uri, size);
    const servers: { name: string; kind: Kind; start: () => Promise<ServerProcess> }[] = [
      { name: 'api', kind: 'api', start: () => startServerProcess(['src/main.ts'], { ...neo4jEnv, CGRAPH_STORE: 'neo4j', CGRAPH_SEEDS_DIR: 'none', CGRAPH_RESPONSE_CACHE: 'off' }) },
      { name: 'peer', kind: 'peer', start: () => startServerProcess(['bench/peers/neo4j-graphql.ts'], neo4jEnv) },
      { name: 'limit', kind: 'limit', start: () => startServerProcess(['bench/peers/cypher-limit.ts'], neo4jEnv) },
      { name: 'api cached', kind: 'api', start: () => startServerProcess(['src/main.ts'], { ...neo4jEnv, CGRAPH_STORE: 'neo4j', CGRAPH_SEEDS_DIR: 'none', CGRAPH_RESPONSE_CACHE: 'on' }) },
      { name: 'memory', kind: 'api', start: () => startServerProcess(['src/main.ts'], { ...memoryEnv, CGRAPH_RESPONSE_CACHE: 'off' }) },
    ];
    const figures: Record<string, Record<string, { rps: number; p50: number; p99: number }>> = {};
    {
      // Neo4j's JVM and page cache warmed on all three queries first: a fresh JVM made whichever
      // server came first look half as fast (447 against 926 requests/s for the same code).
      const warm = await startServerProcess(['bench/peers/cypher-limit.ts'], neo4jEnv);
      try {
        for (const query of Object.keys(DASHBOARD_QUERIES) as DashboardQuery[]) await hammer(warm.url, 'limit', query, ids[query], 20, 5);
      } finally {
        await warm.stop();
      }
    }
    for (const server of servers) {
      const running = await server.start();
      try {
        for (const query of Object.keys(DASHBOARD_QUERIES) as DashboardQuery[]) {
          await hammer(running.url, server.kind, query, ids[query], 20, 4); // warm-up: both JITs, plan and page caches
          const measured = await hammer(running.url, server.kind, query, ids[query], 50, duration);
          (figures[server.name] ??= {})[query] = measured;
          console.log(`${server.name.padEnd(10)} ${query.padEnd(12)} ${measured.rps.toFixed(0).padStart(6)} req/s  p50 ${measured.p50} ms  p99 ${measured.p99} ms`);
        }
      } finally {
        await running.stop();
      }
    }
    detail[`neo4j-api-${label}`] = figures;
    for (const query of Object.keys(DASHBOARD_QUERIES) as DashboardQuery[]) {
      const api = figures.api?.[query];
      const peer = figures.peer?.[query];
      const limit = figures.limit?.[query];
      const cached = figures['api cached']?.[query];
      const memory = figures.memory?.[query];
      if (!api || !peer || !limit || !cached || !memory) continue;
      record({ name: `neo4j api ${label} ${query}: requests/s vs @neo4j/graphql (cache off)`, value: api.rps, unit: 'req/s', target: '>= 2x peer', baseline: peer.rps, ratio: api.rps / peer.rps, met: api.rps >= 2 * peer.rps });
      record({ name: `neo4j api ${label} ${query}: p99 vs one hand-written statement (cache off)`, value: api.p99, unit: 'ms', target: '<= 1.5x limit', baseline: limit.p99, ratio: api.p99 / limit.p99, met: api.p99 <= 1.5 * limit.p99 });
      record({ name: `neo4j api ${label} ${query}: requests/s, response cache on, vs the memory store`, value: cached.rps, unit: 'req/s', target: '>= 0.8x memory', baseline: memory.rps, ratio: cached.rps / memory.rps, met: cached.rps >= 0.8 * memory.rps });
    }
    rmSync(memoryDir, { recursive: true, force: true });
  }
}

// On its own: `npm run bench:neo4j-api` (Neo4j from NEO4J_URI).
if (import.meta.url === `file://${process.argv[1]}`) {
  const uri = process.env.NEO4J_URI;
  if (!uri) {
    console.error('set NEO4J_URI (npm run neo4j:start -- --no-browser) to a Neo4j this benchmark may reset');
    process.exit(2);
  }
  const sizesArg = process.argv.find((a) => a.startsWith('--sizes='));
  const durationArg = process.argv.find((a) => a.startsWith('--duration='));
  const sizes = sizesArg ? sizesArg.slice('--sizes='.length).split(',').map((s) => (s === 'seeds' ? 'seeds' : Number(s))) : (['seeds', 100_000] as ('seeds' | number)[]);
  const duration = durationArg ? Number(durationArg.slice('--duration='.length)) : 8;
  await runAlone('neo4j-api', (context) => benchNeo4jApi({ uri, sizes, duration, ...context }));
}

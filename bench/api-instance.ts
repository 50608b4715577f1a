// What one API instance on Neo4j holds in memory (docs/scaling.md): its resident memory when ready,
// after its analysis worker built the graph, and after its response cache filled with distinct
// dashboard answers. `npm run bench:api-instance [-- --sizes=100000,1000000 --save]`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import neo4jDriver from 'neo4j-driver';
import { writeLines } from '../src/cli/runtime.ts';
import { generateRecords } from '../src/ingest/generate.ts';
import * as launcher from '../tools/neo4j-local/launcher.mjs';
import { CGRAPH } from '../test/support/run-cli.ts';
import { DASHBOARD_QUERIES } from '../test/support/dashboard-queries.ts';
import { runAlone, type BenchContext } from './target.ts';
import { startServerProcess } from './server-process.ts';
import { spawnSync } from 'node:child_process';

const LAUNCHER = 'bench-instance';
/** The response cache's default bound (DEFAULT_RESPONSE_CACHE_ENTRIES): filled to it. */
const CACHE_ENTRIES = 5000;

function rssMiB(pid: number): number {
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(rss?.[1] ?? 0) / 1024;
}

async function post(url: string, query: string, variables: Record<string, unknown> = {}): Promise<{ data?: unknown; errors?: { extensions?: { code?: string } }[] }> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
}

/** One analysis, asked again while it is still being computed (ANALYSIS_TIMEOUT keeps the work going). */
async function analysisAnswered(url: string): Promise<number> {
  const started = performance.now();
  for (;;) {
    const answer = await post(url, '{ centrality(metric: DEGREE, first: 1) { node { id } } }');
    if (!answer.errors) return (performance.now() - started) / 1000;
    if (answer.errors[0]?.extensions?.code !== 'ANALYSIS_TIMEOUT') throw new Error(`analysis failed: ${JSON.stringify(answer.errors)}`);
  }
}

async function benchSize(size: number, { work, record, detail }: BenchContext): Promise<void> {
  console.log(`\n== API instance on Neo4j, ${size} commitments`);
  const file = join(work, `instance-${size}.jsonl`);
  let relationships = 0;
  await writeLines(
    file,
    (function* () {
      for (const r of generateRecords({ states: 200, actors: 400, commitments: size, seed: 1 })) {
        if ('type' in r) relationships++;
        yield `${JSON.stringify(r)}\n`;
      }
    })(),
  );
  const port = await launcher.freePort();
  const load = spawnSync(process.execPath, [CGRAPH, 'load', '--initial', file, '--neo4j-home', join(work, `home-${size}`), '--port', String(port), '--launcher', LAUNCHER, '--json'], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (load.status !== 0) throw new Error(`cgraph load --initial: ${load.stderr.slice(-2000)}`);
  const uri = (JSON.parse(load.stdout) as { uri: string }).uri;
  const api = await startServerProcess(['src/main.ts'], { NEO4J_URI: uri, NEO4J_PASSWORD: '', CGRAPH_SEEDS_DIR: 'none', CGRAPH_RESPONSE_CACHE: 'on' });
  try {
    const pid = api.child.pid as number;
    const ready = rssMiB(pid);
    const buildSeconds = await analysisAnswered(api.url);
    const withGraph = rssMiB(pid);
    // Distinct answers: every node with its commitments, then relationships by id up to the bound.
    const driver = neo4jDriver.driver(uri);
    const nodeIds = (await driver.executeQuery('MATCH (n) WHERE n.id IS NOT NULL AND NOT n:Source RETURN n.id AS id')).records.map((r) => r.get('id') as string);
    const relIds = (await driver.executeQuery('MATCH ()-[r:PLEDGED]->() RETURN r.id AS id LIMIT $n', { n: neo4jDriver.int(CACHE_ENTRIES) })).records.map((r) => r.get('id') as string);
    await driver.close();
    const asks = [...nodeIds.map((id) => ['node', id] as const), ...relIds.map((id) => ['relationship', id] as const)].slice(0, CACHE_ENTRIES);
    let answerBytes = 0;
    for (const [query, id] of asks) {
      const answer = await post(api.url, DASHBOARD_QUERIES[query], { id });
      if (answer.errors) throw new Error(`${query} ${id}: ${JSON.stringify(answer.errors)}`);
      answerBytes += JSON.stringify(answer).length;
    }
    const withCache = rssMiB(pid);
    const figures = { relationships, readyMiB: ready, graphBuildSeconds: buildSeconds, withGraphMiB: withGraph, cacheEntries: asks.length, answerBytesMean: answerBytes / asks.length, withCacheMiB: withCache };
    detail[`api-instance-${size}`] = figures;
    console.log(JSON.stringify(figures));
    const perRel = ((withGraph - ready) * 2 ** 20) / relationships;
    record({ name: `api instance ${size}: resident memory, ready (no analysis graph)`, value: ready, unit: 'MiB', target: 'reported', baseline: null, ratio: null, met: true });
    record({ name: `api instance ${size}: resident memory growth per relationship once the analysis graph is built`, value: perRel, unit: 'bytes', target: 'reported', baseline: null, ratio: null, met: true });
    record({ name: `api instance ${size}: resident memory with the graph and ${asks.length} cached answers`, value: withCache, unit: 'MiB', target: 'reported', baseline: withGraph, ratio: withCache / withGraph, met: true });
  } finally {
    await api.stop();
    await launcher.stop({ name: LAUNCHER });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizesArg = process.argv.find((a) => a.startsWith('--sizes='));
  const sizes = sizesArg ? sizesArg.slice('--sizes='.length).split(',').map(Number) : [100_000, 1_000_000];
  await runAlone('api-instance', async (context) => {
    for (const size of sizes) await benchSize(size, context);
  });
}

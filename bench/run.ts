// Benchmarks: each figure beside the baseline measured in the same run, written to the ignored
// bench/results/latest/ (detail and summary.json); only `--save` updates the committed figures in
// bench/results/. `npm run bench` runs the small size in a few minutes; `npm run bench -- --full`
// adds the larger ones; `-- --only=api` (or sizes, neo4j-api, neo4j-load; comma-separated) runs
// those sections alone. Neo4j comes from NEO4J_URI or the embedded launcher. Speed is never
// asserted in tests; it is measured here. No figure is taken over failed requests (checked-load.ts).
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import type autocannon from 'autocannon';
import { centrality } from '../src/analysis/centrality.ts';
import { communities } from '../src/analysis/communities.ts';
import { seededRandom } from '../src/domain/seeded-random.ts';
import { buildGraph, type CommitmentGraph } from '../src/analysis/graph-view.ts';
import { allPaths, shortestPath } from '../src/analysis/paths.ts';
import type { GraphBatch } from '../src/domain/model.ts';
import { writeLines } from '../src/cli/runtime.ts';
import { generateRecords } from '../src/ingest/generate.ts';
import { loadGraphLines } from '../src/ingest/graph-lines.ts';
import { MemoryStore } from '../src/store/memory/memory-store.ts';
import { Neo4jStore } from '../src/store/neo4j/neo4j-store.ts';
import * as launcher from '../tools/neo4j-local/launcher.mjs';
import { CGRAPH } from '../test/support/run-cli.ts';
import type { Target } from './target.ts';
import { startServerProcess } from './server-process.ts';
import { measureLoad } from './checked-load.ts';
import { benchNeo4jApi } from './neo4j-api.ts';
import { benchNeo4jLoad } from './neo4j-load.ts';

const full = process.argv.includes('--full');
const SIZES = full ? [10_000, 100_000, 1_000_000] : [10_000];
const save = process.argv.includes('--save');
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const SECTIONS = ['sizes', 'api', 'neo4j-api', 'neo4j-load'];
const only = onlyArg ? onlyArg.slice('--only='.length).split(',') : SECTIONS;
for (const section of only) if (!SECTIONS.includes(section)) throw new Error(`--only: unknown section "${section}" (sections: ${SECTIONS.join(', ')})`);
const runs = (section: string) => only.includes(section);
// A run writes to an ignored folder; committed figures change only when asked to (--save).
const RESULTS = join(import.meta.dirname, 'results', save ? '' : 'latest');
const PAGE_CACHE_MB = Number(process.env.BENCH_PAGE_CACHE_MB ?? 2048);
const WORK = mkdtempSync(join(tmpdir(), 'cgraph-bench-'));
mkdirSync(RESULTS, { recursive: true });

const summary: Target[] = [];
const detail: Record<string, unknown> = {
  neo4j: { pageCacheMb: process.env.NEO4J_URI ? null : PAGE_CACHE_MB },
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, date: new Date().toISOString() },
};

function record(target: Target) {
  summary.push(target);
  console.log(`${target.met ? 'MET ' : 'MISS'} ${target.name}: ${target.value.toFixed(2)} ${target.unit} (target ${target.target}${target.baseline !== null ? `; baseline ${target.baseline.toFixed(2)}, ratio ${target.ratio?.toFixed(1)}×` : ''})`);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
const seconds = (since: number) => (performance.now() - since) / 1000;
const options = (commitments: number) => ({ states: 200, actors: 400, commitments, seed: 1 });

/** Writes the synthetic JSON-lines file for a size (the bulk format), streaming. */
async function generateFile(commitments: number): Promise<{ file: string; records: number; relationships: number }> {
  const file = join(WORK, `bench-${commitments}.jsonl`);
  let relationships = 0;
  const records = await writeLines(file, (function* () {
    for (const record of generateRecords(options(commitments))) {
      if ('type' in record) relationships++;
      yield `${JSON.stringify(record)}\n`;
    }
  })());
  return { file, records, relationships };
}

/** The first `relationships` relationships of a size's stream with every node before them: a slice of the same data. */
function sliceOf(commitments: number, relationships: number): GraphBatch {
  const batch: GraphBatch = { nodes: [], relationships: [] };
  for (const record of generateRecords(options(commitments))) {
    if ('kind' in record) batch.nodes.push(record);
    else if (batch.relationships.length < relationships) batch.relationships.push(record);
    else break;
  }
  return batch;
}

/** The heap cap the CLI loads under: a load that needed memory in proportion to its input would die of it. */
const LOADER_HEAP_MB = 384;

/**
 * `cgraph load <file>` as a process (the real interface) under a capped heap, into Neo4j: its
 * wall time and its peak resident memory (VmHWM, polled from /proc while it runs).
 */
async function cliLoad(file: string): Promise<{ seconds: number; peakRssBytes: number; report: Record<string, unknown> }> {
  const started = performance.now();
  const child = spawn(process.execPath, [CGRAPH, 'load', file, '--json'], {
    env: { ...process.env, NEO4J_URI: neo.uri, NODE_OPTIONS: `--max-old-space-size=${LOADER_HEAP_MB}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  let peakKb = 0;
  const poll = setInterval(() => {
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
    } catch {
      // the process has just exited
    }
  }, 100);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearInterval(poll);
  if (code !== 0) throw new Error(`cgraph load ${file} exited with ${code}: ${err.slice(-2000)}`);
  return { seconds: seconds(started), peakRssBytes: peakKb * 1024, report: JSON.parse(out) as Record<string, unknown> };
}

/** Starts the API (src/main.ts, production mode, seeds loaded) on a free port; resolves once it says it is ready. */
function startApi(env: Record<string, string>) {
  return startServerProcess(['src/main.ts'], { NEO4J_URI: undefined, CGRAPH_DATA_DIR: mkdtempSync(join(WORK, 'api-')), ...env });
}

async function neo4jUri(): Promise<{ uri: string; stop: () => Promise<unknown> }> {
  if (process.env.NEO4J_URI) return { uri: process.env.NEO4J_URI, stop: async () => undefined };
  // The store of a million commitments is ~3 GB on disk: a page cache that holds most of it, as
  // Neo4j's sizing guide asks; run 2 of 2026-11-28 used the 64 MB default (figures in bench/README.md).
  const state = await launcher.start({ name: 'bench', port: 37687, pageCacheMb: PAGE_CACHE_MB });
  return { uri: state.uri, stop: () => launcher.stop({ name: 'bench' }) };
}

const neo = await neo4jUri();
const connect = (batchSize: number) => Neo4jStore.connect({ uri: neo.uri, user: 'neo4j', password: process.env.NEO4J_PASSWORD ?? '', database: undefined, batchSize });
const loaderRss: Record<number, number> = {};

try {
  if (runs('sizes')) {
    // Warm-up: a fresh JVM interprets before it compiles, and the first loads run 3-4× slower than
    // later ones (measured: 12.5 s, 5.5 s, 3.7 s, 2.8 s for the same 10k file). Three loads and
    // snapshots are discarded.
    {
      const store = await connect(1000);
      const warm = await generateFile(10_000);
      for (let i = 0; i < 3; i++) {
        await store.reset();
        const t = performance.now();
        await loadGraphLines(store, [warm.file]);
        console.log(`warm-up load ${i + 1}: ${seconds(t).toFixed(1)} s`);
        await store.snapshot();
      }
      await store.reset();
      await store.close();
    }
    for (const size of SIZES) {
      console.log(`\n== ${size} commitments`);
      let t = performance.now();
      const input = await generateFile(size);
      const rels = input.relationships;
      console.log(`generated ${input.records} records (${rels} relationships) in ${seconds(t).toFixed(1)} s`);

      // Load: `cgraph load` of the file into Neo4j (a process; validation included) vs one statement
      // per row on a slice of the same data, vs the memory store.
      const store = await connect(1000);
      await store.reset();
      t = performance.now();
      const loaded = await cliLoad(input.file);
      const batchedSeconds = loaded.seconds;
      const batchedRate = rels / batchedSeconds;
      if (loaded.report.relationshipsCreated !== rels) throw new Error(`loaded ${String(loaded.report.relationshipsCreated)} of ${rels} relationships`);
      loaderRss[size] = loaded.peakRssBytes;
      const smallest = loaderRss[SIZES[0] as number] as number;
      detail[`load-${size}`] = { relationships: rels, batchedSeconds, batchedRate, loaderPeakRssBytes: loaded.peakRssBytes, loaderHeapCapMb: LOADER_HEAP_MB };
      record({ name: `load ${size}: Neo4j bulk loader relationships/s`, value: batchedRate, unit: 'rel/s', target: '>= 20000', baseline: null, ratio: null, met: batchedRate >= 20_000 });
      record({
        name: `load ${size}: cgraph load peak RSS (heap capped at ${LOADER_HEAP_MB} MB)`,
        value: loaded.peakRssBytes / 2 ** 20,
        unit: 'MiB',
        target: 'flat as the input grows',
        baseline: smallest / 2 ** 20,
        ratio: loaded.peakRssBytes / smallest,
        met: loaded.peakRssBytes / smallest < 2,
      });
      if (size === SIZES[0]) {
        const slice = sliceOf(size, 1_000);
        const perRow = await connect(1);
        await perRow.reset();
        t = performance.now();
        await perRow.upsert(slice);
        const perRowRate = slice.relationships.length / seconds(t);
        await perRow.reset();
        t = performance.now();
        await perRow.upsert({ nodes: slice.nodes, relationships: [] });
        const nodesSeconds = seconds(t);
        await perRow.reset();
        await perRow.close();
        await store.reset();
        const batchedSlice = await connect(1000);
        t = performance.now();
        await batchedSlice.upsert(slice);
        const sliceRate = slice.relationships.length / seconds(t);
        await batchedSlice.close();
        await store.reset();
        await loadGraphLines(store, [input.file]);
        detail[`load-${size}`] = { ...(detail[`load-${size}`] as object), perRowRate, perRowNodesSeconds: nodesSeconds, batchedSliceRate: sliceRate };
        record({ name: `load ${size}: batched vs one statement per row`, value: batchedRate, unit: 'rel/s', target: '>= 30x per-row', baseline: perRowRate, ratio: batchedRate / perRowRate, met: batchedRate / perRowRate >= 30 });
      }
      const memory = new MemoryStore();
      t = performance.now();
      await loadGraphLines(memory, [input.file]);
      const memoryRate = rels / seconds(t);
      detail[`load-${size}`] = { ...(detail[`load-${size}`] as object), memoryRate };
      record({ name: `load ${size}: memory store relationships/s`, value: memoryRate, unit: 'rel/s', target: 'reference', baseline: batchedRate, ratio: memoryRate / batchedRate, met: true });

      // Snapshot: Graphology graph from each store, seconds and bytes per relationship. The bytes
      // are what the analysis cache keeps: the records and the graph over them, snapshot arrays gone.
      globalThis.gc?.();
      const heapBefore = process.memoryUsage().heapUsed;
      t = performance.now();
      let neoSnapshot: Awaited<ReturnType<typeof store.snapshot>> | undefined = await store.snapshot();
      const neoSnapshotRate = rels / seconds(t);
      t = performance.now();
      const graph: CommitmentGraph = buildGraph(neoSnapshot);
      const buildSeconds = seconds(t);
      neoSnapshot = undefined;
      globalThis.gc?.();
      const bytesPerRel = (process.memoryUsage().heapUsed - heapBefore) / rels;
      t = performance.now();
      buildGraph(await memory.snapshot());
      const memorySnapshotRate = rels / seconds(t);
      detail[`snapshot-${size}`] = { neoSnapshotRate, buildSeconds, bytesPerRel, memorySnapshotRate, gcExposed: typeof globalThis.gc === 'function' };
      record({ name: `snapshot ${size}: from Neo4j`, value: neoSnapshotRate, unit: 'rel/s', target: '>= 200000', baseline: memorySnapshotRate, ratio: neoSnapshotRate / memorySnapshotRate, met: neoSnapshotRate >= 200_000 });
      record({ name: `snapshot ${size}: graph memory per relationship`, value: bytesPerRel, unit: 'bytes', target: '<= 350', baseline: null, ratio: null, met: bytesPerRel <= 350 });
      // Paths: Graphology shortestPath vs Cypher shortestPath vs a plain BFS over typed arrays.
      const random = seededRandom(5);
      const nodes = graph.nodes();
      const pairs = Array.from({ length: 200 }, () => [nodes[Math.floor(random() * nodes.length)], nodes[Math.floor(random() * nodes.length)]] as [string, string]);
      const graphology: number[] = [];
      for (const [a, b] of pairs) {
        const s = performance.now();
        shortestPath(graph, a, b, { direction: 'ANY' });
        graphology.push(performance.now() - s);
      }
      const index = new Map(nodes.map((n, i) => [n, i]));
      const adjacency: number[][] = nodes.map(() => []);
      graph.forEachEdge((_e, _a, s, d) => {
        adjacency[index.get(s) as number]?.push(index.get(d) as number);
        adjacency[index.get(d) as number]?.push(index.get(s) as number);
      });
      const dist = new Int32Array(nodes.length);
      const queue = new Int32Array(nodes.length);
      const bfs: number[] = [];
      for (const [a, b] of pairs) {
        const s = performance.now();
        dist.fill(-1);
        const from = index.get(a) as number;
        const to = index.get(b) as number;
        let head = 0;
        let tail = 0;
        queue[tail++] = from;
        dist[from] = 0;
        while (head < tail && dist[to] === -1) {
          const at = queue[head++] as number;
          for (const next of adjacency[at] as number[]) {
            if (dist[next] !== -1) continue;
            dist[next] = (dist[at] as number) + 1;
            queue[tail++] = next;
          }
        }
        bfs.push(performance.now() - s);
      }
      const cypherTimes: number[] = [];
      const { default: neo4j } = await import('neo4j-driver');
      const driver = neo4j.driver(neo.uri);
      for (const [a, b] of pairs.slice(0, 50)) {
        const s = performance.now();
        await driver.executeQuery('MATCH (a:Entity {id: $a}), (b:Entity {id: $b}) OPTIONAL MATCH p = shortestPath((a)-[*..10]-(b)) RETURN length(p) AS n', { a, b });
        cypherTimes.push(performance.now() - s);
      }
      await driver.close();
      for (const list of [graphology, bfs, cypherTimes]) list.sort((x, y) => x - y);
      const p50 = percentile(graphology, 50);
      detail[`paths-${size}`] = { graphologyP50: p50, graphologyP99: percentile(graphology, 99), bfsP50: percentile(bfs, 50), cypherP50: percentile(cypherTimes, 50), cypherP99: percentile(cypherTimes, 99) };
      record({ name: `paths ${size}: Graphology shortestPath p50`, value: p50, unit: 'ms', target: '< 1 ms', baseline: percentile(bfs, 50), ratio: p50 / percentile(bfs, 50), met: p50 < 1 });
      record({ name: `paths ${size}: Graphology vs Cypher shortestPath (p50)`, value: p50, unit: 'ms', target: '>= 10x faster', baseline: percentile(cypherTimes, 50), ratio: percentile(cypherTimes, 50) / p50, met: percentile(cypherTimes, 50) / p50 >= 10 });
      record({ name: `paths ${size}: Graphology shortestPath p99`, value: percentile(graphology, 99), unit: 'ms', target: 'reported', baseline: percentile(bfs, 99), ratio: percentile(graphology, 99) / percentile(bfs, 99), met: true });

      // Enumerating paths (maxLength 4, first 20) between state pairs, PageRank and Louvain over the whole graph.
      const states = nodes.filter((n) => n.startsWith('state:'));
      const allPathTimes: number[] = [];
      for (let i = 0; i < 20; i++) {
        const a = states[Math.floor(random() * states.length)] as string;
        const b = states[Math.floor(random() * states.length)] as string;
        const s = performance.now();
        allPaths(graph, a, b, { maxLength: 4, direction: 'ANY', limit: 20 });
        allPathTimes.push(performance.now() - s);
      }
      allPathTimes.sort((x, y) => x - y);
      t = performance.now();
      centrality(graph, { metric: 'PAGERANK', first: 10 });
      const pagerankSeconds = seconds(t);
      t = performance.now();
      communities(graph, { seed: 42 });
      const louvainSeconds = seconds(t);
      detail[`analysis-${size}`] = { pathsMaxLength4P50: percentile(allPathTimes, 50), pathsMaxLength4P99: percentile(allPathTimes, 99), pagerankSeconds, louvainSeconds };
      record({ name: `analysis ${size}: paths(maxLength 4, first 20) p50`, value: percentile(allPathTimes, 50), unit: 'ms', target: 'reported', baseline: null, ratio: null, met: true });
      record({ name: `analysis ${size}: PageRank`, value: pagerankSeconds * 1000, unit: 'ms', target: 'reported', baseline: null, ratio: null, met: true });
      record({ name: `analysis ${size}: Louvain`, value: louvainSeconds * 1000, unit: 'ms', target: 'reported', baseline: null, ratio: null, met: true });
      await store.close();
    }
  }

  if (runs('api')) {
    // API: the server as its own process (as it is deployed; autocannon in this one), bounded in time.
    const queries = {
      'node with commitments': '{ node(id: "state:GBR") { name outgoing(types: ["PLEDGED", "REFUSED", "WARNED"]) { edges { node { ... on Commitment { action firmness to { name } evidence { quote } } } } } } }',
      'filtered commitment page': '{ commitments(filter: { kinds: [PLEDGED], conditions: ["condition:ceasefire-in-force"] }, first: 10) { totalCount edges { cursor node { action from { name } } } } }',
      'shortest path': '{ shortestPath(from: "state:ITA", to: "state:RUS") { length nodes { name } } }',
    };
    // At /graphql: `/` is the dashboard's, and a run that posted there measured its 404s.
    const hammer = (url: string, query: string, extra: Partial<autocannon.Options> = {}) =>
      measureLoad({ url: `${url}/graphql`, answers: 'graphql', method: 'POST', connections: 50, duration: full ? 20 : 8, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }), ...extra });
    // The default server compiles queries with graphql-jit; the interpreter (CGRAPH_GRAPHQL_JIT=off) is its baseline.
    const variants: { label: string; env: Record<string, string>; target: boolean }[] = [
      { label: 'memory interpreted', env: { CGRAPH_STORE: 'memory', CGRAPH_GRAPHQL_JIT: 'off' }, target: false },
      { label: 'memory', env: { CGRAPH_STORE: 'memory' }, target: true },
      { label: 'neo4j', env: { NEO4J_URI: neo.uri, NEO4J_PASSWORD: process.env.NEO4J_PASSWORD ?? '' }, target: false },
    ];
    const p99: Record<string, Record<string, number>> = {};
    const rps: Record<string, Record<string, number>> = {};
    {
      const clean = await connect(1000);
      await clean.reset();
      await clean.close();
    }
    for (const variant of variants) {
      const api = await startApi(variant.env);
      try {
        for (const [name, query] of Object.entries(queries)) {
          const result = await hammer(api.url, query);
          detail[`api-${variant.label}-${name}`] = { requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
          (p99[variant.label] ??= {})[name] = result.latency.p99;
          (rps[variant.label] ??= {})[name] = result.requests.average;
          const baseP99 = variant.label === 'memory interpreted' ? null : (p99['memory interpreted']?.[name] ?? null);
          const baseRps = variant.label === 'memory interpreted' ? null : (rps['memory interpreted']?.[name] ?? null);
          record({
            name: `api ${variant.label} ${name}: requests/s at 50 connections`,
            value: result.requests.average,
            unit: 'req/s',
            target: variant.target ? '>= 1000' : 'reported',
            baseline: baseRps,
            ratio: baseRps ? result.requests.average / baseRps : null,
            met: !variant.target || result.requests.average >= 1000,
          });
          record({
            name: `api ${variant.label} ${name}: p99 latency`,
            value: result.latency.p99,
            unit: 'ms',
            target: variant.target ? '< 50 ms' : 'reported',
            baseline: baseP99,
            ratio: baseP99 ? result.latency.p99 / baseP99 : null,
            met: !variant.target || result.latency.p99 < 50,
          });
        }
        if (variant.label === 'memory') {
          // Hardening load test: a fixed 200 requests/s for 30 s (10 s without --full), zero errors expected.
          const steady = await hammer(api.url, queries['node with commitments'], { connections: 10, overallRate: 200, duration: full ? 30 : 10 });
          detail['api-steady-200rps'] = { requests: steady.requests.total, p99: steady.latency.p99, errors: steady.errors, non2xx: steady.non2xx };
          record({ name: 'api steady 200 req/s: errors', value: steady.errors + steady.non2xx, unit: 'errors', target: '0', baseline: null, ratio: null, met: steady.errors + steady.non2xx === 0 });
          record({ name: 'api steady 200 req/s: p99 latency', value: steady.latency.p99, unit: 'ms', target: 'reported', baseline: null, ratio: null, met: true });
        }
      } finally {
        await api.stop();
      }
    }
  }
  // The API on Neo4j beside @neo4j/graphql and one hand-written statement per query.
  if (runs('neo4j-api')) await benchNeo4jApi({ uri: neo.uri, sizes: full ? ['seeds', 100_000] : ['seeds'], duration: full ? 15 : 8, record, detail, work: WORK });
  // --initial and the cold analysis graph, on a launcher of their own.
  if (runs('neo4j-load')) await benchNeo4jLoad({ sizes: full ? [100_000, 1_000_000] : [10_000], work: WORK, record, detail, pageCacheMb: PAGE_CACHE_MB });
} finally {
  await neo.stop();
  rmSync(WORK, { recursive: true, force: true });
}

writeFileSync(join(RESULTS, `bench-${full ? 'full' : 'small'}.json`), `${JSON.stringify(detail, null, 2)}\n`);
writeFileSync(join(RESULTS, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
console.log(`\nwrote ${join(RESULTS, 'summary.json')}`);

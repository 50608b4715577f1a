// The API at real sizes: the server as its own process on the embedded store, loaded
// with the seeds, with 100k and (--full) 1M generated commitments; dashboard requests at 50
// connections with the ids varied across requests (hubs among them); cached analysis; /healthz
// and the event loop's delay while the heaviest analysis runs; start-up time and resident memory;
// and what a write costs the store on disk. Each size's figures sit beside the seeds' (the
// baseline, same run). Results go to bench/results/latest/api-scale-*.json (--save: bench/results/).
// `npm run bench:api` (seeds, 100k), `-- --full` (and 1M), `-- --sizes=1000000` (seeds and 1M).
import { type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { CGRAPH } from '../test/support/run-cli.ts';
import { loadBatches, validateDossiers } from '../src/ingest/load-dossiers.ts';
import { MemoryStore } from '../src/store/memory/memory-store.ts';
import type { Target } from './target.ts';
import { startServerProcess } from './server-process.ts';
import { measureLoad } from './checked-load.ts';

const full = process.argv.includes('--full');
const save = process.argv.includes('--save');
const sizesArg = process.argv.find((a) => a.startsWith('--sizes='));
// --sizes=seeds,1000000 picks sizes; the seeds (the baseline of every ratio) always run first.
const SIZES: (number | 'seeds')[] = sizesArg
  ? ['seeds', ...sizesArg.slice('--sizes='.length).split(',').filter((x) => x !== 'seeds').map(Number)]
  : full
    ? ['seeds', 100_000, 1_000_000]
    : ['seeds', 100_000];
const RESULTS = join(import.meta.dirname, 'results', save ? '' : 'latest');
const WORK = mkdtempSync(join(tmpdir(), 'cgraph-api-scale-'));
const DURATION = full ? 15 : 8;
mkdirSync(RESULTS, { recursive: true });

const summary: Target[] = [];
const detail: Record<string, unknown> = {
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, date: new Date().toISOString() },
};
const baseline: Record<string, number> = {};

function record(size: number | 'seeds', name: string, value: number, unit: string, target: string, met: boolean) {
  const key = name;
  if (size === 'seeds') baseline[key] = value;
  const base = size === 'seeds' || !baseline[key] ? null : (baseline[key] as number);
  const entry: Target = { name: `api ${size}: ${name}`, value, unit, target, baseline: base, ratio: base ? value / base : null, met };
  summary.push(entry);
  console.log(`${met ? 'MET ' : 'MISS'} ${entry.name}: ${value.toFixed(2)} ${unit} (target ${target}${base !== null ? `; seeds ${base.toFixed(2)}, ratio ${entry.ratio?.toFixed(2)}×` : ''})`);
}

const seconds = (since: number) => (performance.now() - since) / 1000;

/** cgraph as a process, without a time limit (a million commitments take minutes to load). */
function runCli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CGRAPH, ...args], { encoding: 'utf8', env: { ...process.env, NEO4J_URI: '', CGRAPH_STORE: 'memory', ...env }, maxBuffer: 64 * 2 ** 20 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Api {
  url: string;
  child: ChildProcess;
  startSeconds: number;
  rssMiB: () => number;
  stop: () => Promise<void>;
}

async function startApi(env: Record<string, string>): Promise<Api> {
  const started = performance.now();
  const { url, child, stop } = await startServerProcess(['src/main.ts'], { NEO4J_URI: '', CGRAPH_STORE: 'memory', ...env });
  const startSeconds = seconds(started);
  const rssMiB = () => {
    // The server and its analysis worker thread are one process.
    const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
    return Number(rss?.[1] ?? 0) / 1024;
  };
  return {
    url,
    child,
    startSeconds,
    rssMiB,
    stop,
  };
}

async function post(url: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] };
}

/** Asks until the analysis answers (ANALYSIS_TIMEOUT means: computing, ask again); seconds it took, or Infinity when it was stopped at the limit. */
async function warm(url: string, query: string): Promise<number> {
  const started = performance.now();
  for (;;) {
    const answer = await post(url, query);
    if (!answer.errors) return seconds(started);
    const code = answer.errors[0]?.extensions?.code;
    if (code === 'ANALYSIS_TOO_LARGE') return Number.POSITIVE_INFINITY;
    if (code !== 'ANALYSIS_TIMEOUT' && code !== 'ANALYSIS_BUSY') throw new Error(`${query}: ${JSON.stringify(answer.errors)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** autocannon with the ids varied per request (round robin over `ids`, hubs first among them); throws when a request fails. */
function hammer(url: string, query: string, ids: string[], connections = 50, duration = DURATION) {
  let i = 0;
  return measureLoad({
    url: `${url}/graphql`,
    answers: 'graphql',
    method: 'POST',
    connections,
    duration,
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ query, variables: { id: ids[i++ % ids.length] } }) }) }],
  });
}

const QUERIES = {
  node: 'query($id: ID!) { node(id: $id) { name outgoing(first: 20, types: ["PLEDGED", "REFUSED", "WARNED"]) { edges { node { ... on Commitment { action firmness to { name } evidence { quote } } } } } } }',
  page: 'query($id: ID!) { commitments(filter: { involving: [$id], kinds: [PLEDGED] }, first: 10) { totalCount edges { node { action from { name } } } } }',
  centrality: '{ centrality(metric: PAGERANK, first: 10) { node { name } score } }',
  tensions: '{ tensions(first: 20) { totalCount edges { node { kind explanation } } } }',
};

try {
  for (const size of SIZES) {
    console.log(`\n== ${size === 'seeds' ? 'seeds' : `${size} commitments`}`);
    const dataDir = join(WORK, `data-${size}`);
    const env: Record<string, string> = { CGRAPH_DATA_DIR: dataDir };
    let ids: string[];
    if (size === 'seeds') {
      ids = ['state:GBR', 'state:FRA', 'state:USA', 'state:ITA', 'state:DEU', 'state:RUS', 'state:POL', 'state:TUR'];
    } else {
      // Generated states are state:AAA, state:AAB, …; the first ones are the hubs (skewed degrees).
      const file = join(WORK, `generated-${size}.jsonl`);
      let t = performance.now();
      const generated = runCli(['generate', '--format', 'jsonl', '--out', file, '--commitments', String(size), '--seed', '7']);
      if (generated.code !== 0) throw new Error(generated.stderr);
      t = performance.now();
      const loaded = runCli(['load', file, '--json'], { CGRAPH_DATA_DIR: dataDir });
      if (loaded.code !== 0) throw new Error(loaded.stderr);
      const loadSeconds = seconds(t);
      const onDisk = statSync(join(dataDir, 'store.snapshot.jsonl')).size;
      detail[`persistence-${size}`] = { loadSeconds, snapshotBytes: onDisk };
      record(size, 'cgraph load into the embedded store', loadSeconds, 's', 'reported', true);
      record(size, 'snapshot on disk', onDisk / 2 ** 20, 'MiB', 'reported', true);
      env.CGRAPH_SEEDS_DIR = 'none';
      const letters = (n: number) => [Math.floor(n / 676) % 26, Math.floor(n / 26) % 26, n % 26].map((x) => String.fromCharCode(65 + x)).join('');
      ids = Array.from({ length: 50 }, (_, n) => `state:${letters(n * 4)}`);
    }
    const api = await startApi(env);
    try {
      record(size, 'start-up (spawn to ready)', api.startSeconds, 's', size === 1_000_000 ? '< 30 s' : 'reported', size !== 1_000_000 || api.startSeconds < 30);
      for (const [name, target, rps, p99] of [
        ['node with its commitments', QUERIES.node, 2000, 50],
        ['filtered commitment page', QUERIES.page, 1000, 100],
      ] as const) {
        await hammer(api.url, target, ids, 10, 2); // warm-up
        const result = await hammer(api.url, target, ids);
        detail[`${size}-${name}`] = { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
        record(size, `${name}: requests/s at 50 connections`, result.requests.average, 'req/s', `>= ${rps}`, result.requests.average >= rps);
        record(size, `${name}: p99`, result.latency.p99, 'ms', `< ${p99} ms`, result.latency.p99 < p99);
      }

      // The heaviest analysis (cold tensions of the whole graph, then betweenness) while /healthz is polled.
      await post(api.url, '{ stats { relationships } }');
      await fetch(`${api.url}/healthz?reset`);
      const heavyStarted = performance.now();
      const heavy = warm(api.url, QUERIES.tensions);
      const healthz = await measureLoad({ url: `${api.url}/healthz`, answers: 'http', connections: 5, duration: Math.min(DURATION, 10) });
      const loop = (await (await fetch(`${api.url}/healthz?reset`)).json()) as { eventLoopDelayMs: { p99: number; max: number } };
      const tensionsColdSeconds = await heavy;
      detail[`${size}-during-analysis`] = { healthzP99: healthz.latency.p99, healthzRps: healthz.requests.average, eventLoop: loop.eventLoopDelayMs, tensionsColdSeconds, heavyStartedAgo: seconds(heavyStarted) };
      record(size, '/healthz p99 while the tensions are computed', healthz.latency.p99, 'ms', '< 50 ms', healthz.latency.p99 < 50);
      record(size, 'event-loop delay p99 while the tensions are computed', loop.eventLoopDelayMs.p99, 'ms', '< 100 ms', loop.eventLoopDelayMs.p99 < 100);
      record(size, 'tensions, cold (worker, until answered)', tensionsColdSeconds, 's', 'reported', true);

      const centralityColdSeconds = await warm(api.url, QUERIES.centrality);
      record(size, 'PageRank centrality, cold (worker, until answered)', centralityColdSeconds, 's', 'reported', true);
      for (const [name, query] of [
        ['cached centrality', QUERIES.centrality],
        ['first page of tensions (cached)', QUERIES.tensions],
      ] as const) {
        const one = await measureLoad({ url: `${api.url}/graphql`, answers: 'graphql', method: 'POST', connections: 1, duration: 5, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
        detail[`${size}-${name}`] = { p50: one.latency.p50, p99: one.latency.p99, errors: one.errors, non2xx: one.non2xx };
        record(size, `${name}: p99, one client`, one.latency.p99, 'ms', '< 20 ms', one.latency.p99 < 20);
      }
      const rss = api.rssMiB();
      detail[`${size}-rss`] = { rssMiB: rss };
      record(size, 'server resident memory (store + analysis worker)', rss, 'MiB', size === 1_000_000 ? '< 4096 MiB' : 'reported', size !== 1_000_000 || rss < 4096);
    } finally {
      await api.stop();
    }
    if (size !== 'seeds') {
      // What a write costs on disk, in process: open the store, then load the first seed dossier
      // (74 statements) into it: an append to the log. Baseline, same data: rewriting the whole
      // store as one JSON file, as format 2 did on every write.
      let t = performance.now();
      const store = new MemoryStore({ dataDir });
      const openSeconds = seconds(t);
      const { batches } = await validateDossiers(['seeds/paris-summit-2026-01-06']);
      t = performance.now();
      await loadBatches(store, batches);
      const writeMs = seconds(t) * 1000;
      let rewriteMs: number | null = null;
      t = performance.now();
      try {
        const snapshot = await store.snapshot();
        writeFileSync(join(WORK, 'rewrite.json'), JSON.stringify({ nodes: snapshot.nodes.map((n) => n.attributes), facts: snapshot.edges.map((e) => e.attributes) }));
        rewriteMs = seconds(t) * 1000;
      } catch (error) {
        console.log(`rewriting the store as one JSON file: ${(error as Error).message}`);
      }
      rmSync(join(WORK, 'rewrite.json'), { force: true });
      await store.close();
      detail[`persistence-${size}`] = { ...(detail[`persistence-${size}`] as object), openSeconds, writeMs, rewriteMs };
      record(size, 'open the embedded store (snapshot + log), in process', openSeconds, 's', 'reported', true);
      const entry: Target = {
        name: `api ${size}: a write of one dossier (74 statements), appended to the log`,
        value: writeMs,
        unit: 'ms',
        target: 'far below a rewrite',
        baseline: rewriteMs,
        ratio: rewriteMs ? writeMs / rewriteMs : null,
        met: rewriteMs === null || writeMs < rewriteMs / 10,
      };
      summary.push(entry);
      console.log(`${entry.met ? 'MET ' : 'MISS'} ${entry.name}: ${writeMs.toFixed(1)} ms (rewriting one JSON file: ${rewriteMs === null ? 'impossible, over the longest string' : `${rewriteMs.toFixed(0)} ms`})`);
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
} finally {
  rmSync(WORK, { recursive: true, force: true });
}

writeFileSync(join(RESULTS, `api-scale-${full ? 'full' : 'small'}.json`), `${JSON.stringify({ detail, summary }, null, 2)}\n`);
console.log(`\nwrote ${join(RESULTS, `api-scale-${full ? 'full' : 'small'}.json`)}`);

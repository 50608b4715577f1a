// Benchmarks: each figure beside the baseline measured in the same run, written to
// bench/results/*.json and bench/results/summary.json. `npm run bench` runs the small size in a
// few minutes; `npm run bench -- --full` adds the larger ones. Neo4j comes from NEO4J_URI or the
// embedded launcher. Speed is never asserted in tests; it is measured here.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { buildGraph, type CommitmentGraph } from '../src/analysis/graph-view.ts';
import { shortestPath } from '../src/analysis/paths.ts';
import { seededRandom } from '../src/analysis/communities.ts';
import type { GraphBatch } from '../src/domain/model.ts';
import { generateDossier } from '../src/ingest/generate.ts';
import { loadBatches, validateDossiers } from '../src/ingest/load-dossiers.ts';
import { validateDossier } from '../src/ingest/validate-dossier.ts';
import { MemoryStore } from '../src/store/memory/memory-store.ts';
import { Neo4jStore } from '../src/store/neo4j/neo4j-store.ts';
import { createServer } from '../src/server.ts';
import * as launcher from '../tools/neo4j-local/launcher.mjs';
import { createServer as createHttpServer } from 'node:http';

const full = process.argv.includes('--full');
const SIZES = full ? [10_000, 100_000] : [10_000];
const RESULTS = join(import.meta.dirname, 'results');
mkdirSync(RESULTS, { recursive: true });

interface Target {
  name: string;
  value: number;
  unit: string;
  target: string;
  baseline: number | null;
  ratio: number | null;
  met: boolean;
}
const summary: Target[] = [];
const detail: Record<string, unknown> = { machine: { cpus: (await import('node:os')).cpus().length, node: process.version, date: new Date().toISOString() } };

function record(target: Target) {
  summary.push(target);
  console.log(`${target.met ? 'MET ' : 'MISS'} ${target.name}: ${target.value.toFixed(2)} ${target.unit} (target ${target.target}${target.baseline !== null ? `; baseline ${target.baseline.toFixed(2)}, ratio ${target.ratio?.toFixed(1)}×` : ''})`);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;

/** A synthetic batch, built from 10k-commitment dossiers so each stays under the 20 MB YAML cap. */
function batchFor(commitments: number, seed: number): GraphBatch {
  const nodes = new Map<string, GraphBatch['nodes'][number]>();
  const relationships: GraphBatch['relationships'] = [];
  for (let part = 0; part * 10_000 < commitments; part++) {
    const dossier = generateDossier({ states: 200, actors: 400, commitments: Math.min(10_000, commitments - part * 10_000), seed: seed * 1000 + part });
    const result = validateDossier({ yamlText: dossier.yamlText, sourceText: dossier.sourceText, file: `bench-${part}.yaml`, knownNodes: new Map() });
    if (!result.batch) throw new Error(`generated dossier is invalid: ${result.problems[0]?.message}`);
    for (const node of result.batch.nodes) nodes.set(node.id, node);
    relationships.push(...result.batch.relationships);
  }
  return { nodes: [...nodes.values()], relationships };
}

async function neo4jUri(): Promise<{ uri: string; stop: () => Promise<unknown> }> {
  if (process.env.NEO4J_URI) return { uri: process.env.NEO4J_URI, stop: async () => undefined };
  const state = await launcher.start({ name: 'bench', port: 37687 });
  return { uri: state.uri, stop: () => launcher.stop({ name: 'bench' }) };
}

const neo = await neo4jUri();
const connect = (batchSize: number) => Neo4jStore.connect({ uri: neo.uri, user: 'neo4j', password: process.env.NEO4J_PASSWORD ?? '', database: undefined, batchSize });

try {
  for (const size of SIZES) {
    console.log(`\n== ${size} commitments`);
    const started = performance.now();
    const batch = batchFor(size, 1);
    const rels = batch.relationships.length;
    console.log(`generated and validated ${rels} relationships in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    // Load: batched into Neo4j vs one statement per row (a slice), vs the memory store.
    const store = await connect(1000);
    await store.reset();
    let t = performance.now();
    await store.upsert(batch);
    const batchedSeconds = (performance.now() - t) / 1000;
    const batchedRate = rels / batchedSeconds;

    const sliceSize = Math.min(1000, rels);
    const slice: GraphBatch = { nodes: batch.nodes, relationships: batch.relationships.slice(0, sliceSize) };
    const perRow = await connect(1);
    await perRow.reset();
    t = performance.now();
    await perRow.upsert(slice);
    const perRowRate = sliceSize / ((performance.now() - t) / 1000);
    await perRow.close();
    await store.reset();
    await store.upsert(batch);

    const memory = new MemoryStore();
    t = performance.now();
    await memory.upsert(batch);
    const memoryRate = rels / ((performance.now() - t) / 1000);
    detail[`load-${size}`] = { relationships: rels, batchedSeconds, batchedRate, perRowRate, memoryRate };
    record({ name: `load ${size}: Neo4j batched relationships/s`, value: batchedRate, unit: 'rel/s', target: '>= 20000', baseline: null, ratio: null, met: batchedRate >= 20_000 });
    record({ name: `load ${size}: batched vs one statement per row`, value: batchedRate, unit: 'rel/s', target: '>= 30x per-row', baseline: perRowRate, ratio: batchedRate / perRowRate, met: batchedRate / perRowRate >= 30 });
    record({ name: `load ${size}: memory store relationships/s`, value: memoryRate, unit: 'rel/s', target: 'reference', baseline: batchedRate, ratio: memoryRate / batchedRate, met: true });

    // Snapshot: Graphology graph from each store, seconds and bytes per relationship.
    t = performance.now();
    const neoSnapshot = await store.snapshot();
    const neoSnapshotRate = rels / ((performance.now() - t) / 1000);
    globalThis.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    t = performance.now();
    const graph: CommitmentGraph = buildGraph(neoSnapshot);
    const buildSeconds = (performance.now() - t) / 1000;
    globalThis.gc?.();
    const bytesPerRel = (process.memoryUsage().heapUsed - heapBefore) / rels;
    t = performance.now();
    buildGraph(await memory.snapshot());
    const memorySnapshotRate = rels / ((performance.now() - t) / 1000);
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
    await store.close();
  }

  // API: autocannon on loopback against the memory store with the seeds, bounded in time.
  const store = new MemoryStore();
  await loadBatches(store, validateDossiers(['seeds']).batches);
  const yoga = createServer({ store, registry: new Map(), apiKeys: [] }, { production: true });
  const http = createHttpServer(yoga);
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const address = http.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql`;
  const queries = {
    'node with commitments': '{ node(id: "state:GBR") { name outgoing(types: ["PLEDGED", "REFUSED", "WARNED"]) { edges { node { ... on Commitment { action firmness to { name } evidence { quote } } } } } } }',
    'filtered commitment page': '{ commitments(filter: { kinds: [PLEDGED], conditions: ["condition:ceasefire-in-force"] }, first: 10) { totalCount edges { cursor node { action from { name } } } } }',
    'shortest path': '{ shortestPath(from: "state:ITA", to: "state:RUS") { length nodes { name } } }',
  };
  for (const [name, query] of Object.entries(queries)) {
    const result = await autocannon({ url, method: 'POST', connections: 50, duration: full ? 20 : 8, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    detail[`api-${name}`] = { requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
    record({ name: `api ${name}: requests/s at 50 connections`, value: result.requests.average, unit: 'req/s', target: '>= 1000', baseline: null, ratio: null, met: result.requests.average >= 1000 && result.errors === 0 && result.non2xx === 0 });
    record({ name: `api ${name}: p99 latency`, value: result.latency.p99, unit: 'ms', target: '< 50 ms', baseline: null, ratio: null, met: result.latency.p99 < 50 });
  }
  // Hardening load test: a fixed 200 requests/s for 30 s (10 s without --full), zero errors expected.
  const steady = await autocannon({ url, method: 'POST', connections: 10, overallRate: 200, duration: full ? 30 : 10, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: queries['node with commitments'] }) });
  detail['api-steady-200rps'] = { requests: steady.requests.total, p99: steady.latency.p99, errors: steady.errors, non2xx: steady.non2xx };
  record({ name: 'api steady 200 req/s: errors', value: steady.errors + steady.non2xx, unit: 'errors', target: '0', baseline: null, ratio: null, met: steady.errors + steady.non2xx === 0 });
  record({ name: 'api steady 200 req/s: p99 latency', value: steady.latency.p99, unit: 'ms', target: 'reported', baseline: null, ratio: null, met: true });
  await new Promise((r) => http.close(r));
} finally {
  await neo.stop();
}

writeFileSync(join(RESULTS, `bench-${full ? 'full' : 'small'}.json`), `${JSON.stringify(detail, null, 2)}\n`);
writeFileSync(join(RESULTS, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
console.log(`\nwrote ${join(RESULTS, 'summary.json')}`);

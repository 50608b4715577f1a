// Loading Neo4j and building the analysis graph from it, side by side in one run:
// `npm run bench:neo4j-load [-- --sizes=100000,1000000 --save]`, or part of `npm run bench`.
// For each size, the synthetic JSON lines file of `npm run bench` is
//   1. loaded by `cgraph load --initial` as a process, end to end: validation, CSV, the import
//      tool, Neo4j started on the new database, constraints and indexes online. The import
//      tool's own time (the limit: the rest is ours or Neo4j's start) is measured in the same run.
//   2. read back into the cold analysis graph as the API's worker builds it (bench/cold-graph.ts,
//      each in a process of its own): the lean analysis snapshot into the columns (what the
//      worker keeps), beside the same snapshot as a graph of records (the build before the
//      columns): relationships/s and the bytes each relationship keeps (heap and array buffers
//      after a GC), and Graphology's own cost per edge (the same keys and ends, no attributes).
//   3. at the first size, loaded again transactionally (`cgraph load`, a process) into the same
//      database after a reset: the baseline of 1; and its own limit, the same stored rows written
//      by the load's CREATE statement with nothing of ours around it.
// The launcher runs on a folder of its own, so this bench needs no NEO4J_URI.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeLines } from '../src/cli/runtime.ts';
import { generateRecords } from '../src/ingest/generate.ts';
import neo4jDriver from 'neo4j-driver';
import { cypher } from '../src/store/neo4j/cypher-library.ts';
import { NEO4J_STORE_FORMAT, Neo4jStore } from '../src/store/neo4j/neo4j-store.ts';
import { toRelationshipProps } from '../src/store/neo4j/records.ts';
import * as launcher from '../tools/neo4j-local/launcher.mjs';
import { CGRAPH } from '../test/support/run-cli.ts';
import { runAlone, type Target } from './target.ts';

export interface Neo4jLoadBenchOptions {
  sizes: number[];
  work: string;
  record: (target: Target) => void;
  detail: Record<string, unknown>;
  /** Page cache of the launcher the import starts, MB. */
  pageCacheMb?: number;
}

const LAUNCHER = 'bench-initial';
const seconds = (since: number) => (performance.now() - since) / 1000;

/** The file `npm run bench` loads for a size (same generator and options). */
async function generateFile(work: string, commitments: number): Promise<{ file: string; relationships: number }> {
  const file = join(work, `load-${commitments}.jsonl`);
  let relationships = 0;
  await writeLines(
    file,
    (function* () {
      for (const record of generateRecords({ states: 200, actors: 400, commitments, seed: 1 })) {
        if ('type' in record) relationships++;
        yield `${JSON.stringify(record)}\n`;
      }
    })(),
  );
  return { file, relationships };
}

/** The bytes of a database's store files (indexes included) under a Neo4j home, as the import left them. */
function storeBytes(home: string, database = 'neo4j'): number {
  const dir = join(home, 'data', 'databases', database);
  return readdirSync(dir, { recursive: true, withFileTypes: true }).reduce((sum, entry) => (entry.isFile() ? sum + statSync(join(entry.parentPath, entry.name)).size : sum), 0);
}

/** cgraph as a process; resolves with its JSON answer and wall time, or throws with its stderr. */
async function cgraph(args: string[], env: Record<string, string | undefined> = {}): Promise<{ seconds: number; json: Record<string, unknown> }> {
  const started = performance.now();
  const child = spawn(process.execPath, [CGRAPH, ...args, '--json'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`cgraph ${args.join(' ')} exited with ${code}: ${err.slice(-2000)}`);
  return { seconds: seconds(started), json: JSON.parse(out) as Record<string, unknown> };
}

/** One cold build of the analysis graph in a process of its own (bench/cold-graph.ts): rate and bytes kept per relationship. */
async function coldGraph(uri: string, mode: 'columns' | 'records' | 'bare'): Promise<{ rate: number; bytesPerRelationship: number; relationships: number }> {
  const child = spawn(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', join(import.meta.dirname, 'cold-graph.ts'), uri, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`cold-graph ${mode} exited with ${code}: ${err.slice(-2000)}`);
  return JSON.parse(out.trim().split('\n').at(-1) as string);
}

export async function benchNeo4jLoad(options: Neo4jLoadBenchOptions): Promise<void> {
  const { record, detail } = options;
  let transactionalRate: number | undefined;
  for (const size of options.sizes) {
    console.log(`\n== neo4j load, ${size} commitments`);
    const { file, relationships } = await generateFile(options.work, size);
    const home = join(options.work, `home-${size}`);
    const port = await launcher.freePort();
    try {
      // 1. --initial, end to end.
      const initial = await cgraph(['load', '--initial', file, '--neo4j-home', home, '--port', String(port), '--launcher', LAUNCHER, '--page-cache', String(options.pageCacheMb ?? 2048)]);
      const timings = initial.json.timings as Record<string, number>;
      if (initial.json.relationships !== relationships) throw new Error(`--initial wrote ${String(initial.json.relationships)} of ${relationships} relationships`);
      const initialRate = relationships / initial.seconds;
      const toolRate = relationships / ((timings.import ?? 0) / 1000);
      const bytesPerRelationship = storeBytes(home) / relationships;
      console.log(`store files: ${bytesPerRelationship.toFixed(0)} B/relationship (format ${NEO4J_STORE_FORMAT}, indexes included)`);
      console.log(`--initial: ${initial.seconds.toFixed(1)} s (${Object.entries(timings).map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)} s`).join(', ')})`);

      // 2. The cold analysis graph in columns, beside the records graph it replaced, and Graphology's own floor.
      const uri = initial.json.uri as string;
      const columnFigures = await coldGraph(uri, 'columns');
      if (columnFigures.relationships !== relationships) throw new Error(`the analysis graph holds ${columnFigures.relationships} of ${relationships} relationships`);
      const recordFigures = await coldGraph(uri, 'records');
      const floorBytes = (await coldGraph(uri, 'bare')).bytesPerRelationship;
      console.log(`cold analysis graph: columns ${columnFigures.rate.toFixed(0)} rel/s, ${columnFigures.bytesPerRelationship.toFixed(0)} B/rel (Graphology alone ${floorBytes.toFixed(0)}); records (before) ${recordFigures.rate.toFixed(0)} rel/s, ${recordFigures.bytesPerRelationship.toFixed(0)} B/rel`);
      const store = await Neo4jStore.connect({ uri, user: 'neo4j', password: '', database: undefined, batchSize: 1000 });

      // 3. At the first size: the transactional load of the same file, and its limit — the same
      //    stored rows written by the load's own CREATE statement, 1,000 a statement, pipelined,
      //    20,000 a transaction, with nothing of ours around them (no validation, no planning).
      if (transactionalRate === undefined) {
        const snapshot = await store.snapshot();
        const rowsByType = new Map<string, { id: string; from: string; to: string; props: Record<string, unknown> }[]>();
        for (const { attributes: fact } of snapshot.edges) {
          const rows = rowsByType.get(fact.type) ?? [];
          rows.push({ id: fact.id, from: fact.from, to: fact.to, props: toRelationshipProps(fact) });
          rowsByType.set(fact.type, rows);
        }
        const nodes = snapshot.nodes.map((n) => n.attributes);
        await store.reset();
        const loaded = await cgraph(['load', file], { NEO4J_URI: uri });
        transactionalRate = relationships / loaded.seconds;
        await store.reset();
        await store.upsert({ nodes, relationships: [] });
        const driver = neo4jDriver.driver(uri, undefined, { disableLosslessIntegers: true });
        const started = performance.now();
        for (const [type, rows] of rowsByType) {
          for (let i = 0; i < rows.length; i += 20_000) {
            const part = rows.slice(i, i + 20_000);
            const session = driver.session();
            try {
              await session.executeWrite(async (tx) => {
                const pending = [];
                for (let j = 0; j < part.length; j += 1_000) pending.push(tx.run(cypher('store/create-relationships'), { type, rows: part.slice(j, j + 1_000) }));
                await Promise.all(pending);
              });
            } finally {
              await session.close();
            }
          }
        }
        const limitRate = relationships / seconds(started);
        await driver.close();
        console.log(`transactional load: ${loaded.seconds.toFixed(1)} s; the same rows by the bare CREATE statement: ${(relationships / limitRate).toFixed(1)} s`);
        detail[`neo4j-load-${size}-transactional`] = { seconds: loaded.seconds, rate: transactionalRate, bareCreateRate: limitRate };
        record({ name: `transactional load ${size}: relationships/s (cgraph load) vs the bare CREATE of the same rows (the limit)`, value: transactionalRate, unit: 'rel/s', target: '>= 20000', baseline: limitRate, ratio: transactionalRate / limitRate, met: transactionalRate >= 20_000 });
      }
      await store.close();

      detail[`neo4j-load-${size}`] = { relationships, initialSeconds: initial.seconds, timings, initialRate, toolRate, bytesPerRelationship, transactionalRate, columns: columnFigures, records: recordFigures, graphologyFloorBytes: floorBytes };
      record({ name: `initial load ${size}: relationships/s end to end vs transactional`, value: initialRate, unit: 'rel/s', target: '>= 200000', baseline: transactionalRate, ratio: initialRate / transactionalRate, met: initialRate >= 200_000 });
      record({ name: `neo4j store ${size}: bytes per relationship in the store files after --initial`, value: bytesPerRelationship, unit: 'bytes', target: 'reference', baseline: null, ratio: null, met: true });
      record({ name: `initial load ${size}: end to end vs the import tool alone (the limit)`, value: initialRate, unit: 'rel/s', target: 'reference', baseline: toolRate, ratio: initialRate / toolRate, met: true });
      record({ name: `cold analysis graph ${size}: from Neo4j, columns, vs the records graph (before)`, value: columnFigures.rate, unit: 'rel/s', target: '>= 100000', baseline: recordFigures.rate, ratio: columnFigures.rate / recordFigures.rate, met: columnFigures.rate >= 100_000 });
      record({ name: `cold analysis graph ${size}: bytes kept per relationship, columns vs records`, value: columnFigures.bytesPerRelationship, unit: 'bytes', target: '<= 400', baseline: recordFigures.bytesPerRelationship, ratio: columnFigures.bytesPerRelationship / recordFigures.bytesPerRelationship, met: columnFigures.bytesPerRelationship <= 400 });
      record({ name: `cold analysis graph ${size}: bytes kept per relationship vs Graphology with no attributes (the floor)`, value: columnFigures.bytesPerRelationship, unit: 'bytes', target: 'reference', baseline: floorBytes, ratio: columnFigures.bytesPerRelationship / floorBytes, met: true });
    } finally {
      await launcher.stop({ name: LAUNCHER });
      rmSync(home, { recursive: true, force: true });
      rmSync(file, { force: true });
    }
  }
}

// On its own: `npm run bench:neo4j-load`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const sizesArg = process.argv.find((a) => a.startsWith('--sizes='));
  const sizes = sizesArg ? sizesArg.slice('--sizes='.length).split(',').map(Number) : [100_000, 1_000_000];
  await runAlone('neo4j-load', (context) => benchNeo4jLoad({ sizes, ...context }));
}

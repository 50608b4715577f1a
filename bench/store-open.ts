// Opening the embedded store's data folder in process, by phase: the snapshot's lines read and
// parsed alone (`raw`), the whole open (records and indexes), and the analysis worker's graph built
// from it (`worker`), with time and resident memory after each. `node --expose-gc --import tsx bench/store-open.ts <dir> [raw|open|worker]`
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryStore, SNAPSHOT_FILE } from '../src/store/memory/memory-store.ts';
import { AnalysisPool } from '../src/services/analysis-pool.ts';

const [dir, mode = 'open'] = process.argv.slice(2);
if (!dir) throw new Error('usage: bench/store-open.ts <data folder> [raw|open|worker]');
const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
const since = (start: number) => ((performance.now() - start) / 1000).toFixed(1);

/** Resident memory and heap after a full collection (with --expose-gc), so the figure is what stays. */
function memory(label: string): void {
  (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  console.log(`${label}: rss ${mib(rss)} MiB, heap ${mib(heapUsed)} MiB`);
}

/** Reading the snapshot's lines and JSON.parse of each, timed apart: what any JSON-lines format costs. */
function readRaw(file: string): void {
  const fd = openSync(file, 'r');
  const buffer = Buffer.allocUnsafe(16 * 2 ** 20);
  let carry = Buffer.alloc(0);
  let lines = 0;
  let decodeMs = 0;
  let parseMs = 0;
  const started = performance.now();
  for (let read; (read = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) {
    const data = Buffer.concat([carry, buffer.subarray(0, read)]);
    let start = 0;
    for (let nl = data.indexOf(10); nl !== -1; nl = data.indexOf(10, start)) {
      const a = performance.now();
      const text = data.toString('utf8', start, nl);
      const b = performance.now();
      JSON.parse(text);
      parseMs += performance.now() - b;
      decodeMs += b - a;
      lines++;
      start = nl + 1;
    }
    carry = Buffer.from(data.subarray(start));
  }
  closeSync(fd);
  console.log(`${lines} lines in ${since(started)} s: decode ${(decodeMs / 1000).toFixed(1)} s, JSON.parse ${(parseMs / 1000).toFixed(1)} s`);
}

if (mode === 'raw') readRaw(join(dir, SNAPSHOT_FILE));
else {
  const started = performance.now();
  const store = new MemoryStore({ dataDir: dir, readOnly: true });
  console.log(`open: ${since(started)} s`);
  memory('after open');
  if (mode === 'worker') {
    const pool = new AnalysisPool(store, 3_600_000);
    const built = performance.now();
    const [first] = (await store.listNodes({}, { first: 1 })).items;
    await pool.submit('neighbourhood', { id: first?.id });
    console.log(`worker graph sent and built (and one neighbourhood): ${since(built)} s`);
    memory('with the worker graph');
    await pool.close();
  }
}

// One cold build of the analysis graph from Neo4j, in a process of its own so that its heap holds
// nothing else (the figure is the heap the graph keeps, after a GC): read lean, sent in chunks of
// 2,000 through the structured clone the worker's messages use, built as `mode` says. Prints one
// JSON line: relationships, seconds, rate, bytes.
//   node --expose-gc --import tsx bench/cold-graph.ts <bolt uri> packed|columns|records|bare
// packed: packed into columns by the reader, sent whole with its buffers transferred, adopted (what
// the API does now: analysis/packed-graph.ts); columns: cloned in chunks, columns filled by the receiver (before); records: each lean
// record as its edge's attributes, strings interned (before: the baseline); bare: the same keys
// and ends with no attributes (Graphology's own floor).
import { addEdges, buildGraph } from '../src/analysis/graph-view.ts';
import { packGraph, unpackGraph } from '../src/analysis/packed-graph.ts';
import type { SerializedGraph } from '../src/store/graph-store.ts';
import { Neo4jStore } from '../src/store/neo4j/neo4j-store.ts';
import { addInternedEdges, buildRecordGraph, Interner } from './record-graph.ts';

const [uri, mode] = process.argv.slice(2) as [string, 'packed' | 'columns' | 'records' | 'bare'];
const gc = globalThis.gc;
if (!gc || !uri || !['packed', 'columns', 'records', 'bare'].includes(mode)) {
  console.error('usage: node --expose-gc --import tsx bench/cold-graph.ts <bolt uri> packed|columns|records|bare');
  process.exit(2);
}
const store = await Neo4jStore.connect({ uri, user: 'neo4j', password: process.env.NEO4J_PASSWORD ?? '', database: undefined, batchSize: 1000 });

async function read(): Promise<SerializedGraph> {
  const snapshot = await store.analysisSnapshot();
  if (mode !== 'bare') return snapshot;
  return { ...snapshot, nodes: snapshot.nodes.map((n) => ({ key: n.key, attributes: { id: n.key } as never })), edges: snapshot.edges.map((e) => ({ key: e.key, source: e.source, target: e.target, attributes: {} as never })) };
}

/** Reads and builds; returns the graph (its size) and the seconds both took. */
async function readAndBuild(): Promise<{ graph: { size: number }; seconds: number; readSeconds: number }> {
  const started = performance.now();
  const snapshot = await read();
  const readSeconds = (performance.now() - started) / 1000;
  if (mode === 'packed') {
    const { packed, transfer } = packGraph(snapshot);
    return { graph: unpackGraph(structuredClone(packed, { transfer })), seconds: (performance.now() - started) / 1000, readSeconds };
  }
  const chunks = function* () {
    for (let i = 0; i < snapshot.edges.length; i += 2_000) yield structuredClone(snapshot.edges.slice(i, i + 2_000));
  };
  if (mode === 'columns') {
    const graph = buildGraph({ nodes: snapshot.nodes, edges: [] });
    for (const chunk of chunks()) addEdges(graph, chunk);
    graph.columns.trim();
    return { graph, seconds: (performance.now() - started) / 1000, readSeconds };
  }
  const graph = buildRecordGraph(snapshot.nodes);
  const strings = new Interner();
  for (const chunk of chunks()) addInternedEdges(graph, chunk, strings);
  return { graph, seconds: (performance.now() - started) / 1000, readSeconds };
}

const heap = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
gc();
const before = heap();
const { graph, seconds, readSeconds } = await readAndBuild();
await store.close();
gc();
gc();
const bytes = heap() - before;
console.log(JSON.stringify({ mode, relationships: graph.size, seconds, readSeconds, rate: graph.size / seconds, buildRate: graph.size / (seconds - readSeconds), bytesPerRelationship: bytes / graph.size }));

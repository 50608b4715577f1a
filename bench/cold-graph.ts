// One cold build of the analysis graph from Neo4j, in a process of its own so that its heap holds
// nothing else (the figure is the heap the graph keeps, after a GC): read as `mode` says, sent in
// chunks of 2,000 through the structured clone the worker's messages use, strings interned, as
// the API's analysis worker builds it. Prints one JSON line: relationships, seconds, rate, bytes.
//   node --expose-gc --import tsx bench/cold-graph.ts <bolt uri> lean|whole|bare
// lean: the analysis snapshot (what the API reads); whole: every property read, then slimmed (the
// path before); bare: the same keys and ends with no attributes (Graphology's own floor).
import { leanNode, leanRelationship } from '../src/store/snapshot.ts';
import { addInternedEdges, buildGraph, type CommitmentGraph } from '../src/analysis/graph-view.ts';
import type { Fact } from '../src/domain/statements.ts';
import { Interner } from '../src/lib/interner.ts';
import type { SerializedGraph } from '../src/store/graph-store.ts';
import { Neo4jStore } from '../src/store/neo4j/neo4j-store.ts';

const [uri, mode] = process.argv.slice(2) as [string, 'lean' | 'whole' | 'bare'];
const gc = globalThis.gc;
if (!gc || !uri || !['lean', 'whole', 'bare'].includes(mode)) {
  console.error('usage: node --expose-gc --import tsx bench/cold-graph.ts <bolt uri> lean|whole|bare');
  process.exit(2);
}
const store = await Neo4jStore.connect({ uri, user: 'neo4j', password: process.env.NEO4J_PASSWORD ?? '', database: undefined, batchSize: 1000 });

async function read(): Promise<SerializedGraph> {
  if (mode === 'whole') {
    const snapshot = await store.snapshot();
    return { ...snapshot, nodes: snapshot.nodes.map((n) => ({ key: n.key, attributes: leanNode(n.attributes) })), edges: snapshot.edges.map((e) => ({ ...e, attributes: leanRelationship(e.attributes) as Fact })) };
  }
  const snapshot = await store.analysisSnapshot();
  if (mode === 'lean') return snapshot;
  return { ...snapshot, nodes: snapshot.nodes.map((n) => ({ key: n.key, attributes: { id: n.key } as never })), edges: snapshot.edges.map((e) => ({ key: e.key, source: e.source, target: e.target, attributes: {} as never })) };
}

gc();
const before = process.memoryUsage().heapUsed;
const started = performance.now();
let snapshot: SerializedGraph | undefined = await read();
const graph: CommitmentGraph = buildGraph({ nodes: snapshot.nodes, edges: [] });
const strings = new Interner();
for (let i = 0; i < snapshot.edges.length; i += 2_000) addInternedEdges(graph, structuredClone(snapshot.edges.slice(i, i + 2_000)), strings);
const seconds = (performance.now() - started) / 1000;
snapshot = undefined;
await store.close();
gc();
gc();
const bytes = process.memoryUsage().heapUsed - before;
console.log(JSON.stringify({ mode, relationships: graph.size, seconds, rate: graph.size / seconds, bytesPerRelationship: bytes / graph.size }));

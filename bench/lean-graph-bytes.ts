// Heap bytes a relationship of the analysis graph keeps, and the rate it is built at, as the API's
// worker builds it (lean records, cloned as a message, in chunks), from generated data: no Neo4j
// (the store's read is not in the rate: bench/cold-graph.ts has it).
//   node --expose-gc --import tsx bench/lean-graph-bytes.ts packed|columns|records|bare [commitments] [graded]
// packed: packed into columns on the sending side, sent whole with its buffers transferred, adopted
// (now: analysis/packed-graph.ts); columns: cloned in chunks, columns filled by the receiver (before); records: each lean record as its edge's
// attributes, strings interned (before: the baseline); bare: the same keys and ends, no attributes.
// graded: every statement with a credibility grade (an importer's default), which the lean record keeps.
import { addEdges, buildGraph } from '../src/analysis/graph-view.ts';
import { packGraph, unpackGraph } from '../src/analysis/packed-graph.ts';
import type { GraphNode, GraphRelationship } from '../src/domain/model.ts';
import { factsFromClaims } from '../src/domain/statements.ts';
import { generateRecords } from '../src/ingest/generate.ts';
import { buildSnapshot, leanNode, leanRelationship } from '../src/store/snapshot.ts';
import { addInternedEdges, buildRecordGraph, Interner } from './record-graph.ts';

const [mode = '', count = '100000', grading = ''] = process.argv.slice(2);
const gc = globalThis.gc;
if (!gc || !['packed', 'columns', 'records', 'bare'].includes(mode) || !['', 'graded'].includes(grading)) {
  console.error('usage: node --expose-gc --import tsx bench/lean-graph-bytes.ts packed|columns|records|bare [commitments] [graded]');
  process.exit(2);
}

function leanSnapshot() {
  const nodes: GraphNode[] = [];
  const claims: GraphRelationship[] = [];
  for (const record of generateRecords({ states: 200, actors: 2000, commitments: Number(count), seed: 1 })) {
    if ('kind' in record) nodes.push(record);
    else claims.push(grading ? { ...record, review: { state: 'machine', credibility: 1 + (claims.length % 6) } } : record);
  }
  const snapshot = buildSnapshot(nodes, factsFromClaims(claims));
  const edges = snapshot.edges.map((e) => ({ ...e, attributes: mode === 'bare' ? ({} as GraphRelationship) : (leanRelationship(e.attributes) as GraphRelationship) }));
  return { nodes: snapshot.nodes.map((n) => ({ key: n.key, attributes: leanNode(n.attributes) })), edges };
}

/** The graph as the mode builds it, in chunks cloned as the worker's messages are. */
function build(snapshot: ReturnType<typeof leanSnapshot>): { size: number } {
  if (mode === 'packed') {
    const { packed, transfer } = packGraph(snapshot);
    return unpackGraph(structuredClone(packed, { transfer }));
  }
  if (mode === 'columns') {
    const graph = buildGraph({ nodes: snapshot.nodes, edges: [] });
    for (let i = 0; i < snapshot.edges.length; i += 2_000) addEdges(graph, structuredClone(snapshot.edges.slice(i, i + 2_000)));
    graph.columns.trim();
    return graph;
  }
  const graph = buildRecordGraph(snapshot.nodes);
  const strings = new Interner();
  for (let i = 0; i < snapshot.edges.length; i += 2_000) addInternedEdges(graph, structuredClone(snapshot.edges.slice(i, i + 2_000)), strings);
  return graph;
}

let snapshot: ReturnType<typeof leanSnapshot> | undefined = leanSnapshot();
const started = performance.now();
let graph: { size: number } | undefined = build(snapshot);
const seconds = (performance.now() - started) / 1000;
snapshot = undefined;
gc();
gc();
// What the graph holds: the heap with it, less the heap once it is gone.
const held = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
const relationships = graph.size;
graph = undefined;
gc();
gc();
const after = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
console.log(JSON.stringify({ mode, graded: !!grading, relationships, seconds, rate: Math.round(relationships / seconds), bytesPerRelationship: Math.round((held - after) / relationships) }));

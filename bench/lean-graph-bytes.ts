// Heap bytes a relationship of the analysis graph keeps, built as the API's worker builds it (lean
// records, cloned as a message, strings and source lists interned), from generated data: no Neo4j.
//   node --expose-gc --import tsx bench/lean-graph-bytes.ts with|without|own [commitments]
// with: as the graph is now; without: each record's source ids dropped; own: each its own array.
import { addInternedEdges, buildGraph, type CommitmentGraph } from '../src/analysis/graph-view.ts';
import type { GraphNode, GraphRelationship } from '../src/domain/model.ts';
import { factsFromClaims } from '../src/domain/statements.ts';
import { generateRecords } from '../src/ingest/generate.ts';
import { Interner } from '../src/lib/interner.ts';
import { buildSnapshot, leanNode, leanRelationship } from '../src/store/snapshot.ts';

const [mode = '', count = '100000'] = process.argv.slice(2);
const gc = globalThis.gc;
if (!gc || !['with', 'without', 'own'].includes(mode)) {
  console.error('usage: node --expose-gc --import tsx bench/lean-graph-bytes.ts with|without|own [commitments]');
  process.exit(2);
}

function leanSnapshot() {
  const nodes: GraphNode[] = [];
  const claims: GraphRelationship[] = [];
  for (const record of generateRecords({ states: 200, actors: 2000, commitments: Number(count), seed: 1 })) {
    if ('kind' in record) nodes.push(record);
    else claims.push(record);
  }
  const snapshot = buildSnapshot(nodes, factsFromClaims(claims));
  const edges = snapshot.edges.map((e) => {
    const attributes = leanRelationship(e.attributes) as unknown as Record<string, unknown>;
    if (mode === 'without') delete attributes.sourceIds;
    return { ...e, attributes: attributes as unknown as GraphRelationship };
  });
  return { nodes: snapshot.nodes.map((n) => ({ key: n.key, attributes: leanNode(n.attributes) })), edges };
}

let snapshot: ReturnType<typeof leanSnapshot> | undefined = leanSnapshot();
let graph: CommitmentGraph | undefined = buildGraph({ nodes: snapshot.nodes, edges: [] });
let strings: Interner | undefined = new Interner();
for (let i = 0; i < snapshot.edges.length; i += 2_000) addInternedEdges(graph, structuredClone(snapshot.edges.slice(i, i + 2_000)), strings);
snapshot = undefined;
if (mode === 'own') graph.forEachEdge((_key, rel) => void ((rel as unknown as { sourceIds: string[] }).sourceIds = [...(rel as unknown as { sourceIds: string[] }).sourceIds]));
gc();
gc();
// What the graph holds: the heap with it, less the heap once it is gone.
const held = process.memoryUsage().heapUsed;
const relationships = graph.size;
graph = undefined;
strings = undefined;
gc();
gc();
console.log(JSON.stringify({ mode, relationships, bytesPerRelationship: Math.round((held - process.memoryUsage().heapUsed) / relationships) }));

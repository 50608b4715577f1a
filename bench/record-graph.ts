// The analysis graph as it was built before the columns (the benches' baseline): Graphology with
// each lean record as its edge's attributes, repeated strings and source lists interned.
import { MultiDirectedGraph } from 'graphology';
import type { SerializedInput } from '../src/analysis/graph-view.ts';
import type { GraphNode, GraphRelationship } from '../src/domain/model.ts';
import { internFields } from '../src/domain/repeated-fields.ts';
import { Interner } from '../src/lib/interner.ts';

export type RecordGraph = MultiDirectedGraph<GraphNode, GraphRelationship>;

export function buildRecordGraph(nodes: SerializedInput['nodes']): RecordGraph {
  const graph: RecordGraph = new MultiDirectedGraph({ allowSelfLoops: true });
  for (const node of nodes) graph.addNode(node.key, node.attributes);
  return graph;
}

/** Adds edges that came in a message: each brings its own copy of every string, kept once through `strings`. */
export function addInternedEdges(graph: RecordGraph, edges: SerializedInput['edges'], strings: Interner): void {
  for (const edge of edges) {
    internFields(edge.attributes as unknown as Record<string, unknown>, strings);
    graph.addDirectedEdgeWithKey(edge.key, edge.source, edge.target, edge.attributes);
  }
}

export { Interner };

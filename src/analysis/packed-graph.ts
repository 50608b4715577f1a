// The analysis graph as one message between threads: nodes as records, edges as key bytes, end
// indexes and the edge columns (edge-columns.ts), typed arrays transferred rather than copied;
// the other side builds Graphology from the indexes and adopts the columns as they are.
import { EdgeColumns, EdgeRow, IntColumn, TextColumn, type PackedColumns, type PackedText, type Unsigned } from './edge-columns.ts';
import { CommitmentGraph, type SerializedInput } from './graph-view.ts';

export interface PackedGraph {
  nodes: SerializedInput['nodes'];
  /** Edge keys by row, UTF-8 (a text column). */
  keys: PackedText;
  /** Each edge's ends as indexes into `nodes`, by row (as narrow as the node count allows). */
  sources: Unsigned;
  targets: Unsigned;
  columns: PackedColumns;
}

/**
 * Packs a graph's edges one at a time (the caller may yield between them, so packing a million
 * never blocks its thread long); rows are the edges' order, which the graph built keeps.
 */
export class GraphPacker {
  private readonly index = new Map<string, number>();
  private readonly keys = new TextColumn();
  private readonly columns = new EdgeColumns();
  private readonly sources = new IntColumn();
  private readonly targets = new IntColumn();
  private rows = 0;

  constructor(private readonly nodes: SerializedInput['nodes']) {
    nodes.forEach((node, i) => this.index.set(node.key, i));
  }

  add(edge: SerializedInput['edges'][number]): void {
    const row = this.columns.add(edge.attributes, edge.key, edge.source, edge.target);
    this.keys.set(row, edge.key);
    this.sources.set(row, this.end(edge.source, edge.key));
    this.targets.set(row, this.end(edge.target, edge.key));
    this.rows++;
  }

  private end(node: string, edge: string): number {
    const i = this.index.get(node);
    // As Graphology would refuse the edge: a snapshot's edges join its nodes.
    if (i === undefined) throw new Error(`edge "${edge}" ends at "${node}", which is not a node of the graph`);
    return i;
  }

  /** The message and the buffers to transfer with it (the packer is spent afterwards). */
  finish(): { packed: PackedGraph; transfer: ArrayBuffer[] } {
    const columns = this.columns.pack();
    for (const column of [this.keys, this.sources, this.targets]) column.trim(this.rows);
    const keys = this.keys.pack();
    const packed = { nodes: this.nodes, keys, sources: this.sources.values, targets: this.targets.values, columns: columns.packed };
    const arrays = [keys.starts, keys.bytes, packed.sources, packed.targets];
    return { packed, transfer: [...columns.transfer, ...arrays.map((a) => a.buffer as ArrayBuffer)] };
  }
}

/** A snapshot packed whole (tests, benches; the API packs in slices: services/analysis-pool.ts). */
export function packGraph(snapshot: { nodes: SerializedInput['nodes']; edges: Iterable<SerializedInput['edges'][number]> }): { packed: PackedGraph; transfer: ArrayBuffer[] } {
  const packer = new GraphPacker(snapshot.nodes);
  for (const edge of snapshot.edges) packer.add(edge);
  return packer.finish();
}

/** The graph a packed one describes: Graphology from the indexes, the columns adopted, no record made. */
export function unpackGraph(packed: PackedGraph): CommitmentGraph {
  const graph = new CommitmentGraph(EdgeColumns.adopt(packed.columns));
  const keys = TextColumn.adopt(packed.keys);
  const nodeKeys = packed.nodes.map((node) => node.key);
  for (const node of packed.nodes) graph.addNode(node.key, node.attributes);
  for (let row = 0; row < packed.columns.rows; row++) {
    graph.addDirectedEdgeWithKey(keys.get(row) as string, nodeKeys[packed.sources[row] as number] as string, nodeKeys[packed.targets[row] as number] as string, new EdgeRow(row));
  }
  return graph;
}

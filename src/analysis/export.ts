// Exports for other tools: GEXF (Gephi opens it; written by graphology-gexf), GraphML and JSON
// (Graphology's serialized form). JSON lines, the bulk format `cgraph load` reads back, come from the store (ingest/graph-lines.ts). Lists become "; "-joined text and evidence becomes JSON, since
// both formats hold only scalar attributes.
import { write as writeGexf } from 'graphology-gexf';
import type { GraphNode, GraphRelationship } from '../domain/model.ts';
import { CommitmentGraph, graphAsOf, type RecordGraph } from './graph-view.ts';

/** Document formats of the analysis graph; JSON lines (the bulk format, statements and all) are written from the store (ingest/graph-lines.ts). */
export const GRAPH_FORMATS = ['gexf', 'graphml', 'json'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];
export const EXPORT_FORMATS = [...GRAPH_FORMATS, 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

type Flat = Record<string, string | number | boolean>;

function flatten(record: Record<string, unknown>, skip: readonly string[]): Flat {
  const flat: Flat = {};
  for (const [key, value] of Object.entries(record)) {
    if (skip.includes(key) || value === undefined || value === null) continue;
    if (key === 'evidence') flat[key] = JSON.stringify(value);
    else if (Array.isArray(value)) flat[key] = value.join('; ');
    else if (typeof value === 'object') flat[key] = JSON.stringify(value);
    else flat[key] = value as string | number | boolean;
  }
  return flat;
}

const nodeAttributes = (node: GraphNode) => flatten(node, ['id', 'text']);
const edgeAttributes = (rel: GraphRelationship) => flatten(rel, ['id', 'from', 'to']);

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function writeGraphml(graph: RecordGraph): string {
  const keys = new Map<string, { for: 'node' | 'edge'; name: string; type: string }>();
  const declare = (target: 'node' | 'edge', attrs: Flat) => {
    for (const [name, value] of Object.entries(attrs)) {
      const id = `${target[0]}_${name}`;
      if (!keys.has(id)) keys.set(id, { for: target, name, type: typeof value === 'number' ? 'double' : typeof value === 'boolean' ? 'boolean' : 'string' });
    }
  };
  const nodes: string[] = [];
  graph.forEachNode((key, node) => {
    const attrs = nodeAttributes(node);
    declare('node', attrs);
    nodes.push(`    <node id="${xml(key)}">${Object.entries(attrs).map(([k, v]) => `<data key="n_${xml(k)}">${xml(String(v))}</data>`).join('')}</node>`);
  });
  const edges: string[] = [];
  graph.forEachEdge((key, rel, source, target) => {
    const attrs = edgeAttributes(rel);
    declare('edge', attrs);
    edges.push(`    <edge id="${xml(key)}" source="${xml(source)}" target="${xml(target)}">${Object.entries(attrs).map(([k, v]) => `<data key="e_${xml(k)}">${xml(String(v))}</data>`).join('')}</edge>`);
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...[...keys].map(([id, k]) => `  <key id="${xml(id)}" for="${k.for}" attr.name="${xml(k.name)}" attr.type="${k.type}"/>`),
    '  <graph id="commitment-graph" edgedefault="directed">',
    ...nodes,
    ...edges,
    '  </graph>',
    '</graphml>',
    '',
  ].join('\n');
}

/** A document of the graph; the analysis graph's relationships are made from its columns first (graph-view.ts graphAsOf). */
export function exportGraph(input: CommitmentGraph | RecordGraph, format: GraphFormat): string {
  const graph = input instanceof CommitmentGraph ? graphAsOf(input, {}) : input;
  switch (format) {
    case 'gexf':
      return writeGexf(graph, {
        version: '1.3',
        formatNode: (_key, node) => ({ label: node.name, attributes: nodeAttributes(node) }),
        formatEdge: (_key, rel) => ({ label: rel.type, kind: rel.type, attributes: edgeAttributes(rel) }),
      });
    case 'graphml':
      return writeGraphml(graph);
    case 'json':
      return `${JSON.stringify(graph.export(), null, 2)}\n`;
  }
}

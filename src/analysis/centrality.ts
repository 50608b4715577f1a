// Who is central: degree, betweenness, PageRank and eigenvector centrality from graphology-metrics,
// over the graph with parallel relationships collapsed (weights count them where a metric uses weights).
import { DirectedGraph, UndirectedGraph } from 'graphology';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import { degreeCentrality } from 'graphology-metrics/centrality/degree.js';
import eigenvectorModule from 'graphology-metrics/centrality/eigenvector.js';
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';
import { DomainError } from '../domain/errors.ts';
import type { GraphNode } from '../domain/model.ts';
import { rowAllowed, type CommitmentGraph, type EdgeFilter } from './graph-view.ts';
import { CentralityOptions, parseOptions, type OptionsInput } from './options.ts';
import { cjsDefault } from './cjs-interop.ts';

const betweennessCentrality = cjsDefault(betweennessModule);
const eigenvectorCentrality = cjsDefault(eigenvectorModule);
const pagerank = cjsDefault(pagerankModule);

export interface NodeScore {
  node: GraphNode;
  score: number;
}

/** A simple graph with one edge per connected pair, `weight` = how many relationships join them. */
export function collapse(graph: CommitmentGraph, type: 'directed' | 'undirected', filter: EdgeFilter = {}): DirectedGraph | UndirectedGraph {
  const simple = type === 'directed' ? new DirectedGraph() : new UndirectedGraph();
  graph.forEachNode((node) => simple.addNode(node));
  graph.forEachEdge((edge, row, source, target) => {
    if (source === target || !rowAllowed(graph, edge, row, source, target, filter)) return;
    simple.updateEdge(source, target, (attr) => ({ weight: ((attr.weight as number | undefined) ?? 0) + 1 }));
  });
  return simple;
}

export function centrality(graph: CommitmentGraph, input: OptionsInput<typeof CentralityOptions> = {}): NodeScore[] {
  const { metric, first, ...options } = parseOptions(CentralityOptions, input);
  let scores: Record<string, number> = {};
  switch (metric) {
    case 'DEGREE': {
      scores = degreeCentrality(collapse(graph, 'undirected', options));
      break;
    }
    case 'BETWEENNESS':
      scores = betweennessCentrality(collapse(graph, 'undirected', options), {
        getEdgeWeight: options.weighted ? (_e, attr) => 1 / ((attr.weight as number) ?? 1) : null,
        normalized: true,
      });
      break;
    case 'PAGERANK':
      scores = pagerank(collapse(graph, 'directed', options), { getEdgeWeight: 'weight', alpha: 0.85, maxIterations: 200, tolerance: 1e-9 });
      break;
    case 'EIGENVECTOR':
      try {
        scores = eigenvectorCentrality(collapse(graph, 'undirected', options), { getEdgeWeight: 'weight', maxIterations: 1000, tolerance: 1e-9 });
      } catch (error) {
        throw new DomainError('NO_CONVERGENCE', `eigenvector centrality did not converge (${(error as Error).message}); try PAGERANK`);
      }
      break;
  }
  const kinds = options.kinds?.length ? options.kinds : undefined;
  return Object.entries(scores)
    .map(([id, score]) => ({ node: graph.getNodeAttributes(id), score }))
    .filter((s) => !kinds || kinds.includes(s.node.kind))
    .sort((a, b) => b.score - a.score || (a.node.id < b.node.id ? -1 : 1))
    .slice(0, first);
}

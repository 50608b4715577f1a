// cgraph neighbours <node>: who and what is within a few steps of an actor, nearest first, cut at
// the caps (and saying so).
import type { Command } from 'commander';
import { neighbourhood } from '../../analysis/neighbourhood.ts';
import { MAX_DEPTH, MAX_SUBGRAPH_NODES, MAX_SUBGRAPH_RELATIONSHIPS } from '../../analysis/options.ts';
import { resolveNode } from '../graph-names.ts';
import { ANALYSIS_DEFAULTS, AS_OF_HELP, commaList, SOURCES_HELP, RELIABILITY_HELP, CREDIBILITY_HELP, TYPES_HELP } from '../options.ts';
import { describeRelationship } from '../output.ts';
import { print, withGraph } from '../runtime.ts';
import { withGradedSources } from '../../services/graded-sources.ts';

export function registerNeighbours(program: Command): void {
  const defaults = ANALYSIS_DEFAULTS.neighbourhood;
  program
    .command('neighbours')
    .description('who and what is within a few steps of an actor')
    .argument('<node>')
    .option('--depth <n>', `steps (0-${MAX_DEPTH}, default ${defaults.depth})`)
    .option('--max-nodes <n>', `at most this many nodes, nearest first (1-${MAX_SUBGRAPH_NODES}, default ${defaults.maxNodes})`)
    .option('--max-relationships <n>', `at most this many relationships (1-${MAX_SUBGRAPH_RELATIONSHIPS}, default ${defaults.maxRelationships})`)
    .option('--types <types>', TYPES_HELP, commaList)
    .option('--as-of <date>', AS_OF_HELP)
    .option('--sources <ids>', SOURCES_HELP, commaList)
    .option('--reliability <grades>', RELIABILITY_HELP, commaList)
    .option('--credibility <grades>', CREDIBILITY_HELP, commaList)
    .option('--json', 'print JSON')
    .action(async (text: string, { json, ...options }: { depth?: string; maxNodes?: string; maxRelationships?: string; types?: string[]; asOf?: string; sources?: string[]; reliability?: string[]; credibility?: string[]; json?: boolean }) => {
      await withGraph(async (graph, store) => {
        const subgraph = neighbourhood(graph, await resolveNode(store, text), await withGradedSources(store, options));
        const cut = subgraph.truncated ? ' (truncated at the caps: raise --max-nodes or --max-relationships, or narrow --types)' : '';
        print(
          { json: !!json },
          [`${subgraph.nodes.length} nodes, ${subgraph.relationships.length} relationships${cut}`, ...subgraph.relationships.map((r) => `  ${describeRelationship(graph, r)}`)].join('\n'),
          subgraph,
        );
      });
    });
}

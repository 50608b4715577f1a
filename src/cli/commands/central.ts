// cgraph central: the nodes ranked by a centrality metric (degree, betweenness, pagerank or
// eigenvector).
import type { Command } from 'commander';
import { centrality } from '../../analysis/centrality.ts';
import { ALLOWED, MAX_RANKED } from '../../analysis/options.ts';
import { ANALYSIS_DEFAULTS, AS_OF_HELP, commaList, SOURCES_HELP, RELIABILITY_HELP, CREDIBILITY_HELP, TYPES_HELP } from '../options.ts';
import { print, printEmpty, withGraph } from '../runtime.ts';
import { withGradedSources } from '../../services/graded-sources.ts';

export function registerCentral(program: Command): void {
  const defaults = ANALYSIS_DEFAULTS.centrality;
  program
    .command('central')
    .description('who is central: degree, betweenness, pagerank or eigenvector')
    .option('--metric <metric>', `${ALLOWED.metric.join(', ')} (default ${defaults.metric})`)
    .option('--kinds <kinds>', `rank only these node kinds (comma-separated: ${ALLOWED.kinds.join(', ')})`, commaList)
    .option('--first <n>', `how many (1-${MAX_RANKED}, default ${defaults.first})`)
    .option('--types <types>', TYPES_HELP, commaList)
    .option('--as-of <date>', AS_OF_HELP)
    .option('--sources <ids>', SOURCES_HELP, commaList)
    .option('--reliability <grades>', RELIABILITY_HELP, commaList)
    .option('--credibility <grades>', CREDIBILITY_HELP, commaList)
    .option('--json', 'print JSON')
    .action(async ({ json, ...options }: { metric?: string; kinds?: string[]; first?: string; types?: string[]; asOf?: string; sources?: string[]; reliability?: string[]; credibility?: string[]; json?: boolean }) => {
      await withGraph(async (graph, store) => {
        const scores = centrality(graph, await withGradedSources(store, options));
        if (!scores.length) return printEmpty({ json: !!json }, 'nothing to rank');
        print({ json: !!json }, scores.map((s, i) => `${String(i + 1).padStart(3)}. ${s.score.toFixed(4)}  ${s.node.name} (${s.node.id})`).join('\n'), scores.map((s) => ({ id: s.node.id, name: s.node.name, score: s.score })));
      });
    });
}

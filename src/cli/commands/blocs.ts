// cgraph blocs: Louvain communities of the graph, the same for the same seed.
import type { Command } from 'commander';
import { communities } from '../../analysis/communities.ts';
import { ANALYSIS_DEFAULTS, AS_OF_HELP, commaList, SOURCES_HELP, RELIABILITY_HELP, CREDIBILITY_HELP, TYPES_HELP } from '../options.ts';
import { print, printEmpty, withGraph } from '../runtime.ts';
import { withGradedSources } from '../../services/graded-sources.ts';

export function registerBlocs(program: Command): void {
  program
    .command('blocs')
    .description('Louvain communities, reproducible for a seed')
    .option('--seed <n>', `random seed (a whole number, default ${ANALYSIS_DEFAULTS.communities.seed})`)
    .option('--types <types>', TYPES_HELP, commaList)
    .option('--as-of <date>', AS_OF_HELP)
    .option('--sources <ids>', SOURCES_HELP, commaList)
    .option('--reliability <grades>', RELIABILITY_HELP, commaList)
    .option('--credibility <grades>', CREDIBILITY_HELP, commaList)
    .option('--json', 'print JSON')
    .action(async ({ json, ...options }: { seed?: string; types?: string[]; asOf?: string; sources?: string[]; reliability?: string[]; credibility?: string[]; json?: boolean }) => {
      await withGraph(async (graph, store) => {
        const blocs = communities(graph, await withGradedSources(store, options));
        if (!blocs.length) return printEmpty({ json: !!json }, 'no blocs');
        print({ json: !!json }, blocs.map((b) => `${b.id} (${b.members.length}): ${b.members.map((m) => m.name).join(', ')}`).join('\n'), blocs.map((b) => ({ id: b.id, members: b.members.map((m) => m.id) })));
      });
    });
}

// cgraph paths <from> <to>: every simple path between two actors up to a length, shortest first.
import type { Command } from 'commander';
import { MAX_PATH_LENGTH, MAX_PATHS } from '../../analysis/options.ts';
import { allPaths } from '../../analysis/paths.ts';
import { resolveNode } from '../graph-names.ts';
import { ANALYSIS_DEFAULTS, AS_OF_HELP, commaList, DIRECTION_HELP, SOURCES_HELP, RELIABILITY_HELP, CREDIBILITY_HELP, TYPES_HELP } from '../options.ts';
import { describePath } from '../output.ts';
import { print, printEmpty, withGraph } from '../runtime.ts';
import { withGradedSources } from '../../services/graded-sources.ts';

export function registerPaths(program: Command): void {
  program
    .command('paths')
    .description('all simple paths up to a length, shortest first')
    .argument('<from>')
    .argument('<to>')
    .option('--max-length <n>', `at most this many steps (1-${MAX_PATH_LENGTH}, default ${ANALYSIS_DEFAULTS.paths.maxLength})`)
    .option('--limit <n>', `at most this many paths (1-${MAX_PATHS}, default ${ANALYSIS_DEFAULTS.paths.limit})`)
    .option('--types <types>', TYPES_HELP, commaList)
    .option('--direction <direction>', DIRECTION_HELP)
    .option('--as-of <date>', AS_OF_HELP)
    .option('--sources <ids>', SOURCES_HELP, commaList)
    .option('--reliability <grades>', RELIABILITY_HELP, commaList)
    .option('--credibility <grades>', CREDIBILITY_HELP, commaList)
    .option('--json', 'print JSON')
    .action(async (fromText: string, toText: string, { json, ...options }: { maxLength?: string; limit?: string; types?: string[]; direction?: string; asOf?: string; sources?: string[]; reliability?: string[]; credibility?: string[]; json?: boolean }) => {
      await withGraph(async (graph, store) => {
        const [from, to] = [await resolveNode(store, fromText), await resolveNode(store, toText)];
        const paths = allPaths(graph, from, to, await withGradedSources(store, options));
        if (!paths.length) return printEmpty({ json: !!json }, `no paths from ${from} to ${to}`);
        print({ json: !!json }, paths.map((p) => describePath(graph, p)).join('\n\n'), paths);
      });
    });
}

// cgraph path <from> <to>: the shortest connection between two actors, named or by id, with the
// evidence of each step; when there is none it says so on stderr (an empty answer, exit 0).
import type { Command } from 'commander';
import { shortestPath } from '../../analysis/paths.ts';
import { resolveNode } from '../graph-names.ts';
import { AS_OF_HELP, commaList, DIRECTION_HELP, SOURCES_HELP, RELIABILITY_HELP, CREDIBILITY_HELP, TYPES_HELP } from '../options.ts';
import { describePath } from '../output.ts';
import { print, printEmpty, withGraph } from '../runtime.ts';
import { withGradedSources } from '../../services/graded-sources.ts';

export function registerPath(program: Command): void {
  program
    .command('path')
    .description('the shortest connection between two actors (names or ids), with the evidence of each step')
    .argument('<from>')
    .argument('<to>')
    .option('--types <types>', TYPES_HELP, commaList)
    .option('--direction <direction>', DIRECTION_HELP)
    .option('--as-of <date>', AS_OF_HELP)
    .option('--sources <ids>', SOURCES_HELP, commaList)
    .option('--reliability <grades>', RELIABILITY_HELP, commaList)
    .option('--credibility <grades>', CREDIBILITY_HELP, commaList)
    .option('--json', 'print JSON')
    .action(async (fromText: string, toText: string, { json, ...options }: { types?: string[]; direction?: string; asOf?: string; sources?: string[]; reliability?: string[]; credibility?: string[]; json?: boolean }) => {
      await withGraph(async (graph, store) => {
        const [from, to] = [await resolveNode(store, fromText), await resolveNode(store, toText)];
        const path = shortestPath(graph, from, to, await withGradedSources(store, options));
        // One path or none: --json prints null for none (the shape a script already tests for).
        if (!path) return printEmpty({ json: !!json }, `no path from ${from} to ${to}`, null);
        print({ json: !!json }, describePath(graph, path), path);
      });
    });
}

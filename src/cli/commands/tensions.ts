// cgraph tensions: where commitments collide (only commitments valid on a common day), each with
// the relationships involved; --first shows the first few and says how many there are.
import type { Command } from 'commander';
import { ALLOWED, parseOptions, TensionsOptions } from '../../analysis/options.ts';
import { findTensions } from '../../analysis/tensions.ts';
import { OptionError } from '../../domain/errors.ts';
import { commaList, SOURCES_HELP, RELIABILITY_HELP, CREDIBILITY_HELP } from '../options.ts';
import { describeRelationship } from '../output.ts';
import { print, printEmpty, wholeNumber, withGraph } from '../runtime.ts';
import { withGradedSources } from '../../services/graded-sources.ts';

/** Runs `parse`, naming the option its flag's way where the flag's name differs from the schema's. */
function renamingOption<T>(option: string, flag: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof OptionError && error.option === option) throw new OptionError(flag, error.expected, error.got);
    throw error;
  }
}

export function registerTensions(program: Command): void {
  program
    .command('tensions')
    .description('where commitments collide (only commitments valid on a common day), each with the relationships involved')
    .option('--as-of <date>', 'only commitments valid on this date')
    .option('--kind <kinds>', `only these kinds (comma-separated: ${ALLOWED.tensionKinds.join(', ')})`, commaList)
    .option('--sources <ids>', SOURCES_HELP, commaList)
    .option('--reliability <grades>', RELIABILITY_HELP, commaList)
    .option('--credibility <grades>', CREDIBILITY_HELP, commaList)
    .option('--first <n>', 'at most this many (default: all), then how many there are', wholeNumber(1_000_000_000))
    .option('--json', 'print JSON')
    .action(async ({ json, kind, first, asOf, sources, reliability, credibility }: { asOf?: string; kind?: string[]; sources?: string[]; reliability?: string[]; credibility?: string[]; first?: number; json?: boolean }) => {
      // Checked before the store opens; the schema calls the option `kinds` (as GraphQL does), the command line `--kind`.
      const options = renamingOption('kinds', 'kind', () => parseOptions(TensionsOptions, { asOf, kinds: kind, sources, reliability, credibility }));
      await withGraph(async (graph, store) => {
        const all = findTensions(graph, await withGradedSources(store, options));
        if (!all.length) return printEmpty({ json: !!json }, `no tensions${asOf ? ` on ${asOf}` : ''}`);
        const tensions = first === undefined ? all : all.slice(0, first);
        const more = all.length > tensions.length ? `\n(${tensions.length} of ${all.length} tensions; --first shows more)` : '';
        print(
          { json: !!json },
          tensions.map((t) => `[${t.kind}] ${t.explanation}\n${t.relationships.map((r) => `    ${describeRelationship(graph, r)}`).join('\n')}`).join('\n') + more,
          tensions.map((t) => ({ kind: t.kind, explanation: t.explanation, relationships: t.relationships.map((r) => r.id) })),
        );
      });
    });
}

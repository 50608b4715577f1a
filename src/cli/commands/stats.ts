// cgraph stats: how many nodes of each kind (under their Neo4j labels) and relationships of each
// type the configured store holds.
import type { Command } from 'commander';
import { countLines, countsByLabel } from '../output.ts';
import { print, withStore } from '../runtime.ts';

const total = (counts: Record<string, number | undefined>) => Object.values(counts).reduce<number>((a, b) => a + (b ?? 0), 0);

export function registerStats(program: Command): void {
  program
    .command('stats')
    .description('count nodes by kind and relationships by type in the configured store')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      await withStore(async (store) => {
        const counts = await store.counts();
        print(
          { json: !!opts.json },
          [
            `store: ${store.kind}`,
            `nodes: ${total(counts.nodes)}`,
            ...countLines(countsByLabel(counts.nodes)),
            `relationships: ${total(counts.relationships)}`,
            ...countLines(counts.relationships),
          ].join('\n'),
          { store: store.kind, ...counts },
        );
      });
    });
}

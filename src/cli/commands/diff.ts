// cgraph diff <source-id>: statements added, removed and changed between two versions of a
// source, with the sentences that changed.
import type { Command } from 'commander';
import { diffVersions } from '../../ingest/source-diff.ts';
import { describeClaim } from '../output.ts';
import { print, wholeNumber, withStore } from '../runtime.ts';

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description('statements added, removed and changed between two versions of a source, with the sentences that changed')
    .argument('<source-id>', 'a source id (source:…)')
    .option('--from <version>', 'the older version (default: the one before --to; 0 = before the first)', wholeNumber(1_000_000))
    .option('--to <version>', 'the newer version (default: the latest)', wholeNumber(1_000_000))
    .option('--json', 'print JSON')
    .action(async (sourceId: string, opts: { from?: number; to?: number; json?: boolean }) => {
      await withStore(async (store) => {
        const diff = diffVersions(sourceId, await store.sourceVersions(sourceId), opts.from, opts.to);
        const lines = [
          `${sourceId}: version ${diff.from} → ${diff.to}`,
          ...diff.added.map((s) => `+ ${s.id} ${describeClaim(s.claim)}`),
          ...diff.removed.map((s) => `- ${s.id} ${describeClaim(s.claim)}`),
          ...diff.changed.map((c) => `~ ${c.id} ${describeClaim(c.after)}: ${c.properties.join(', ')} changed`),
          ...diff.sentencesAdded.map((s) => `+ sentence: ${s}`),
          ...diff.sentencesRemoved.map((s) => `- sentence: ${s}`),
        ];
        if (lines.length === 1) lines.push('no change');
        print({ json: !!opts.json }, lines.join('\n'), diff);
      });
    });
}

// cgraph versions <source-id>: the loaded versions of a source, oldest first; exit 1 when none is.
import type { Command } from 'commander';
import { print, withStore } from '../runtime.ts';

export function registerVersions(program: Command): void {
  program
    .command('versions')
    .description('the loaded versions of a source: number, load time, sha256 and how many statements each asserts')
    .argument('<source-id>', 'a source id (source:…)')
    .option('--json', 'print JSON')
    .action(async (sourceId: string, opts: { json?: boolean }) => {
      await withStore(async (store) => {
        const versions = await store.sourceVersions(sourceId);
        const rows = versions.map(({ version, loadedAt, sha256, statements }) => ({ version, loadedAt, sha256, statements: statements.length }));
        print({ json: !!opts.json }, rows.length ? rows.map((r) => `${String(r.version).padStart(3)}  ${r.loadedAt}  ${r.sha256.slice(0, 12)}  ${r.statements} statements`).join('\n') : `${sourceId}: no versions loaded`, rows);
        if (!rows.length) process.exitCode = 1;
      });
    });
}

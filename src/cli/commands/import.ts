// cgraph import <atop|cow|kiel|gdelt> [file…]: map third-party data onto the model and load each
// file atomically and idempotently; rejected rows are listed with their line (or, with --strict,
// refuse the whole file).
import type { Command } from 'commander';
import { DEFAULT_IMPORT_FILES, IMPORT_KINDS, importFile, type ImportKind } from '../../ingest/importers/run-import.ts';
import { print, progressBar, usageError, withStore } from '../runtime.ts';

export function registerImport(program: Command): void {
  program
    .command('import')
    .description(`import third-party data (${IMPORT_KINDS.join(', ')}) into the configured store`)
    .argument('<kind>', IMPORT_KINDS.join(' | '))
    .argument('[files...]', "the files to import (default: the project's copy in data/)")
    .option('--strict', 'refuse a whole file when any row is rejected')
    .option('--allow-shrink', 'let a new release remove every statement of its source, or more than half of them (refused otherwise: SOURCE_SHRINK)')
    .option('--data-dir <dir>', "the folder with the entity tables entities/, cow/ and atop/ (default: the project's data/)")
    .option('--progress', 'show the progress bar even when stderr is not a terminal')
    .option('--json', 'print JSON')
    .action(async (kind: string, files: string[], opts: { strict?: boolean; allowShrink?: boolean; dataDir?: string; progress?: boolean; json?: boolean }) => {
      if (!(IMPORT_KINDS as readonly string[]).includes(kind)) throw usageError(`<kind> must be one of ${IMPORT_KINDS.join(', ')}, got "${kind}"`);
      if (files.length === 0) files = [DEFAULT_IMPORT_FILES[kind as ImportKind]];
      const results = files.map((file) => ({ file, ...importFile(kind as ImportKind, file, { strict: opts.strict, dataDir: opts.dataDir }) }));
      await withStore(async (store) => {
        const summaries = [];
        for (const result of results) {
          const bar = progressBar(`importing ${result.file}`, opts.progress);
          const started = performance.now();
          const report = await store.upsert(result.batch, { allowShrink: opts.allowShrink, onProgress: bar.update }).finally(bar.stop);
          summaries.push({
            file: result.file,
            rowsRead: result.rowsRead,
            rowsSkipped: result.rowsSkipped,
            skippedBy: result.skippedBy,
            rowsRejected: result.rejected.length,
            rejected: result.rejected.slice(0, 100),
            nodesCreated: report.nodesCreated,
            nodesUnchanged: report.nodesUnchanged + report.nodesUpdated,
            relationshipsCreated: report.relationshipsCreated,
            relationshipsUnchanged: report.relationshipsUnchanged + report.relationshipsUpdated,
            relationshipsRemoved: report.relationshipsRemoved,
            statementsAdded: report.statementsAdded,
            statementsChanged: report.statementsChanged,
            statementsRemoved: report.statementsRemoved,
            versionsAdded: report.versionsAdded,
            seconds: Number(((performance.now() - started) / 1000).toFixed(2)),
          });
        }
        print(
          { json: !!opts.json },
          summaries
            .map((s) =>
              [
                `${s.file}: ${s.rowsRead} rows read, ${s.rowsSkipped} skipped, ${s.rowsRejected} rejected; ` +
                  `${s.nodesCreated} nodes and ${s.relationshipsCreated} relationships created (${s.relationshipsUnchanged} already there) in ${s.seconds} s`,
                ...(s.versionsAdded
                  ? [`  a new version of its source: ${s.statementsAdded} statements added, ${s.statementsChanged} changed, ${s.statementsRemoved} removed; ${s.relationshipsRemoved} relationships no source asserts any more removed`]
                  : []),
                ...Object.entries(s.skippedBy).map(([reason, n]) => `  skipped ${n}: ${reason}`),
                ...s.rejected.map((r) => `  ${r.file}:${r.line} rejected: ${r.reason}`),
              ].join('\n'),
            )
            .join('\n'),
          summaries,
        );
      });
    });
}

// cgraph import <atop|cow|kiel|gdelt> [file…]: map third-party data onto the model and load each
// file atomically and idempotently; rejected rows are listed with their line (or, with --strict,
// refuse the whole file).
import type { Command } from 'commander';
import { DEFAULT_IMPORT_FILES, IMPORT_KINDS, importFile, type ImportKind } from '../../ingest/importers/run-import.ts';
import { existsSync, readFileSync } from 'node:fs';
import { DomainError } from '../../domain/errors.ts';
import type { ImportResult } from '../../ingest/importers/import-builder.ts';
import type { UpsertReport } from '../../store/graph-store.ts';
import { LOAD_REPORT_FIELDS } from '../api-writer.ts';
import { print, progressBar, usageError, WAIT_OPTION, withWriteStore } from '../runtime.ts';

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
    .option(...WAIT_OPTION)
    .action(async (kind: string, files: string[], opts: { strict?: boolean; allowShrink?: boolean; dataDir?: string; progress?: boolean; json?: boolean; waitS?: number }) => {
      if (!(IMPORT_KINDS as readonly string[]).includes(kind)) throw usageError(`<kind> must be one of ${IMPORT_KINDS.join(', ')}, got "${kind}"`);
      if (files.length === 0) files = [DEFAULT_IMPORT_FILES[kind as ImportKind]];
      const summaries: ImportSummary[] = [];
      await withWriteStore(
        `import ${kind} ${files.join(' ')}`,
        opts,
        async (store) => {
          // Every file is mapped (and refused, if it must be) before the first is written.
          const results = files.map((file) => ({ file, ...importFile(kind as ImportKind, file, { strict: opts.strict, dataDir: opts.dataDir }) }));
          for (const result of results) {
            const bar = progressBar(`importing ${result.file}`, opts.progress);
            const started = performance.now();
            const report = await store.upsert(result.batch, { allowShrink: opts.allowShrink, onProgress: bar.update }).finally(bar.stop);
            summaries.push(summaryOf(result.file, result, report, started));
          }
        },
        async (api) => {
          for (const file of files) {
            if (!existsSync(file)) throw new DomainError('FILE_NOT_FOUND', `${file} does not exist`, { file });
            const started = performance.now();
            const { importDataset } = await api.request<{ importDataset: RemoteImport }>(
              `mutation($kind: DatasetKind!, $fileName: String!, $content: String!, $strict: Boolean, $allowShrink: Boolean) { importDataset(kind: $kind, fileName: $fileName, content: $content, strict: $strict, allowShrink: $allowShrink) { rowsRead rowsSkipped skippedBy { reason count } rejected { line reason } load { ${LOAD_REPORT_FIELDS} } } }`,
              { kind: kind.toUpperCase(), fileName: file, content: readFileSync(file, 'utf8'), strict: !!opts.strict, allowShrink: !!opts.allowShrink },
            );
            const result = { rowsRead: importDataset.rowsRead, rowsSkipped: importDataset.rowsSkipped, skippedBy: Object.fromEntries(importDataset.skippedBy.map((s) => [s.reason, s.count])), rejected: importDataset.rejected.map((r) => ({ ...r, file })) };
            summaries.push(summaryOf(file, result, { ...importDataset.load, createdIds: [] }, started));
          }
        },
      );
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
}

interface RemoteImport {
  rowsRead: number;
  rowsSkipped: number;
  skippedBy: { reason: string; count: number }[];
  rejected: { line: number; reason: string }[];
  load: Omit<UpsertReport, 'createdIds'>;
}

type ImportSummary = ReturnType<typeof summaryOf>;

function summaryOf(file: string, result: Omit<ImportResult, 'batch'>, report: UpsertReport, started: number) {
  return {
    file,
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
  };
}

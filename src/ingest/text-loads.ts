// Loads whose input arrives as text rather than as a file on this machine: the API's writes that
// the CLI sends through a server holding the data folder (a JSON-lines file, a dataset's file).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DomainError, ValidationError } from '../domain/errors.ts';
import type { GraphStore, UpsertOptions, UpsertReport } from '../store/graph-store.ts';
import { loadGraphLines } from './graph-lines.ts';
import { importFile, type ImportKind, type ImportOptions } from './importers/run-import.ts';
import type { ImportResult } from './importers/import-builder.ts';

/** Runs `work` on `text` written to a temp file named like the client's; the file goes afterwards. */
async function withTempFile<T>(fileName: string, text: string, work: (file: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'cgraph-upload-'));
  const file = join(dir, basename(fileName) || 'upload');
  try {
    writeFileSync(file, text);
    return await work(file);
  } catch (error) {
    throw renamed(error, file, fileName);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same error, saying the client's file name where it said the temp file's. */
function renamed(error: unknown, from: string, to: string): unknown {
  const fix = (s: string) => s.split(from).join(to);
  if (error instanceof ValidationError) return new ValidationError(error.problems.map((p) => (p.file === from ? { ...p, file: to } : p)), to);
  if (error instanceof DomainError) return new DomainError(error.code, fix(error.message), JSON.parse(fix(JSON.stringify(error.details))) as Record<string, unknown>);
  return error;
}

/**
 * Validates and loads JSON lines of graph records given as text (one atomic write on the embedded
 * store). The text is put in a private temp folder so the file-based loaders check it exactly as
 * `cgraph load` and `cgraph import` do; problems name the client's file, not the temp one.
 */
export function loadGraphLinesText(store: GraphStore, fileName: string, lines: string, options: UpsertOptions = {}): Promise<UpsertReport> {
  return withTempFile(fileName.endsWith('.jsonl') || fileName.endsWith('.ndjson') ? fileName : `${fileName}.jsonl`, lines, (file) => loadGraphLines(store, [file], options));
}

export interface DatasetImport extends Omit<ImportResult, 'batch'> {
  report: UpsertReport;
}

/** Maps a dataset's file given as text and loads it as one new version of its source. */
export function importDatasetText(store: GraphStore, kind: ImportKind, fileName: string, content: string, options: ImportOptions & UpsertOptions = {}): Promise<DatasetImport> {
  return withTempFile(fileName, content, async (file) => {
    const { batch, ...result } = importFile(kind, file, options);
    const report = await store.upsert(batch, options);
    return { ...result, rejected: result.rejected.map((r) => ({ ...r, file: fileName })), report };
  });
}

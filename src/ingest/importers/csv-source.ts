// A data file as a Source: its full text becomes the Source node, and every row's evidence is
// the row's own line, with offsets into that text — so imported relationships are verified
// against their file exactly as dossier quotes are against their article.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DomainError } from '../../domain/errors.ts';
import type { Evidence, GraphNode } from '../../domain/model.ts';
import { sha256Hex } from '../../domain/relationship-id.ts';
import { decodeUtf8 } from '../utf8-text.ts';

export interface CsvRow {
  /** 1-based line in the file. */
  line: number;
  fields: Record<string, string>;
  evidence: Evidence;
}

export interface CsvSource {
  file: string;
  node: GraphNode;
  rows: CsvRow[];
}

/**
 * `sourceId`: the dataset's id, the same for every release (a new release is a new version of one
 * source, replacing its statements); without it, the file's own name (a GDELT daily file is a
 * source of its own, not a release of yesterday's).
 */
export function readCsvSource(file: string, options: { delimiter?: string; publisher: string; name: string; sourceId?: string }): CsvSource {
  let text: string;
  try {
    text = decodeUtf8(readFileSync(file), file);
  } catch (error) {
    if (error instanceof DomainError) throw error; // INVALID_UTF8: a replaced byte would be in the source's text
    throw new DomainError('FILE_UNREADABLE', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { file });
  }
  const slug = basename(file).replace(/\.[a-z]+$/i, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const sourceId = options.sourceId ?? `source:${slug}`;
  const lines = text.split('\n');
  const header = parse(lines[0] ?? '', { delimiter: options.delimiter ?? ',', relax_quotes: true })[0] as string[] | undefined;
  if (!header?.length) throw new DomainError('CSV_NO_HEADER', `${file}:1 has no header row`, { file });
  const rows: CsvRow[] = [];
  let offset = (lines[0]?.length ?? 0) + 1;
  for (let i = 1; i < lines.length; i++) {
    const raw = (lines[i] as string).replace(/\r$/, '');
    const start = offset;
    offset += (lines[i] as string).length + 1;
    if (!raw.trim()) continue;
    let values: string[];
    try {
      values = (parse(raw, { delimiter: options.delimiter ?? ',', relax_quotes: true, relax_column_count: true })[0] as string[]) ?? [];
    } catch (error) {
      values = [];
      void error;
    }
    const fields = Object.fromEntries(header.map((name, column) => [name.trim(), (values[column] ?? '').trim()]));
    rows.push({ line: i + 1, fields, evidence: { sourceId, quote: raw, start, end: start + raw.length, attribution: 'reported' } });
  }
  return {
    file,
    rows,
    node: { id: sourceId, kind: 'SOURCE', name: options.name, aliases: [], text, sha256: sha256Hex(text), publisher: options.publisher },
  };
}

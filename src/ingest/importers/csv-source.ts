// A data file as a Source: its full text becomes the Source node, and every row's evidence is
// the row's own line, with offsets into that text — so imported relationships are verified
// against their file exactly as dossier quotes are against their article.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { CsvError, parse, type Options } from 'csv-parse/sync';
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

/** A line that is not a well-formed row (a stray quote, a column too many or too few). */
export interface MalformedRow {
  line: number;
  reason: string;
}

export interface CsvSource {
  file: string;
  node: GraphNode;
  rows: CsvRow[];
  malformed: MalformedRow[];
}

export interface CsvSourceOptions {
  delimiter?: string;
  /** Whether `"` quotes fields (CSV); GDELT's tab-separated files have no quoting, a quote there is text. */
  quoted?: boolean;
  publisher: string;
  name: string;
  sourceId?: string;
  /** Every column the importer reads: a file whose header lacks one is not the dataset's file. */
  columns: readonly string[];
}

/**
 * The file must be the dataset's (its header names every column the importer reads) and every row
 * well-formed CSV. `sourceId`: the dataset's id, the same for every release (a new release is a new version of one
 * source, replacing its statements); without it, the file's own name (a GDELT daily file is a
 * source of its own, not a release of yesterday's).
 */
export function readCsvSource(file: string, options: CsvSourceOptions): CsvSource {
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
  const strict: Options = { delimiter: options.delimiter ?? ',', bom: true, ...(options.quoted === false ? { quote: false } : {}) };
  const header = readHeader(file, (lines[0] ?? '').replace(/\r$/, ''), strict);
  checkColumns(file, header, options);
  const rows: CsvRow[] = [];
  const malformed: MalformedRow[] = [];
  let offset = (lines[0]?.length ?? 0) + 1;
  // Each line is parsed on its own (the datasets keep a row to a line, and a row's evidence is its
  // line): a stray quote then spoils its own row only, where parsing the whole text would let an
  // unclosed quote swallow every row after it.
  for (let i = 1; i < lines.length; i++) {
    const raw = (lines[i] as string).replace(/\r$/, '');
    const start = offset;
    offset += (lines[i] as string).length + 1;
    if (!raw.trim()) continue;
    let record: Record<string, string> | undefined;
    try {
      record = (parse(raw, { ...strict, bom: false, columns: header }) as Record<string, string>[])[0];
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      malformed.push({ line: i + 1, reason: malformedReason(error, header.length) });
      continue;
    }
    const fields = Object.fromEntries(header.map((name) => [name, (record?.[name] ?? '').trim()]));
    rows.push({ line: i + 1, fields, evidence: { sourceId, quote: raw, start, end: start + raw.length, attribution: 'reported' } });
  }
  return {
    file,
    rows,
    malformed,
    node: { id: sourceId, kind: 'SOURCE', name: options.name, aliases: [], text, sha256: sha256Hex(text), publisher: options.publisher },
  };
}

function readHeader(file: string, line: string, strict: Options): string[] {
  let header: string[] | undefined;
  try {
    header = (parse(line, strict) as string[][])[0];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    throw new DomainError('IMPORT_WRONG_FILE', `${file}:1 is not a CSV header (${error.code}); import the dataset's own file`, { file, line: 1 });
  }
  if (!header?.length) throw new DomainError('CSV_NO_HEADER', `${file}:1 has no header row`, { file });
  return header.map((name) => name.trim());
}

/** Refuses, before anything is read further (or written), a file whose header is not the dataset's. */
function checkColumns(file: string, found: readonly string[], options: CsvSourceOptions): void {
  const present = new Set(found);
  const missing = options.columns.filter((column) => !present.has(column));
  if (!missing.length) return;
  const shown = found.length > 20 ? `${found.slice(0, 20).join(', ')}, … (${found.length} in all)` : found.join(', ');
  throw new DomainError(
    'IMPORT_WRONG_FILE',
    `${file} is not ${options.name}: its header lacks ${missing.join(', ')} (expected columns: ${options.columns.join(', ')}; found: ${shown}). ` +
      'Nothing was imported; name the dataset\'s own file, or the importer that matches this one (data/README.md lists them)',
    { file, expected: [...options.columns], found: [...found], missing },
  );
}

/** Why csv-parse refused a line, in the file's terms (its own message counts lines of the one line it was given). */
function malformedReason(error: CsvError, columns: number): string {
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return `malformed row: ${Array.isArray(error.record) ? error.record.length : 'a different number of'} columns where the header has ${columns}`;
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_QUOTE_NOT_CLOSED':
      return `malformed row: a stray quote (${error.code}); a quoted field doubles the quotes inside it ("")`;
    default:
      return `malformed row: ${error.code}`;
  }
}

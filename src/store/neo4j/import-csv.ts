// The first load of a new database as the Neo4j import tool's CSV (cgraph load --initial). What
// is written is decided by the same code as a transactional load into an empty database: the
// batch is checked (batch-check.ts), its statements planned (statement-plan.ts) and its rows made
// (upsert-plan.ts, records.ts); only the way the rows reach Neo4j differs. So the imported store
// holds the same nodes, relationships, properties and source versions as `cgraph load` would.
//
// The files: one per node kind and per relationship type (each with the header of the properties
// its rows have), source versions, and the graph's meta node. Strings are quoted, list items are
// separated by U+001F (which no stored text may hold), numbers are doubles (what the driver sends
// for a JavaScript number) and rows with a line break go to files the tool reads as multi-line.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../../domain/errors.ts';
import type { GraphBatch, NodeKind } from '../../domain/model.ts';
import { checkBatch } from '../batch-check.ts';
import { sourceTextsOf } from '../common.ts';
import { planStatements } from '../statement-plan.ts';
import { NEO4J_STORE_FORMAT } from './neo4j-store.ts';
import { isUnstoredList } from './records.ts';
import { planUpsert, type NodeRow, type RelationshipRow } from './upsert-plan.ts';

/** Separates list items in a CSV field (--array-delimiter); stored text must not hold it. */
export const ARRAY_DELIMITER = '\u001f';

/** One group of rows the import tool reads: `--nodes=Label:Label=file` or `--relationships=TYPE=file`. */
export interface ImportFile {
  option: '--nodes' | '--relationships';
  /** Labels joined with ':' or the relationship type. */
  name: string;
  path: string;
  rows: number;
  /** Rows hold line breaks: the tool must read this file as multi-line. */
  multiline: boolean;
  /** Characters written (UTF-16 units). */
  chars: number;
}

export interface ImportCsv {
  files: ImportFile[];
  /** The longest field written, in UTF-16 units (the tool's read buffer must hold any field whole). */
  longestField: number;
  nodes: number;
  relationships: number;
  sourceVersions: number;
}

const ENTITY_IDS = 'entity';

interface Column {
  key: string;
  type: 'string' | 'double' | 'boolean' | 'string[]' | 'long';
}

let longestField = 0;

/** A string as a quoted CSV field (quotes doubled), its length noted. */
function quoted(value: string): string {
  if (value.length > longestField) longestField = value.length;
  return `"${value.replaceAll('"', '""')}"`;
}

/** A CSV field: quoted strings, numbers and booleans as they print, lists joined. */
function field(value: unknown, column: Column, where: () => string): string {
  if (value === undefined || value === null) return '';
  switch (column.type) {
    case 'string':
      if (typeof value !== 'string') break;
      return quoted(value);
    case 'double':
    case 'long':
      if (typeof value !== 'number' || !Number.isFinite(value)) break;
      return String(value);
    case 'boolean':
      if (typeof value !== 'boolean') break;
      return String(value);
    case 'string[]': {
      if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) break;
      // The store leaves [] and [''] out (records.ts definedOnly); the CSV could not say them either.
      if (isUnstoredList(value)) return '';
      if (value.some((item: string) => item.includes(ARRAY_DELIMITER))) {
        throw new DomainError('IMPORT_UNWRITABLE', `${where()}: the list ${column.key} holds the character U+001F, which the import's CSV uses between list items; load this file with \`cgraph load\` (without --initial)`);
      }
      return quoted(value.join(ARRAY_DELIMITER));
    }
  }
  throw new DomainError('IMPORT_UNWRITABLE', `${where()}: property ${column.key} is ${JSON.stringify(value)?.slice(0, 80)}, but other rows of the same file hold a ${column.type} there; the import's CSV has one type per column`);
}

function columnType(value: unknown): Column['type'] {
  if (typeof value === 'number') return 'double';
  if (typeof value === 'boolean') return 'boolean';
  if (Array.isArray(value)) return 'string[]';
  return 'string';
}

/** The columns of a group's rows: every property any row has, in first-seen order, typed by its first value. */
function columnsOf(rows: readonly Record<string, unknown>[], skip: ReadonlySet<string>): Column[] {
  const columns = new Map<string, Column>();
  for (const row of rows) {
    for (const key in row) {
      if (skip.has(key) || columns.has(key) || row[key] === undefined) continue;
      columns.set(key, { key, type: columnType(row[key]) });
    }
  }
  return [...columns.values()];
}

const hasLineBreak = (row: Record<string, unknown>) =>
  Object.values(row).some((v) => (typeof v === 'string' && /[\r\n]/.test(v)) || (Array.isArray(v) && v.some((item) => typeof item === 'string' && /[\r\n]/.test(item))));

/** Writes in blocks of about 4 MB: the files of a large graph are gigabytes. */
class CsvFile {
  private readonly fd: number;
  private parts: string[] = [];
  private size = 0;
  rows = 0;
  /** Characters written (UTF-16 units). */
  chars = 0;

  constructor(readonly path: string, header: string) {
    this.fd = openSync(path, 'w');
    this.push(`${header}\n`);
  }

  row(fields: string[]): void {
    this.push(`${fields.join(',')}\n`);
    this.rows++;
  }

  private push(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    this.chars += text.length;
    if (this.size > 4_000_000) this.flush();
  }

  private flush(): void {
    if (this.parts.length) writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/**
 * Multi-line files are cut into parts of about this many characters (each with its header): the
 * tool's multi-line chunker (5.26) fails where a buffer ends inside a file, so each part must fit
 * the read buffer whole (importArguments sizes it).
 */
const MULTILINE_PART_CHARS = 8_000_000;

/**
 * Writes one group's rows: those without line breaks to `<base>.csv`, the others to
 * `<base>.multiline-<n>.csv` parts (read as multi-line). `lead` heads each row with its ids.
 */
function writeGroup(
  dir: string,
  base: string,
  option: ImportFile['option'],
  name: string,
  rows: readonly Record<string, unknown>[],
  lead: { header: string[]; fields: (row: Record<string, unknown>) => string[]; skip: ReadonlySet<string> },
  typed: (column: Column) => Column = (column) => column,
): ImportFile[] {
  const columns = columnsOf(rows, lead.skip).map(typed);
  const header = [...lead.header, ...columns.map((c) => (c.type === 'string' ? c.key : `${c.key}:${c.type}`))].join(',');
  const written: { file: CsvFile; multiline: boolean }[] = [];
  let plain: CsvFile | undefined;
  let part: CsvFile | undefined;
  rows.forEach((row, index) => {
    const where = () => `${name} row ${index + 1}${typeof row.id === 'string' ? ` (${row.id})` : ''}`;
    const fields = [...lead.fields(row), ...columns.map((c) => field(row[c.key], c, where))];
    if (!hasLineBreak(row)) {
      if (!plain) written.push({ file: (plain = new CsvFile(join(dir, `${base}.csv`), header)), multiline: false });
      plain.row(fields);
      return;
    }
    if (!part || part.chars > MULTILINE_PART_CHARS) {
      part?.close();
      part = new CsvFile(join(dir, `${base}.multiline-${written.filter((w) => w.multiline).length + 1}.csv`), header);
      written.push({ file: part, multiline: true });
    }
    part.row(fields);
  });
  plain?.close();
  part?.close();
  return written.map(({ file, multiline }) => ({ option, name, path: file.path, rows: file.rows, multiline, chars: file.chars }));
}

/**
 * Plans `batch` (validated JSON lines, read whole) as a load into an empty database and writes
 * the import tool's CSV files into `dir`. `now` is the load time the source versions record;
 * `graphVersion` the version the new graph starts at (past the replaced database's, so that no
 * answer cached under an old version is taken for the new graph's).
 */
export async function writeImportCsv(batch: GraphBatch, dir: string, now = new Date().toISOString(), options: { graphVersion?: number } = {}): Promise<ImportCsv> {
  mkdirSync(dir, { recursive: true });
  longestField = 0;
  const nothing = async () => new Map();
  const checked = await checkBatch(batch, nothing);
  const statements = await planStatements(checked, sourceTextsOf(checked.nodes), { latestVersions: nothing, facts: nothing }, now);
  const plan = planUpsert(checked, new Map(), statements, new Map());
  const files: ImportFile[] = [];

  const byLabels = new Map<string, NodeRow[]>();
  for (const row of plan.nodeRows) {
    const labels = ['Entity', ...row.labels].join(':');
    const group = byLabels.get(labels) ?? [];
    group.push(row);
    byLabels.set(labels, group);
  }
  for (const [labels, rows] of byLabels) {
    const kind = (rows[0]?.props.kind ?? 'node') as NodeKind | 'node';
    files.push(
      ...writeGroup(dir, `nodes-${kind}`, '--nodes', labels, rows.map((r) => r.props), {
        header: [`id:ID(${ENTITY_IDS})`],
        fields: (props) => [quoted(props.id as string)],
        skip: new Set(['id']),
      }),
    );
  }
  let relationships = 0;
  for (const [type, rows] of plan.created) {
    relationships += rows.length;
    const props = rows.map((r: RelationshipRow) => ({ ...r.props, ['\0from']: r.from, ['\0to']: r.to }));
    files.push(
      ...writeGroup(dir, `relationships-${type}`, '--relationships', type, props, {
        header: [`:START_ID(${ENTITY_IDS})`, `:END_ID(${ENTITY_IDS})`],
        fields: (row) => [quoted(row['\0from'] as string), quoted(row['\0to'] as string)],
        skip: new Set(['\0from', '\0to']),
      }),
    );
  }
  if (plan.versionRows.length) {
    files.push(
      ...writeGroup(dir, 'source-versions', '--nodes', 'SourceVersion', plan.versionRows, {
        header: ['key:ID(version)'],
        fields: (row) => [quoted(row.key as string)],
        skip: new Set(['key']),
      }),
    );
  }
  // The graph's meta node as bump-graph-version and set-store-format leave it after a load.
  files.push(
    ...writeGroup(dir, 'graph-meta', '--nodes', 'GraphMeta', [{ key: 'graph', version: options.graphVersion ?? 1, format: NEO4J_STORE_FORMAT }], {
      header: ['key:ID(meta)'],
      fields: (row) => [quoted(row.key as string)],
      skip: new Set(['key']),
    }, (column) => ({ ...column, type: 'long' })),
  );
  return { files, longestField, nodes: plan.nodeRows.length, relationships, sourceVersions: plan.versionRows.length };
}

/** The import tool's arguments for these files into `database` (after `database import full`). */
export function importArguments(csv: ImportCsv, database: string, options: { overwrite: boolean; reportFile: string }): string[] {
  const multiline = csv.files.filter((f) => f.multiline).map((f) => f.path);
  // The read buffer holds any field whole and any multi-line file whole (UTF-8: up to 3 bytes a
  // unit, quotes doubled), so the tool's multi-line chunker never cuts inside one (see writeGroup).
  const longest = Math.max(csv.longestField * 2, ...csv.files.filter((f) => f.multiline).map((f) => f.chars));
  const bufferMb = Math.max(4, 2 ** Math.ceil(Math.log2((longest * 3) / 2 ** 20 + 1)));
  return [
    `--read-buffer-size=${bufferMb}m`,
    '--verbose',
    `--overwrite-destination=${options.overwrite}`,
    `--array-delimiter=U+001F`,
    '--id-type=string',
    `--report-file=${options.reportFile}`,
    ...(multiline.length ? ['--multiline-fields-format=v2', `--multiline-fields=${multiline.join(',')}`] : []),
    ...csv.files.map((f) => `${f.option}=${f.name}=${f.path}`),
    '--',
    database,
  ];
}

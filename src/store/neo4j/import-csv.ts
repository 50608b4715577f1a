// The first load of a new database as the Neo4j import tool's CSV (cgraph load --initial), decided
// by the same code as a transactional load into an empty database (batch-check, statement-plan,
// upsert-plan, records): only the way the rows reach Neo4j differs.
import { closeSync, createReadStream, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DomainError } from '../../domain/errors.ts';
import { Commitment, StructuralRelationship, type GraphNode, type GraphRelationship, type NodeKind, type OutletGrade } from '../../domain/model.ts';
import { sourceOfClaim, type Fact } from '../../domain/statements.ts';
import { isOutletGradeRecord } from '../../domain/rules.ts';
import { checkBatch } from '../batch-check.ts';
import { planStatements, sourceTextsOf } from '../statement-plan.ts';
import { NEO4J_STORE_FORMAT } from './neo4j-store.ts';
import { isUnstoredList, LONE_STATEMENT_KEYS, STORED_LISTS, toRelationshipProps, toVersionProps } from './records.ts';
import { planUpsert, type NodeRow } from './upsert-plan.ts';

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
  /** Its longest row, in characters. */
  longestRow: number;
}

export interface ImportCsv {
  files: ImportFile[];
  nodes: number;
  relationships: number;
  sourceVersions: number;
}

const ENTITY_IDS = 'entity';

interface Column {
  key: string;
  type: 'string' | 'double' | 'boolean' | 'string[]' | 'long';
}

/** A string as a quoted CSV field (quotes doubled). */
const quoted = (value: string): string => `"${value.replaceAll('"', '""')}"`;

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
class BufferedFile {
  private readonly fd: number;
  private parts: string[] = [];
  private size = 0;
  /** Characters written (UTF-16 units). */
  chars = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  write(text: string): void {
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

class CsvFile extends BufferedFile {
  rows = 0;
  /** The longest row written, in characters: the tool's read buffer must hold any field whole. */
  longestRow = 0;

  constructor(path: string, header: string) {
    super(path);
    this.write(`${header}\n`);
  }

  row(fields: string[]): void {
    const line = `${fields.join(',')}\n`;
    if (line.length > this.longestRow) this.longestRow = line.length;
    this.write(line);
    this.rows++;
  }
}

/**
 * Multi-line files are cut into parts of about this many characters (each with its header): the
 * tool's multi-line chunker (5.26) fails where a buffer ends inside a file, so each part must fit
 * the read buffer whole (importArguments sizes it).
 */
const MULTILINE_PART_CHARS = 8_000_000;

interface Lead {
  /** The header's identifying columns (ids, ends). */
  header: string[];
  fields: (row: Record<string, unknown>) => string[];
  /** Keys the lead writes, not property columns. */
  skip: ReadonlySet<string>;
}

/**
 * One group's rows as they come, under a header fixed up front: rows without line breaks to
 * `<base>.csv`, the others to `<base>.multiline-<n>.csv` parts (read as multi-line).
 */
class GroupWriter {
  private readonly header: string;
  private readonly known: ReadonlySet<string>;
  private plain: CsvFile | undefined;
  private part: CsvFile | undefined;
  private readonly written: { file: CsvFile; multiline: boolean }[] = [];
  private count = 0;

  constructor(
    private readonly dir: string,
    private readonly base: string,
    private readonly option: ImportFile['option'],
    private readonly name: string,
    private readonly lead: Lead,
    private readonly columns: readonly Column[],
  ) {
    this.header = [...lead.header, ...columns.map((c) => (c.type === 'string' ? c.key : `${c.key}:${c.type}`))].join(',');
    this.known = new Set([...lead.skip, ...columns.map((c) => c.key)]);
  }

  add(row: Record<string, unknown>): void {
    const index = ++this.count;
    const where = () => `${this.name} row ${index}${typeof row.id === 'string' ? ` (${row.id})` : ''}`;
    for (const key in row) {
      if (!this.known.has(key) && row[key] !== undefined) {
        throw new DomainError('IMPORT_UNWRITABLE', `${where()}: property ${key} has no column in the import's CSV (src/store/neo4j/import-csv.ts); load this file with \`cgraph load\` (without --initial)`);
      }
    }
    const fields = [...this.lead.fields(row), ...this.columns.map((c) => field(row[c.key], c, where))];
    if (!hasLineBreak(row)) {
      if (!this.plain) this.written.push({ file: (this.plain = new CsvFile(join(this.dir, `${this.base}.csv`), this.header)), multiline: false });
      this.plain.row(fields);
      return;
    }
    if (!this.part || this.part.chars > MULTILINE_PART_CHARS) {
      this.part?.close();
      this.part = new CsvFile(join(this.dir, `${this.base}.multiline-${this.written.filter((w) => w.multiline).length + 1}.csv`), this.header);
      this.written.push({ file: this.part, multiline: true });
    }
    this.part.row(fields);
  }

  close(): ImportFile[] {
    this.plain?.close();
    this.part?.close();
    return this.written.map(({ file, multiline }) => ({ option: this.option, name: this.name, path: file.path, rows: file.rows, multiline, chars: file.chars, longestRow: file.longestRow }));
  }
}

/** Rows held in memory (nodes, the meta node): their columns are every property they have. */
function writeGroup(dir: string, base: string, option: ImportFile['option'], name: string, rows: readonly Record<string, unknown>[], lead: Lead, typed: (column: Column) => Column = (column) => column): ImportFile[] {
  const writer = new GroupWriter(dir, base, option, name, lead, columnsOf(rows, lead.skip).map(typed));
  for (const row of rows) writer.add(row);
  return writer.close();
}

const NUMBER_PROPERTIES = new Set(['goldstein', 'amountEur', 'sourceCount', 'version', 'stmtVersion']);
const BOOLEAN_PROPERTIES = new Set(['disputed']);
const LIST_PROPERTIES = new Set(['conditions', 'unresolved', 'statedBy', ...STORED_LISTS]);
const typedColumn = (key: string): Column => ({ key, type: NUMBER_PROPERTIES.has(key) ? 'double' : BOOLEAN_PROPERTIES.has(key) ? 'boolean' : LIST_PROPERTIES.has(key) ? 'string[]' : 'string' });

/**
 * A relationship's columns: every property a stored fact can have (records.ts toRelationshipProps
 * over the domain's schemas), so that relationships are written as they are planned. The ends and
 * the type are not properties; `statement` and `review` belong to statements, not facts.
 */
const RELATIONSHIP_COLUMNS: readonly Column[] = [
  ...new Set([...Object.keys(Commitment.shape), ...Object.keys(StructuralRelationship.shape), 'statements', 'disagreements', 'spans', 'sourceCount', 'disputed', 'stmtVersion', 'stmtReviewAt', ...STORED_LISTS, ...Object.values(LONE_STATEMENT_KEYS)]),
]
  .filter((key) => !['from', 'to', 'type', 'statement', 'review', 'credibility'].includes(key))
  .map(typedColumn);

/** What toVersionProps stores of a source version. */
const VERSION_COLUMNS: readonly Column[] = ['sourceId', 'version', 'sha256', 'contentHash', 'loadedAt', 'text', 'statementsGzip'].map(typedColumn);

/** Reads the non-blank lines of JSON lines files that passed validation (graph-lines.ts). */
async function* lines(files: readonly string[]): AsyncGenerator<string> {
  for (const file of files) {
    for await (const text of createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })) if (text.trim()) yield text;
  }
}

/**
 * Plans validated JSON lines files as a load into an empty database and writes the import tool's
 * CSV files into `dir`, so the imported store holds the same nodes, relationships, properties and
 * source versions as `cgraph load` would (test/e2e/initial-load.test.ts compares every property).
 *
 * Memory stays bounded by the largest source, not the input: a first pass keeps the nodes and
 * spills each source's statements to its own file (counting each fact's statements); then each
 * source is planned whole (one version each, as a chunked load amends to), and a fact is written
 * once all its statements were planned — only facts that several sources state wait in memory.
 *
 * The files: one per node kind and per relationship type, source versions, and the graph's meta
 * node. Strings are quoted, list items are separated by ARRAY_DELIMITER, numbers are doubles (what
 * the driver sends for a JavaScript number) and rows with a line break go to files the tool reads
 * as multi-line. `now` is the load time the source versions
 * record; `graphVersion` the version the new graph starts at (past a replaced database's, so no
 * answer cached under an old version is taken for the new graph's).
 */
export async function writeImportCsv(files: readonly string[], dir: string, now = new Date().toISOString(), options: { graphVersion?: number; onProgress?: (done: number, total: number) => void } = {}): Promise<ImportCsv> {
  mkdirSync(dir, { recursive: true });
  const written: ImportFile[] = [];

  // 1. Nodes kept; each source's statements spilled to its own file; statements counted per fact.
  const rawNodes: GraphNode[] = [];
  const spills = new Map<string, BufferedFile>();
  const statementsOfFact = new Map<string, number>();
  let statements = 0;
  const outletGrades = new Map<string, string>();
  for await (const text of lines(files)) {
    const record = JSON.parse(text) as GraphNode | GraphRelationship | OutletGrade;
    if ('kind' in record) {
      rawNodes.push(record);
      continue;
    }
    if (isOutletGradeRecord(record)) {
      // The last line for an outlet wins, as later loads of a file would leave it.
      const { outlet, reliability } = record as OutletGrade;
      if (reliability) outletGrades.set(outlet, reliability);
      continue;
    }
    const claim = record as GraphRelationship;
    const sourceId = sourceOfClaim(claim);
    let spill = spills.get(sourceId);
    if (!spill) spills.set(sourceId, (spill = new BufferedFile(join(dir, `statements-${spills.size + 1}.jsonl`))));
    spill.write(`${text}\n`);
    statementsOfFact.set(claim.id, (statementsOfFact.get(claim.id) ?? 0) + 1);
    statements++;
  }
  for (const spill of spills.values()) spill.close();

  // 2. Nodes, merged as a load merges them.
  const nodes = (await checkBatch({ nodes: rawNodes, relationships: [] }, async () => new Map())).nodes;
  rawNodes.length = 0;
  const noStatements = await planStatements({ nodes: [], relationships: [] }, new Map(), { latestVersions: async () => new Map(), facts: async () => new Map() }, now);
  const nodeRows = planUpsert({ nodes, relationships: [] }, new Map(), noStatements, new Map()).nodeRows;
  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  const byLabels = new Map<string, NodeRow[]>();
  for (const row of nodeRows) {
    const labels = ['Entity', ...row.labels].join(':');
    const group = byLabels.get(labels) ?? [];
    group.push(row);
    byLabels.set(labels, group);
  }
  for (const [labels, rows] of byLabels) {
    const kind = (rows[0]?.props.kind ?? 'node') as NodeKind | 'node';
    written.push(...writeGroup(dir, `nodes-${kind}`, '--nodes', labels, rows.map((r) => r.props), { header: [`id:ID(${ENTITY_IDS})`], fields: (props) => [quoted(props.id as string)], skip: new Set(['id']) }));
  }

  // 3. Each source planned whole; a fact written once all its statements are in it.
  const relationshipWriters = new Map<string, GroupWriter>();
  const writeFact = (fact: Fact) => {
    let writer = relationshipWriters.get(fact.type);
    if (!writer) {
      const lead: Lead = { header: [`:START_ID(${ENTITY_IDS})`, `:END_ID(${ENTITY_IDS})`], fields: (row) => [quoted(row['\0from'] as string), quoted(row['\0to'] as string)], skip: new Set(['\0from', '\0to']) };
      relationshipWriters.set(fact.type, (writer = new GroupWriter(dir, `relationships-${fact.type}`, '--relationships', fact.type, lead, RELATIONSHIP_COLUMNS)));
    }
    writer.add({ ...toRelationshipProps(fact), ['\0from']: fact.from, ['\0to']: fact.to });
  };
  const versions = new GroupWriter(dir, 'source-versions', '--nodes', 'SourceVersion', { header: ['key:ID(version)'], fields: (row) => [quoted(row.key as string)], skip: new Set(['key']) }, VERSION_COLUMNS);
  const waiting = new Map<string, Fact>();
  const texts = sourceTextsOf(nodeById);
  const lookup = async (ids: readonly string[]) => new Map(ids.flatMap((id) => (nodeById.has(id) ? [[id, nodeById.get(id) as GraphNode] as const] : [])));
  let relationships = 0;
  let sourceVersions = 0;
  let planned = 0;
  for (const spill of spills.values()) {
    const claims: GraphRelationship[] = [];
    for await (const text of lines([spill.path])) claims.push(JSON.parse(text) as GraphRelationship);
    rmSync(spill.path);
    const checked = await checkBatch({ nodes: [], relationships: claims }, lookup);
    const plan = await planStatements(checked, texts, { latestVersions: async () => new Map(), facts: async (keys) => new Map(keys.flatMap(({ id }) => (waiting.has(id) ? [[id, waiting.get(id) as Fact] as const] : []))) }, now);
    for (const fact of [...plan.created, ...plan.updated]) {
      if (fact.statements.length >= (statementsOfFact.get(fact.id) ?? 0)) {
        waiting.delete(fact.id);
        writeFact(fact);
        relationships++;
      } else waiting.set(fact.id, fact);
    }
    for (const version of plan.versions) {
      versions.add(toVersionProps(version));
      sourceVersions++;
    }
    planned += claims.length;
    options.onProgress?.(planned, statements);
  }
  // Facts a file states twice over never reach their count: they are whole now.
  for (const fact of waiting.values()) {
    writeFact(fact);
    relationships++;
  }
  for (const writer of relationshipWriters.values()) written.push(...writer.close());
  written.push(...versions.close());

  // Outlets' grades as grade-outlets leaves them (one node per graded outlet, not an Entity).
  if (outletGrades.size) {
    const rows = [...outletGrades].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, reliability]) => ({ id, reliability }));
    written.push(...writeGroup(dir, 'outlets', '--nodes', 'Outlet', rows, { header: ['id:ID(outlet)'], fields: (row) => [quoted(row.id as string)], skip: new Set(['id']) }));
  }
  // The graph's meta node as bump-graph-version and set-store-format leave it after a load.
  written.push(
    ...writeGroup(dir, 'graph-meta', '--nodes', 'GraphMeta', [{ key: 'graph', version: options.graphVersion ?? 1, format: NEO4J_STORE_FORMAT }], { header: ['key:ID(meta)'], fields: (row) => [quoted(row.key as string)], skip: new Set(['key']) }, (column) => ({ ...column, type: 'long' })),
  );
  return { files: written, nodes: nodeRows.length, relationships, sourceVersions };
}

/** The import tool's arguments for these files into `database` (after `database import full`). */
export function importArguments(csv: ImportCsv, database: string, options: { overwrite: boolean; reportFile: string }): string[] {
  const multiline = csv.files.filter((f) => f.multiline).map((f) => f.path);
  // The read buffer holds any row whole (so any field) and any multi-line file whole (UTF-8: up to
  // 3 bytes a character), so the tool's multi-line chunker never cuts inside one (GroupWriter).
  const longest = Math.max(...csv.files.map((f) => (f.multiline ? f.chars : f.longestRow)));
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

// The bulk format: JSON lines of graph records in the stored form, one node or relationship per
// line (what `cgraph export --format jsonl` writes and `cgraph generate --format jsonl` makes).
// Files are read as streams twice: first every line is checked (schema, ends, quotes against
// their SOURCE text, hashes) with file and line in each problem, and nothing is written unless
// all of it is valid; then records go to the store in chunks. Memory stays flat in the number of
// relationships: what is kept is one id → kind entry per node and the text of each source.
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { ValidationError, type Problem } from '../domain/errors.ts';
import {
  Commitment,
  ENDPOINTS,
  GraphNode,
  isCommitmentType,
  StructuralRelationship,
  type GraphBatch,
  type GraphRelationship,
  type NodeKind,
} from '../domain/model.ts';
import { sha256Hex } from '../domain/relationship-id.ts';
import { emptyUpsertReport, type GraphStore, type UpsertReport } from '../store/graph-store.ts';
import { addReports } from './load-dossiers.ts';
import { schemaProblemCode } from './validate-dossier.ts';

export const GRAPH_LINES_EXTENSIONS = ['.jsonl', '.ndjson'];
export const isGraphLinesFile = (file: string) => GRAPH_LINES_EXTENSIONS.some((ext) => file.endsWith(ext));

/** Problems reported before giving up on a file: enough to see the pattern, bounded in memory. */
export const MAX_PROBLEMS = 100;
/** Records per transaction on Neo4j: big enough to batch well, small enough for transaction memory. */
export const DEFAULT_CHUNK_RECORDS = 20_000;

type GraphRecord = { node: GraphNode; relationship?: never } | { relationship: GraphRelationship; node?: never };

/**
 * Each non-blank line parsed into a node or a relationship, or the problems that line has. With
 * `checked`, the file passed validation already and only JSON is parsed (the store checks again).
 */
async function* readRecords(file: string, checked = false): AsyncGenerator<{ line: number; record?: GraphRecord; problems: Problem[] }> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (!text.trim()) continue;
    const at = (code: string, message: string, path?: string): Problem => ({ file, line, code, message, ...(path ? { path } : {}) });
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { line, problems: [at('BAD_JSON', `not JSON (${(error as Error).message}); each line holds one JSON object`)] };
      continue;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      yield { line, problems: [at('BAD_RECORD', 'each line must be one JSON object: a node (with "kind") or a relationship (with "type")')] };
      continue;
    }
    const isNode = 'kind' in value;
    if (checked) {
      yield { line, record: isNode ? { node: value as GraphNode } : { relationship: value as GraphRelationship }, problems: [] };
      continue;
    }
    if (!isNode && !('type' in value)) {
      yield { line, problems: [at('BAD_RECORD', 'a record needs "kind" (a node) or "type" (a relationship)')] };
      continue;
    }
    const schema = isNode ? GraphNode : isCommitmentType(String((value as { type: unknown }).type)) ? Commitment : StructuralRelationship;
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      yield { line, problems: parsed.error.issues.map((issue) => at(schemaProblemCode(issue, value), issue.message, issue.path.join('.') || undefined)) };
      continue;
    }
    yield { line, record: isNode ? { node: parsed.data as GraphNode } : { relationship: parsed.data as GraphRelationship }, problems: [] };
  }
}

export interface GraphLinesSummary {
  file: string;
  nodes: number;
  relationships: number;
}

/**
 * Checks every line of `file` without writing anything. Ends and evidence sources may be earlier
 * lines or already stored. Throws ValidationError with up to MAX_PROBLEMS located problems.
 */
export async function validateGraphLines(file: string, store: GraphStore): Promise<GraphLinesSummary> {
  const problems: Problem[] = [];
  let more = 0;
  const report = (...list: (Problem | undefined)[]) => {
    for (const p of list) {
      if (!p) continue;
      if (problems.length < MAX_PROBLEMS) problems.push(p);
      else more++;
    }
  };
  const seenNodes = new Map<string, { kind: NodeKind; line: number }>();
  const sourceTexts = new Map<string, string>();
  // Ends and sources that are not in the file: checked against the store once the file is read.
  const elsewhere = new Map<string, { line: number; path: string; check: (node: GraphNode) => Problem | undefined }[]>();
  const defer = (id: string, line: number, path: string, check: (node: GraphNode) => Problem | undefined) => {
    const waiting = elsewhere.get(id) ?? [];
    if (waiting.length < MAX_PROBLEMS) waiting.push({ line, path, check });
    elsewhere.set(id, waiting);
  };
  let nodes = 0;
  let relationships = 0;
  try {
    statSync(file);
  } catch {
    throw new ValidationError([{ file, code: 'NO_FILE', message: 'no such file; give a path to a .jsonl file' }], file);
  }
  for await (const { line, record, problems: found } of readRecords(file)) {
    report(...found);
    if (!record) continue;
    const at = (code: string, path: string, message: string): Problem => ({ file, line, path, code, message });
    if (record.node) {
      const node = record.node;
      nodes++;
      const first = seenNodes.get(node.id);
      if (first) {
        report(at('DUPLICATE_ID', 'id', `node "${node.id}" is already on line ${first.line}; keep one line per node`));
        continue;
      }
      seenNodes.set(node.id, { kind: node.kind, line });
      if (node.kind === 'SOURCE') {
        const hash = sha256Hex(node.text);
        if (hash !== node.sha256) report(at('SOURCE_HASH_MISMATCH', 'sha256', `the text's sha256 is ${hash}; the text changed or the hash is wrong`));
        sourceTexts.set(node.id, node.text);
      }
      continue;
    }
    const rel = record.relationship;
    relationships++;
    const allowed = ENDPOINTS[rel.type];
    for (const end of ['from', 'to'] as const) {
      const endpoint = (kind: NodeKind): Problem | undefined =>
        allowed[end].includes(kind) ? undefined : at('BAD_ENDPOINT', end, `${rel.type} cannot have a ${kind} as "${end}"`);
      const kind = seenNodes.get(rel[end])?.kind;
      if (kind) report(endpoint(kind));
      else defer(rel[end], line, end, (node) => endpoint(node.kind));
    }
    rel.evidence.forEach((item, index) => {
      const path = `evidence.${index}`;
      const quoteProblem = (text: string): Problem | undefined =>
        text.slice(item.start, item.end) === item.quote
          ? undefined
          : at('QUOTE_MISMATCH', `${path}.quote`, `${item.sourceId} text.slice(${item.start}, ${item.end}) is not this quote; fix the offsets or the quote`);
      const text = sourceTexts.get(item.sourceId);
      if (text !== undefined) report(quoteProblem(text));
      else
        defer(item.sourceId, line, `${path}.sourceId`, (node) =>
          node.kind === 'SOURCE' ? quoteProblem(node.text) : at('BAD_SOURCE', `${path}.sourceId`, `"${item.sourceId}" is a ${node.kind}, not a SOURCE`),
        );
    });
  }
  const ids = [...elsewhere.keys()];
  for (let i = 0; i < ids.length; i += 1000) {
    const part = ids.slice(i, i + 1000);
    const stored = await store.getNodes(part);
    part.forEach((id, k) => {
      for (const use of elsewhere.get(id) ?? []) {
        const node = stored[k];
        report(
          node ? use.check(node) : { file, line: use.line, path: use.path, code: 'UNKNOWN_ID', message: `no node "${id}" on an earlier line or in the store; put nodes before the relationships that use them` },
        );
      }
    });
  }
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  if (more) problems.push({ file, code: 'TOO_MANY_PROBLEMS', message: `${more} more problem(s) not shown; fix these and run again` });
  if (problems.length) throw new ValidationError(problems, file);
  return { file, nodes, relationships };
}

export interface GraphLinesLoadOptions {
  /** Records per upsert on Neo4j (the memory store takes a file in one atomic upsert). */
  chunkRecords?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Validates each file, then loads them. On Neo4j each chunk of records is one transaction: a load
 * cut short leaves whole chunks, and running it again finishes it (upserts are idempotent). The
 * report counts what changed; it does not list created ids, which would grow with the input.
 */
export async function loadGraphLines(store: GraphStore, files: readonly string[], options: GraphLinesLoadOptions = {}): Promise<UpsertReport> {
  const summaries = [];
  for (const file of files) summaries.push(await validateGraphLines(file, store));
  const total = summaries.reduce((n, s) => n + s.nodes + s.relationships, 0);
  const chunkRecords = store.kind === 'memory' ? Infinity : (options.chunkRecords ?? DEFAULT_CHUNK_RECORDS);
  let report = emptyUpsertReport();
  let done = 0;
  let writing: Promise<void> = Promise.resolve();
  const write = async (batch: GraphBatch) => {
    // The next chunk is read and parsed while this one is written.
    await writing;
    const size = batch.nodes.length + batch.relationships.length;
    writing = store.upsert(batch).then((part) => {
      report = addReports(report, { ...part, createdIds: [] });
      done += size;
      options.onProgress?.(done, total);
    });
    // Observed here so a failure waits for the next await instead of crashing the process.
    writing.catch(() => undefined);
  };
  for (const file of files) {
    let batch: GraphBatch = { nodes: [], relationships: [] };
    for await (const { record } of readRecords(file, true)) {
      if (record?.node) batch.nodes.push(record.node);
      else if (record?.relationship) batch.relationships.push(record.relationship);
      if (batch.nodes.length + batch.relationships.length >= chunkRecords) {
        await write(batch);
        batch = { nodes: [], relationships: [] };
      }
    }
    if (batch.nodes.length + batch.relationships.length) await write(batch);
  }
  await writing;
  return report;
}

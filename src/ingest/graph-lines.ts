// The bulk format: JSON lines of graph records in the stored form, one node or statement per line
// (what `cgraph export --format jsonl` writes), checked whole before anything is written, then
// loaded in chunks. docs/dossiers.md "The bulk format (JSON lines)" says what users see.
import { createReadStream, statSync } from 'node:fs';
import { ValidationError, type Problem } from '../domain/errors.ts';
import { ReviewState, type GraphBatch, type GraphNode, type GraphRelationship, type NodeKind, type OutletGrade } from '../domain/model.ts';
import { datingProblems, endpointProblem, graphRecordKind, parseGraphRecord, quoteProblem, sourceHashProblem, statementSourceProblem, unknownIdProblem, wrongKindProblem, type RuleProblem } from '../domain/rules.ts';
import { addReports, emptyUpsertReport } from '../store/report-sums.ts';
import { allItems } from '../store/pages.ts';
import { canonicalJson } from '../lib/canonical-json.ts';
import type { GraphStore, UpsertReport } from '../store/graph-store.ts';
import { utf8Problem } from './utf8-text.ts';

export const GRAPH_LINES_EXTENSIONS = ['.jsonl', '.ndjson'];
export const isGraphLinesFile = (file: string) => GRAPH_LINES_EXTENSIONS.some((ext) => file.endsWith(ext));

/** Problems reported before giving up on a file: enough to see the pattern, bounded in memory. */
export const MAX_PROBLEMS = 100;
/** Records per transaction on Neo4j: big enough to batch well, small enough for transaction memory. */
export const DEFAULT_CHUNK_RECORDS = 20_000;

type GraphRecord = { node: GraphNode; relationship?: never; outletGrade?: never } | { relationship: GraphRelationship; node?: never; outletGrade?: never } | { outletGrade: OutletGrade; node?: never; relationship?: never };

/**
 * Each non-blank line parsed into a node or a relationship, or the problems that line has. With
 * `checked`, the file passed validation already and only JSON is parsed (the store checks again).
 */
async function* readRecords(file: string, checked = false): AsyncGenerator<{ line: number; record?: GraphRecord; problems: Problem[] }> {
  let line = 0;
  for await (const bytes of byteLines(file)) {
    line++;
    const notUtf8 = utf8Problem(bytes, file, line);
    if (notUtf8) {
      yield { line, problems: [notUtf8] };
      continue;
    }
    const text = bytes.toString('utf8');
    if (!text.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { line, problems: [{ file, line, code: 'BAD_JSON', message: `not JSON (${(error as Error).message}); each line holds one JSON object` }] };
      continue;
    }
    if (checked) {
      yield { line, record: { [graphRecordKind(value as object) ?? 'relationship']: value } as GraphRecord, problems: [] };
      continue;
    }
    const parsed = parseGraphRecord(value);
    yield parsed.ok ? { line, record: parsed.value, problems: [] } : { line, problems: parsed.problems.map((p) => located(file, line, p)) };
  }
}

/**
 * The file's lines as bytes (without the line break, \r\n or \n), so each is checked as UTF-8
 * before it is decoded: a decoding stream would have replaced a bad byte already.
 */
async function* byteLines(file: string): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  const line = (parts: Buffer[]) => {
    const bytes = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
    return bytes.at(-1) === 0x0d ? bytes.subarray(0, -1) : bytes;
  };
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let end = chunk.indexOf(0x0a); end >= 0; end = chunk.indexOf(0x0a, start)) {
      pending.push(chunk.subarray(start, end));
      yield line(pending);
      pending = [];
      start = end + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  if (pending.length) yield line(pending);
}

/** A rule's problem at a line of the file. */
function located(file: string, line: number, problem: RuleProblem): Problem {
  const path = problem.path.join('.');
  return { file, line, code: problem.code, message: problem.message, ...(path ? { path } : {}) };
}

export interface GraphLinesSummary {
  file: string;
  nodes: number;
  relationships: number;
}

/**
 * Checks every line of `file` without writing anything. Ends and evidence sources may be earlier
 * lines or already stored. Throws ValidationError with up to MAX_PROBLEMS located problems. The file
 * is read as a stream (schema, ends, quotes against their SOURCE text, hashes): memory stays flat in
 * the number of relationships, keeping one id → kind entry per node and the text of each source.
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
  const elsewhere = new Map<string, { line: number; path: (string | number)[]; check: (node: GraphNode) => RuleProblem | undefined }[]>();
  const defer = (id: string, line: number, path: (string | number)[], check: (node: GraphNode) => RuleProblem | undefined) => {
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
    const at = (problem: RuleProblem | undefined) => problem && located(file, line, problem);
    if (record.outletGrade) continue;
    if (record.node) {
      const node = record.node;
      nodes++;
      const first = seenNodes.get(node.id);
      if (first) {
        report(at({ code: 'DUPLICATE_ID', path: ['id'], message: `node "${node.id}" is already on line ${first.line}; keep one line per node` }));
        continue;
      }
      seenNodes.set(node.id, { kind: node.kind, line });
      if (node.kind === 'SOURCE') {
        report(at(sourceHashProblem(node.text, node.sha256)));
        sourceTexts.set(node.id, node.text);
      }
      continue;
    }
    const rel = record.relationship;
    relationships++;
    report(...datingProblems(rel).map(at), at(statementSourceProblem(rel)));
    for (const end of ['from', 'to'] as const) {
      const id = rel[end];
      const kind = seenNodes.get(id)?.kind;
      if (kind) report(at(endpointProblem(rel.type, end, id, kind)));
      else defer(id, line, [end], (node) => endpointProblem(rel.type, end, id, node.kind));
    }
    rel.evidence.forEach((item, index) => {
      const within = (problem: RuleProblem | undefined) => problem && { ...problem, path: ['evidence', index, ...problem.path] };
      const text = sourceTexts.get(item.sourceId);
      if (text !== undefined) report(at(within(quoteProblem(text, item))));
      else
        defer(item.sourceId, line, ['evidence', index, 'sourceId'], (node) =>
          node.kind === 'SOURCE' ? within(quoteProblem(node.text, item)) : wrongKindProblem(item.sourceId, node.kind, ['SOURCE'], ['evidence', index, 'sourceId']),
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
        const problem = node ? use.check(node) : unknownIdProblem(id, 'on an earlier line or in the store; put nodes before the relationships that use them', use.path);
        report(problem && located(file, use.line, problem));
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
  /** UpsertOptions.allowShrink, for every chunk. */
  allowShrink?: boolean;
}

/**
 * Validates each file, then loads them. A statement line is a relationship record as its source
 * states it, with its statement id and, unless machine-written, its review; loading it adds that
 * statement to its fact. On Neo4j each chunk of records is one transaction: a load
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
    writing = store.upsert(batch, { allowShrink: options.allowShrink }).then((part) => {
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
      else if (record?.outletGrade) (batch.outletGrades ??= []).push(record.outletGrade);
      if (batch.nodes.length + batch.relationships.length >= chunkRecords) {
        await write(batch);
        batch = { nodes: [], relationships: [] };
      }
    }
    if (batch.nodes.length + batch.relationships.length || batch.outletGrades?.length) await write(batch);
  }
  await writing;
  return report;
}

/**
 * The store as JSON lines, nodes then statements, each in id order and with sorted keys (the same
 * bytes from either store), so export → load → export is
 * identical (statements keep their ids and reviews; facts resolve alike). With `asOf`, the facts
 * some statement holds on that date, each with the statements valid then (none made later). Paged: any size.
 */
export async function* storeLines(store: GraphStore, options: { asOf?: string } = {}): AsyncGenerator<string> {
  for await (const node of allItems((page) => store.listNodes({}, page))) yield `${canonicalJson(node)}\n`;
  // Reliability is held once per outlet, not on any node: one line per graded outlet, after the nodes.
  for (const [outlet, reliability] of await store.outletGrades()) yield `${canonicalJson({ outlet, reliability })}\n`;
  const filter = { reviewStates: ReviewState.options, ...(options.asOf ? { asOf: options.asOf } : {}) };
  for await (const fact of allItems((page) => store.listRelationships(filter, page))) {
    for (const s of fact.statements) {
      const review = s.review.state === 'machine' && !s.review.by ? {} : { review: s.review };
      yield `${canonicalJson({ ...s.claim, statement: s.id, ...review })}\n`;
    }
  }
}

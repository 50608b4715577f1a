// The embedded store on disk: a snapshot and an append-only log, both JSON lines, in the data
// folder. A write appends its changes to the log between a `begin` and a `commit` line and
// fsyncs before it is applied in memory, so a crash leaves either the whole change or (a torn
// tail, cut off at the next open) none of it; nothing is rewritten per write. When the log
// outgrows the snapshot, a new snapshot is written beside the old one (temp file, fsync,
// rename), in chunks that let the server keep answering, and the log starts again.
//
// Why not one JSON file (format 2, rewritten on every write): at 100k commitments that file is
// 200 MB and a chunked load rewrote it per chunk (72 s for 100k, quadratic in the size); at 1M it
// exceeds what one JavaScript string can hold. bench/README.md has the figures.
import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { DomainError } from '../../domain/errors.ts';
import type { GraphNode } from '../../domain/model.ts';
import type { Fact } from '../../domain/statements.ts';
import type { SourceVersion } from '../statement-plan.ts';
import { internFields, Interner } from '../common.ts';

export const SNAPSHOT_FILE = 'store.snapshot.jsonl';
export const LOG_FILE = 'store.log.jsonl';
/** The single JSON file earlier versions wrote; format 2 is read once and carried over. */
export const LEGACY_FILE = 'memory-store.json';
export const FORMAT_VERSION = 3;
/** The log is folded into a new snapshot once it is larger than this and than the snapshot. */
export const MIN_COMPACT_BYTES = 64 * 2 ** 20;
const WRITE_CHUNK_BYTES = 4 * 2 ** 20;

/** One write's changes, applied in this order: reset, removals, then puts. */
export interface ChangeSet {
  reset?: boolean;
  removedNodes: string[];
  removedFacts: string[];
  /** Every version of these sources goes (an unload). */
  removedVersionsOf: string[];
  nodes: GraphNode[];
  facts: Fact[];
  versions: SourceVersion[];
}

export const emptyChangeSet = (): ChangeSet => ({ removedNodes: [], removedFacts: [], removedVersionsOf: [], nodes: [], facts: [], versions: [] });

export interface StoredState {
  version: number;
  changes: ChangeSet[];
}

type Line =
  | { format: number; version: number }
  | { end: number }
  | { begin: number }
  | { commit: number }
  | { reset: true }
  | { node: GraphNode }
  | { fact: Fact }
  | { sourceVersion: SourceVersion }
  | { removeNode: string }
  | { removeFact: string }
  | { removeVersionsOf: string };

/** Fact fields computed from its statements; the rest is the resolved claim. */
const DERIVED = new Set(['statements', 'sourceCount', 'disagreements', 'spans', 'statementSpans', 'disputed']);
/** On disk, the claim of a fact's only statement when it says exactly what the fact says. */
const SAME_AS_FACT = 'fact';

const sameValue = (a: unknown, b: unknown) => a === b || (typeof a === 'object' && a !== null && JSON.stringify(a) === JSON.stringify(b));

/**
 * Most facts have one statement whose claim is the fact itself: written once, not twice (half the
 * bytes to parse at start-up), and read back as one set of values both share (half the memory).
 */
export function packFact(fact: Fact): Fact {
  const statement = fact.statements.length === 1 ? fact.statements[0] : undefined;
  if (!statement) return fact;
  const claim = statement.claim as unknown as Record<string, unknown>;
  const own = Object.keys(fact).filter((k) => !DERIVED.has(k));
  if (own.length !== Object.keys(claim).length || !own.every((k) => sameValue((fact as unknown as Record<string, unknown>)[k], claim[k]))) return fact;
  return { ...fact, statements: [{ ...statement, claim: SAME_AS_FACT as unknown as Fact['statements'][number]['claim'] }] };
}

export function unpackFact(fact: Fact, strings: Interner): Fact {
  internFact(fact, strings);
  const statement = fact.statements.length === 1 ? fact.statements[0] : undefined;
  if ((statement?.claim as unknown) !== SAME_AS_FACT || !statement) return fact;
  const { statements: _s, sourceCount: _c, disagreements: _d, spans: _p, statementSpans: _t, disputed: _u, ...claim } = fact;
  statement.claim = claim as Fact['statements'][number]['claim'];
  return fact;
}

/** Shares the repeated strings of a fact read from disk (a million facts repeat a few thousand ids and dates). */
function internFact(fact: Fact, strings: Interner): void {
  internFields(fact as unknown as Record<string, unknown>, strings);
  for (const evidence of fact.evidence) {
    evidence.sourceId = strings.of(evidence.sourceId);
    if (evidence.attribution) evidence.attribution = strings.of(evidence.attribution);
    if (evidence.speaker) evidence.speaker = strings.of(evidence.speaker);
  }
  for (const statement of fact.statements) {
    statement.sourceId = strings.of(statement.sourceId);
    statement.review.state = strings.of(statement.review.state);
  }
  for (const span of fact.statementSpans) {
    span.sourceId = strings.of(span.sourceId);
    span.review = strings.of(span.review);
    if (span.from) span.from = strings.of(span.from);
    if (span.to) span.to = strings.of(span.to);
  }
  for (const span of fact.spans) {
    if (span.from) span.from = strings.of(span.from);
    if (span.to) span.to = strings.of(span.to);
  }
  if ('conditions' in fact) (fact as { conditions: string[] }).conditions = fact.conditions.map((c) => strings.of(c));
}

function* linesOf(changes: ChangeSet): Generator<Line> {
  if (changes.reset) yield { reset: true };
  for (const id of changes.removedNodes) yield { removeNode: id };
  for (const id of changes.removedFacts) yield { removeFact: id };
  for (const id of changes.removedVersionsOf) yield { removeVersionsOf: id };
  for (const node of changes.nodes) yield { node };
  for (const fact of changes.facts) yield { fact: packFact(fact) };
  for (const sourceVersion of changes.versions) yield { sourceVersion };
}

function addLine(changes: ChangeSet, line: Line, strings: Interner): boolean {
  if ('reset' in line) changes.reset = true;
  else if ('removeNode' in line) changes.removedNodes.push(line.removeNode);
  else if ('removeFact' in line) changes.removedFacts.push(line.removeFact);
  else if ('removeVersionsOf' in line) changes.removedVersionsOf.push(line.removeVersionsOf);
  else if ('node' in line) changes.nodes.push(line.node);
  else if ('fact' in line) changes.facts.push(unpackFact(line.fact, strings));
  else if ('sourceVersion' in line) changes.versions.push(line.sourceVersion);
  else return false;
  return true;
}

/** Lines of a file with the byte offset after each, read in chunks (files may exceed one string). */
function* readLines(file: string): Generator<{ text: string; end: number }> {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(16 * 2 ** 20);
    let carry: Buffer[] = [];
    let offset = 0;
    for (let read; (read = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) {
      let start = 0;
      for (let nl = buffer.indexOf(10, 0); nl !== -1 && nl < read; nl = buffer.indexOf(10, start)) {
        const piece = buffer.subarray(start, nl);
        const text = carry.length ? Buffer.concat([...carry, piece]).toString('utf8') : piece.toString('utf8');
        offset += carry.reduce((n, b) => n + b.length, 0) + piece.length + 1;
        carry = [];
        start = nl + 1;
        yield { text, end: offset };
      }
      if (start < read) carry.push(Buffer.from(buffer.subarray(start, read)));
    }
    // A last line without its newline is a torn write: not yielded.
  } finally {
    closeSync(fd);
  }
}

const parse = (file: string, text: string, lineNo: number): Line => {
  try {
    return JSON.parse(text) as Line;
  } catch (error) {
    throw new DomainError('STORE_FILE_CORRUPT', `${file}:${lineNo} is not readable JSON (${(error as Error).message}); move the data folder away to start empty`, { file, line: lineNo });
  }
};

export class StoreLog {
  private readonly snapshotFile: string;
  private readonly logFile: string;
  private logBytes = 0;
  private snapshotBytes = 0;

  constructor(
    private readonly dir: string,
    private readonly compactBytes = MIN_COMPACT_BYTES,
  ) {
    this.snapshotFile = join(dir, SNAPSHOT_FILE);
    this.logFile = join(dir, LOG_FILE);
  }

  /** What is on disk: the snapshot, then every committed change of the log; a torn tail is cut off. */
  read(): StoredState {
    const legacy = join(this.dir, LEGACY_FILE);
    if (!existsSync(this.snapshotFile) && existsSync(legacy)) return this.readLegacy(legacy);
    const state: StoredState = { version: 0, changes: [] };
    const strings = new Interner();
    if (existsSync(this.snapshotFile)) {
      const snapshot = emptyChangeSet();
      let lineNo = 0;
      let ended = false;
      for (const { text } of readLines(this.snapshotFile)) {
        const line = parse(this.snapshotFile, text, ++lineNo);
        if (lineNo === 1) {
          if (!('format' in line) || line.format !== FORMAT_VERSION) throw formatError(this.snapshotFile, 'format' in line ? line.format : undefined);
          state.version = line.version;
        } else if ('end' in line) ended = true;
        else if (!addLine(snapshot, line, strings)) throw new DomainError('STORE_FILE_CORRUPT', `${this.snapshotFile}:${lineNo} is not a snapshot record`, { file: this.snapshotFile, line: lineNo });
      }
      if (!ended) throw new DomainError('STORE_FILE_CORRUPT', `${this.snapshotFile} ends before its end line; move the data folder away to start empty`, { file: this.snapshotFile });
      state.changes.push(snapshot);
      this.snapshotBytes = statSync(this.snapshotFile).size;
    }
    if (existsSync(this.logFile)) {
      let pending: { version: number; changes: ChangeSet } | undefined;
      let committedBytes = 0;
      let lineNo = 0;
      for (const { text, end } of readLines(this.logFile)) {
        const line = parse(this.logFile, text, ++lineNo);
        if ('begin' in line) pending = { version: line.begin, changes: emptyChangeSet() };
        else if ('commit' in line && pending?.version === line.commit) {
          // A change the snapshot already holds (a crash between snapshot and log reset) is skipped.
          if (pending.version > state.version) {
            state.changes.push(pending.changes);
            state.version = pending.version;
          }
          pending = undefined;
          committedBytes = end;
        } else if (!pending || !addLine(pending.changes, line, strings)) {
          throw new DomainError('STORE_FILE_CORRUPT', `${this.logFile}:${lineNo} is not a log record`, { file: this.logFile, line: lineNo });
        }
      }
      if (statSync(this.logFile).size > committedBytes) {
        // An uncommitted tail: a write that did not finish. It never happened.
        const fd = openSync(this.logFile, 'r+');
        ftruncateSync(fd, committedBytes);
        fsyncSync(fd);
        closeSync(fd);
      }
      this.logBytes = committedBytes;
    }
    return state;
  }

  private readLegacy(file: string): StoredState {
    let persisted: { format: number; version: number; nodes: GraphNode[]; facts: Fact[]; versions: SourceVersion[] };
    try {
      persisted = JSON.parse(readFileSync(file, 'utf8')) as typeof persisted;
    } catch (error) {
      throw new DomainError('STORE_FILE_CORRUPT', `${file} is not readable JSON (${(error as Error).message}); move it away to start empty`, { file });
    }
    if (persisted.format !== 2) throw formatError(file, persisted.format);
    return { version: persisted.version, changes: [{ ...emptyChangeSet(), nodes: persisted.nodes, facts: persisted.facts, versions: persisted.versions }] };
  }

  /** Appends one committed change and makes it durable. */
  append(version: number, changes: ChangeSet): void {
    mkdirSync(this.dir, { recursive: true });
    const fd = openSync(this.logFile, 'a');
    try {
      const start = fstatSync(fd).size;
      try {
        let chunk: string[] = [];
        let bytes = 0;
        const flush = () => {
          if (chunk.length) writeSync(fd, chunk.join(''));
          chunk = [];
          bytes = 0;
        };
        for (const line of [{ begin: version }, ...linesOf(changes), { commit: version }]) {
          const text = `${JSON.stringify(line)}\n`;
          chunk.push(text);
          bytes += text.length;
          if (bytes >= WRITE_CHUNK_BYTES) flush();
        }
        flush();
        fsyncSync(fd);
      } catch (error) {
        // Leave no partial change behind (it would be cut off at the next open anyway).
        ftruncateSync(fd, start);
        throw error;
      }
      this.logBytes = fstatSync(fd).size;
    } finally {
      closeSync(fd);
    }
  }

  /** Whether the log has grown enough that a new snapshot pays off. */
  wantsCompaction(): boolean {
    return this.logBytes > Math.max(this.compactBytes, this.snapshotBytes);
  }

  /**
   * Writes the whole state as a new snapshot and empties the log. Asynchronous and chunked: the
   * caller holds the write lock, so the state does not change meanwhile; reads go on.
   */
  async compact(version: number, state: { nodes: Iterable<GraphNode>; facts: Iterable<Fact>; versions: Iterable<SourceVersion> }): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    const tmp = `${this.snapshotFile}.tmp-${process.pid}`;
    const handle = await open(tmp, 'w');
    try {
      let chunk: string[] = [];
      let bytes = 0;
      const write = async (line: Line, force = false) => {
        const text = `${JSON.stringify(line)}\n`;
        chunk.push(text);
        bytes += text.length;
        if (force || bytes >= WRITE_CHUNK_BYTES) {
          await handle.write(chunk.join(''));
          chunk = [];
          bytes = 0;
        }
      };
      await write({ format: FORMAT_VERSION, version });
      for (const node of state.nodes) await write({ node });
      for (const fact of state.facts) await write({ fact: packFact(fact) });
      for (const sourceVersion of state.versions) await write({ sourceVersion });
      await write({ end: version }, true);
      await handle.sync();
    } finally {
      await handle.close();
    }
    renameSync(tmp, this.snapshotFile);
    // The log's changes are all in the snapshot now (replay skips versions it holds, should a crash come first).
    rmSync(this.logFile, { force: true });
    rmSync(join(this.dir, LEGACY_FILE), { force: true });
    this.logBytes = 0;
    this.snapshotBytes = statSync(this.snapshotFile).size;
  }

  /** Whether the data still sits in an earlier version's single file. */
  isLegacy(): boolean {
    return !existsSync(this.snapshotFile) && existsSync(join(this.dir, LEGACY_FILE));
  }
}

function formatError(file: string, format: number | undefined): DomainError {
  const why =
    format === 1
      ? 'it was written by an earlier version that kept one relationship per source, before facts had statements and sources had versions; it cannot be read as facts without its sources'
      : `this version reads format ${FORMAT_VERSION} (and carries format 2 over)`;
  return new DomainError(
    'STORE_FILE_FORMAT',
    `${file} has format ${format}: ${why}. Move it away (or run \`cgraph reset\`) and load your dossiers and imports again`,
    { file, format, expected: FORMAT_VERSION },
  );
}

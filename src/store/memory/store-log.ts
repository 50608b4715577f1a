// The embedded store on disk: a snapshot (packed JSON lines) and an append-only log (JSON lines) in
// the data folder; a write is appended and fsynced before it is applied in memory, nothing is
// rewritten per write. docs/operations.md "One writer per data folder, and nothing lost" for users.
import { join } from 'node:path';
import { DomainError } from '../../domain/errors.ts';
import type { GraphNode, OutletGrade } from '../../domain/model.ts';
import type { Fact } from '../../domain/statements.ts';
import type { SourceVersion } from '../../domain/source-version.ts';
import { internFields } from '../../domain/repeated-fields.ts';
import { Interner } from '../../lib/interner.ts';
import { PackReader, PackWriter, type PackedTables } from '../../lib/packed-json.ts';
import { fsyncDir, realFs, storeIoError, writeAll, type StoreFs } from './store-fs.ts';

export const SNAPSHOT_FILE = 'store.snapshot.jsonl';
export const LOG_FILE = 'store.log.jsonl';
/** The single JSON file earlier versions wrote; format 2 is read once and carried over. */
export const LEGACY_FILE = 'memory-store.json';
/**
 * 5 packs the snapshot's records against tables of strings and key sets (lib/packed-json.ts): half
 * the bytes of 4 and every string shared as it is read, which halves the time to open (bench/README.md).
 */
export const FORMAT_VERSION = 5;
/** Formats this version reads: 4 only added outlet grades (absent in 3: ungraded); both are carried over to 5 at open. */
const READABLE_FORMATS: readonly number[] = [3, 4, FORMAT_VERSION];
/** Records packed per table line: the table holds what they brought, and precedes them. */
const PACK_CHUNK = 2_000;
/** The log is folded into a new snapshot once it is larger than this and than twice the snapshot (LOG_TO_SNAPSHOT_BYTES). */
export const MIN_COMPACT_BYTES = 64 * 2 ** 20;
const WRITE_CHUNK_BYTES = 4 * 2 ** 20;
/**
 * The packed snapshot holds records in about 0.43× the bytes the log's JSON lines take for the
 * same records (bench/README.md): the log is folded once it holds about as much as the snapshot
 * does, i.e. past this many times the snapshot's bytes, not the first time it outgrows them.
 */
const LOG_TO_SNAPSHOT_BYTES = 2;
/** After a failed compaction, the log grows by this much more before the next try. */
const COMPACTION_RETRY_BYTES = 16 * 2 ** 20;

/** JSON lines gathered into chunks, each written whole (a short write is noticed: writeAll). */
class LineWriter {
  private chunk: string[] = [];
  private bytes = 0;

  constructor(
    private readonly io: StoreFs,
    private readonly fd: number,
  ) {}

  /** Adds a line; true when that wrote a chunk. */
  add(line: Line | PackedLine): boolean {
    const text = `${JSON.stringify(line)}\n`;
    this.chunk.push(text);
    this.bytes += text.length;
    if (this.bytes < WRITE_CHUNK_BYTES) return false;
    this.flush();
    return true;
  }

  flush(): void {
    if (this.chunk.length) writeAll(this.io, this.fd, Buffer.from(this.chunk.join('')));
    this.chunk = [];
    this.bytes = 0;
  }
}

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
  /** Outlets graded (reliability null: ungraded again). */
  outletGrades?: OutletGrade[];
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
  | { removeVersionsOf: string }
  | { outletGrade: OutletGrade }
  /** Format 5: the strings and key sets the packed records after it name. */
  | { table: PackedTables };

/** Snapshot records, each of one kind: in format 5 the value is packed. */
const RECORD_KINDS = ['node', 'fact', 'sourceVersion', 'outletGrade'] as const;
type PackedKind = (typeof RECORD_KINDS)[number];
type PackedLine = Partial<Record<PackedKind, unknown>>;

/** A format 5 snapshot line: a table (kept for the records after it) or a packed record. */
function addPackedLine(changes: ChangeSet, line: Line, tables: PackReader): boolean {
  if ('table' in line) {
    tables.addTables(line.table);
    return true;
  }
  const kind = RECORD_KINDS.find((k) => k in line);
  if (!kind) return false;
  return addLine(changes, { [kind]: tables.unpack((line as PackedLine)[kind]) } as Line, undefined);
}

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

/** `strings`: shares the repeated strings of a fact parsed from plain JSON (a packed one shares them already). */
export function unpackFact(fact: Fact, strings: Interner | undefined): Fact {
  if (strings) internFact(fact, strings);
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
  for (const outletGrade of changes.outletGrades ?? []) yield { outletGrade };
}

function addLine(changes: ChangeSet, line: Line, strings: Interner | undefined): boolean {
  if ('reset' in line) changes.reset = true;
  else if ('removeNode' in line) changes.removedNodes.push(line.removeNode);
  else if ('removeFact' in line) changes.removedFacts.push(line.removeFact);
  else if ('removeVersionsOf' in line) changes.removedVersionsOf.push(line.removeVersionsOf);
  else if ('node' in line) changes.nodes.push(line.node);
  else if ('fact' in line) changes.facts.push(unpackFact(line.fact, strings));
  else if ('sourceVersion' in line) changes.versions.push(line.sourceVersion);
  else if ('outletGrade' in line) (changes.outletGrades ??= []).push(line.outletGrade);
  else return false;
  return true;
}

/** Lines of a file with the byte offset after each, read in chunks (files may exceed one string). */
function* readLines(io: StoreFs, file: string): Generator<{ text: string; end: number }> {
  const fd = io.openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(16 * 2 ** 20);
    let carry: Buffer[] = [];
    let offset = 0;
    for (let read; (read = io.readSync(fd, buffer, 0, buffer.length, null)) > 0; ) {
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
    io.closeSync(fd);
  }
}

const CORRUPT_ADVICE = 'restore the data folder from a backup, or move it away and load your dossiers and imports again (cgraph export of a copy may save what is readable)';

const parseSnapshotLine = (file: string, text: string, lineNo: number): Line => {
  try {
    return JSON.parse(text) as Line;
  } catch (error) {
    throw new DomainError('STORE_FILE_CORRUPT', `${file}:${lineNo} is not readable JSON (${(error as Error).message}); ${CORRUPT_ADVICE}`, { file, line: lineNo });
  }
};

const tryParse = (text: string): Line | undefined => {
  try {
    return JSON.parse(text) as Line;
  } catch {
    return undefined;
  }
};

/** What opening the store cut from the end of its log, and where those bytes were kept. */
export interface LogRecovery {
  file: string;
  /** The first line cut (1-based). */
  line: number;
  cutBytes: number;
  /** A torn (unfinished) write, or a record that could not be read. */
  reason: 'torn' | 'unreadable';
  keptIn: string;
}

export interface StoreLogOptions {
  /** Fold the log into a snapshot once it is over this many bytes (and over the snapshot). */
  compactBytes?: number;
  /** Only read: never cut a log tail, never remove a file (every process but the lock's holder). */
  readOnly?: boolean;
  /** The file-system calls (tests wrap them to inject faults). */
  io?: StoreFs;
}

/** A file as one look sees it: a reader reads again when the holder replaced or cut one meanwhile. */
type FileMark = { ino: number; size: number; mtimeMs: number } | undefined;

const fileMark = (io: StoreFs, file: string): FileMark => {
  if (!io.existsSync(file)) return undefined;
  const { ino, size, mtimeMs } = io.statSync(file);
  return { ino, size, mtimeMs };
};

const sameFile = (a: FileMark, b: FileMark) => a?.ino === b?.ino && a?.size === b?.size && a?.mtimeMs === b?.mtimeMs;
/** The same log, at most grown: what was committed when it was read still stands. */
const sameOrGrown = (before: FileMark, now: FileMark) => sameFile(before, now) || (!!before && !!now && before.ino === now.ino && now.size >= before.size);

/**
 * A write appends its changes to the log between a `begin` and a `commit` line and fsyncs before it
 * is applied in memory, so a crash leaves either the whole change or (a torn tail, cut off at the
 * next open) none of it. When the log outgrows the snapshot, a new snapshot is written beside the old
 * one (temp file, fsync, rename), in chunks that let the server keep answering, and the log starts
 * again.
 *
 * Why not one JSON file (format 2, rewritten on every write): at 100k commitments that file is
 * 200 MB and a chunked load rewrote it per chunk (72 s for 100k, quadratic in the size); at 1M it
 * exceeds what one JavaScript string can hold. bench/README.md has the figures.
 */
export class StoreLog {
  private readonly snapshotFile: string;
  private readonly logFile: string;
  private readonly io: StoreFs;
  private readonly readOnly: boolean;
  private readonly compactBytes: number;
  private logBytes = 0;
  private snapshotBytes = 0;
  /** Log bytes before which a compaction that failed is not tried again. */
  private retryAt = 0;
  /** Where a failed append could not be cut back to: cut before the next one, or refuse it. */
  private dirtyFrom: number | undefined;
  /** What the last read() cut from a torn or unreadable log tail. */
  recovery: LogRecovery | undefined;
  /** The format of the snapshot the last read() read (none: no snapshot). */
  private snapshotFormat: number | undefined;

  constructor(
    private readonly dir: string,
    options: StoreLogOptions = {},
  ) {
    this.snapshotFile = join(dir, SNAPSHOT_FILE);
    this.logFile = join(dir, LOG_FILE);
    this.io = options.io ?? realFs;
    this.readOnly = options.readOnly ?? false;
    this.compactBytes = options.compactBytes ?? MIN_COMPACT_BYTES;
  }

  /**
   * What is on disk: the snapshot, then every committed change of the log. The holder cuts a torn
   * or unreadable tail (keeping its bytes beside the log) and removes temp files a crash left; a
   * reader stops at the last commit and reads again if the holder replaced a file meanwhile.
   */
  read(): StoredState {
    for (let attempt = 1; ; attempt++) {
      if (!this.readOnly) return this.readOnce();
      const snapshotBefore = fileMark(this.io, this.snapshotFile);
      const logBefore = fileMark(this.io, this.logFile);
      let state: StoredState;
      try {
        state = this.readOnce();
      } catch (error) {
        // The holder removed the log or replaced the snapshot between a look and an open: read again.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' && attempt < 20) continue;
        throw error;
      }
      // The log may grow while it is read; a new snapshot or a cut or replaced log means read again.
      if ((sameFile(snapshotBefore, fileMark(this.io, this.snapshotFile)) && sameOrGrown(logBefore, fileMark(this.io, this.logFile))) || attempt >= 20) return state;
    }
  }

  private readOnce(): StoredState {
    const io = this.io;
    if (io.existsSync(this.dir) && !io.statSync(this.dir).isDirectory()) throw storeIoError(Object.assign(new Error('not a directory'), { code: 'ENOTDIR' }), 'opening the store', this.dir);
    if (!this.readOnly) this.removeTempFiles();
    const legacy = join(this.dir, LEGACY_FILE);
    if (!io.existsSync(this.snapshotFile) && io.existsSync(legacy)) return this.readLegacy(legacy);
    const state: StoredState = { version: 0, changes: [] };
    const strings = new Interner();
    if (io.existsSync(this.snapshotFile)) {
      const snapshot = emptyChangeSet();
      let lineNo = 0;
      let ended = false;
      let tables: PackReader | undefined;
      for (const { text } of readLines(io, this.snapshotFile)) {
        const line = parseSnapshotLine(this.snapshotFile, text, ++lineNo);
        if (lineNo === 1) {
          if (!('format' in line) || !READABLE_FORMATS.includes(line.format)) throw formatError(this.snapshotFile, 'format' in line ? line.format : undefined);
          state.version = line.version;
          this.snapshotFormat = line.format;
          if (line.format === FORMAT_VERSION) tables = new PackReader();
        } else if ('end' in line) ended = true;
        else if (!this.addSnapshotLine(snapshot, line, tables, strings, lineNo)) throw new DomainError('STORE_FILE_CORRUPT', `${this.snapshotFile}:${lineNo} is not a snapshot record; ${CORRUPT_ADVICE}`, { file: this.snapshotFile, line: lineNo });
      }
      if (!ended) throw new DomainError('STORE_FILE_CORRUPT', `${this.snapshotFile} ends before its end line; ${CORRUPT_ADVICE}`, { file: this.snapshotFile });
      state.changes.push(snapshot);
      this.snapshotBytes = io.statSync(this.snapshotFile).size;
    }
    if (io.existsSync(this.logFile)) {
      let pending: { version: number; changes: ChangeSet } | undefined;
      let committedBytes = 0;
      let committedLines = 0;
      let lineNo = 0;
      let unreadable = false;
      for (const { text, end } of readLines(io, this.logFile)) {
        const line = tryParse(text);
        lineNo++;
        if (line && 'begin' in line) pending = { version: line.begin, changes: emptyChangeSet() };
        else if (line && 'commit' in line && pending?.version === line.commit) {
          // A change the snapshot already holds (a crash between snapshot and log reset) is skipped.
          if (pending.version > state.version) {
            state.changes.push(pending.changes);
            state.version = pending.version;
          }
          pending = undefined;
          committedBytes = end;
          committedLines = lineNo;
        } else if (!line || !pending || !addLine(pending.changes, line, strings)) {
          // Nothing after a record that cannot be read is trusted: the store stands at the last commit before it.
          unreadable = true;
          break;
        }
      }
      const size = io.statSync(this.logFile).size;
      if (size > committedBytes && !this.readOnly) this.cutTail(committedBytes, size, committedLines + 1, unreadable ? 'unreadable' : 'torn');
      this.logBytes = committedBytes;
    }
    return state;
  }

  /** A record of the snapshot; a packed one that names no known string or key set is corrupt. */
  private addSnapshotLine(snapshot: ChangeSet, line: Line, tables: PackReader | undefined, strings: Interner, lineNo: number): boolean {
    if (!tables) return addLine(snapshot, line, strings);
    try {
      return addPackedLine(snapshot, line, tables);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      throw new DomainError('STORE_FILE_CORRUPT', `${this.snapshotFile}:${lineNo} is not a readable packed record (${error.message}); ${CORRUPT_ADVICE}`, { file: this.snapshotFile, line: lineNo });
    }
  }

  /** Keeps the bytes after the last commit in a file of their own, then cuts the log back to that commit. */
  private cutTail(committedBytes: number, size: number, line: number, reason: LogRecovery['reason']): void {
    const io = this.io;
    const keptIn = join(this.dir, `store.log.cut-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`);
    try {
      const fd = io.openSync(this.logFile, 'r+');
      try {
        // Only the tail is read: the log before it may be far larger than one buffer.
        const tail = Buffer.alloc(size - committedBytes);
        for (let at = 0, read; at < tail.length; at += read) {
          read = io.readSync(fd, tail, at, tail.length - at, committedBytes + at);
          if (read <= 0) throw Object.assign(new Error(`${this.logFile} ended while its tail was read`), { code: 'EIO' });
        }
        const out = io.openSync(keptIn, 'w');
        try {
          writeAll(io, out, tail);
          io.fsyncSync(out);
        } finally {
          io.closeSync(out);
        }
        io.ftruncateSync(fd, committedBytes);
        io.fsyncSync(fd);
      } finally {
        io.closeSync(fd);
      }
      fsyncDir(io, this.dir);
    } catch (error) {
      throw storeIoError(error, 'cutting an unfinished write from the log', this.logFile);
    }
    this.recovery = { file: this.logFile, line, cutBytes: size - committedBytes, reason, keptIn };
  }

  /** Temp files a crash or a failed compaction left behind (only the holder removes them). */
  private removeTempFiles(): void {
    if (!this.io.existsSync(this.dir)) return;
    const leftovers = this.io.readdirSync(this.dir).filter((name) => name.startsWith(`${SNAPSHOT_FILE}.tmp-`));
    for (const name of leftovers) this.io.rmSync(join(this.dir, name), { force: true });
    if (leftovers.length) fsyncDir(this.io, this.dir);
  }

  private readLegacy(file: string): StoredState {
    let persisted: { format: number; version: number; nodes: GraphNode[]; facts: Fact[]; versions: SourceVersion[] };
    try {
      persisted = JSON.parse(this.io.readFileSync(file).toString('utf8')) as typeof persisted;
    } catch (error) {
      throw new DomainError('STORE_FILE_CORRUPT', `${file} is not readable JSON (${(error as Error).message}); ${CORRUPT_ADVICE}`, { file });
    }
    if (persisted.format !== 2) throw formatError(file, persisted.format);
    return { version: persisted.version, changes: [{ ...emptyChangeSet(), nodes: persisted.nodes, facts: persisted.facts, versions: persisted.versions }] };
  }

  /**
   * Appends one committed change and makes it durable, or fails with STORE_DISK_FULL or
   * STORE_UNWRITABLE having cut the log back to its last commit (nothing of the change stays).
   */
  append(version: number, changes: ChangeSet): void {
    if (this.readOnly) throw new DomainError('STORE_READ_ONLY', `${this.dir} is open read-only (another process holds its lock); this write is a bug of the caller`);
    const io = this.io;
    try {
      io.mkdirSync(this.dir, { recursive: true });
    } catch (error) {
      throw storeIoError(error, 'creating the data folder', this.dir);
    }
    const created = !io.existsSync(this.logFile);
    let fd: number;
    try {
      fd = io.openSync(this.logFile, 'a');
    } catch (error) {
      throw storeIoError(error, 'opening the log', this.logFile);
    }
    try {
      if (this.dirtyFrom !== undefined) this.cutBack(fd, this.dirtyFrom);
      const start = io.fstatSync(fd).size;
      try {
        const out = new LineWriter(io, fd);
        for (const line of [{ begin: version }, ...linesOf(changes), { commit: version }]) out.add(line);
        out.flush();
        io.fsyncSync(fd);
        if (created) fsyncDir(io, this.dir);
      } catch (error) {
        // Leave no partial change behind: cut back to the last commit, or remember to before the next write.
        try {
          this.cutBack(fd, start);
        } catch {
          this.dirtyFrom = start;
        }
        throw storeIoError(error, 'writing the log', this.logFile);
      }
      this.logBytes = io.fstatSync(fd).size;
    } finally {
      io.closeSync(fd);
    }
  }

  private cutBack(fd: number, to: number): void {
    this.io.ftruncateSync(fd, to);
    this.io.fsyncSync(fd);
    this.dirtyFrom = undefined;
  }

  /** Whether the log has grown enough that a new snapshot pays off (after a failed one, grown that much more). */
  wantsCompaction(): boolean {
    return !this.readOnly && this.logBytes > Math.max(this.compactBytes, LOG_TO_SNAPSHOT_BYTES * this.snapshotBytes) && this.logBytes >= this.retryAt;
  }

  /**
   * Writes the whole state as a new snapshot and empties the log. Asynchronous and chunked: the
   * caller holds the write lock, so the state does not change meanwhile; reads go on. On a failure
   * its temp file is removed and the log is left as it was (every committed change stays there).
   */
  async compact(version: number, state: { nodes: Iterable<GraphNode>; facts: Iterable<Fact>; versions: Iterable<SourceVersion>; outletGrades?: Iterable<OutletGrade> }): Promise<void> {
    try {
      await this.fold(version, state);
      this.retryAt = 0;
    } catch (error) {
      this.retryAt = this.logBytes + COMPACTION_RETRY_BYTES;
      throw error;
    }
  }

  private async fold(version: number, state: { nodes: Iterable<GraphNode>; facts: Iterable<Fact>; versions: Iterable<SourceVersion>; outletGrades?: Iterable<OutletGrade> }): Promise<void> {
    const io = this.io;
    const tmp = `${this.snapshotFile}.tmp-${process.pid}`;
    try {
      io.mkdirSync(this.dir, { recursive: true });
      const fd = io.openSync(tmp, 'w');
      try {
        const out = new LineWriter(io, fd);
        // Between chunks the server answers requests.
        const write = async (line: Line | PackedLine) => {
          if (out.add(line)) await new Promise((resolve) => setImmediate(resolve));
        };
        await write({ format: FORMAT_VERSION, version });
        // Records are packed a chunk at a time; the strings and key sets new in a chunk go before it.
        const packer = new PackWriter();
        let chunk: PackedLine[] = [];
        const flushChunk = async () => {
          const table = packer.takeTables();
          if (table.strings.length || table.shapes.length) await write({ table });
          for (const line of chunk) await write(line);
          chunk = [];
        };
        const record = async (kind: PackedKind, value: unknown) => {
          chunk.push({ [kind]: packer.pack(value) });
          if (chunk.length >= PACK_CHUNK) await flushChunk();
        };
        for (const node of state.nodes) await record('node', node);
        for (const fact of state.facts) await record('fact', packFact(fact));
        for (const sourceVersion of state.versions) await record('sourceVersion', sourceVersion);
        for (const outletGrade of state.outletGrades ?? []) await record('outletGrade', outletGrade);
        await flushChunk();
        out.add({ end: version });
        out.flush();
        io.fsyncSync(fd);
      } finally {
        io.closeSync(fd);
      }
      io.renameSync(tmp, this.snapshotFile);
      fsyncDir(io, this.dir);
    } catch (error) {
      try {
        io.rmSync(tmp, { force: true });
      } catch {
        // The holder removes it when it next opens the folder.
      }
      throw storeIoError(error, 'writing a new snapshot', tmp);
    }
    this.snapshotBytes = io.statSync(this.snapshotFile).size;
    // The log's changes are all in the snapshot now (replay skips versions it holds, should a crash come first).
    try {
      io.rmSync(this.logFile, { force: true });
      io.rmSync(join(this.dir, LEGACY_FILE), { force: true });
      fsyncDir(io, this.dir);
      this.logBytes = 0;
    } catch (error) {
      throw storeIoError(error, 'removing the log folded into the snapshot', this.logFile);
    }
  }

  /** Whether the snapshot last read is of an earlier format, to be written again in this one (the holder only). */
  wantsCarryOver(): boolean {
    return !this.readOnly && this.snapshotFormat !== undefined && this.snapshotFormat < FORMAT_VERSION;
  }

  /** Whether the data still sits in an earlier version's single file. */
  isLegacy(): boolean {
    return !this.io.existsSync(this.snapshotFile) && this.io.existsSync(join(this.dir, LEGACY_FILE));
  }
}

function formatError(file: string, format: number | undefined): DomainError {
  if (typeof format === 'number' && format > FORMAT_VERSION) {
    return new DomainError(
      'STORE_FILE_FORMAT',
      `${file} has format ${format}, written by a newer version of commitment-graph than this one (it reads format ${FORMAT_VERSION}): upgrade this program to read it; the data is left as it is`,
      { file, format, expected: FORMAT_VERSION },
    );
  }
  const why =
    format === 1
      ? 'it was written by an earlier version that kept one relationship per source, before facts had statements and sources had versions; it cannot be read as facts without its sources'
      : `this version reads format ${FORMAT_VERSION} (and carries formats 2 to 4 over)`;
  return new DomainError(
    'STORE_FILE_FORMAT',
    `${file} has format ${format}: ${why}. Move it away (or run \`cgraph reset\`) and load your dossiers and imports again`,
    { file, format, expected: FORMAT_VERSION },
  );
}

// One writer per data folder: a lock file created exclusively, naming its holder (pid, host,
// command, start time and, for the API, where it listens).
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, linkSync, openSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync, writeSync, fsyncSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DomainError } from '../../domain/errors.ts';
import { storeIoError } from './store-fs.ts';

export const LOCK_FILE = 'store.lock';

export interface LockHolder {
  pid: number;
  host: string;
  /** What holds it: `serve` for the API, else the CLI command (`cgraph load …`). */
  command: string;
  startedAt: string;
  /** The process's start time as the kernel counts it (Linux), so a reused pid is not taken for the holder. */
  processStart?: string;
  /** Where the API that holds it listens (GraphQL endpoint), once it does. */
  url?: string;
}

/** The kernel's start time of a process (clock ticks since boot), where /proc tells it. */
function processStartOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22, counted after the command name (which may hold spaces) closes with ")".
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/**
 * Whether the holder still runs: on another host it cannot be told, so it is taken as running. A
 * holder is judged alive from its process (it exists and started when the lock says), never from the
 * file's age: a holder whose event loop is busy for minutes keeps its lock.
 */
export function holderRuns(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const started = processStartOf(holder.pid);
  return !holder.processStart || !started || started === holder.processStart;
}

export const describeHolder = (h: LockHolder) => `pid ${h.pid} on ${h.host} (${h.command}, since ${h.startedAt}${h.url ? `, serving ${h.url}` : ''})`;

export function readHolder(dir: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as LockHolder;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    // Created but not yet written (the holder is between open and write): held, holder unknown.
    if (error instanceof SyntaxError) return { pid: 0, host: 'unknown', command: 'unknown (the lock is being written)', startedAt: '' };
    throw storeIoError(error, 'reading the lock', join(dir, LOCK_FILE));
  }
}

export interface AcquireOptions {
  command: string;
  /** How long to wait for another holder; 0 refuses at once. */
  waitMs?: number;
  /** Told once, when the lock is held by someone else and waiting starts. */
  onWait?: (holder: LockHolder) => void;
}

export class DataFolderLock {
  private released = false;

  private constructor(
    readonly dir: string,
    private holder: LockHolder,
    /** The folder did not exist before this lock: a writer that wrote nothing leaves nothing. */
    private readonly createdDir: boolean,
  ) {}

  get file(): string {
    return join(this.dir, LOCK_FILE);
  }

  /** Takes the lock, waiting up to `waitMs` for a running holder; a holder that no longer runs is replaced. */
  static async acquire(dir: string, options: AcquireOptions): Promise<DataFolderLock> {
    const createdDir = !existsSync(dir);
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw storeIoError(error, 'creating the data folder', dir);
    }
    const holder: LockHolder = { pid: process.pid, host: hostname(), command: options.command, startedAt: new Date().toISOString(), processStart: processStartOf(process.pid) };
    const deadline = Date.now() + (options.waitMs ?? 0);
    let told = false;
    for (;;) {
      if (tryCreate(dir, holder)) return new DataFolderLock(dir, holder, createdDir);
      const current = readHolder(dir);
      if (current && current.pid !== 0 && !holderRuns(current)) {
        removeStale(dir, current);
        continue;
      }
      if (current && current.pid === process.pid && current.host === holder.host) {
        throw new DomainError('STORE_LOCKED', `${dir} is already held by this process (${current.command})`, { dir, holder: current });
      }
      // An API holds the folder for its life: waiting for it would not end; its writes go through it.
      if (current?.url || Date.now() >= deadline) throw lockedError(dir, current);
      if (!told && current) options.onWait?.(current);
      told = true;
      await sleep(Math.min(200, Math.max(1, deadline - Date.now())));
    }
  }

  /** Says where the API holding the lock listens, so writing commands can send their writes there. */
  announce(url: string): void {
    this.holder = { ...this.holder, url };
    const tmp = `${this.file}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify(this.holder));
    renameSync(tmp, this.file);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    const current = readHolder(this.dir);
    if (current?.pid === process.pid && current.host === this.holder.host) rmSync(this.file, { force: true });
    if (this.createdDir) {
      try {
        rmdirSync(this.dir); // only when empty: a refused first load leaves no folder behind
      } catch {
        // It holds data (or another writer's lock) now: it stays.
      }
    }
  }
}

function tryCreate(dir: string, holder: LockHolder, again = true): boolean {
  let fd: number;
  try {
    fd = openSync(join(dir, LOCK_FILE), 'wx');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code === 'ENOENT' && again) {
      // The holder before us created the folder, wrote nothing and removed it: make it again.
      mkdirSync(dir, { recursive: true });
      return tryCreate(dir, holder, false);
    }
    throw storeIoError(error, 'taking the lock', join(dir, LOCK_FILE));
  }
  try {
    writeSync(fd, JSON.stringify(holder));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Removes a lock whose holder no longer runs. Moved aside first (only one remover wins the
 * rename); if what was moved is not the stale lock judged (a new holder took it meanwhile), it is
 * put back.
 */
function removeStale(dir: string, stale: LockHolder): void {
  const file = join(dir, LOCK_FILE);
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw storeIoError(error, 'removing a stale lock', file);
  }
  let moved: LockHolder | undefined;
  try {
    moved = JSON.parse(readFileSync(aside, 'utf8')) as LockHolder;
  } catch {
    moved = undefined;
  }
  if (moved && (moved.pid !== stale.pid || moved.startedAt !== stale.startedAt)) {
    try {
      linkSync(aside, file);
    } catch {
      // Someone holds it again already; theirs stands.
    }
  }
  rmSync(aside, { force: true });
}

export function lockedError(dir: string, holder: LockHolder | undefined): DomainError {
  const who = holder ? describeHolder(holder) : 'another process';
  const advice = holder?.url
    ? `an API serves this folder: set CGRAPH_API_KEY to one of its keys (CGRAPH_API_KEYS) and the command sends its write through ${holder.url}, or stop the API`
    : holder && holder.host !== hostname()
      ? `wait for it to finish (--wait-s), or, if that machine no longer runs it, remove ${join(dir, LOCK_FILE)}`
      : 'wait for it to finish (--wait-s sets how long this command waits), or stop it';
  return new DomainError('STORE_LOCKED', `${dir} is locked by ${who}; ${advice}`, { dir, holder });
}

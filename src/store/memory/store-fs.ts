// The file-system calls of the embedded store, in one object: the store's I/O goes only through
// it, so tests put a fault-injecting layer around the real calls (a disk that fills, a rename
// that fails) without a special mount, and every failure is translated to a coded error here.
import * as fs from 'node:fs';
import { dirname } from 'node:path';
import { DomainError } from '../../domain/errors.ts';

export interface StoreFs {
  openSync: typeof fs.openSync;
  closeSync: typeof fs.closeSync;
  readSync: typeof fs.readSync;
  writeSync: (fd: number, buffer: Uint8Array, offset: number, length: number) => number;
  fsyncSync: typeof fs.fsyncSync;
  ftruncateSync: typeof fs.ftruncateSync;
  fstatSync: (fd: number) => fs.Stats;
  statSync: (path: string) => fs.Stats;
  existsSync: typeof fs.existsSync;
  mkdirSync: (path: string, options: { recursive: true }) => void;
  renameSync: typeof fs.renameSync;
  rmSync: (path: string, options?: { force?: boolean }) => void;
  readdirSync: (path: string) => string[];
  readFileSync: (path: string) => Buffer;
  linkSync: typeof fs.linkSync;
}

export const realFs: StoreFs = {
  openSync: fs.openSync,
  closeSync: fs.closeSync,
  readSync: fs.readSync,
  writeSync: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length),
  fsyncSync: fs.fsyncSync,
  ftruncateSync: fs.ftruncateSync,
  fstatSync: (fd) => fs.fstatSync(fd),
  statSync: (path) => fs.statSync(path),
  existsSync: fs.existsSync,
  mkdirSync: (path, options) => void fs.mkdirSync(path, options),
  renameSync: fs.renameSync,
  rmSync: (path, options) => fs.rmSync(path, options),
  readdirSync: (path) => fs.readdirSync(path),
  readFileSync: (path) => fs.readFileSync(path),
  linkSync: fs.linkSync,
};

/** Writes every byte (writeSync may write fewer than asked; a disk that fills writes none). */
export function writeAll(io: StoreFs, fd: number, buffer: Uint8Array): void {
  let offset = 0;
  while (offset < buffer.length) {
    const written = io.writeSync(fd, buffer, offset, buffer.length - offset);
    if (written <= 0) throw Object.assign(new Error('no bytes written (the disk is probably full)'), { code: 'ENOSPC' });
    offset += written;
  }
}

/** Makes a rename or removal in `dir` durable (the entry, not only the file's bytes). */
export function fsyncDir(io: StoreFs, dir: string): void {
  const fd = io.openSync(dir, 'r');
  try {
    io.fsyncSync(fd);
  } finally {
    io.closeSync(fd);
  }
}

export const fsyncParent = (io: StoreFs, file: string) => fsyncDir(io, dirname(file));

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);
/** How long a client should wait before trying a write again after the disk filled or a file was unwritable. */
export const RETRY_AFTER_SECONDS = 30;

/** A file-system failure as the store reports it: what failed, where, and what to do. */
export function storeIoError(error: unknown, what: string, path: string): DomainError {
  if (error instanceof DomainError) return error;
  const code = (error as NodeJS.ErrnoException)?.code ?? 'EIO';
  const reason = (error as Error)?.message ?? String(error);
  if (DISK_FULL.has(code)) {
    return new DomainError('STORE_DISK_FULL', `${what} failed: the disk holding ${path} is full (${code}); nothing of this write was kept. Free some space and try again`, {
      path,
      errno: code,
      retryAfterSeconds: RETRY_AFTER_SECONDS,
    });
  }
  const advice =
    code === 'ENOTDIR' || code === 'EEXIST'
      ? 'a file stands where the data folder should be: set CGRAPH_DATA_DIR to a folder'
      : code === 'EROFS'
        ? 'the file system is read-only: set CGRAPH_DATA_DIR to a writable folder'
        : code === 'EACCES' || code === 'EPERM'
          ? 'this user may not write there: fix its permissions or set CGRAPH_DATA_DIR to a folder you own'
          : 'check the disk and the folder, then try again';
  return new DomainError('STORE_UNWRITABLE', `${what} failed at ${path} (${code}: ${reason}); ${advice}`, { path, errno: code, retryAfterSeconds: RETRY_AFTER_SECONDS });
}

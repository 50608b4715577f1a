// A fault-injecting layer around the real file-system calls of the embedded store's I/O module
// (src/store/memory/store-fs.ts): a disk that fills after so many bytes, calls that fail with a
// given code. Tests get a hostile disk without a special mount.
import { realFs, type StoreFs } from '../../src/store/memory/store-fs.ts';

const errno = (code: string, call: string) => Object.assign(new Error(`${code}: injected failure of ${call}`), { code });

export class FaultyFs {
  /** Bytes that may still be written; undefined: as many as the real disk takes. */
  spaceLeft: number | undefined;
  /** Calls (by name) that fail with this code, optionally only for paths containing `pathPart`. */
  private failing = new Map<string, { code: string; pathPart?: string }>();
  readonly fs: StoreFs;
  /** Called before each real call, with its name and its path or descriptor (for races). */
  onCall: ((call: string, target: unknown) => void) | undefined;

  constructor() {
    const guarded = <K extends keyof StoreFs>(name: K): StoreFs[K] =>
      ((...args: unknown[]) => {
        this.onCall?.(name, args[0]);
        const failure = this.failing.get(name);
        if (failure && (!failure.pathPart || String(args[0]).includes(failure.pathPart))) throw errno(failure.code, name);
        return (realFs[name] as (...a: unknown[]) => unknown)(...args);
      }) as StoreFs[K];
    const fs = Object.fromEntries(Object.keys(realFs).map((name) => [name, guarded(name as keyof StoreFs)])) as unknown as StoreFs;
    fs.writeSync = (fd, buffer, offset, length) => {
      this.onCall?.('writeSync', fd);
      const failure = this.failing.get('writeSync');
      if (failure) throw errno(failure.code, 'writeSync');
      if (this.spaceLeft === undefined) return realFs.writeSync(fd, buffer, offset, length);
      // A filling disk writes what fits, then nothing: the short write the store must notice.
      const fits = Math.min(length, this.spaceLeft);
      if (fits === 0) throw errno('ENOSPC', 'writeSync');
      const written = realFs.writeSync(fd, buffer, offset, fits);
      this.spaceLeft -= written;
      return written;
    };
    this.fs = fs;
  }

  fail(call: keyof StoreFs, code: string, pathPart?: string): this {
    this.failing.set(call, { code, pathPart });
    return this;
  }

  heal(): this {
    this.failing.clear();
    this.spaceLeft = undefined;
    return this;
  }
}

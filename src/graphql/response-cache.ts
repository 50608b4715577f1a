// Repeated dashboard queries answered from memory, kept under their query, variables and the graph
// version they were computed at. The cache is bounded (entries, LRU) and answers with errors (an
// analysis still running, a bad argument) are never kept.
import { createInMemoryCache, hashSHA256, useResponseCache } from '@graphql-yoga/plugin-response-cache';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { DEFAULT_VERSION_POLL_MS } from '../config.ts';

export const DEFAULT_RESPONSE_CACHE_ENTRIES = 5000;

/**
 * The graph version as this process last saw it: polled every `pollMs` (100 ms by default), and
 * read again at once after this process writes. A write by another process (a CLI load, a second
 * API) is therefore seen at most pollMs plus one version read later: until then, a cached answer
 * may be that stale, never more.
 */
export class VersionClock {
  private version: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> | undefined;
  /** Writes heard since the clock started: a read begun before one may return the version before it. */
  private heardCount = 0;
  /** When the version was last read (ms since the epoch); a cached answer is at most this old plus pollMs. */
  lastReadAt = 0;

  constructor(
    private readonly read: () => Promise<string>,
    readonly pollMs = DEFAULT_VERSION_POLL_MS,
    private readonly logger?: Logger,
  ) {}

  /** Reads the version now and then every pollMs; resolves after the first read. */
  async start(): Promise<void> {
    await this.refresh();
    this.timer ??= setInterval(() => void this.refresh(), this.pollMs);
    this.timer.unref();
  }

  /** The version last read; undefined before the first read or after a failed one (nothing is cached then). */
  current(): string | undefined {
    return this.version;
  }

  /**
   * This process's store committed a write that made `version`. Heard before the write's live
   * events go out, so that a client answering an event is never served an answer cached before it.
   */
  heard(version: string): void {
    this.heardCount++;
    this.version = version;
    this.lastReadAt = Date.now();
  }

  /** Reads the version again (after a write by this process, before it answers). One read at a time. */
  refresh(): Promise<void> {
    const heardBefore = this.heardCount;
    this.reading ??= this.read()
      .then(
        (version) => {
          // A write heard meanwhile is newer than what this read may have seen.
          if (this.heardCount !== heardBefore) return;
          this.version = version;
          this.lastReadAt = Date.now();
        },
        (error: unknown) => {
          // The store is unreachable: cache nothing until it answers again.
          this.version = undefined;
          this.logger?.warn({ err: error }, 'could not read the graph version; the response cache is off until it can');
        },
      )
      .finally(() => (this.reading = undefined));
    return this.reading;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** The yoga plugin: a public cache (answers do not depend on the caller; mutations are never cached) keyed by the version. */
export function versionedResponseCache(clock: VersionClock, maxEntries = DEFAULT_RESPONSE_CACHE_ENTRIES): Plugin {
  return useResponseCache({
    session: () => null,
    cache: createInMemoryCache({ max: maxEntries }),
    // Kept until the version moves (the key changes) or the LRU drops it.
    ttl: Number.POSITIVE_INFINITY,
    invalidateViaMutation: false,
    enabled: () => clock.current() !== undefined,
    buildResponseCacheKey: ({ documentString, variableValues, operationName }) =>
      hashSHA256([clock.current(), documentString, operationName ?? '', JSON.stringify(variableValues ?? {})].join('\u0000')),
  });
}

// What every command shares: configuration, opening and closing the store, printing results
// and errors, and mapping failures to exit codes scripts can rely on.
import { createInterface } from 'node:readline/promises';
import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { SingleBar } from 'cli-progress';
import { InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { DomainError, formatProblem, OptionError, UNAVAILABLE_CODES, ValidationError } from '../domain/errors.ts';
import { buildGraph, type CommitmentGraph } from '../analysis/graph-view.ts';
import type { GraphStore } from '../store/graph-store.ts';
import { openStore } from '../store/open-store.ts';
import { describeHolder, type LockHolder } from '../store/memory/data-lock.ts';
import { ApiWriter } from './api-writer.ts';

export const EXIT = {
  OK: 0,
  /** The input is invalid: validation problems, unknown ids, bad arguments' values. An empty answer is not: it is OK. */
  INVALID: 1,
  /** The command line itself is wrong (unknown command or option). */
  USAGE: 2,
  /** The store or the configuration is unusable (Neo4j down, bad settings). */
  UNAVAILABLE: 3,
  /** A bug: an error nobody expected. */
  INTERNAL: 4,
} as const;

/** Streams lines to `file` (or standard output), waiting for drains, so memory stays flat at any size. */
export async function writeLines(file: string | undefined, lines: Iterable<string> | AsyncIterable<string>): Promise<number> {
  if (file) mkdirSync(dirname(file), { recursive: true });
  const out = file ? createWriteStream(file) : process.stdout;
  let count = 0;
  for await (const line of lines) {
    count++;
    if (!out.write(line)) await once(out, 'drain');
  }
  if (file) {
    out.end();
    await once(out, 'finish');
  }
  return count;
}

/** A commander option parser for a whole number from 1 to `max` (commander names the option; exit 2). */
export const wholeNumber = (max: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`it must be a whole number from 1 to ${max}.`);
  return n;
};

/** The command line is wrong in a way commander cannot see (an argument's value): exit 2. */
export class UsageError extends DomainError {
  constructor(message: string) {
    super('BAD_OPTION', message);
    this.name = 'UsageError';
  }
}
export const usageError = (message: string) => new UsageError(message);

/** An option as the command line spells it: maxLength → --max-length. */
export const flagName = (option: string) => `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

export interface Output {
  json: boolean;
}

export function print(output: Output, human: string, data: unknown): void {
  process.stdout.write(output.json ? `${JSON.stringify(data, null, 2)}\n` : `${human}\n`);
}

/**
 * An empty answer (no path, nothing matches, nothing listed): not invalid input, so the exit code
 * stays 0. The person reads why on stderr; with --json the script reads the empty value on stdout.
 */
export function printEmpty(output: Output, message: string, empty: unknown = []): void {
  process.stderr.write(`${message}\n`);
  if (output.json) process.stdout.write(`${JSON.stringify(empty, null, 2)}\n`);
}

const warn = (message: string) => process.stderr.write(`cgraph: warning: ${message}\n`);

/**
 * Runs a reading command with the configured store. The embedded store opens read-only: the
 * last committed state, whoever writes meanwhile; nothing on disk is changed.
 */
export async function withStore<T>(work: (store: GraphStore, config: Config) => Promise<T>): Promise<T> {
  let store: GraphStore | undefined;
  try {
    const config = loadConfig();
    store = await openStore(config, { write: false, command: 'read' });
    return await work(store, config);
  } finally {
    await store?.close();
  }
}

/** Runs an analysis command over a Graphology snapshot of the configured store (read as withStore reads it). */
export async function withGraph(work: (graph: CommitmentGraph, store: GraphStore) => Promise<void>): Promise<void> {
  await withStore(async (store) => work(buildGraph(await store.snapshot()), store));
}

export interface WriteOptions {
  /** Seconds to wait for another writer of the data folder (--wait-s). */
  waitS?: number;
}

/** The option every writing command takes. */
export const WAIT_OPTION = ['--wait-s <seconds>', 'how long to wait for another writer of the data folder before giving up (exit 3)', wholeNumber(86_400), 30] as const;

/**
 * Runs a writing command. On the embedded store it takes the data folder's lock (waiting up to
 * --wait-s, saying for whom); when an API holds the folder, `remote` sends the write through it
 * with CGRAPH_API_KEY, or the command refuses with STORE_LOCKED (exit 3) saying what to do.
 */
export async function withWriteStore<T>(
  command: string,
  options: WriteOptions,
  local: (store: GraphStore, config: Config) => Promise<T>,
  remote?: (api: ApiWriter, config: Config) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  let store: GraphStore | undefined;
  try {
    store = await openStore(config, {
      write: true,
      command: `cgraph ${command}`,
      waitMs: (options.waitS ?? 30) * 1000,
      onWait: (holder) => process.stderr.write(`cgraph ${command}: waiting for ${config.dataDir}, held by ${describeHolder(holder)}\n`),
      onWarning: warn,
    });
  } catch (error) {
    const holder = error instanceof DomainError && error.code === 'STORE_LOCKED' ? (error.details.holder as LockHolder | undefined) : undefined;
    const key = process.env.CGRAPH_API_KEY?.trim();
    if (!holder?.url) throw error;
    if (!remote) throw new DomainError('STORE_LOCKED', `${config.dataDir} is held by the API (${describeHolder(holder)}); \`cgraph ${command}\` is not sent through an API: stop the API first`, { holder });
    // Without a key the lock's own message says to set one.
    if (!key) throw error;
    process.stderr.write(`cgraph ${command}: the API at ${holder.url} holds ${config.dataDir}; sending the write through it\n`);
    return remote(new ApiWriter(holder.url, key), config);
  }
  try {
    return await local(store, config);
  } finally {
    await store.close();
  }
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof ConfigError) return EXIT.UNAVAILABLE;
  if (error instanceof UsageError || error instanceof OptionError) return EXIT.USAGE;
  if (error instanceof DomainError) return UNAVAILABLE_CODES.has(error.code) ? EXIT.UNAVAILABLE : EXIT.INVALID;
  return EXIT.INTERNAL;
}

/** How the failed command was run: its name, and whether it was asked for JSON (--json). */
export interface FailedCommand {
  command?: string;
  json?: boolean;
}

/** What a refused command did not do, said after its problems: only commands that write say nothing was loaded. */
const NOT_DONE: Record<string, string> = {
  load: 'nothing was loaded',
  seed: 'nothing was loaded',
  import: 'nothing was loaded',
  validate: 'fix them and validate again',
};

/** The error as scripts read it with --json: {"error": {code, message, details, problems?}} on stdout. */
export function errorJson(error: unknown): { error: { code: string; message: string; details: Record<string, unknown>; problems?: unknown[] } } {
  if (error instanceof ValidationError) {
    const { problems, ...details } = error.details;
    return { error: { code: error.code, message: error.message, details, problems: problems as unknown[] } };
  }
  if (error instanceof OptionError) return { error: { code: error.code, message: error.messageFor(flagName(error.option)), details: error.details } };
  if (error instanceof DomainError) return { error: { code: error.code, message: error.message, details: error.details } };
  return { error: { code: 'INTERNAL_ERROR', message: (error as Error)?.message ?? String(error), details: {} } };
}

export function reportError(error: unknown, failed: FailedCommand = {}): void {
  if (failed.json) {
    process.stdout.write(`${JSON.stringify(errorJson(error), null, 2)}\n`);
    // A bug's stack still goes where a person looks; the JSON above is what a script parses.
    if (!(error instanceof DomainError)) process.stderr.write(`cgraph: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    return;
  }
  if (error instanceof ValidationError) {
    for (const problem of error.problems) process.stderr.write(`${formatProblem(problem)}\n`);
    const notDone = failed.command ? NOT_DONE[failed.command] : undefined;
    process.stderr.write(`${error.problems.length} problem(s)${notDone ? `; ${notDone}` : ''}\n`);
  } else if (error instanceof OptionError) {
    // The analysis schemas name options as the API does; the command line has flags.
    process.stderr.write(`cgraph: ${error.code}: ${error.messageFor(flagName(error.option))}\n`);
  } else if (error instanceof DomainError) {
    process.stderr.write(`cgraph: ${error.code}: ${error.message}\n`);
  } else {
    process.stderr.write(`cgraph: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
  }
}

/** A progress bar on stderr when it is a terminal (or --progress); silent otherwise. */
export function progressBar(label: string, force = false): { update: (done: number, total: number) => void; stop: () => void } {
  if (!process.stderr.isTTY && !force) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    format: `${label} [{bar}] {percentage}% | {value}/{total} rows | {duration_formatted}`,
    stream: process.stderr,
    noTTYOutput: force && !process.stderr.isTTY,
    notTTYSchedule: 1000,
    hideCursor: true,
  });
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/**
 * Asks before a destructive command (reset, unload): true with --yes, or when the person at the
 * terminal types "yes". Without a terminal and without --yes it refuses (exit 2); a different
 * answer is exit 1. Either way it says so on stderr.
 */
export async function confirmed(command: string, question: string, yes: boolean | undefined): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY) {
    process.stderr.write(`cgraph ${command}: refusing without --yes when not at a terminal\n`);
    process.exitCode = EXIT.USAGE;
    return false;
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question(`${question} Type "yes": `);
  rl.close();
  if (answer.trim() === 'yes') return true;
  process.stderr.write(`not ${command === 'reset' ? 'reset' : 'done'}\n`);
  process.exitCode = EXIT.INVALID;
  return false;
}

// cgraph load --initial: a new database from JSON lines with Neo4j's import tool, end to end.
// The import tool replaces the whole database: it never runs against a database in use.
// docs/operations.md "First loads with Neo4j's import tool" says what users see.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DomainError } from '../domain/errors.ts';
import { validateGraphLines } from '../ingest/graph-lines.ts';
import { MemoryStore } from '../store/memory/memory-store.ts';
import type { GraphCounts } from '../store/graph-store.ts';
import { importArguments, writeImportCsv, type ImportCsv } from '../store/neo4j/import-csv.ts';
import { cypher } from '../store/neo4j/cypher-library.ts';
import { Neo4jExecutor } from '../store/neo4j/executor.ts';
import { Neo4jStore } from '../store/neo4j/neo4j-store.ts';
import { localNeo4j, type LocalNeo4jState } from '../services/local-services.ts';

export const DEFAULT_DATABASE = 'neo4j';
/** The launcher's state name for a database it (re)started after an import (unless it ran under another). */
export const LAUNCHER_NAME = 'default';

export interface InitialLoadOptions {
  files: readonly string[];
  /** Neo4j home: the launcher's --data folder, or an installation's NEO4J_HOME (its data/databases/<database>). */
  home: string;
  database?: string;
  /** Replace a database that holds data. */
  replace?: boolean;
  /** An installation's bin/neo4j-admin; default: the import tool on the project launcher's class path. */
  neo4jAdmin?: string;
  /** Start the launcher on the new database on this port (a launcher that ran there is started again on its own port). */
  port?: number;
  /** Page cache of the started launcher, MB (the store should fit). */
  pageCacheMb?: number;
  /** Keep the CSV files here (default: a temporary folder, deleted). */
  csvDir?: string;
  /** Write the CSV files and stop (Docker: run the image's neo4j-admin on them; the result has the command). */
  csvOnly?: boolean;
  onPhase?: (phase: string) => void;
  /** Statements planned of all, while the CSV is written (the long phase). */
  onProgress?: (done: number, total: number) => void;
  /** Launcher state name to use and to look for (tests run their own). */
  launcherName?: string;
}

export interface InitialLoadResult {
  home: string;
  database: string;
  nodes: number;
  relationships: number;
  sourceVersions: number;
  /** The import tool's command line (its arguments after `neo4j-admin`). */
  command: string[];
  /** Where the database answers when it was started, else undefined (start it, then any cgraph command creates the schema). */
  uri?: string;
  counts?: GraphCounts;
  timings: Record<string, number>;
  csvDir?: string;
}

interface Held {
  entities: number;
  version: number;
}

/** What a running database holds: entities and source versions, and the graph version to continue from. */
async function heldAt(uri: string, database: string): Promise<Held> {
  // Opened, not connected: a look at the target must not create the store's constraints in it.
  const executor = await Neo4jExecutor.open({ uri, user: 'neo4j', password: '', database, batchSize: 1000 });
  try {
    const [row] = await executor.query(cypher('store/count-held'));
    return { entities: Number(row?.entities ?? 0), version: Number(row?.version ?? 0) };
  } finally {
    await executor.close();
  }
}

const storeDir = (home: string, database: string) => join(home, 'data', 'databases', database);
const hasStore = (home: string, database: string) => existsSync(storeDir(home, database)) && readdirSync(storeDir(home, database)).some((f) => f.startsWith('neostore'));

/** The launcher running on `home`, if any. */
function launcherOn(home: string, name: string): LocalNeo4jState | undefined {
  const state = localNeo4j.runningState(name);
  return state?.dataDir === home ? state : undefined;
}

/** Runs the import tool; resolves with its output, or throws with its last lines. */
function runImportTool(args: string[], home: string, neo4jAdmin: string | undefined): Promise<string> {
  // An installation's own configuration when it has one; the launcher's folder has none (defaults).
  const ownConf = existsSync(join(home, 'conf'));
  const conf = ownConf ? join(home, 'conf') : mkdtempSync(join(tmpdir(), 'cgraph-import-conf-'));
  const env = { ...process.env, NEO4J_HOME: home, NEO4J_CONF: conf };
  const [command, commandArgs] = neo4jAdmin
    ? [neo4jAdmin, ['database', 'import', 'full', ...args]]
    : [process.env.JAVA ?? 'java', ['-Xmx2g', '-cp', localNeo4j.libraryClassPath, 'org.neo4j.cli.AdminTool', 'database', 'import', 'full', ...args]];
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, commandArgs, { env, cwd: home, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => reject(new DomainError('IMPORT_FAILED', `could not run the import tool ${command}: ${error.message}`)));
    child.on('exit', (code) => {
      if (!ownConf) rmSync(conf, { recursive: true, force: true });
      if (code === 0 && /IMPORT DONE/.test(output)) return resolveRun(output);
      // With --verbose the cause is the last "Caused by" line; the summary follows it.
      const lines = output.split('\n').filter((line) => line.trim() && !/^\s+(at |\.\.\. \d+ more)/.test(line));
      const cause = lines.filter((line) => line.startsWith('Caused by')).at(-1);
      const tail = [...(cause ? [cause] : []), ...lines.slice(-6)].join('\n');
      reject(new DomainError('IMPORT_FAILED', `the import tool failed (exit ${code}); the database at ${storeDir(home, args.at(-1) ?? DEFAULT_DATABASE)} is left unusable: run again (with --replace) after fixing this:\n${tail}`));
    });
  });
}

/**
 * 1. Every file is validated as `cgraph load` validates it (nothing written on a problem).
 * 2. The target is checked: a database that holds entities or source versions is refused unless
 *    `replace` (asked over Bolt when the project's launcher runs on it, else by opening it briefly).
 * 3. The batch is planned as a load into an empty database and written as the tool's CSV
 *    (store/neo4j/import-csv.ts).
 * 4. The launcher, if it runs there, is stopped.
 * 5. The tool builds the store (`neo4j-admin database import full`: the project's launcher class
 *    path runs org.neo4j.cli.AdminTool, or an installation's neo4j-admin).
 * 6. The launcher is started again (or for the first time, when given a port), constraints and
 *    indexes are created and populated, then the counts are checked against the files.
 */
export async function initialLoad(options: InitialLoadOptions): Promise<InitialLoadResult> {
  const home = resolve(options.home);
  const database = options.database ?? DEFAULT_DATABASE;
  const name = options.launcherName ?? LAUNCHER_NAME;
  const timings: Record<string, number> = {};
  const phase = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    options.onPhase?.(label);
    const started = performance.now();
    try {
      return await work();
    } finally {
      timings[label] = Math.round(performance.now() - started);
    }
  };

  await phase('validate', async () => {
    const empty = new MemoryStore();
    for (const file of options.files) await validateGraphLines(file, empty);
  });

  // What the target holds now. A running launcher is asked; a stopped store is opened briefly.
  const running = options.csvOnly ? undefined : launcherOn(home, name);
  let held: Held = { entities: 0, version: 0 };
  if (!options.csvOnly && (running || hasStore(home, database))) {
    held = await phase('check target', async () => {
      if (running) return heldAt(running.uri, database);
      const probe = `${name}-probe`;
      let state: LocalNeo4jState;
      try {
        state = await localNeo4j.start({ name: probe, port: await localNeo4j.freePort(), dataDir: home });
      } catch (error) {
        throw new DomainError('DATABASE_IN_USE', `could not open the database in ${home} to see what it holds (is a Neo4j running on it? stop it first): ${(error as Error).message.split('\n')[0]}`);
      }
      try {
        return await heldAt(state.uri, database);
      } finally {
        await localNeo4j.stop({ name: probe });
      }
    });
    if (held.entities > 0 && !options.replace) {
      throw new DomainError(
        'DATABASE_NOT_EMPTY',
        `the database "${database}" in ${home} holds ${held.entities} entities and source versions; --initial builds a new database and would delete them. Pass --replace to do so, or use \`cgraph load\` without --initial to add to it`,
        { entities: held.entities },
      );
    }
  }

  const csvDir = options.csvDir ? resolve(options.csvDir) : mkdtempSync(join(tmpdir(), 'cgraph-import-'));
  try {
    const csv: ImportCsv = await phase('write csv', async () => writeImportCsv(options.files, csvDir, new Date().toISOString(), { graphVersion: held.version + 1, onProgress: options.onProgress }));
    // Written for another machine (--csv-only), the command replaces what is there: this one cannot look.
    const args = importArguments(csv, database, { overwrite: options.csvOnly === true || hasStore(home, database), reportFile: join(csvDir, 'import.report') });
    const result: InitialLoadResult = { home, database, nodes: csv.nodes, relationships: csv.relationships, sourceVersions: csv.sourceVersions, command: ['database', 'import', 'full', ...args], timings };
    if (options.csvOnly) return { ...result, csvDir };

    if (running) await phase('stop neo4j', () => localNeo4j.stop({ name }));
    mkdirSync(home, { recursive: true });
    if (!options.neo4jAdmin && !localNeo4j.isBuilt()) await phase('build launcher', async () => localNeo4j.build());
    await phase('import', () => runImportTool(args, home, options.neo4jAdmin));

    const port = running?.port ?? options.port;
    if (port === undefined) return options.csvDir ? { ...result, csvDir } : result;
    // The launcher's own name when it ran here or the name is free; another launcher keeps its name.
    const startName = running || !localNeo4j.runningState(name) ? name : `${name}-${port}`;
    const state = await phase('start neo4j', () => localNeo4j.start({ name: startName, port, dataDir: home, pageCacheMb: options.pageCacheMb, detached: true }));
    if (state.dataDir !== home) throw new DomainError('IMPORT_FAILED', `a launcher named ${startName} already runs on another folder (${state.dataDir ?? 'temporary'}); stop it first`);
    const counts = await phase('constraints and indexes', async () => {
      // Connecting creates the constraints and indexes (executor.ts); then wait until they are online.
      const store = await Neo4jStore.connect({ uri: state.uri, user: 'neo4j', password: '', database, batchSize: 1000 });
      try {
        await store.awaitIndexes();
        return await store.counts();
      } finally {
        await store.close();
      }
    });
    const stored = { nodes: Object.values(counts.nodes).reduce((a, b) => a + (b ?? 0), 0), relationships: Object.values(counts.relationships).reduce((a, b) => a + (b ?? 0), 0) };
    if (stored.nodes !== csv.nodes || stored.relationships !== csv.relationships) {
      throw new DomainError('IMPORT_FAILED', `the imported database holds ${stored.nodes} nodes and ${stored.relationships} relationships, the files ${csv.nodes} and ${csv.relationships}; see ${join(csvDir, 'import.report')}`);
    }
    return { ...result, uri: state.uri, counts, ...(options.csvDir ? { csvDir } : {}) };
  } finally {
    if (!options.csvDir) rmSync(csvDir, { recursive: true, force: true });
  }
}

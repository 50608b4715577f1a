// cgraph load [paths…]: validate dossiers, then load each atomically into the configured store;
// .jsonl files of graph records load in chunks; --initial builds a new Neo4j database with the
// import tool instead. Through a serving API when it holds the data folder.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { DEFAULT_CHUNK_RECORDS, isGraphLinesFile, loadGraphLines } from '../../ingest/graph-lines.ts';
import { loadBatches, validateDossiers } from '../../ingest/load-dossiers.ts';
import { DEFAULT_REGISTRY_FILE } from '../../project-files.ts';
import { addReports, emptyUpsertReport } from '../../store/report-sums.ts';
import type { GraphStore, UpsertReport } from '../../store/graph-store.ts';
import { LOAD_REPORT_FIELDS, type ApiWriter } from '../api-writer.ts';
import { countLines, countsByLabel } from '../output.ts';
import { print, progressBar, usageError, WAIT_OPTION, wholeNumber, withStore, withWriteStore } from '../runtime.ts';

interface LoadOptions {
  registry: string;
  againstStore: boolean;
  chunk: number;
  json?: boolean;
  progress?: boolean;
  initial?: boolean;
  neo4jHome?: string;
  replace?: boolean;
  port?: number;
  pageCache: number;
  neo4jAdmin?: string;
  csvDir?: string;
  csvOnly?: boolean;
  launcher: string;
  waitS?: number;
  allowShrink?: boolean;
}

/** The paths given, as the two loaders take them. */
interface LoadInputs {
  dossierPaths: string[];
  lineFiles: string[];
}

export function registerLoad(program: Command): void {
  program
    .command('load')
    .description(
      'validate dossiers, then load each atomically into the configured store (idempotent); .jsonl files of graph records ' +
        'are validated whole, then loaded in chunks of --chunk records per transaction (re-run to finish a cut-short load)',
    )
    .argument('[paths...]', 'dossier files or folders, or .jsonl files', ['seeds'])
    .option('--registry <file>', 'the entity registry ids resolve against', DEFAULT_REGISTRY_FILE)
    .option('--no-against-store', 'do not resolve ids against what the store already holds')
    .option('--allow-shrink', 'let a revised dossier remove every statement of its source, or more than half of them (refused otherwise: SOURCE_SHRINK)')
    .option('--chunk <records>', 'records per transaction for .jsonl files on Neo4j', wholeNumber(1_000_000), DEFAULT_CHUNK_RECORDS)
    .option('--initial', 'build a new Neo4j database from .jsonl files with Neo4j\'s import tool (first loads; far faster than transactions)')
    .option('--neo4j-home <dir>', 'with --initial: the Neo4j home to build it in (the launcher\'s --data folder or an installation\'s NEO4J_HOME); default: the running launcher\'s data folder, else $NEO4J_HOME')
    .option('--replace', 'with --initial: replace a database that holds data')
    .option('--port <port>', 'with --initial: start the launcher on the new database on this port (a launcher that ran there starts again on its own port)', wholeNumber(65535))
    .option('--page-cache <mb>', 'with --initial: page cache of the started launcher in MB', wholeNumber(1_000_000), 512)
    .option('--neo4j-admin <path>', 'with --initial: run this installation\'s neo4j-admin instead of the import tool on the launcher\'s class path')
    .option('--csv-dir <dir>', 'with --initial: keep the import tool\'s CSV files in this folder')
    .option('--launcher <name>', 'with --initial: the launcher\'s name (its state in .neo4j-local/)', 'default')
    .option('--csv-only', 'with --initial: write the CSV files into --csv-dir and print the import command, without running it (Docker: run it with the image\'s neo4j-admin)')
    .option('--json', 'print JSON')
    .option('--progress', 'show the progress bar even when stderr is not a terminal')
    .option(...WAIT_OPTION)
    .action(async (paths: string[], opts: LoadOptions) => {
      if (opts.initial) return loadInitial(paths, opts);
      const inputs: LoadInputs = { lineFiles: paths.filter(isGraphLinesFile), dossierPaths: paths.filter((p) => !isGraphLinesFile(p)) };
      await withWriteStore(
        `load ${paths.join(' ')}`,
        opts,
        async (store) => summariseLoad(store, await loadLocally(store, inputs, opts), opts),
        async (api) => {
          const report = await loadThroughApi(api, inputs, opts);
          // What the API committed is on disk before it answers: the counts are read from there.
          await withStore((store) => summariseLoad(store, report, opts));
        },
      );
    });
}

/** Dossiers validated together, then loaded one transaction each; then the .jsonl files in chunks. */
async function loadLocally(store: GraphStore, { dossierPaths, lineFiles }: LoadInputs, opts: LoadOptions): Promise<UpsertReport> {
  const lookup = opts.againstStore ? (ids: readonly string[]) => store.getNodes(ids) : undefined;
  const { batches } = dossierPaths.length ? await validateDossiers(dossierPaths, { registryFile: opts.registry, lookup }) : { batches: [] };
  const bar = progressBar('loading', opts.progress);
  return (async () => {
    const fromDossiers = await loadBatches(store, batches, { allowShrink: opts.allowShrink, onProgress: bar.update });
    if (!lineFiles.length) return fromDossiers;
    return addReports(fromDossiers, await loadGraphLines(store, lineFiles, { chunkRecords: opts.chunk, allowShrink: opts.allowShrink, onProgress: bar.update }));
  })().finally(bar.stop);
}

/** Each dossier and .jsonl file sent to the API that holds the data folder, the reports added up. */
async function loadThroughApi(api: ApiWriter, { dossierPaths, lineFiles }: LoadInputs, opts: LoadOptions): Promise<UpsertReport> {
  // Checked here first (against what the folder holds, read-only), so nothing is sent from an invalid set.
  const dossiers = dossierPaths.length
    ? (await withStore((store) => validateDossiers(dossierPaths, { registryFile: opts.registry, lookup: opts.againstStore ? (ids) => store.getNodes(ids) : undefined }))).dossiers
    : [];
  let report = emptyUpsertReport();
  for (const dossier of dossiers) {
    const sourceText = dossier.sourceFile ? readFileSync(dossier.sourceFile, 'utf8') : '';
    const { ingestDossier } = await api.request<{ ingestDossier: UpsertReport }>(`mutation($yaml: String!, $sourceText: String!, $allowShrink: Boolean) { ingestDossier(yaml: $yaml, sourceText: $sourceText, allowShrink: $allowShrink) { ${LOAD_REPORT_FIELDS.replace('nodesRemoved ', '')} } }`, {
      yaml: readFileSync(dossier.file, 'utf8'),
      sourceText,
      allowShrink: !!opts.allowShrink,
    });
    report = addReports(report, { ...emptyUpsertReport(), ...ingestDossier });
  }
  for (const file of lineFiles) {
    const { loadGraphLines: part } = await api.request<{ loadGraphLines: UpsertReport }>(`mutation($fileName: String!, $lines: String!, $allowShrink: Boolean) { loadGraphLines(fileName: $fileName, lines: $lines, allowShrink: $allowShrink) { ${LOAD_REPORT_FIELDS} } }`, {
      fileName: file,
      lines: readFileSync(file, 'utf8'),
      allowShrink: !!opts.allowShrink,
    });
    report = addReports(report, { ...part, createdIds: [] });
  }
  return report;
}

/** What the load did, then what the store holds by label and type. */
async function summariseLoad(store: GraphStore, report: UpsertReport, opts: LoadOptions): Promise<void> {
  const counts = await store.counts();
  const { createdIds: _ids, ...summary } = report;
  print(
    { json: !!opts.json },
    [
      `loaded into ${store.kind}: ${report.nodesCreated} nodes created, ${report.nodesUpdated} updated, ${report.nodesUnchanged} unchanged; ` +
        `${report.relationshipsCreated} relationships created, ${report.relationshipsUpdated} updated, ${report.relationshipsUnchanged} unchanged`,
      'nodes by label:',
      ...countLines(countsByLabel(counts.nodes)),
      'relationships by type:',
      ...countLines(counts.relationships),
    ].join('\n'),
    { store: store.kind, ...summary, counts },
  );
}

/** cgraph load --initial: a new database with the import tool (operations/initial-load.ts). */
async function loadInitial(paths: string[], opts: LoadOptions): Promise<void> {
  const notLines = paths.filter((p) => !isGraphLinesFile(p));
  if (notLines.length || !paths.length || (paths.length === 1 && paths[0] === 'seeds')) {
    throw usageError(`--initial takes .jsonl files of graph records (cgraph export --format jsonl, cgraph generate); not: ${notLines.join(', ') || 'none given'}`);
  }
  if (opts.csvOnly && !opts.csvDir) throw usageError('--csv-only needs --csv-dir <dir> to write the files into');
  const { initialLoad } = await import('../../operations/initial-load.ts');
  const home = await neo4jHomeFor(opts);
  const quiet = !!opts.json || !(process.stderr.isTTY || opts.progress);
  // Each phase on its own line; planning the statements (the long one) with a bar.
  const bar = quiet ? undefined : progressBar('planning statements', opts.progress);
  const result = await initialLoad({
    files: paths,
    home,
    replace: !!opts.replace,
    port: opts.port,
    pageCacheMb: opts.pageCache,
    neo4jAdmin: opts.neo4jAdmin,
    csvDir: opts.csvDir,
    csvOnly: !!opts.csvOnly,
    launcherName: opts.launcher,
    onPhase: quiet
      ? undefined
      : (phase) => {
          bar?.stop();
          process.stderr.write(`initial load: ${phase}…\n`);
        },
    onProgress: bar?.update,
  }).finally(() => bar?.stop());
  const seconds = (Object.values(result.timings).reduce((a, b) => a + b, 0) / 1000).toFixed(1);
  const lines = opts.csvOnly
    ? [`wrote the import tool's CSV files to ${result.csvDir}: ${result.nodes} nodes, ${result.relationships} relationships, ${result.sourceVersions} source versions`, 'run (with the database stopped; in Docker, the image\'s neo4j-admin with this folder mounted at the same path):', `  neo4j-admin ${result.command.join(' ')}`, 'then start Neo4j: the first cgraph command that connects creates the constraints and indexes']
    : [
        `imported into ${result.home} (database ${result.database}): ${result.nodes} nodes, ${result.relationships} relationships, ${result.sourceVersions} source versions in ${seconds} s`,
        `  ${Object.entries(result.timings).map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(1)} s`).join(', ')}`,
        result.uri ? `Neo4j is running at ${result.uri} with constraints and indexes; export NEO4J_URI=${result.uri}` : 'start Neo4j on it (npm run neo4j:start -- --data <dir>, or the installation\'s neo4j start); the first cgraph command that connects creates the constraints and indexes',
      ];
  print({ json: !!opts.json }, lines.join('\n'), result);
}

/** --neo4j-home, else the running launcher's data folder, else NEO4J_HOME; --csv-only touches no home of ours. */
async function neo4jHomeFor(opts: LoadOptions): Promise<string> {
  const { localNeo4j } = await import('../../services/local-services.ts');
  const home = opts.neo4jHome ?? localNeo4j.runningState(opts.launcher)?.dataDir ?? process.env.NEO4J_HOME ?? (opts.csvOnly ? opts.csvDir : undefined);
  if (!home) {
    throw usageError('--initial needs a Neo4j home: pass --neo4j-home <dir> (the launcher\'s --data folder or an installation\'s home), start the launcher with --data, or set NEO4J_HOME');
  }
  return home;
}

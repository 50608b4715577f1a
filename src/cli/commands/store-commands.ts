// cgraph load | stats | reset: put dossiers into the configured store, count what is there, empty it.
import type { Command } from 'commander';
import { KIND_LABEL, type NodeKind } from '../../domain/model.ts';
import { DEFAULT_CHUNK_RECORDS, isGraphLinesFile, loadGraphLines } from '../../ingest/graph-lines.ts';
import { loadBatches, validateDossiers } from '../../ingest/load-dossiers.ts';
import { addReports } from '../../store/common.ts';
import { DEFAULT_REGISTRY_FILE } from '../../project-files.ts';
import { confirmed, print, progressBar, wholeNumber, withStore } from '../runtime.ts';

/** Node counts under their Neo4j labels, as analysts see them in Browser. */
const byLabel = (counts: Partial<Record<NodeKind, number>>) =>
  Object.fromEntries(Object.entries(counts).map(([kind, n]) => [KIND_LABEL[kind as NodeKind], n]));

function countLines(counts: Record<string, number | undefined>): string[] {
  return Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, n]) => `  ${key.padEnd(24)} ${String(n).padStart(8)}`);
}

export function registerStoreCommands(program: Command): void {
  program
    .command('load')
    .description(
      'validate dossiers, then load each atomically into the configured store (idempotent); .jsonl files of graph records ' +
        'are validated whole, then loaded in chunks of --chunk records per transaction (re-run to finish a cut-short load)',
    )
    .argument('[paths...]', 'dossier files or folders, or .jsonl files', ['seeds'])
    .option('--registry <file>', 'the entity registry ids resolve against', DEFAULT_REGISTRY_FILE)
    .option('--no-against-store', 'do not resolve ids against what the store already holds')
    .option('--chunk <records>', 'records per transaction for .jsonl files on Neo4j', wholeNumber(1_000_000), DEFAULT_CHUNK_RECORDS)
    .option('--json', 'print JSON')
    .option('--progress', 'show the progress bar even when stderr is not a terminal')
    .action(async (paths: string[], opts: { registry: string; againstStore: boolean; chunk: number; json?: boolean; progress?: boolean }) => {
      const lineFiles = paths.filter(isGraphLinesFile);
      const dossierPaths = paths.filter((p) => !isGraphLinesFile(p));
      await withStore(async (store) => {
        const lookup = opts.againstStore ? (ids: readonly string[]) => store.getNodes(ids) : undefined;
        const { batches } = dossierPaths.length ? await validateDossiers(dossierPaths, { registryFile: opts.registry, lookup }) : { batches: [] };
        const bar = progressBar('loading', opts.progress);
        const report = await (async () => {
          const fromDossiers = await loadBatches(store, batches, { onProgress: bar.update });
          if (!lineFiles.length) return fromDossiers;
          return addReports(fromDossiers, await loadGraphLines(store, lineFiles, { chunkRecords: opts.chunk, onProgress: bar.update }));
        })().finally(bar.stop);
        const counts = await store.counts();
        const { createdIds: _ids, ...summary } = report;
        print(
          { json: !!opts.json },
          [
            `loaded into ${store.kind}: ${report.nodesCreated} nodes created, ${report.nodesUpdated} updated, ${report.nodesUnchanged} unchanged; ` +
              `${report.relationshipsCreated} relationships created, ${report.relationshipsUpdated} updated, ${report.relationshipsUnchanged} unchanged`,
            'nodes by label:',
            ...countLines(byLabel(counts.nodes)),
            'relationships by type:',
            ...countLines(counts.relationships),
          ].join('\n'),
          { store: store.kind, ...summary, counts },
        );
      });
    });

  program
    .command('stats')
    .description('count nodes by kind and relationships by type in the configured store')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      await withStore(async (store) => {
        const counts = await store.counts();
        const total = (c: Record<string, number | undefined>) => Object.values(c).reduce<number>((a, b) => a + (b ?? 0), 0);
        print(
          { json: !!opts.json },
          [
            `store: ${store.kind}`,
            `nodes: ${total(counts.nodes)}`,
            ...countLines(byLabel(counts.nodes)),
            `relationships: ${total(counts.relationships)}`,
            ...countLines(counts.relationships),
          ].join('\n'),
          { store: store.kind, ...counts },
        );
      });
    });

  program
    .command('reset')
    .description('delete everything in the configured store (asks first unless --yes)')
    .option('--yes', 'do not ask')
    .action(async (opts: { yes?: boolean }) => {
      await withStore(async (store) => {
        if (!(await confirmed('reset', `Delete everything in the ${store.kind} store?`, opts.yes))) return;
        await store.reset();
        process.stdout.write(`reset ${store.kind} store\n`);
      });
    });
}

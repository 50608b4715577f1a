// cgraph validate [paths…]: check dossiers without loading them; --fix-offsets writes computed
// offsets back. Ids resolve against the registry, the dossiers given together and, with
// --against-store, what the configured store holds.
import type { Command } from 'commander';
import { writeComputedOffsets } from '../../ingest/dossier-files.ts';
import { validateDossiers, type ValidatedDossiers } from '../../ingest/load-dossiers.ts';
import { DEFAULT_REGISTRY_FILE } from '../../project-files.ts';
import { print, withStore } from '../runtime.ts';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('validate dossiers (quotes, ids, schema, ledger); exit 1 with every problem listed when invalid')
    .argument('[paths...]', 'dossier files or folders', ['seeds'])
    .option('--registry <file>', 'the entity registry ids resolve against', DEFAULT_REGISTRY_FILE)
    .option('--against-store', 'also resolve ids against what the configured store holds')
    .option('--fix-offsets', 'write computed quote offsets back into the dossier files')
    .option('--json', 'print JSON')
    .action(async (paths: string[], opts: { registry: string; againstStore?: boolean; fixOffsets?: boolean; json?: boolean }) => {
      let validated: ValidatedDossiers | undefined;
      if (opts.againstStore) await withStore(async (store) => void (validated = await validateDossiers(paths, { registryFile: opts.registry, lookup: (ids) => store.getNodes(ids) })));
      const { dossiers } = validated ?? (await validateDossiers(paths, { registryFile: opts.registry }));
      let written = 0;
      if (opts.fixOffsets) for (const dossier of dossiers) written += writeComputedOffsets(dossier);
      const summary = dossiers.map((d) => ({ file: d.file, nodes: d.batch?.nodes.length ?? 0, relationships: d.batch?.relationships.length ?? 0 }));
      print(
        { json: !!opts.json },
        [
          ...summary.map((s) => `ok ${s.file}: ${s.nodes} nodes, ${s.relationships} relationships`),
          ...(opts.fixOffsets ? [`wrote ${written} offset pair(s)`] : []),
        ].join('\n'),
        { valid: true, dossiers: summary, offsetsWritten: written },
      );
    });
}


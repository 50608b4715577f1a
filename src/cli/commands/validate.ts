// cgraph validate [paths…]: check dossiers without loading them; --fix-offsets writes computed offsets back.
import type { Command } from 'commander';
import { writeComputedOffsets } from '../../ingest/dossier-files.ts';
import { validateDossiers } from '../../ingest/load-dossiers.ts';
import { print } from '../runtime.ts';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('validate dossiers (quotes, ids, schema, ledger); exit 1 with every problem listed when invalid')
    .argument('[paths...]', 'dossier files or folders', ['seeds'])
    .option('--fix-offsets', 'write computed quote offsets back into the dossier files')
    .option('--json', 'print JSON')
    .action(async (paths: string[], opts: { fixOffsets?: boolean; json?: boolean }) => {
      const { dossiers } = validateDossiers(paths);
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


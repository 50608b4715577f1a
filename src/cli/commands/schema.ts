// cgraph schema [--out FILE]: the JSON Schema of the dossier format, generated from the zod
// schemas. The project's copy is seeds/dossier.schema.json (a test keeps it equal to this output);
// dossiers name it in a `# yaml-language-server: $schema=…` comment so editors complete and check.
import type { Command } from 'commander';
import { dossierJsonSchema } from '../../domain/dossier.ts';
import { writeLines } from '../runtime.ts';

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of the dossier format (editors with the YAML language server use it)')
    .option('--out <file>', 'write it here (the project keeps it at seeds/dossier.schema.json)')
    .action(async (opts: { out?: string }) => {
      await writeLines(opts.out, [`${JSON.stringify(dossierJsonSchema(), null, 2)}\n`]);
    });
}

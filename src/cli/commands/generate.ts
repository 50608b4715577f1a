// cgraph generate: synthetic data shaped like real data, for benchmarks and load tests: a dossier
// folder (dossier.yaml + source.txt), or JSON lines of graph records for the bulk loader.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { generateDossier, generateRecords } from '../../ingest/generate.ts';
import { print, usageError, wholeNumber, writeLines } from '../runtime.ts';

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('write synthetic, valid data shaped like real data (skewed degrees, conditions, dates, evidence)')
    .requiredOption('--out <path>', 'folder for dossier.yaml and source.txt, or the .jsonl file with --format jsonl')
    .option('--format <format>', 'dossier (YAML, for people and validate) or jsonl (graph records, for bulk loads)', 'dossier')
    .option('--states <n>', 'states (at most 17576)', wholeNumber(17_576), 200)
    .option('--actors <n>', 'persons leading states', wholeNumber(1_000_000), 400)
    .option('--commitments <n>', 'PLEDGED/REFUSED/WARNED relationships', wholeNumber(10_000_000), 10_000)
    .option('--seed <n>', 'random seed', wholeNumber(2 ** 31), 1)
    .option('--json', 'print JSON')
    .action(async (opts: { out: string; format: string; states: number; actors: number; commitments: number; seed: number; json?: boolean }) => {
      if (opts.format !== 'dossier' && opts.format !== 'jsonl') throw usageError(`--format must be dossier or jsonl; got "${opts.format}"`);
      if (opts.format === 'jsonl') {
        const records = await writeLines(opts.out, (function* () {
          for (const record of generateRecords(opts)) yield `${JSON.stringify(record)}\n`;
        })());
        print({ json: !!opts.json }, `wrote ${records} records to ${opts.out}`, { out: opts.out, records });
        return;
      }
      const dossier = generateDossier(opts);
      mkdirSync(opts.out, { recursive: true });
      writeFileSync(join(opts.out, 'source.txt'), dossier.sourceText);
      writeFileSync(join(opts.out, 'dossier.yaml'), dossier.yamlText);
      print({ json: !!opts.json }, `wrote ${dossier.relationshipCount} relationships to ${join(opts.out, 'dossier.yaml')}`, { out: opts.out, relationships: dossier.relationshipCount });
    });
}

// cgraph generate: write a synthetic dossier folder (dossier.yaml + source.txt) for benchmarks and load tests.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { DomainError } from '../../domain/errors.ts';
import { generateDossier } from '../../ingest/generate.ts';
import { print } from '../runtime.ts';

const count = (name: string, max: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new DomainError('BAD_ARGUMENT', `--${name} must be a whole number from 1 to ${max}`);
  return n;
};

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('write a synthetic, valid dossier shaped like real data (skewed degrees, conditions, dates, evidence)')
    .requiredOption('--out <dir>', 'folder to write dossier.yaml and source.txt into')
    .option('--states <n>', 'states (at most 17576)', count('states', 17_576), 200)
    .option('--actors <n>', 'persons leading states', count('actors', 1_000_000), 400)
    .option('--commitments <n>', 'PLEDGED/REFUSED/WARNED relationships', count('commitments', 2_000_000), 10_000)
    .option('--seed <n>', 'random seed', count('seed', 2 ** 31), 1)
    .option('--json', 'print JSON')
    .action((opts: { out: string; states: number; actors: number; commitments: number; seed: number; json?: boolean }) => {
      const dossier = generateDossier(opts);
      mkdirSync(opts.out, { recursive: true });
      writeFileSync(join(opts.out, 'source.txt'), dossier.sourceText);
      writeFileSync(join(opts.out, 'dossier.yaml'), dossier.yamlText);
      print({ json: !!opts.json }, `wrote ${dossier.relationshipCount} relationships to ${join(opts.out, 'dossier.yaml')}`, { out: opts.out, relationships: dossier.relationshipCount });
    });
}

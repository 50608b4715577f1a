// cgraph migrate: converts the configured Neo4j database of the previous storage format to this
// version's, in place (src/operations/migrate-store.ts); every other command refuses the old one.
import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { print, usageError, wholeNumber } from '../runtime.ts';

interface MigrateFlags {
  pageSize: number;
  json?: boolean;
}

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('convert a Neo4j database of the previous storage format to this version\'s, in place (resumable: run it again after a failure)')
    .option('--page-size <facts>', 'facts per transaction', wholeNumber(100_000), 1000)
    .option('--json', 'print the result as JSON')
    .action(async (opts: MigrateFlags) => {
      const config = loadConfig();
      if (config.store !== 'neo4j' || !config.neo4j) throw usageError('cgraph migrate converts a Neo4j database: set NEO4J_URI (the embedded store has no storage formats to convert)');
      const { migrateStore } = await import('../../store/neo4j/migrate-format.ts');
      // Progress on stderr, at most once a second and at the end, so a script's stdout is the result alone.
      let shown = 0;
      const result = await migrateStore(config.neo4j, {
        pageSize: opts.pageSize,
        onProgress: (done, total) => {
          if (done < total && Date.now() - shown < 1000) return;
          shown = Date.now();
          process.stderr.write(`cgraph migrate: ${done}/${total} facts\n`);
        },
      });
      const human =
        typeof result.from === 'number'
          ? `migrated the Neo4j database from format ${result.from} to ${result.to}: ${result.converted} of ${result.facts} facts rewritten`
          : `nothing to migrate: the Neo4j database ${result.from === 'empty' ? 'holds no facts' : `is in format ${result.to} already`}`;
      print({ json: opts.json === true }, human, result);
    });
}

// cgraph seed [folder]: load the seed dossiers whose source the store does not hold yet — the
// rule `npm start` follows (src/ingest/seed-sources.ts), for a store the API does not seed itself
// (docker-compose's one-shot seed step). Revisions and reviews of a stored seed source are kept.
import type { Command } from 'commander';
import { loadSeeds } from '../../ingest/seed-sources.ts';
import { print, WAIT_OPTION, withWriteStore } from '../runtime.ts';

export function registerSeed(program: Command): void {
  program
    .command('seed')
    .description('load the seed dossiers whose source the store holds no version of (what npm start does); others are left as revised and reviewed')
    .argument('[folder]', 'the seeds folder (default: CGRAPH_SEEDS_DIR, else seeds; none loads none)')
    .option('--registry <file>', 'the entity registry ids resolve against (default: CGRAPH_REGISTRY, else the project\'s)')
    .option('--json', 'print JSON')
    .option(...WAIT_OPTION)
    .action(async (folder: string | undefined, opts: { registry?: string; json?: boolean; waitS?: number }) => {
      // A writer; not sent through a serving API, which seeds its folder itself when it starts.
      await withWriteStore('seed', opts, async (store, config) => {
        const seedsDir = folder === 'none' ? undefined : (folder ?? config.seedsDir);
        const seeded = seedsDir ? await loadSeeds(store, seedsDir, { registryFile: opts.registry ?? config.registryFile }) : { loaded: [], kept: [], report: undefined };
        const { createdIds: _ids, ...summary } = seeded.report ?? {};
        print(
          { json: !!opts.json },
          [
            ...seeded.loaded.map((file) => `loaded ${file}`),
            ...seeded.kept.map((file) => `kept ${file}: its source is stored (revisions and reviews stay)`),
            ...(seedsDir ? [] : ['no seeds folder (none): nothing loaded']),
          ].join('\n'),
          { store: store.kind, seeds: seedsDir ?? null, loaded: seeded.loaded, kept: seeded.kept, ...summary },
        );
      });
    });
}

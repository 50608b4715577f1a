// cgraph reset: delete everything in the configured store, after asking (or with --yes); never
// sent through a serving API.
import type { Command } from 'commander';
import { confirmed, WAIT_OPTION, withWriteStore } from '../runtime.ts';

export function registerReset(program: Command): void {
  program
    .command('reset')
    .description('delete everything in the configured store (asks first unless --yes)')
    .option('--yes', 'do not ask')
    .option(...WAIT_OPTION)
    .action(async (opts: { yes?: boolean; waitS?: number }) => {
      await withWriteStore('reset', opts, async (store) => {
        if (!(await confirmed('reset', `Delete everything in the ${store.kind} store?`, opts.yes))) return;
        await store.reset();
        process.stdout.write(`reset ${store.kind} store\n`);
      });
    });
}

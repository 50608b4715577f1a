// cgraph unload <source-id>: remove a source, its statements (facts no other source asserts go
// with them), its versions and its node; asks first unless --yes, and goes through a serving API.
import type { Command } from 'commander';
import type { GraphStore, UpsertReport } from '../../store/graph-store.ts';
import { LOAD_REPORT_FIELDS } from '../api-writer.ts';
import { confirmed, print, WAIT_OPTION, withStore, withWriteStore } from '../runtime.ts';

export function registerUnload(program: Command): void {
  program
    .command('unload')
    .description('remove a source: its statements (facts no other source asserts go with them), its versions and its node (asks first unless --yes)')
    .argument('<source-id>', 'a source id (source:…)')
    .option('--yes', 'do not ask')
    .option('--json', 'print JSON')
    .option(...WAIT_OPTION)
    .action(async (sourceId: string, opts: { yes?: boolean; json?: boolean; waitS?: number }) => {
      const asked = async (store: GraphStore) => {
        const [node] = await store.getNodes([sourceId]);
        if (!node || node.kind !== 'SOURCE') {
          process.stderr.write(`cgraph unload: ${sourceId} is not a source in the ${store.kind} store (see \`cgraph search\`)\n`);
          process.exitCode = 1;
          return false;
        }
        return confirmed('unload', `Remove ${sourceId} ("${node.name}") and every statement it makes?`, opts.yes);
      };
      const printed = (report: Omit<UpsertReport, 'createdIds'>) =>
        print(
          { json: !!opts.json },
          `unloaded ${sourceId}: ${report.statementsRemoved} statements removed, ${report.relationshipsRemoved} relationships no other source asserts removed, ${report.relationshipsUpdated} re-resolved`,
          { sourceId, ...report },
        );
      await withWriteStore(
        `unload ${sourceId}`,
        opts,
        async (store) => {
          if (!(await asked(store))) return;
          const { createdIds: _ids, ...counts } = await store.unloadSource(sourceId);
          printed(counts);
        },
        async (api) => {
          if (!(await withStore(asked))) return;
          const { unloadSource } = await api.request<{ unloadSource: Omit<UpsertReport, 'createdIds'> }>(`mutation($id: ID!) { unloadSource(sourceId: $id) { ${LOAD_REPORT_FIELDS} } }`, { id: sourceId });
          printed(unloadSource);
        },
      );
    });
}

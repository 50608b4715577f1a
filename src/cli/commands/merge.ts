// cgraph merge <from-id> <into-id>: two ids that name one thing become one node (GraphStore.mergeNodes);
// the old id stays an alias that resolves. Goes through a serving API like every write.
import type { Command } from 'commander';
import type { GraphNode } from '../../domain/model.ts';
import type { UpsertReport } from '../../store/graph-store.ts';
import { LOAD_REPORT_FIELDS } from '../api-writer.ts';
import { print, WAIT_OPTION, withWriteStore } from '../runtime.ts';

type Counts = Omit<UpsertReport, 'createdIds'>;

export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description('merge a node into another of its kind (two ids for one thing): its relationships move, its id stays as an alias that resolves')
    .argument('<from-id>', 'the id that goes (it becomes an alias of <into-id>)')
    .argument('<into-id>', 'the id that stays')
    .option('--json', 'print JSON')
    .option(...WAIT_OPTION)
    .action(async (fromId: string, intoId: string, opts: { json?: boolean; waitS?: number }) => {
      const printed = (node: Pick<GraphNode, 'id' | 'name' | 'aliases'>, report: Counts) =>
        print(
          { json: !!opts.json },
          `merged ${fromId} into ${intoId} ("${node.name}"): ${report.relationshipsCreated + report.relationshipsUpdated} relationships written, ${report.relationshipsRemoved} old ones removed; ${fromId} is now an alias`,
          { from: fromId, into: intoId, node: { id: node.id, name: node.name, aliases: node.aliases }, ...report },
        );
      await withWriteStore(
        `merge ${fromId} ${intoId}`,
        opts,
        async (store) => {
          const { createdIds: _ids, node, ...counts } = await store.mergeNodes(fromId, intoId);
          printed(node, counts);
        },
        async (api) => {
          const { mergeNodes } = await api.request<{ mergeNodes: { node: Pick<GraphNode, 'id' | 'name' | 'aliases'>; load: Counts } }>(
            `mutation($from: ID!, $into: ID!) { mergeNodes(from: $from, into: $into) { node { id name aliases } load { ${LOAD_REPORT_FIELDS} } } }`,
            { from: fromId, into: intoId },
          );
          printed(mergeNodes.node, mergeNodes.load);
        },
      );
    });
}

// The writes a CLI command sends through the API when the API holds the embedded store's data
// folder (one writer per folder): JSON lines, a dataset's file, an unload, a merge. Each needs an API key.
import { DomainError } from '../domain/errors.ts';
import type { ImportKind } from '../ingest/importers/run-import.ts';
import { importDatasetText, loadGraphLinesText } from '../ingest/text-loads.ts';
import type { UpsertReport } from '../store/graph-store.ts';
import { authenticated, type Context } from './context.ts';

/** The counts of a write, without the created ids (which grow with the input). */
const counted = ({ createdIds: _ids, ...counts }: UpsertReport) => counts;

/** After a write: answers read after it see it (the response cache's version moves now). */
async function written(context: Context): Promise<void> {
  await context.services.versions?.refresh();
  context.nodes.clearAll();
  context.relationships.clearAll();
}

export const writeMutations = {
  loadGraphLines: async (_: unknown, args: { fileName: string; lines: string; allowShrink?: boolean | null }, context: Context) => {
    authenticated(context, 'loadGraphLines');
    const report = await loadGraphLinesText(context.services.store, args.fileName, args.lines, { allowShrink: args.allowShrink ?? false });
    await written(context);
    return counted(report);
  },
  importDataset: async (_: unknown, args: { kind: string; fileName: string; content: string; strict?: boolean | null; allowShrink?: boolean | null }, context: Context) => {
    authenticated(context, 'importDataset');
    const kind = args.kind.toLowerCase() as ImportKind;
    const result = await importDatasetText(context.services.store, kind, args.fileName, args.content, { strict: args.strict ?? false, allowShrink: args.allowShrink ?? false, registry: context.services.registry });
    await written(context);
    return {
      rowsRead: result.rowsRead,
      rowsSkipped: result.rowsSkipped,
      skippedBy: Object.entries(result.skippedBy).map(([reason, count]) => ({ reason, count })),
      rowsRejected: result.rejected.length,
      rejected: result.rejected.slice(0, 100),
      load: counted(result.report),
    };
  },
  unloadSource: async (_: unknown, args: { sourceId: string }, context: Context) => {
    authenticated(context, 'unloadSource');
    const [node] = await context.services.store.getNodes([args.sourceId]);
    if (node?.kind !== 'SOURCE') throw new DomainError('UNKNOWN_ID', `${args.sourceId} is not a source in the store; take source ids from Source.id or \`cgraph search\``, { id: args.sourceId });
    const report = await context.services.store.unloadSource(args.sourceId);
    await written(context);
    return counted(report);
  },
  mergeNodes: async (_: unknown, args: { from: string; into: string }, context: Context) => {
    authenticated(context, 'mergeNodes');
    const { node, ...report } = await context.services.store.mergeNodes(args.from, args.into);
    await written(context);
    return { node, load: counted(report) };
  },
};

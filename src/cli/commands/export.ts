// cgraph export: the whole graph as GEXF (Gephi), GraphML or JSON from a Graphology snapshot, or
// as JSON lines of graph records streamed from the store (what cgraph load reads back).
import type { Command } from 'commander';
import { EXPORT_FORMATS, exportGraph, type ExportFormat, type GraphFormat } from '../../analysis/export.ts';
import { graphAsOf } from '../../analysis/graph-view.ts';
import { storeLines } from '../../ingest/graph-lines.ts';
import { usageError, withGraph, withStore, writeLines } from '../runtime.ts';

interface ExportFlags {
  format: string;
  out?: string;
  asOf?: string;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('the whole graph as GEXF (Gephi), GraphML, JSON, or JSON lines of graph records (cgraph load reads them back)')
    .option('--format <format>', EXPORT_FORMATS.join(', '), 'gexf')
    .option('--out <file>', 'write here instead of standard output')
    .option('--as-of <date>', 'only the relationships valid on this date (every node is kept)')
    .action(async (opts: ExportFlags) => {
      if (!EXPORT_FORMATS.includes(opts.format as ExportFormat)) throw usageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}; got "${opts.format}"`);
      const format = opts.format as ExportFormat;
      if (format === 'jsonl') return exportRecords(opts);
      return exportWholeGraph(format, opts);
    });
}

/** JSON lines stream from the store, record by record (any size), statements and reviews included. */
async function exportRecords(opts: ExportFlags): Promise<void> {
  await withStore(async (store) => {
    const lines = await writeLines(opts.out, storeLines(store, { ...(opts.asOf ? { asOf: opts.asOf } : {}) }));
    if (opts.out) process.stderr.write(`wrote ${lines} records (nodes and statements) to ${opts.out}\n`);
  });
}

async function exportWholeGraph(format: GraphFormat, opts: ExportFlags): Promise<void> {
  await withGraph(async (whole) => {
    const graph = graphAsOf(whole, { asOf: opts.asOf });
    await writeLines(opts.out, [exportGraph(graph, format)]);
    if (opts.out) process.stderr.write(`wrote ${graph.order} nodes and ${graph.size} relationships to ${opts.out}\n`);
  });
}

// Ingest one dossier given as text (the API mutation, tests): validate exactly as the CLI does,
// resolving ids against the registry and then the store, and load it atomically or not at all.
import { ValidationError } from '../domain/errors.ts';
import type { GraphBatch, GraphNode } from '../domain/model.ts';
import type { GraphStore, UpsertReport } from '../store/graph-store.ts';
import { validateDossier } from './validate-dossier.ts';

export interface IngestInput {
  yamlText: string;
  sourceText: string;
  file: string;
  registry: ReadonlyMap<string, GraphNode>;
}

export interface IngestResult {
  report: UpsertReport;
  refs: Map<string, string>;
  /** What the dossier contributed, as loaded. */
  batch: GraphBatch;
}

export async function ingestDossier(store: GraphStore, input: IngestInput): Promise<IngestResult> {
  let result = validateDossier({ ...input, knownNodes: input.registry });
  if (result.unknownIds.length) {
    const stored = (await store.getNodes(result.unknownIds)).filter((n): n is GraphNode => n !== null);
    if (stored.length) result = validateDossier({ ...input, knownNodes: new Map([...input.registry, ...stored.map((n) => [n.id, n] as const)]) });
  }
  if (result.problems.length || !result.batch) throw new ValidationError(result.problems, input.file);
  return { report: await store.upsert(result.batch), refs: result.refs, batch: result.batch };
}

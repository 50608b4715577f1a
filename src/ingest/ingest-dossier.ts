// Ingest one dossier given as text (the API mutation, tests): validate exactly as the CLI does,
// resolving ids against the registry and then the store, and load it atomically or not at all.
import { ValidationError } from '../domain/errors.ts';
import type { GraphBatch, GraphNode } from '../domain/model.ts';
import type { GraphStore, UpsertReport } from '../store/graph-store.ts';
import { introducedEntities, validateDossier } from './validate-dossier.ts';

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
  // Known: the registry, then what the store holds of the entities this dossier introduces (so a
  // redefinition is ENTITY_CONFLICT, not a silent overwrite), then stored nodes it references.
  const known = new Map(input.registry);
  const knownFrom = new Map<string, string>([...input.registry.keys()].map((id) => [id, 'the entity registry']));
  const learn = async (ids: readonly string[]) => {
    for (const node of await store.getNodes(ids.filter((id) => !known.has(id)))) {
      if (!node) continue;
      known.set(node.id, node);
      knownFrom.set(node.id, 'the store');
    }
  };
  await learn(introducedEntities(input.yamlText, input.file).map((n) => n.id));
  const validate = () => validateDossier({ ...input, knownNodes: known, knownFrom });
  let result = validate();
  if (result.unknownIds.length) {
    const before = known.size;
    await learn(result.unknownIds);
    if (known.size > before) result = validate();
  }
  if (result.problems.length || !result.batch) throw new ValidationError(result.problems, input.file);
  return { report: await store.upsert(result.batch), refs: result.refs, batch: result.batch };
}

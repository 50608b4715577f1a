// Ingest one dossier given as text (the API mutation, tests): validate exactly as the CLI does,
// resolving ids against the registry and then the store, and load it atomically or not at all.
import { ValidationError } from '../domain/errors.ts';
import type { GraphBatch, GraphNode } from '../domain/model.ts';
import type { GraphStore, UpsertReport } from '../store/graph-store.ts';
import { DATA_DIR } from '../project-files.ts';
import { IdAdvice, STORED_PER_ID } from './id-advice.ts';
import { KnownEntities } from './known-entities.ts';
import { introducedEntities, validateDossier } from './validate-dossier.ts';

export interface IngestInput {
  yamlText: string;
  sourceText: string;
  file: string;
  registry: ReadonlyMap<string, GraphNode>;
  /** UpsertOptions.allowShrink: a revision may retract most of what its source stated. */
  allowShrink?: boolean;
  /** Where the country tables are, for an unknown id's advice (default: the project's data/). */
  dataDir?: string;
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
  const known = new KnownEntities(input.registry, 'the entity registry');
  const lookup = (ids: readonly string[]) => store.getNodes(ids);
  await known.addStored(lookup, introducedEntities(input.yamlText, input.file).map((n) => n.id));
  // An unknown id's advice looks where `cgraph validate --against-store` looks: the store by name, the tables.
  const advice = new IdAdvice({ registry: input.registry, registryKey: 'ingestDossier', dataDir: input.dataDir ?? DATA_DIR, search: (text) => store.searchNodes(text, undefined, STORED_PER_ID) });
  const validate = () => validateDossier({ ...input, knownNodes: known.nodes, knownFrom: known.from, nearby: advice.nearby });
  let result = validate();
  if (await known.addStored(lookup, result.unknownIds)) result = validate();
  if (result.problems.length && (await advice.searchStore(result.unknownIds))) result = validate();
  if (result.problems.length || !result.batch) throw new ValidationError(result.problems, input.file);
  return { report: await store.upsert(result.batch, { allowShrink: input.allowShrink }), refs: result.refs, batch: result.batch };
}

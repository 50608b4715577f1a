// Validate dossiers, then load each one atomically: nothing from an invalid set is written.
import { ValidationError } from '../domain/errors.ts';
import type { GraphBatch, GraphNode } from '../domain/model.ts';
import { addReports, emptyUpsertReport } from '../store/report-sums.ts';
import type { GraphStore, UpsertOptions, UpsertReport } from '../store/graph-store.ts';
import { DATA_DIR } from '../project-files.ts';
import { findDossiers, readRegistry, validateDossierFile, type DossierFileResult } from './dossier-files.ts';
import { KnownEntities } from './known-entities.ts';
import { IdAdvice } from './id-advice.ts';
import { readUtf8File } from './utf8-text.ts';
import { introducedEntities } from './validate-dossier.ts';

export interface ValidatedDossiers {
  dossiers: DossierFileResult[];
  /**
   * One batch per valid dossier, each written as one commit. The registry's nodes ride in the
   * first one, so no crash can leave the registry written without its dossier.
   */
  batches: GraphBatch[];
}

export interface ValidateDossiersOptions {
  /** The entity registry (default: the project's seeds/entities.yaml). */
  registryFile?: string;
  /** Nodes already stored, for ids nothing else defines (the store's getNodes). */
  lookup?: GraphStore['getNodes'];
  /** Stored nodes named like a text (the store's searchNodes): an unknown id's advice may name one. */
  search?: (text: string) => Promise<GraphNode[]>;
}

function readQuietly(file: string): string {
  try {
    return readUtf8File(file);
  } catch {
    return ''; // validateDossierFile reports the unreadable (or not UTF-8) file itself
  }
}

/**
 * Validates every dossier under `paths`; throws with every problem of every dossier at once. Ids
 * resolve against the entity registry (explicit; the project's seeds/entities.yaml unless another is
 * named), the entities of every dossier given together, and — when a lookup is given (`cgraph load`,
 * `--against-store`) — the nodes the store already holds.
 */
export async function validateDossiers(paths: readonly string[], options: ValidateDossiersOptions = {}): Promise<ValidatedDossiers> {
  const { dossiers, batches } = await checkDossiers(paths, options);
  const problems = dossiers.flatMap((d) => d.problems);
  if (problems.length) throw new ValidationError(problems, 'dossiers');
  return { dossiers, batches };
}

/** Each dossier's result, problems included (nothing thrown for them); batches only for valid dossiers. */
export async function checkDossiers(paths: readonly string[], options: ValidateDossiersOptions = {}): Promise<ValidatedDossiers> {
  const files = findDossiers(paths);
  if (files.length === 0) throw new ValidationError([{ code: 'NO_DOSSIERS', message: `no dossier.yaml under ${paths.join(', ')}` }]);
  const registry = readRegistry(options.registryFile);
  // Known nodes, each with where it is defined: the registry, what the store holds of the
  // entities these dossiers introduce (a redefinition must not silently overwrite it), then the
  // dossiers themselves (the first definition of an id wins; a different one is ENTITY_CONFLICT).
  const known = new KnownEntities(registry.nodes, registry.file);
  const introduced = files.map((file) => ({ file, nodes: introducedEntities(readQuietly(file), file) }));
  if (options.lookup) await known.addStored(options.lookup, introduced.flatMap((d) => d.nodes.map((n) => n.id)));
  for (const { file, nodes } of introduced) known.add(nodes, file);
  // An unknown id's advice names the nearest id: of the known nodes, then the store's by name, then the tables'.
  const advice = new IdAdvice({ registry: registry.nodes, registryKey: `validate:${registry.file}`, dataDir: DATA_DIR, search: options.search });
  const validate = (file: string) => validateDossierFile(file, known.nodes, known.from, advice.nearby);
  let dossiers = files.map(validate);
  if (options.lookup && (await known.addStored(options.lookup, dossiers.flatMap((d) => d.unknownIds)))) {
    dossiers = dossiers.map((d) => (d.unknownIds.length ? validate(d.file) : d));
  }
  if (await advice.searchStore(dossiers.flatMap((d) => d.unknownIds))) {
    dossiers = dossiers.map((d) => (d.unknownIds.length ? validate(d.file) : d));
  }
  const batches = dossiers.flatMap((d) => (d.batch ? [d.batch] : []));
  return { dossiers, batches: withRegistry(registry.nodes, batches) };
}

/**
 * The registry's nodes added to the first batch (once: a dossier carries the registry nodes it
 * uses, equal to the registry's or it is ENTITY_CONFLICT): one dossier load is one commit.
 */
function withRegistry(registry: ReadonlyMap<string, GraphNode>, batches: readonly GraphBatch[]): GraphBatch[] {
  const [first, ...rest] = batches;
  if (!first) return [];
  const own = new Set(first.nodes.map((n) => n.id));
  const shared = [...registry.values()].filter((n) => !own.has(n.id));
  return [{ ...first, nodes: [...shared, ...first.nodes] }, ...rest];
}

/** Loads batches one after another, each atomically (one commit each); progress counts rows over all of them. */
export async function loadBatches(store: GraphStore, batches: readonly GraphBatch[], options: UpsertOptions = {}): Promise<UpsertReport> {
  const total = batches.reduce((n, b) => n + b.nodes.length + b.relationships.length, 0);
  let before = 0;
  let report = emptyUpsertReport();
  for (const batch of batches) {
    const offset = before;
    report = addReports(report, await store.upsert(batch, { allowShrink: options.allowShrink, onProgress: (done) => options.onProgress?.(offset + done, total) }));
    before += batch.nodes.length + batch.relationships.length;
  }
  return report;
}

// Seeds are where a store starts, not what it must go back to: a seed dossier is loaded only
// when the store holds no version of its source.
import { ValidationError } from '../domain/errors.ts';
import type { GraphStore, UpsertReport } from '../store/graph-store.ts';
import { emptyUpsertReport } from '../store/report-sums.ts';
import { dossierSourceId, findDossiers } from './dossier-files.ts';
import { loadBatches, validateDossiers } from './load-dossiers.ts';

export interface SeedOptions {
  /** The entity registry ids resolve against (default: the project's seeds/entities.yaml). */
  registryFile?: string;
}

export interface SeedReport {
  /** Dossier files loaded: their source was not in the store. */
  loaded: string[];
  /** Dossier files left alone: the store holds a version of their source. */
  kept: string[];
  report: UpsertReport;
}

/** Whether the store holds any version of the dossier's source (a dossier naming none is validated, and refused, as usual). */
async function sourceIsStored(store: GraphStore, file: string): Promise<boolean> {
  const sourceId = dossierSourceId(file);
  return sourceId !== undefined && (await store.sourceVersions(sourceId)).length > 0;
}

/**
 * Loads the dossiers under `seedsDir` whose source the store does not hold yet, validated
 * together against the registry and the store, each in one commit. Throws ValidationError (nothing
 * loaded) when one of them is invalid. Once a seed source is stored, revisions (`cgraph load`,
 * ingestDossier) and reviews made since are the truth: neither a restart (`npm start`) nor
 * docker-compose's seed step (`cgraph seed`) loads the seed's text over them again.
 */
export async function loadSeeds(store: GraphStore, seedsDir: string, options: SeedOptions = {}): Promise<SeedReport> {
  const loaded: string[] = [];
  const kept: string[] = [];
  const files = findDossiers([seedsDir]);
  if (files.length === 0) throw new ValidationError([{ code: 'NO_DOSSIERS', file: seedsDir, message: `no dossier.yaml under ${seedsDir}; name the seeds folder, or none to load none` }], seedsDir);
  for (const file of files) (await sourceIsStored(store, file) ? kept : loaded).push(file);
  if (loaded.length === 0) return { loaded, kept, report: emptyUpsertReport() };
  const { batches } = await validateDossiers(loaded, { ...options, lookup: (ids) => store.getNodes(ids) });
  return { loaded, kept, report: await loadBatches(store, batches) };
}

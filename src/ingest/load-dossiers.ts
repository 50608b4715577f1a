// Validate dossiers, then load each one atomically: nothing from an invalid set is written.
import { ValidationError } from '../domain/errors.ts';
import type { GraphBatch } from '../domain/model.ts';
import { emptyUpsertReport, type GraphStore, type UpsertOptions, type UpsertReport } from '../store/graph-store.ts';
import { findDossiers, findRegistryFor, readRegistry, validateDossierFile, type DossierFileResult } from './dossier-files.ts';

export interface ValidatedDossiers {
  dossiers: DossierFileResult[];
  /** The registry batch first, then one batch per dossier. */
  batches: GraphBatch[];
}

/** Validates every dossier under `paths` against its registry; throws with every problem at once. */
export function validateDossiers(paths: readonly string[]): ValidatedDossiers {
  const files = findDossiers(paths);
  if (files.length === 0) throw new ValidationError([{ code: 'NO_DOSSIERS', message: `no ${'dossier.yaml'} under ${paths.join(', ')}` }]);
  const registries = new Map<string, ReturnType<typeof readRegistry>>();
  const dossiers = files.map((file) => {
    const registryFile = findRegistryFor(file);
    let registry = registryFile ? registries.get(registryFile) : undefined;
    if (registryFile && !registry) {
      registry = readRegistry(registryFile);
      registries.set(registryFile, registry);
    }
    return validateDossierFile(file, registry?.nodes ?? new Map());
  });
  const problems = dossiers.flatMap((d) => d.problems);
  if (problems.length) throw new ValidationError(problems, 'dossiers');
  const registryBatches = [...registries.values()].map((r) => ({ nodes: [...r.nodes.values()], relationships: [] }));
  return { dossiers, batches: [...registryBatches, ...dossiers.map((d) => d.batch as GraphBatch)] };
}

export function addReports(total: UpsertReport, part: UpsertReport): UpsertReport {
  return {
    nodesCreated: total.nodesCreated + part.nodesCreated,
    nodesUpdated: total.nodesUpdated + part.nodesUpdated,
    nodesUnchanged: total.nodesUnchanged + part.nodesUnchanged,
    relationshipsCreated: total.relationshipsCreated + part.relationshipsCreated,
    relationshipsUpdated: total.relationshipsUpdated + part.relationshipsUpdated,
    relationshipsUnchanged: total.relationshipsUnchanged + part.relationshipsUnchanged,
    createdIds: [...total.createdIds, ...part.createdIds],
  };
}

/** Loads batches one after another, each atomically; progress counts rows over all of them. */
export async function loadBatches(store: GraphStore, batches: readonly GraphBatch[], options: UpsertOptions = {}): Promise<UpsertReport> {
  const total = batches.reduce((n, b) => n + b.nodes.length + b.relationships.length, 0);
  let before = 0;
  let report = emptyUpsertReport();
  for (const batch of batches) {
    const offset = before;
    report = addReports(report, await store.upsert(batch, { onProgress: (done) => options.onProgress?.(offset + done, total) }));
    before += batch.nodes.length + batch.relationships.length;
  }
  return report;
}

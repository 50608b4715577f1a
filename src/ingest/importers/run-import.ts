// The importers as one library call: resolve entity tables, map each file, and hand back the
// batch and summary. Loading is the caller's (atomic upsert, one batch per file).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DomainError } from '../../domain/errors.ts';
import { DATA_DIR } from '../../project-files.ts';
import type { GraphNode } from '../../domain/model.ts';
import { readRegistry } from '../dossier-files.ts';
import { importAtop } from './atop.ts';
import { importCow, readCowToAtop } from './cow.ts';
import { EntityResolver } from './entity-resolver.ts';
import { importGdelt } from './gdelt.ts';
import type { ImportResult } from './import-builder.ts';
import { importKiel } from './kiel.ts';
import { DATASET_GRADES, withDatasetGrades } from './dataset-grades.ts';

export const IMPORT_KINDS = ['atop', 'cow', 'kiel', 'gdelt'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The project's own copy of each dataset (data/README.md), imported when no file is named. */
export const DEFAULT_IMPORT_FILES: Record<ImportKind, string> = {
  atop: join(DATA_DIR, 'atop', 'atop4_member_level.csv'),
  cow: join(DATA_DIR, 'cow', 'alliance_v4.1_by_member.csv'),
  kiel: join(DATA_DIR, 'kiel', 'ust_r29_data_explorer.csv'),
  gdelt: join(DATA_DIR, 'gdelt', 'gdelt1_events_sample_20160728.tsv'),
};

export interface ImportOptions {
  strict?: boolean;
  /** Folder with the entity tables (entities/, cow/, atop/); default: the project's data/. */
  dataDir?: string;
  /** The entity registry whose names win over a dataset's spelling (default: the project's). */
  registry?: ReadonlyMap<string, GraphNode>;
}

/**
 * Importers never rename a registry entity: the registry's name (and kind) wins, the dataset's
 * spelling becomes an alias, and the dataset may add identifiers the registry lacks.
 */
export function keepRegistryNames(result: ImportResult, registry: ReadonlyMap<string, GraphNode>): ImportResult {
  const nodes = result.batch.nodes.map((node) => {
    const known = registry.get(node.id);
    if (!known || known.kind !== node.kind) return node;
    const aliases = [...new Set([...known.aliases, ...node.aliases, ...(node.name !== known.name ? [node.name] : [])])];
    return { ...node, ...known, aliases } as GraphNode;
  });
  return { ...result, batch: { ...result.batch, nodes } };
}

const resolvers = new Map<string, EntityResolver>();

export function resolverFor(dataDir: string): EntityResolver {
  let resolver = resolvers.get(dataDir);
  if (!resolver) {
    const files = { owid: join(dataDir, 'entities', 'owid_countries_regions_2022.csv'), cowCodes: join(dataDir, 'cow', 'COW_country_codes.csv') };
    for (const file of Object.values(files)) {
      if (!existsSync(file)) throw new DomainError('FILE_NOT_FOUND', `entity table ${file} is missing; pass --data-dir with entities/ and cow/ (the project's data/ has them)`, { file });
    }
    resolver = new EntityResolver(files);
    resolvers.set(dataDir, resolver);
  }
  return resolver;
}

export function importFile(kind: ImportKind, file: string, options: ImportOptions = {}): ImportResult {
  return withDatasetGrades(keepRegistryNames(mapFile(kind, file, options), options.registry ?? readRegistry().nodes), DATASET_GRADES[kind]);
}

function mapFile(kind: ImportKind, file: string, options: ImportOptions): ImportResult {
  if (!existsSync(file)) throw new DomainError('FILE_NOT_FOUND', `${file} does not exist`, { file });
  const dataDir = resolve(options.dataDir ?? DATA_DIR);
  const resolver = resolverFor(dataDir);
  const strict = options.strict ?? false;
  switch (kind) {
    case 'atop':
      return importAtop(file, resolver, strict);
    case 'cow': {
      const atop = join(dataDir, 'atop', 'atop4_member_level.csv');
      return importCow(file, resolver, readCowToAtop(existsSync(atop) ? atop : undefined), strict);
    }
    case 'kiel':
      return importKiel(file, resolver, strict);
    case 'gdelt':
      return importGdelt(file, resolver, strict);
  }
}

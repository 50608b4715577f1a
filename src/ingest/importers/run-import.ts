// The importers as one library call: resolve entity tables, map each file, and hand back the
// batch and summary. Loading is the caller's (atomic upsert, one batch per file).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DomainError } from '../../domain/errors.ts';
import { importAtop } from './atop.ts';
import { importCow, readCowToAtop } from './cow.ts';
import { EntityResolver } from './entity-resolver.ts';
import { importGdelt } from './gdelt.ts';
import type { ImportResult } from './import-builder.ts';
import { importKiel } from './kiel.ts';

export const IMPORT_KINDS = ['atop', 'cow', 'kiel', 'gdelt'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportOptions {
  strict?: boolean;
  /** Folder of the shared data (with entities/, cow/, atop/); default: two levels above the file. */
  dataDir?: string;
}

function dataDirFor(file: string, options: ImportOptions): string {
  return resolve(options.dataDir ?? join(dirname(file), '..'));
}

const resolvers = new Map<string, EntityResolver>();

export function resolverFor(dataDir: string): EntityResolver {
  let resolver = resolvers.get(dataDir);
  if (!resolver) {
    const files = { owid: join(dataDir, 'entities', 'owid_countries_regions_2022.csv'), cowCodes: join(dataDir, 'cow', 'COW_country_codes.csv') };
    for (const file of Object.values(files)) {
      if (!existsSync(file)) throw new DomainError('FILE_NOT_FOUND', `entity table ${file} is missing; pass --data-dir with entities/ and cow/`, { file });
    }
    resolver = new EntityResolver(files);
    resolvers.set(dataDir, resolver);
  }
  return resolver;
}

export function importFile(kind: ImportKind, file: string, options: ImportOptions = {}): ImportResult {
  if (!existsSync(file)) throw new DomainError('FILE_NOT_FOUND', `${file} does not exist`, { file });
  const dataDir = dataDirFor(file, options);
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

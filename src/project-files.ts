// Where the project's own files are, whatever the working directory: the entity registry, the
// third-party data and the seeds ship with the repository and are found from this module.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Third-party datasets (data/README.md gives provenance and terms; data/SHA256SUMS their checksums). */
export const DATA_DIR = join(PROJECT_ROOT, 'data');
export const SEEDS_DIR = join(PROJECT_ROOT, 'seeds');
/** The shared entity registry that dossiers resolve ids against unless --registry names another. */
export const DEFAULT_REGISTRY_FILE = join(SEEDS_DIR, 'entities.yaml');

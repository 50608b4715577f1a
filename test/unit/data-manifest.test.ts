// The third-party data ships with the project: every file in data/SHA256SUMS is there with its
// checksum, every data file is listed, and nothing in the code, tests or benchmarks reaches for a
// folder outside the repository (a clone without ../shared must work).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IMPORT_FILES } from '../../src/ingest/importers/run-import.ts';
import { DATA_DIR } from '../../src/project-files.ts';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

const manifest = readFileSync(join(DATA_DIR, 'SHA256SUMS'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => {
    const [hash, path] = line.split(/\s+/);
    return { hash, path: (path as string).replace(/^\.\//, '') };
  });

describe('data/', () => {
  it('holds every file of the manifest with its checksum', () => {
    expect(manifest.length).toBeGreaterThanOrEqual(17);
    for (const { hash, path } of manifest) {
      expect(createHash('sha256').update(readFileSync(join(DATA_DIR, path))).digest('hex'), path).toBe(hash);
    }
  });

  it('lists every data file in the manifest and describes each dataset folder in its README', () => {
    const present = filesUnder(DATA_DIR)
      .map((f) => relative(DATA_DIR, f))
      .filter((f) => f !== 'SHA256SUMS' && f !== 'README.md')
      .sort();
    expect(manifest.map((m) => m.path).sort()).toEqual(present);
    const readme = readFileSync(join(DATA_DIR, 'README.md'), 'utf8');
    for (const folder of new Set(present.map((p) => p.split('/')[0]))) expect(readme, folder).toContain(`${folder}/`);
  });

  it('has the file each importer imports by default', () => {
    for (const file of Object.values(DEFAULT_IMPORT_FILES)) expect(manifest.map((m) => join(DATA_DIR, m.path))).toContain(file);
  });

  it('is the only data the code, tests and benchmarks read: nothing refers to ../shared', () => {
    const offenders = ['src', 'test', 'bench', '.ci', 'tools']
      .flatMap((dir) => filesUnder(dir))
      .filter((f) => /\.(ts|mjs|js|sh)$|\/run$/.test(f) && !f.includes('node_modules') && !f.includes('/target/'))
      .filter((f) => readFileSync(f, 'utf8').includes('../shared/data'));
    expect(offenders).toEqual([join('test', 'unit', 'data-manifest.test.ts')]);
  });
});

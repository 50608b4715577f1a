// npm run build:dashboard (also `prestart`): bundles src/dashboard with esbuild into
// dist/dashboard — index.html, and the script and stylesheet under assets/ with content hashes in
// their names (served as immutable; index.html is not cached). Nothing is loaded from outside the
// server. Exits 1 with esbuild's messages when the bundle does not build.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DASHBOARD_SRC = join(ROOT, 'src', 'dashboard');
export const DASHBOARD_DIST = join(ROOT, 'dist', 'dashboard');

export async function buildDashboard({ quiet = false } = {}) {
  const started = Date.now();
  rmSync(DASHBOARD_DIST, { recursive: true, force: true });
  const assets = join(DASHBOARD_DIST, 'assets');
  mkdirSync(assets, { recursive: true });
  const result = await build({
    entryPoints: [join(DASHBOARD_SRC, 'main.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: 'linked',
    outdir: assets,
    entryNames: 'dashboard-[hash]',
    metafile: true,
    legalComments: 'linked',
    logLevel: quiet ? 'silent' : 'warning',
  });
  const script = Object.keys(result.metafile.outputs).find((f) => f.endsWith('.js'));
  const css = readFileSync(join(DASHBOARD_SRC, 'dashboard.css'));
  const cssName = `dashboard-${createHash('sha256').update(css).digest('hex').slice(0, 10)}.css`;
  writeFileSync(join(assets, cssName), css);
  const html = readFileSync(join(DASHBOARD_SRC, 'index.html'), 'utf8').replace('__CSS__', `/assets/${cssName}`).replace('__JS__', `/assets/${relative(assets, join(ROOT, script))}`);
  writeFileSync(join(DASHBOARD_DIST, 'index.html'), html);
  if (!quiet) console.log(`dashboard built in ${Date.now() - started} ms: ${relative(ROOT, DASHBOARD_DIST)}`);
  return { dir: DASHBOARD_DIST };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildDashboard().catch((error) => {
    console.error(`build:dashboard: ${error.message}`);
    process.exit(1);
  });
}

// npm run build:dashboard (also `prestart`): bundles src/dashboard with esbuild into
// dist/dashboard — index.html and review.html, and their scripts and the stylesheet under assets/
// with content hashes in their names (served as immutable; the pages are not cached). Nothing is
// loaded from outside the server. Exits 1 with esbuild's messages when a bundle does not build.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DASHBOARD_SRC = join(ROOT, 'src', 'dashboard');
export const DASHBOARD_DIST = join(ROOT, 'dist', 'dashboard');
/** Entry script, bundle name and page of each page the dashboard serves. */
const PAGES = [
  ['main.ts', 'dashboard', 'index.html'],
  ['review.ts', 'review', 'review.html'],
];

export async function buildDashboard({ quiet = false } = {}) {
  const started = Date.now();
  rmSync(DASHBOARD_DIST, { recursive: true, force: true });
  const assets = join(DASHBOARD_DIST, 'assets');
  mkdirSync(assets, { recursive: true });
  const css = readFileSync(join(DASHBOARD_SRC, 'dashboard.css'));
  const cssName = `dashboard-${createHash('sha256').update(css).digest('hex').slice(0, 10)}.css`;
  writeFileSync(join(assets, cssName), css);
  // Each page is its own bundle: the review page does not load the graph view.
  for (const [entry, name, page] of PAGES) {
    const result = await build({
      entryPoints: [join(DASHBOARD_SRC, entry)],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      sourcemap: 'linked',
      outdir: assets,
      entryNames: `${name}-[hash]`,
      metafile: true,
      legalComments: 'linked',
      logLevel: quiet ? 'silent' : 'warning',
    });
    const script = Object.keys(result.metafile.outputs).find((f) => f.endsWith('.js'));
    const html = readFileSync(join(DASHBOARD_SRC, page), 'utf8').replace('__CSS__', `/assets/${cssName}`).replace('__JS__', `/assets/${relative(assets, join(ROOT, script))}`);
    writeFileSync(join(DASHBOARD_DIST, page), html);
  }
  if (!quiet) console.log(`dashboard built in ${Date.now() - started} ms: ${relative(ROOT, DASHBOARD_DIST)}`);
  return { dir: DASHBOARD_DIST };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildDashboard().catch((error) => {
    console.error(`build:dashboard: ${error.message}`);
    process.exit(1);
  });
}

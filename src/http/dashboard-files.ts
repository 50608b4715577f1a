// The dashboard's files, as the API server serves them: `/` is the built index.html, `/review.html`
// the draft review page, `/assets/…` the content-hashed bundles and stylesheet. docs/api.md "The dashboard" says what users see.
import { existsSync, readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { PROJECT_ROOT } from '../project-files.ts';

export const DASHBOARD_DIR = join(PROJECT_ROOT, 'dist', 'dashboard');

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  // graphology-layout-forceatlas2's worker is created from a Blob URL.
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = { js: 'text/javascript', css: 'text/css', map: 'application/json', txt: 'text/plain', html: 'text/html' };
const SECURITY = { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };

export interface StaticResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

/** The pages by path; everything else the dashboard serves is under /assets/. */
const PAGES: Record<string, string> = { '/': 'index.html', '/index.html': 'index.html', '/review.html': 'review.html' };

/** Whether a request is the dashboard's: a page or `/assets/…`, read with GET or HEAD. */
export function isDashboardRequest(method: string | undefined, path: string): boolean {
  return (method === 'GET' || method === 'HEAD') && (Object.hasOwn(PAGES, path) || path.startsWith('/assets/'));
}

/**
 * Pages are never cached (they name the current assets); assets are cached for a year, immutable (their
 * names hold content hashes). Every answer carries CONTENT_SECURITY_POLICY, which lets nothing in
 * from outside the server but lets the layout worker run from its Blob URL.
 */
export function dashboardResponse(method: string, url: string, dir: string = DASHBOARD_DIR): StaticResponse {
  const path = new URL(url, 'http://dashboard').pathname;
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    return { status: 503, headers: { ...SECURITY, 'content-type': 'text/plain; charset=utf-8' }, body: 'The dashboard is not built: run `npm run build:dashboard` (npm start does it first).' };
  }
  const body = (text: Buffer | string) => (method === 'HEAD' ? '' : text);
  const page = Object.hasOwn(PAGES, path) ? join(dir, PAGES[path] as string) : undefined;
  if (page && existsSync(page)) {
    return { status: 200, headers: { ...SECURITY, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' }, body: body(readFileSync(page)) };
  }
  const name = decodeURIComponent(path.slice('/assets/'.length));
  const file = normalize(join(dir, 'assets', name));
  if (!/^[\w.-]+$/.test(name) || !file.startsWith(join(dir, 'assets')) || !existsSync(file)) {
    return { status: 404, headers: { ...SECURITY, 'content-type': 'text/plain; charset=utf-8' }, body: 'Not found' };
  }
  const type = TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream';
  return { status: 200, headers: { ...SECURITY, 'content-type': `${type}; charset=utf-8`, 'cache-control': 'public, max-age=31536000, immutable' }, body: body(readFileSync(file)) };
}

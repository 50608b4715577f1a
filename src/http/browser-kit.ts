// The analysts' Neo4j Browser kit served by the API at /browser-kit/: the guide, the GraSS style
// and the saved queries of cypher/browser/; only those files, anything else is 404.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { StaticResponse } from './dashboard-files.ts';
import { CYPHER_DIR } from '../store/neo4j/cypher-library.ts';

export const BROWSER_KIT_PATH = '/browser-kit/';
const DIR = join(CYPHER_DIR, 'browser');
const TYPES: Record<string, string> = { html: 'text/html', grass: 'text/plain', cypher: 'text/plain' };

/**
 * With CORS, so that a Browser on another origin (the official Docker image's, on :7474) may
 * :play the guide and load the style.
 */
export function browserKitResponse(method: string, url: string, requestHeaders: string | undefined): StaticResponse {
  const cors = { 'access-control-allow-origin': '*' };
  if (method === 'OPTIONS') {
    return { status: 204, headers: { ...cors, 'access-control-allow-methods': 'GET, HEAD, OPTIONS', 'access-control-max-age': '600', ...(requestHeaders ? { 'access-control-allow-headers': requestHeaders } : {}) }, body: '' };
  }
  if (method !== 'GET' && method !== 'HEAD') return { status: 405, headers: { ...cors, allow: 'GET, HEAD, OPTIONS' }, body: 'GET only' };
  const name = decodeURIComponent(new URL(url, 'http://kit').pathname.slice(BROWSER_KIT_PATH.length));
  const files = new Set(readdirSync(DIR));
  const type = TYPES[name.split('.').pop() ?? ''];
  if (!files.has(name) || !type) return { status: 404, headers: { ...cors, 'content-type': 'text/plain' }, body: `not in the Browser kit: ${name}; try guide.html or style.grass` };
  return { status: 200, headers: { ...cors, 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-cache' }, body: method === 'HEAD' ? '' : readFileSync(join(DIR, name), 'utf8') };
}

// The HTTP side of the API through yoga.fetch: /healthz, the dashboard's and the Browser kit's
// files, the 411 and 413 body limits, and GraphQL's CORS (which the answers of the others lack).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerHealth } from '../../src/http/health.ts';
import { NlpService, type NlpLauncher } from '../../src/services/nlp-service.ts';
import { CONTENT_SECURITY_POLICY } from '../../src/http/dashboard-files.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { createServer, MAX_BODY_BYTES, type CommitmentGraphServer, type ServerOptions } from '../../src/server.ts';
import { API_KEY } from '../support/graphql-client.ts';

const QUERY = JSON.stringify({ query: '{ stats { nodes } }' });
const ORIGIN = 'http://elsewhere.example';

function serverWith(options: Partial<ServerOptions> = {}): CommitmentGraphServer {
  return createServer({ store: new MemoryStore(), registry: new Map(), apiKeys: [{ name: 'test-writer', key: API_KEY }] }, { production: true, ...options });
}

/** A POST whose body is a stream: the Fetch API cannot know its length, so it sends none. */
function streamedPost(body: string, headers: Record<string, string> = {}): RequestInit {
  const stream = new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(body));
      controller.close();
    },
  });
  return { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: stream, duplex: 'half' } as RequestInit;
}

const errorCode = async (response: Response) => ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code;

describe('/healthz', () => {
  it('answers loading (503), then ok (200), then stopping (503), with the store and the event-loop delay', async () => {
    const health = new ServerHealth();
    const server = serverWith({ health });
    const read = async (path = '/healthz') => {
      const response = await server.fetch(`http://localhost${path}`);
      expect(response.headers.get('content-type')).toBe('application/json');
      return { status: response.status, body: (await response.json()) as { status: string; store: string; eventLoopDelayMs: Record<string, number> } };
    };
    const loading = await read();
    expect(loading.status).toBe(503);
    expect(loading.body.status).toBe('loading');
    expect(loading.body.store).toBe('memory');
    expect(Object.keys(loading.body.eventLoopDelayMs).sort()).toEqual(['max', 'p50', 'p99']);
    for (const figure of Object.values(loading.body.eventLoopDelayMs)) expect(typeof figure).toBe('number');

    health.ready = true;
    const ok = await read('/healthz?reset');
    expect(ok.status).toBe(200);
    expect(Object.keys(ok.body).sort()).toEqual(['eventLoopDelayMs', 'status', 'store']);
    expect(ok.body.status).toBe('ok');

    health.stopping = true;
    const stopping = await read();
    expect(stopping.status).toBe(503);
    expect(stopping.body.status).toBe('stopping');
  });

  it('reports the state of CoreNLP for drafts, and stays ok (200) while it starts: drafting is optional', async () => {
    const health = new ServerHealth();
    health.ready = true;
    const launcher: NlpLauncher = { runningState: () => undefined, start: () => new Promise(() => {}), stop: async () => true };
    const nlp = new NlpService({ url: undefined, mode: 'start' }, launcher);
    nlp.begin();
    health.services.nlp = () => nlp.current;
    const response = await serverWith({ health }).fetch('http://localhost/healthz');
    expect(response.status).toBe(200);
    expect(((await response.json()) as { nlp: { state: string } }).nlp).toMatchObject({ state: 'starting' });
    const configured = new NlpService({ url: 'http://127.0.0.1:9000', mode: 'auto' }, launcher);
    health.services.nlp = () => configured.current;
    expect(((await (await serverWith({ health }).fetch('http://localhost/healthz')).json()) as { nlp: unknown }).nlp).toEqual({ state: 'ready', url: 'http://127.0.0.1:9000', source: 'configured' });
  });

  it('is answered whatever the method, and only at /healthz and /healthz?reset', async () => {
    const health = new ServerHealth();
    health.ready = true;
    const server = serverWith({ health });
    expect((await server.fetch('http://localhost/healthz', { method: 'POST', headers: { 'content-length': '0' } })).status).toBe(200);
    expect((await server.fetch('http://localhost/healthz?verbose')).status).toBe(404);
    expect((await server.fetch('http://localhost/healthz/')).status).toBe(404);
  });

  it('is not there without a health object (a server only tests use)', async () => {
    expect((await serverWith().fetch('http://localhost/healthz')).status).toBe(404);
  });
});

describe('the dashboard files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cgraph-dashboard-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>dashboard</title>');
    writeFileSync(join(dir, 'assets', 'main-ABC123.js'), 'console.log("dashboard")');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the page uncached and the assets immutable, with the Content-Security-Policy and no CORS headers', async () => {
    const server = serverWith({ dashboardDir: dir });
    const page = await server.fetch('http://localhost/', { headers: { origin: ORIGIN } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('access-control-allow-origin')).toBeNull();
    expect(await page.text()).toBe('<!doctype html><title>dashboard</title>');

    const script = await server.fetch('http://localhost/assets/main-ABC123.js?v=1');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await script.text()).toBe('console.log("dashboard")');

    const head = await server.fetch('http://localhost/index.html', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await server.fetch('http://localhost/assets/missing.js')).status).toBe(404);
  });

  it('says how to build the dashboard when it is not built', async () => {
    const server = serverWith({ dashboardDir: join(dir, 'not-built') });
    const page = await server.fetch('http://localhost/');
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('npm run build:dashboard');
  });
});

describe('the Browser kit', () => {
  it('serves its files to any origin, answers its own preflight, and nothing else', async () => {
    const server = serverWith();
    const guide = await server.fetch('http://localhost/browser-kit/guide.html', { headers: { origin: ORIGIN } });
    expect(guide.status).toBe(200);
    expect(guide.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(guide.headers.get('access-control-allow-origin')).toBe('*');
    expect(guide.headers.get('access-control-allow-credentials')).toBeNull();
    expect(await guide.text()).toContain('<');

    const preflight = await server.fetch('http://localhost/browser-kit/style.grass', { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-headers': 'x-requested-with' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, HEAD, OPTIONS');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('x-requested-with');
    expect(preflight.headers.get('access-control-max-age')).toBe('600');
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');

    expect((await server.fetch('http://localhost/browser-kit/package.json')).status).toBe(404);
    expect((await server.fetch('http://localhost/browser-kit/guide.html', { method: 'POST', headers: { 'content-length': '0' } })).status).toBe(405);
  });
});

describe('body limits', () => {
  it('refuses a POST without Content-Length with 411 LENGTH_REQUIRED, without CORS headers', async () => {
    const response = await serverWith().fetch('http://localhost/graphql', streamedPost(QUERY, { origin: ORIGIN }));
    expect(response.status).toBe(411);
    expect(await errorCode(response)).toBe('LENGTH_REQUIRED');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers a POST with Content-Length', async () => {
    const response = await serverWith().fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(QUERY.length) }, body: QUERY });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { stats: { nodes: 0 } } });
  });

  it('refuses a body over the limit with 413 from its declared length, but lets a writer with an API key send more', async () => {
    const server = serverWith();
    const body = JSON.stringify({ query: '{ stats { nodes } }', variables: { pad: 'x'.repeat(MAX_BODY_BYTES) } });
    const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
    const anyone = await server.fetch('http://localhost/graphql', { method: 'POST', headers, body });
    expect(anyone.status).toBe(413);
    expect(await errorCode(anyone)).toBe('PAYLOAD_TOO_LARGE');
    const writer = await server.fetch('http://localhost/graphql', { method: 'POST', headers: { ...headers, authorization: `Bearer ${API_KEY}` }, body });
    expect(writer.status).not.toBe(413);
  });
});

describe('CORS of the GraphQL API', () => {
  it('answers preflights and allows the caller\'s origin, as yoga does by default', async () => {
    const server = serverWith();
    const preflight = await server.fetch('http://localhost/graphql', { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    const answer = await server.fetch('http://localhost/graphql', { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/json' }, body: QUERY });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });
});

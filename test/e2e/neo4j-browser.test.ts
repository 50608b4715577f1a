// Neo4j Browser on the launcher, in a real Chromium (Debian's, through playwright-core; never a
// downloaded browser): the launcher's own Neo4j server serves the Browser, which connects to its
// Bolt over WebSocket without asking, loads the project's style and plays the guide (the server's
// post-connect command); the guide's runnable blocks run two saved queries, whose results show the
// seed's names in the table and in the graph with the style's colours and captions. Screenshots are
// kept in test-artifacts/neo4j-browser/ (ignored by git). The API serves the same kit with CORS.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM } from '../support/chromium.ts';
import { runCli } from '../support/run-cli.ts';
import { startServer, type Running } from '../support/server-process.ts';
import { tempDir } from '../support/fixtures.ts';
import { timeLimit } from '../support/time-limits.ts';

const ARTIFACTS = join('test-artifacts', 'neo4j-browser');
const NAME = 'browser-test';

// Chromium comes from Debian (.ci/run installs it); without it a developer's run skips, CI fails.
describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)('Neo4j Browser on the launcher, in Chromium', () => {
  // eslint-disable-next-line @typescript-eslint/consistent-type-imports
  let launcher: typeof import('../../tools/neo4j-local/launcher.mjs');
  let state: Awaited<ReturnType<typeof launcher.start>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    launcher = await import('../../tools/neo4j-local/launcher.mjs');
    // Its own launcher, ports and data: the shared test instance is Bolt only.
    state = await launcher.start({ name: NAME, port: await launcher.freePort(), httpPort: await launcher.freePort(), kitPort: await launcher.freePort(), dataDir: tempDir('cgraph-browser-') });
    const loaded = runCli(['load', 'seeds'], { NEO4J_URI: state.uri, CGRAPH_STORE: 'neo4j', NEO4J_PASSWORD: '' });
    expect(loaded.code, loaded.stderr).toBe(0);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  }, timeLimit(240_000));

  afterAll(async () => {
    await browser?.close();
    await launcher?.stop({ name: NAME });
  });

  /** Puts a runnable block of the guide's current slide in the editor and runs it; returns the new result frame. */
  async function runBlock(text: string) {
    const frames = page.locator('[data-testid="frame"]');
    const before = await frames.count();
    await page.locator('[data-testid="carousel"] pre.runnable', { hasText: text }).first().click();
    await page.locator('[data-testid="editor-Run"]').click();
    await expect.poll(() => frames.count(), { timeout: timeLimit(30_000) }).toBeGreaterThan(before);
    return frames.first();
  }

  async function slide(title: string) {
    for (let i = 0; i < 12 && !(await page.locator('[data-testid="carousel"] h3', { hasText: title }).isVisible()); i++) {
      await page.locator('[data-testid="nextSlide"]').click();
    }
    await expect.poll(() => page.locator('[data-testid="carousel"] h3', { hasText: title }).isVisible()).toBe(true);
  }

  it('connects to the launcher\'s Bolt, loads the style and plays the guide', async () => {
    expect(state.browserUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/browser\/\?dbms=bolt%3A%2F%2F127\.0\.0\.1%3A\d+&preselectAuthMethod=NO_AUTH$/);
    await page.goto(state.browserUrl as string);
    await page.locator('[data-testid="carousel"]').waitFor({ timeout: timeLimit(90_000) });
    await expect.poll(() => page.locator('[data-testid="carousel"] h3').first().innerText()).toBe('commitment-graph');
    const commands = await page.locator('[data-testid="frameCommand"]').allInnerTexts();
    expect(commands.join('\n')).toContain(`:style ${state.kitUrl}/style.grass`);
    expect(commands.join('\n')).toContain(`:play ${state.kitUrl}/guide.html`);
    await page.screenshot({ path: join(ARTIFACTS, '1-guide.png') });
  });

  it('runs the saved query of pledges from the guide: the table holds the seed\'s pledgers', async () => {
    await slide('Who pledged what');
    const frame = await runBlock('MATCH (actor:Actor)-[p:PLEDGED]');
    await expect.poll(() => frame.innerText(), { timeout: timeLimit(30_000) }).toContain('"United Kingdom"');
    const text = await frame.innerText();
    for (const name of ['France', 'Germany', 'Coalition of the willing']) expect(text).toContain(`"${name}"`);
    expect(text).toContain('deploy troops to Ukraine');
    await page.screenshot({ path: join(ARTIFACTS, '2-pledges-table.png') });
  });

  it("runs Italy's neighbourhood from the guide: the graph shows names as captions, in the style's colours", async () => {
    await slide('How Italy is connected to Russia');
    await runBlock(':param actorId');
    const frame = await runBlock('MATCH path = (actor:Entity {id: $actorId})');
    const svg = frame.locator('svg').first();
    await svg.waitFor({ timeout: timeLimit(30_000) });
    // Captions wrap over lines: one text element per line.
    const captions = async () => (await frame.locator('svg text').allTextContents()).join(' ').replace(/\s+/g, ' ');
    await expect.poll(captions, { timeout: timeLimit(30_000) }).toContain('Italy');
    for (const name of ['Giorgia Meloni', 'Poland', 'Russia', 'France']) expect(await captions()).toContain(name);
    // The style: states blue (#4C8EDA), refusals red (#D62728).
    const fills = await frame.locator('svg circle').evaluateAll((circles) => circles.map((c) => c.getAttribute('fill')));
    expect(fills).toContain('#4C8EDA');
    const strokes = await frame.locator('svg path').evaluateAll((paths) => paths.map((p) => p.getAttribute('fill') ?? p.getAttribute('stroke')));
    expect(strokes).toContain('#D62728');
    await page.screenshot({ path: join(ARTIFACTS, '3-italy-neighbourhood.png') });
    if (process.env.CGRAPH_DOCS_SCREENSHOT) await page.screenshot({ path: process.env.CGRAPH_DOCS_SCREENSHOT });
  });

  it('serves the kit with CORS from the launcher', async () => {
    const guide = await fetch(`${state.kitUrl}/guide.html`);
    expect(guide.status).toBe(200);
    expect(guide.headers.get('access-control-allow-origin')).toBe('*');
    expect(await guide.text()).toContain('<article class="guide">');
    const preflight = await fetch(`${state.kitUrl}/style.grass`, { method: 'OPTIONS', headers: { 'access-control-request-headers': 'x-test', origin: 'http://example.org' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('x-test');
    expect((await fetch(`${state.kitUrl}/../../../etc/passwd`)).status).toBe(404);
  });
});

describe('the API serves the Browser kit', () => {
  let server: Running;
  beforeAll(async () => {
    server = await startServer({ CGRAPH_SEEDS_DIR: 'none' });
  }, timeLimit(60_000));
  afterAll(() => void server?.child.kill('SIGTERM'));

  it('serves the guide and the style with CORS, answers preflights, and nothing else', async () => {
    const guide = await fetch(`${server.url}/browser-kit/guide.html`);
    expect(guide.status).toBe(200);
    expect(guide.headers.get('access-control-allow-origin')).toBe('*');
    expect(guide.headers.get('content-type')).toContain('text/html');
    expect(await guide.text()).toContain('list-refusals');
    expect((await fetch(`${server.url}/browser-kit/style.grass`)).status).toBe(200);
    const preflight = await fetch(`${server.url}/browser-kit/guide.html`, { method: 'OPTIONS', headers: { 'access-control-request-headers': 'x-requested-with' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('x-requested-with');
    for (const path of ['/browser-kit/../package.json', '/browser-kit/%2e%2e%2fpackage.json', '/browser-kit/']) expect((await fetch(`${server.url}${path}`)).status).toBe(404);
  });
});

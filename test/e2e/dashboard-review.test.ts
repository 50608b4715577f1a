// The review page in Chromium, against the API as a process with an API key: an article pasted and
// drafted, one candidate rejected, one edited (its actor found through the lookup, its firmness
// changed), the rest accepted and ingested; then GraphQL over HTTP says exactly those are in the
// graph with their quotes, and `cgraph validate` accepts the dossier the page shows. Offline.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildDashboard } from '../../tools/build-dashboard.mjs';
import { CHROMIUM, CHROMIUM_ARGS, offlinePage } from '../support/chromium.ts';
import { tempDir } from '../support/fixtures.ts';
import { runCli } from '../support/run-cli.ts';
import { startServer, type Running } from '../support/server-process.ts';
import { timeLimit } from '../support/time-limits.ts';

const ARTIFACTS = join('test-artifacts', 'dashboard-review');
const ARTICLE = readFileSync('test/fixtures/review/article.txt', 'utf8');
const KEY = 'review-key-0123456789abcdef';
const SOURCE = 'source:review-e2e-rome';

interface Candidate {
  type: string;
  from: string;
  to: string;
  quote: string;
  start: number;
  end: number;
  ref: string;
}

describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)('the review page in Chromium', () => {
  let server: Running;
  let browser: Browser;
  let page: Page;
  let errors: string[] = [];
  let outside: string[] = [];
  /** The draft as the API gives it for the same text: what the page must show. */
  let expected: { drafter: string; warnings: string[]; candidates: Candidate[] };

  const gql = async <T>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string; problems?: { code: string; message: string }[] } }[] };
  };
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const item = (index: number) => page.locator(`[data-testid="candidate"][data-index="${index}"]`);
  const indexWhere = (test: (c: Candidate) => boolean) => {
    const index = expected.candidates.findIndex(test);
    expect(index).toBeGreaterThanOrEqual(0);
    return index;
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await buildDashboard({ quiet: true });
    server = await startServer({ CGRAPH_API_KEYS: `analyst:${KEY}` });
    // A loaded machine may answer DRAFT_TIMEOUT or DRAFT_BUSY: the API says to ask again (the draft is kept).
    let draft: Awaited<ReturnType<typeof gql<{ draftDossier: typeof expected }>>> | undefined;
    for (let attempt = 0; attempt < 5; attempt++) {
      draft = await gql<{ draftDossier: typeof expected }>('query($text: String!) { draftDossier(text: $text, sourceId: "source:review-e2e-rome") { drafter warnings candidates { type from to quote start end ref } } }', { text: ARTICLE });
      if (!['DRAFT_TIMEOUT', 'DRAFT_BUSY'].includes(draft.errors?.[0]?.extensions?.code ?? '')) break;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    expect(draft?.errors, JSON.stringify(draft?.errors)).toBeUndefined();
    expected = draft!.data!.draftDossier;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    // The refused ingest answers 401; Chromium logs the status as a console error.
    ({ page, errors, outside } = await offlinePage(browser, { width: 1400, height: 1000 }, { expectedConsole: /status of 401/ }));
  }, timeLimit(180_000));

  afterAll(async () => {
    await browser?.close();
    server?.child.kill('SIGTERM');
  });

  it('the dashboard links to it; a pasted article is drafted, with the drafter named and every quote marked in the text', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: 'Review a draft' }).click();
    await page.waitForURL(/\/review\.html$/);
    await page.getByLabel("The article's plain text").fill(ARTICLE);
    await page.getByLabel('Id (optional)').fill(SOURCE);
    await page.getByTestId('draft').click();
    await expect.poll(() => page.getByTestId('candidate').count(), { timeout: timeLimit(60_000) }).toBe(expected.candidates.length);
    expect(await page.getByTestId('drafter').getAttribute('data-drafter')).toBe(expected.drafter);
    expect(['parse', 'rules']).toContain(expected.drafter);
    if (expected.drafter === 'rules') expect(await page.getByTestId('draft-warnings').innerText()).toContain(expected.warnings[0] as string);
    // Every quote is marked; clicking a candidate's quote marks it as current.
    const marked = await page.locator('[data-testid="article-view"] mark').allInnerTexts();
    for (const c of expected.candidates) expect(marked.join('')).toContain(c.quote.slice(0, 20));
    const poland = indexWhere((c) => c.from === 'state:POL');
    await item(poland).getByTestId('candidate-quote').click();
    expect(await page.locator('[data-testid="article-view"] mark.current').allInnerTexts()).toEqual([expected.candidates[poland]!.quote]);
    await shot('1-drafted');
  });

  it('without an API key the ingest is refused, the page says so, and nothing is written', async () => {
    const russia = indexWhere((c) => c.from === 'state:RUS');
    await item(russia).getByTestId('accept').click();
    await page.getByLabel('Reviewed by').fill('A. Analyst');
    await page.getByTestId('ingest').click();
    await expect.poll(() => page.getByTestId('ingest-result').innerText(), { timeout: timeLimit(20_000) }).toContain('UNAUTHENTICATED');
    expect(await page.getByTestId('ingest-result').innerText()).toContain('needs an API key');
    expect((await gql<{ node: unknown }>(`{ node(id: "${SOURCE}") { id } }`)).data?.node).toBeNull();
    await shot('2-refused');
  });

  it('rejects one, edits one through the lookup, accepts the rest, and ingests exactly those with their quotes', async () => {
    const poland = indexWhere((c) => c.from === 'state:POL');
    const germany = indexWhere((c) => c.quote.includes('Germany pledged'));
    await item(poland).getByTestId('reject').click();
    // The actor through the lookup: "Germany" → state:DEU (whatever the drafter made of the dateline).
    const from = item(germany).getByTestId('edit-from');
    await from.fill('Germany');
    await from.press('Enter');
    await item(germany).locator('[data-testid="lookup-from"] button[data-id="state:DEU"]').click();
    await item(germany).getByTestId('edit-firmness').selectOption('hedged');
    for (let i = 0; i < expected.candidates.length; i++) {
      if (i !== poland && (await item(i).getAttribute('data-decision')) !== 'accepted') await item(i).getByTestId('accept').click();
    }
    await page.getByLabel(/API key/).fill(KEY);
    await page.getByLabel(/API key/).press('Tab');
    await page.getByTestId('ingest').click();
    await expect.poll(() => page.getByTestId('ingest-result').innerText(), { timeout: timeLimit(30_000) }).toContain('Ingested:');
    await shot('3-ingested');
    expect(await page.evaluate(() => sessionStorage.getItem('cgraph.apiKey'))).toBe(KEY);
    expect(page.url()).not.toContain(KEY);

    const accepted = expected.candidates.filter((_, i) => i !== poland);
    const wanted = new Map<string, string[]>();
    for (const c of accepted) {
      const key = `${c.quote.includes('Germany pledged') ? 'state:DEU' : c.from} ${c.type} ${c.to}`;
      wanted.set(key, [...(wanted.get(key) ?? []), c.quote]);
    }
    type Rel = { type: string; from: { id: string }; to: { id: string }; firmness: string | null; evidence: { quote: string; start: number; end: number }[]; statements: { review: { state: string; by: string | null } }[] };
    const stored = await gql<{ relationships: { edges: { node: Rel }[] } }>('query($s: [ID!]) { relationships(filter: { sources: $s }, first: 100) { edges { node { type from { id } to { id } evidence { quote start end } statements { review { state by } } ... on Commitment { firmness } } } } }', { s: [SOURCE] });
    expect(stored.errors).toBeUndefined();
    const commitments = stored.data!.relationships.edges.map((e) => e.node).filter((r) => ['PLEDGED', 'REFUSED', 'WARNED'].includes(r.type));
    expect(new Set(commitments.map((r) => `${r.from.id} ${r.type} ${r.to.id}`))).toEqual(new Set(wanted.keys()));
    expect(commitments).toHaveLength(wanted.size);
    for (const r of commitments) {
      expect(r.evidence.map((e) => e.quote).sort()).toEqual([...new Set(wanted.get(`${r.from.id} ${r.type} ${r.to.id}`))].sort());
      for (const e of r.evidence) expect(ARTICLE.slice(e.start, e.end)).toBe(e.quote);
      expect(r.statements.map((s) => s.review)).toEqual([{ state: 'REVIEWED', by: 'A. Analyst' }]);
    }
    expect(commitments.find((r) => r.from.id === 'state:DEU')?.firmness).toBe('hedged');
    expect(commitments.some((r) => r.from.id === 'state:POL')).toBe(false);
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
  });

  it('the dossier the page shows passes cgraph validate as a process', async () => {
    const yaml = await page.getByTestId('dossier-yaml').inputValue();
    expect(yaml).toContain(`id: ${SOURCE}`);
    const dir = join(tempDir(), 'reviewed');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'dossier.yaml'), yaml);
    writeFileSync(join(dir, 'article.txt'), ARTICLE);
    const result = runCli(['validate', dir, '--json']);
    expect(result.stderr + result.stdout).not.toContain('"problems"');
    expect(result.code).toBe(0);
  });

  it('a dossier the API refuses shows each problem with its code, where it is and the advice', async () => {
    const russia = indexWhere((c) => c.from === 'state:RUS');
    const from = item(russia).getByTestId('edit-from');
    await from.fill('state:JAP');
    await from.press('Tab');
    await page.getByTestId('ingest').click();
    const result = page.getByTestId('ingest-result');
    await expect.poll(() => result.innerText(), { timeout: timeLimit(20_000) }).toContain('VALIDATION_FAILED');
    const problem = result.locator('li[data-code="UNKNOWN_ID"]');
    expect(await problem.innerText()).toMatch(/at relationships\[\d+\]\.from \(line \d+ of the dossier below\): "state:JAP".*did you mean state:JPN \(Japan\)\?/);
    await shot('4-refused-dossier');
  });

  it('reads a .txt file into the text area', async () => {
    await page.getByLabel('or a .txt file').setInputFiles({ name: 'article.txt', mimeType: 'text/plain', buffer: Buffer.from('Spain pledged to send tents to Chad.\n') });
    await expect.poll(() => page.getByLabel("The article's plain text").inputValue()).toBe('Spain pledged to send tents to Chad.\n');
  });

  it('ingestDossier over HTTP suggests the ids cgraph validate suggests: a stored one by its words, a state from the country tables', async () => {
    const dir = 'seeds/coalition-of-volunteers-declaration-2026-01-06';
    const yaml = readFileSync(join(dir, 'dossier.yaml'), 'utf8').replace('to: initiative:multinational-force-ukraine', 'to: initiative:multinational-force').replace('statedBy: [ person:emmanuel-macron ]', 'statedBy: [ state:JAP ]');
    const res = await gql('mutation($y: String!, $t: String!) { ingestDossier(yaml: $y, sourceText: $t) { relationshipsCreated } }', { y: yaml, t: readFileSync(join(dir, 'coalition-of-volunteers-signs-declaration.txt'), 'utf8') }, { authorization: `Bearer ${KEY}` });
    expect(res.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    const messages = (res.errors?.[0]?.extensions?.problems ?? []).filter((p) => p.code === 'UNKNOWN_ID').map((p) => p.message);
    expect(messages.find((m) => m.startsWith('"initiative:multinational-force"'))).toContain('did you mean initiative:multinational-force-ukraine');
    expect(messages.find((m) => m.startsWith('"state:JAP"'))).toContain('did you mean state:JPN (Japan)?');
  });
});

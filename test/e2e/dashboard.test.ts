// The dashboard in a real Chromium (Debian's, through playwright-core; WebGL through SwiftShader),
// served by the API as a process on the seeds, with every request that leaves the machine
// blocked (and recorded: there must be none). Each state is kept as a screenshot in
// test-artifacts/dashboard/ (ignored by git).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildDashboard } from '../../tools/build-dashboard.mjs';
import { CHROMIUM, CHROMIUM_ARGS, offlinePage } from '../support/chromium.ts';
import { gradedRefusals } from '../support/graded-dossiers.ts';
import { post, startServer, type Running } from '../support/server-process.ts';
import { timeLimit } from '../support/time-limits.ts';

const ARTIFACTS = join('test-artifacts', 'dashboard');
const API_KEY = 'dashboard-test-key-0123456789';

describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)('the dashboard in Chromium', () => {
  let server: Running;
  let browser: Browser;
  let page: Page;
  let errors: string[] = [];
  let outside: string[] = [];

  const visibleEdges = async () => Number(await page.locator('[data-testid="graph"]').getAttribute('data-visible-edges'));
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  /** Ids of the relationships among `ids` the page draws now (not hidden by a filter), sorted. */
  const shownIds = async (ids: Set<string>) =>
    (await page.evaluate((list) => list.filter((id) => (window as { cgraphView?: { edgeDisplay(id: string): { hidden: boolean } | undefined } }).cgraphView?.edgeDisplay(id)?.hidden === false), [...ids])).sort();
  /** What GraphQL over HTTP selects with this filter: every page of ids. */
  async function apiIds(filter: Record<string, unknown>): Promise<Set<string>> {
    const ids = new Set<string>();
    let after: string | null = null;
    for (;;) {
      const data = (await authorised('query($filter: RelationshipFilter, $after: String) { relationships(filter: $filter, first: 500, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }', { filter, after })) as { relationships: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
      for (const e of data.relationships.edges) ids.add(e.node.id);
      if (!data.relationships.pageInfo.hasNextPage) return ids;
      after = data.relationships.pageInfo.endCursor;
    }
  }
  async function authorised(query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
    const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    return body.data ?? {};
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await buildDashboard({ quiet: true });
    server = await startServer({ CGRAPH_API_KEYS: `dashboard-test:${API_KEY}` });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    ({ page, errors, outside } = await offlinePage(browser, { width: 1500, height: 950 }));
  }, timeLimit(120_000));

  afterAll(async () => {
    await browser?.close();
    server?.child.kill('SIGTERM');
  });

  it('loads with no console error and nothing from outside, and draws the graph', async () => {
    await page.goto(`${server.url}/`);
    await page.locator('[data-testid="graph"][data-ready="true"]').waitFor({ timeout: timeLimit(60_000) });
    await page.waitForTimeout(2500); // the layout runs a moment; the picture is what is tested
    const stats = (await post(server.url, '{ stats { relationships } }')).body.data?.stats as { relationships: number };
    expect(await visibleEdges()).toBe(stats.relationships);
    // The canvas is drawn: a blank one compresses to almost nothing.
    const picture = await page.locator('[data-testid="graph"]').screenshot();
    const blank = await page.locator('[data-testid="details"]').screenshot();
    expect(picture.length).toBeGreaterThan(4 * blank.length);
    expect(picture.length).toBeGreaterThan(40_000);
    await shot('1-loaded');
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
  });

  it('searching "Italy" shows its refusal with its quote, and the source text opens at the quote', async () => {
    await page.getByTestId('search').fill('Italy');
    await page.getByTestId('search').press('Enter');
    const details = page.getByTestId('details');
    await expect.poll(() => details.innerText(), { timeout: timeLimit(20_000) }).toContain('Refusals');
    const text = await details.innerText();
    expect(text).toContain('Italy refused Multinational reassurance force for Ukraine');
    expect(text).toContain('said their countries would not contribute troops to any mission inside Ukraine');
    await shot('2-italy');
    await details.getByRole('button', { name: /Britain and France ready to deploy troops/ }).first().click();
    const source = page.getByTestId('source');
    await expect.poll(() => source.locator('mark').innerText()).toContain('would not contribute troops');
    await shot('3-source');
    await source.getByRole('button', { name: 'Close' }).click();
  });

  it('the kind filter hides refusals, in the graph and in the table', async () => {
    const before = await visibleEdges();
    const refused = ((await post(server.url, '{ stats { relationshipsByType { type count } } }')).body.data?.stats as { relationshipsByType: { type: string; count: number }[] }).relationshipsByType.find((t) => t.type === 'REFUSED')?.count ?? 0;
    expect(refused).toBeGreaterThan(0);
    await page.getByTestId('filter-kind-REFUSED').uncheck();
    await expect.poll(visibleEdges).toBe(before - refused);
    expect(await page.getByTestId('table').innerText()).not.toContain('refused');
    expect(page.url()).toContain('kinds=PLEDGED%2CWARNED');
    await shot('4-no-refusals');
    await page.getByTestId('filter-kind-REFUSED').check();
    await expect.poll(visibleEdges).toBe(before);
  });

  it('the as-of control changes what is shown: the relationships of a day', async () => {
    const all = await visibleEdges();
    const slider = page.getByTestId('as-of');
    // To the first day of the data: far fewer relationships hold then.
    await slider.evaluate((input: HTMLInputElement) => {
      input.value = input.min;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await expect.poll(visibleEdges, { timeout: timeLimit(20_000) }).toBeLessThan(all);
    const day = new URL(page.url()).searchParams.get('asOf') as string;
    const onDay = (await post(server.url, `{ relationships(filter: { asOf: "${day}" }, first: 500) { totalCount } }`)).body.data?.relationships as { totalCount: number };
    expect(await visibleEdges()).toBe(onDay.totalCount);
    await shot('5-as-of');
    await page.locator('#as-of-all').click();
    await expect.poll(visibleEdges).toBe(all);
  });

  it('the path finder shows a path from Italy to Russia, each step with its quote', async () => {
    await page.getByTestId('path-from').fill('Italy');
    await page.getByTestId('path-to').fill('Russia');
    await page.getByTestId('path-find').click();
    const result = page.getByTestId('path-result');
    await expect.poll(() => result.innerText(), { timeout: timeLimit(20_000) }).toContain('Italy → Russia');
    expect(await result.locator('li').count()).toBeGreaterThan(0);
    expect(await result.locator('blockquote').count()).toBe(await result.locator('li').count());
    await shot('6-path');
  });

  it('the scenario controls say which commitments a ceasefire would make active, with the reasons', async () => {
    const expected = (await post(server.url, '{ scenario(assume: ["condition:ceasefire-in-force"]) { counts { active inactive undetermined } } }')).body.data?.scenario as { counts: { active: number; inactive: number; undetermined: number } };
    await page.locator('[data-condition="condition:ceasefire-in-force"]').selectOption('assume');
    await page.getByTestId('scenario-run').click();
    const result = page.locator('#scenario-result');
    await expect.poll(() => result.innerText(), { timeout: timeLimit(20_000) }).toContain(`${expected.counts.active} active · ${expected.counts.inactive} inactive · ${expected.counts.undetermined} undetermined`);
    // Each commitment's conditions with their outcome: the ceasefire met, Russia's consent unknown.
    expect(await result.locator('li').count()).toBeGreaterThan(0);
    expect(await result.innerText()).toMatch(/Russia consents to the deployment: unknown/);
    expect(page.url()).toContain('assume=condition%3Aceasefire-in-force');
    await shot('7-scenario');
    await page.locator('#scenario-clear').click();
  });

  it('lists the tensions; one selects its relationships on the graph', async () => {
    const tensions = page.getByTestId('tensions');
    await expect.poll(() => tensions.locator('li').count(), { timeout: timeLimit(30_000) }).toBeGreaterThan(0);
    await tensions.locator('button').first().click();
    await shot('8-tension');
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
  });

  it('GraphiQL works offline: its page comes from the server, and it runs a query', async () => {
    await page.goto(`${server.url}/graphql?query=${encodeURIComponent('{ stats { nodes relationships } }')}`);
    await page.locator('.graphiql-execute-button').click({ timeout: timeLimit(30_000) });
    await expect.poll(() => page.locator('.graphiql-response').innerText(), { timeout: timeLimit(20_000) }).toContain('"relationships"');
  });

  it('shows the grade beside each quote: ungraded as the seeds are, then a statement a person graded', async () => {
    await page.goto(`${server.url}/`);
    await page.getByTestId('search').fill('Italy');
    await page.getByTestId('search').press('Enter');
    const details = page.getByTestId('details');
    await expect.poll(() => details.innerText(), { timeout: timeLimit(20_000) }).toContain('Refusals');
    const refusal = details.locator('[data-relationship]').filter({ hasText: 'Italy refused' }).first();
    expect(await refusal.getByTestId('grade').count()).toBe(await refusal.locator('li.evidence').count());
    expect(await refusal.getByTestId('grade').first().innerText()).toBe('ungraded');
    expect(await refusal.getByTestId('grade').first().getAttribute('title')).toBe('outlet ungraded; statement ungraded');

    const id = (await refusal.getAttribute('data-relationship')) as string;
    const statements = (await post(server.url, `{ relationship(id: "${id}") { statements { id } } }`)).body.data?.relationship as { statements: { id: string }[] };
    const review = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
      body: JSON.stringify({ query: 'mutation($id: ID!) { reviewStatement(statementId: $id, state: REVIEWED, credibility: 2) { id } }', variables: { id: statements.statements[0]?.id } }),
    });
    expect(((await review.json()) as { errors?: unknown }).errors).toBeUndefined();
    await page.getByTestId('search').press('Enter');
    await expect.poll(() => refusal.getByTestId('grade').allInnerTexts(), { timeout: timeLimit(20_000) }).toContain('-2');
    expect(await refusal.getByTestId('grade').filter({ hasText: '-2' }).first().getAttribute('title')).toBe('outlet ungraded; statement 2: probably true');
    await shot('8-grades');
    await shot('9-graphiql');
    expect(outside).toEqual([]);
  });

  it('the grade filter shows exactly the relationships the API selects, met by one statement with the sources; clearing it shows all', async () => {
    // Two outlets state Spain's refusal with different credibilities: outlet A finds it improbable
    // (5), outlet C probably true (2). No single statement is both from A and graded 2.
    const ingested: Record<string, string> = {};
    for (const [source, outlet, reliability, refusals] of [
      ['source:graded-wire-a', 'test-wire-a', 'A', [{ iso: 'ESP', name: 'Spain', credibility: 5 }, { iso: 'PRT', name: 'Portugal', credibility: 2 }]],
      ['source:graded-wire-c', 'test-wire-c', 'C', [{ iso: 'ESP', name: 'Spain', credibility: 2 }, { iso: 'GRC', name: 'Greece', credibility: 2 }]],
    ] as const) {
      const dossier = gradedRefusals(source, outlet, reliability, refusals);
      const report = (await authorised('mutation($yaml: String!, $text: String!) { ingestDossier(yaml: $yaml, sourceText: $text) { relationships { id from { id } } } }', { yaml: dossier.yaml, text: dossier.text })) as { ingestDossier: { relationships: { id: string; from: { id: string } }[] } };
      for (const r of report.ingestDossier.relationships) ingested[r.from.id] = r.id;
    }
    const spain = ingested['state:ESP'] as string;
    await page.goto(`${server.url}/`);
    await page.locator('[data-testid="graph"][data-ready="true"]').waitFor({ timeout: timeLimit(60_000) });
    const all = await apiIds({});
    expect(await visibleEdges()).toBe(all.size);

    // By keyboard, as the labels name them: the grade and its meaning.
    await page.getByRole('checkbox', { name: 'A completely reliable' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('checkbox', { name: 'B usually reliable' }).check();
    await expect.poll(() => page.url()).toContain('reliability=A%2CB');
    const ab = await apiIds({ reliability: ['A', 'B'] });
    expect(ab.has(spain)).toBe(true);
    await expect.poll(() => shownIds(all), { timeout: timeLimit(20_000) }).toEqual([...ab].sort());
    await shot('10-reliability-A-B');

    // With credibility 2: one statement must be both; Spain's two statements are one each.
    await page.getByTestId('filter-credibility-2').check();
    const ab2 = await apiIds({ reliability: ['A', 'B'], credibility: [2] });
    expect(ab2.has(spain)).toBe(false);
    expect(ab2.has(ingested['state:PRT'] as string)).toBe(true);
    await expect.poll(() => shownIds(all), { timeout: timeLimit(20_000) }).toEqual([...ab2].sort());

    // With outlet C's source chosen: its statements are graded C, so none is A or B.
    await page.getByTestId('filter-credibility-2').uncheck();
    await page.getByTestId('filter-sources').selectOption('source:graded-wire-c');
    const fromC = await apiIds({ reliability: ['A', 'B'], sources: ['source:graded-wire-c'] });
    expect(fromC.size).toBe(0);
    await expect.poll(visibleEdges, { timeout: timeLimit(20_000) }).toBe(0);
    await page.getByTestId('filter-sources').selectOption([]);
    await expect.poll(() => shownIds(all), { timeout: timeLimit(20_000) }).toEqual([...ab].sort());

    // A shared view opens with the same filter.
    await page.reload();
    await page.locator('[data-testid="graph"][data-ready="true"]').waitFor({ timeout: timeLimit(60_000) });
    expect(await page.getByTestId('filter-reliability-A').isChecked()).toBe(true);
    await expect.poll(() => shownIds(all), { timeout: timeLimit(20_000) }).toEqual([...ab].sort());

    // Clearing: every relationship again, the ungraded seeds among them.
    await page.getByTestId('grades-clear').click();
    await expect.poll(visibleEdges).toBe(all.size);
    expect(page.url()).not.toContain('reliability');
    expect(await page.getByTestId('filter-reliability-A').isChecked()).toBe(false);
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
  });
});

// A genuinely heavy analysis request (betweenness centrality over 50k generated commitments: real work in the
// worker thread, not a sleep) against the server as a process, with a small time budget: it gets
// ANALYSIS_TIMEOUT, and /healthz and a plain read sent after it are answered before it — the
// event loop never waits for analysis. Then the result, kept by the worker, is served once ready.
// Order, not wall-clock thresholds.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/fixtures.ts';
import { runCli } from '../support/run-cli.ts';
import { post, startServer, type Running } from '../support/server-process.ts';
import { timeLimit } from '../support/time-limits.ts';

const HEAVY = '{ centrality(metric: BETWEENNESS, first: 5) { node { id } score } }';
let running: Running | undefined;
afterAll(() => running?.child.kill('SIGKILL'));

describe('analysis off the event loop, within a budget', () => {
  it('answers /healthz and a read sent after a heavy analysis before it, which times out with a code; the result is kept', async () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    const file = join(dir, 'generated.jsonl');
    expect(runCli(['generate', '--format', 'jsonl', '--out', file, '--commitments', '50000', '--seed', '5']).code).toBe(0);
    expect(runCli(['load', file], { CGRAPH_DATA_DIR: data }).code).toBe(0);
    // A budget well above a plain answer's time on a busy machine, far below the analysis's.
    running = await startServer({ CGRAPH_DATA_DIR: data, CGRAPH_SEEDS_DIR: 'none', CGRAPH_ANALYSIS_BUDGET_MS: '1000' });
    const url = running.url;
    const READ = '{ node(id: "state:AAA") { name outgoing(first: 3) { edges { node { id } } } } }';
    // The read once before, so that its first-time costs (compiling the query) are not measured against the budget.
    expect((await post(url, READ)).body.errors).toBeUndefined();

    const order: string[] = [];
    const heavy = post(url, HEAVY).then((r) => {
      order.push('heavy');
      return r;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const health = fetch(`${url}/healthz`).then((r) => {
      order.push('healthz');
      return r.status;
    });
    const read = post(url, READ).then((r) => {
      order.push('read');
      return r;
    });
    const [heavyAnswer, healthStatus, readAnswer] = await Promise.all([heavy, health, read]);

    expect(order.indexOf('healthz')).toBeLessThan(order.indexOf('heavy'));
    expect(order.indexOf('read')).toBeLessThan(order.indexOf('heavy'));
    expect(healthStatus).toBe(200);
    expect(readAnswer.body.errors).toBeUndefined();
    expect((readAnswer.body.data?.node as { outgoing: { edges: unknown[] } }).outgoing.edges).toHaveLength(3);
    expect(heavyAnswer.status).toBe(200);
    expect(heavyAnswer.body.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'ANALYSIS_TIMEOUT' }), message: expect.stringContaining('ask again') }),
    ]);

    // The work went on: asking again gets the kept result (polled, however long the machine takes).
    let answer = heavyAnswer;
    for (let attempt = 0; attempt < 600 && answer.body.errors; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      answer = await post(url, HEAVY);
    }
    expect(answer.body.errors).toBeUndefined();
    const ranked = answer.body.data?.centrality as { node: { id: string }; score: number }[];
    expect(ranked).toHaveLength(5);
    expect(ranked[0]?.score).toBeGreaterThan(0);
  }, timeLimit(240_000));
});

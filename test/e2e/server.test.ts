// The main job as a real process: `npm start`'s entry point on a free port, over HTTP, then SIGTERM.
import { afterEach, describe, expect, it } from 'vitest';
import { neo4jEnv, noNeo4j, storeFactories } from '../support/fixtures.ts';
import { post, startServer, type Running } from '../support/server-process.ts';

let running: Running | undefined;
afterEach(() => {
  running?.child.kill('SIGKILL');
  running = undefined;
});

async function checkServes(env: Record<string, string>) {
  running = await startServer(env);
  const health = await fetch(`${running.url}/healthz`);
  expect(health.status).toBe(200);
  const res = await post(running.url, '{ stats { nodes relationships } node(id: "state:POL") { name } }');
  expect(res.body).toEqual({ data: { stats: { nodes: 44, relationships: 81 }, node: { name: 'Poland' } } });
  running.child.kill('SIGTERM');
  expect(await running.exited).toBe(0);
}

describe('the API server process', () => {
  it('serves the seeds on the memory store, answers /healthz, and exits cleanly on SIGTERM', async () => {
    await checkServes({});
  });

  it('serves the same with graphql-jit turned off (CGRAPH_GRAPHQL_JIT=off)', async () => {
    await checkServes({ CGRAPH_GRAPHQL_JIT: 'off' });
  });

  it.skipIf(noNeo4j())('serves the seeds from Neo4j when NEO4J_URI is set', async () => {
    // The Neo4j is shared by the suites: start from an empty one, as a fresh deployment does.
    await (await storeFactories.neo4j()).close();
    await checkServes(neo4jEnv());
  });

  it('lets in-flight requests finish on SIGTERM under load and exits within 10 s', async () => {
    running = await startServer({});
    const query = '{ tensions { totalCount } relationships(first: 200) { totalCount edges { node { id from { name } to { name } evidence { quote } } } } }';
    const inFlight = Array.from({ length: 60 }, () => post(running?.url as string, query));
    await new Promise((r) => setTimeout(r, 20));
    const stoppedAt = Date.now();
    running.child.kill('SIGTERM');
    const responses = await Promise.all(inFlight);
    expect(responses.every((r) => r.status === 200 && !r.body.errors)).toBe(true);
    expect(await running.exited).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
  });

  it('refuses to start with a clear message when Neo4j is down', async () => {
    await expect(startServer({ NEO4J_URI: 'bolt://127.0.0.1:1' })).rejects.toThrow(/STORE_UNAVAILABLE: Neo4j at bolt:\/\/127\.0\.0\.1:1/);
  });
});

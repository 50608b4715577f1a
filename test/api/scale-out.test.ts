// Two API processes on one Neo4j, each with its own response cache and analysis graph: a write
// through one is answered by the other within the cache's staleness bound (pollMs plus one version
// read), and its next analysis includes it; a CLI process writing straight to Neo4j is seen by both.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neo4jEnv, noNeo4j, spainRefusesCeasefire, storeFactories, tempDir, threeRefusals } from '../support/fixtures.ts';
import { runCliAsync } from '../support/run-cli.ts';
import { startServer, type Running } from '../support/server-process.ts';
import { timeLimit } from '../support/time-limits.ts';

const KEY = 'scale-out-key-0123456789';
/** Each API polls the graph version this often (the default, said explicitly: the bound depends on it). */
const POLL_MS = 100;
/**
 * The margin on top of the bound: the version read that follows the poll is one Bolt round trip,
 * and on two shared cores a timer or that round trip can be late by tens of milliseconds (a
 * busy machine: several times that, hence timeLimit). What must never happen is an answer stale a whole poll
 * interval after the margin, which is what a cache keyed other than by the version would give.
 */
const MARGIN_MS = timeLimit(300);
const BOUND_MS = POLL_MS + MARGIN_MS;

const INCOMING = 'query($id: ID!) { node(id: $id) { id incoming(first: 50) { edges { node { id type from { id } } } } } }';
const TENSIONS = '{ tensions { totalCount edges { node { kind relationships { from { id } } } } } }';

interface Answer {
  data?: Record<string, unknown>;
  errors?: { message: string; extensions?: { code?: string } }[];
  /** The response cache's key for a cached answer (the graph version is part of it). */
  etag?: string;
}

async function ask(api: Running, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { ...((await res.json()) as Answer), etag: res.headers.get('etag') ?? undefined };
}

/** Whether `api`'s response cache holds the answer under `etag`: it then answers If-None-Match with 304. */
async function held(api: Running, id: string, etag: string): Promise<boolean> {
  const res = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'if-none-match': etag }, body: JSON.stringify({ query: INCOMING, variables: { id } }) });
  await res.arrayBuffer();
  return res.status === 304;
}

/** The ids of the commitments that end at `id`, as one API answers now. */
async function incomingFrom(api: Running, id: string): Promise<{ from: string[]; etag: string | undefined }> {
  const answer = await ask(api, INCOMING, { id });
  expect(answer.errors).toBeUndefined();
  // A node not yet written is null: no commitments end at it.
  const edges = (answer.data?.node as { incoming: { edges: { node: { from: { id: string } } }[] } } | null)?.incoming.edges ?? [];
  return { from: edges.map((e) => e.node.from.id).sort(), etag: answer.etag };
}

/** An analysis as one API answers it; asked again while it is still computed (the budget's ANALYSIS_TIMEOUT). */
async function tensions(api: Running): Promise<{ totalCount: number; actors: Set<string>; answer: unknown }> {
  for (;;) {
    const answer = await ask(api, TENSIONS);
    if (answer.errors?.[0]?.extensions?.code === 'ANALYSIS_TIMEOUT') continue;
    expect(answer.errors).toBeUndefined();
    const found = answer.data?.tensions as { totalCount: number; edges: { node: { relationships: { from: { id: string } }[] } }[] };
    return { totalCount: found.totalCount, actors: new Set(found.edges.flatMap((e) => e.node.relationships.map((r) => r.from.id))), answer: found };
  }
}

/**
 * Reads from `api` every 10 ms until a read starts past the bound (counted from `committedBy`, a
 * time the write had certainly committed by). That read must be fresh, and once an answer was
 * fresh none after it may be stale (the version a cache keys by never goes back). The reads
 * before the bound only show how soon the answer moved: no sleep decides the outcome.
 */
async function freshWithinBound(api: Running, id: string, committedBy: number, fresh: (from: string[]) => boolean): Promise<{ firstFreshMs: number; etag: string | undefined }> {
  const seen: { atMs: number; fresh: boolean }[] = [];
  for (;;) {
    const atMs = Date.now() - committedBy;
    const answer = await incomingFrom(api, id);
    seen.push({ atMs, fresh: fresh(answer.from) });
    if (atMs >= BOUND_MS) {
      expect(seen.at(-1)?.fresh, `a read started ${atMs} ms after the write was stale`).toBe(true);
      const first = seen.findIndex((s) => s.fresh);
      expect(seen.slice(first).every((s) => s.fresh), JSON.stringify(seen)).toBe(true);
      return { firstFreshMs: seen[first]?.atMs as number, etag: answer.etag };
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.skipIf(noNeo4j())('two API processes on one Neo4j', () => {
  let a: Running;
  let b: Running;
  const env = () => ({ ...neo4jEnv(), CGRAPH_API_KEYS: `scale-out:${KEY}`, CGRAPH_RESPONSE_CACHE: 'on', CGRAPH_VERSION_POLL_MS: String(POLL_MS) });

  beforeAll(async () => {
    await (await storeFactories.neo4j()).close(); // an empty database
    // One after the other: A loads the seeds, B finds them loaded (two first loads would race).
    a = await startServer(env());
    b = await startServer(env());
  });
  afterAll(async () => {
    for (const api of [a, b]) {
      if (!api) continue;
      api.child.kill('SIGTERM');
      await api.exited;
    }
  });

  it('a write through A is answered by B within the staleness bound, and by its next analysis', async () => {
    const target = 'condition:ceasefire-in-force';
    // B's cache holds the answer from before the write (so a stale answer is possible at all).
    const before = await incomingFrom(b, target);
    expect(before.from).not.toContain('state:ESP');
    expect(await held(b, target, before.etag as string)).toBe(true);
    const tensionsBefore = await tensions(b);
    expect(tensionsBefore.actors.has('state:ESP')).toBe(false);

    const { yaml, text } = spainRefusesCeasefire('source:scale-out-api');
    const written = await ask(a, 'mutation($y: String!, $t: String!) { ingestDossier(yaml: $y, sourceText: $t) { relationshipsCreated } }', { y: yaml, t: text }, { authorization: `Bearer ${KEY}` });
    expect(written.errors).toBeUndefined();
    const committedBy = Date.now();
    const { etag } = await freshWithinBound(b, target, committedBy, (from) => from.includes('state:ESP'));
    // Kept under the new version: a different key, which B now holds.
    expect(etag).not.toBe(before.etag);
    expect(await held(b, target, etag as string)).toBe(true);
    // A read its own write at once (it refreshed its clock before answering).
    expect((await incomingFrom(a, target)).from).toContain('state:ESP');

    // B's analysis graph was built before the write; its next analysis includes the new refusal,
    // and answers exactly as A's, whose graph is built after the write.
    const tensionsAfter = await tensions(b);
    expect(tensionsAfter.totalCount).toBeGreaterThan(tensionsBefore.totalCount);
    expect(tensionsAfter.actors.has('state:ESP')).toBe(true);
    expect(tensionsAfter.answer).toEqual((await tensions(a)).answer);
  });

  it('a CLI process writing straight to Neo4j is seen by both', async () => {
    const target = 'initiative:test-force';
    // Both caches hold the answer from before: no commitment ends at the initiative yet.
    for (const api of [a, b]) {
      const before = await incomingFrom(api, target);
      expect(before.from).toEqual([]);
      expect(await held(api, target, before.etag as string)).toBe(true);
    }
    const dir = join(tempDir(), 'three-refusals');
    mkdirSync(dir);
    const { yaml, text } = threeRefusals('source:scale-out-cli');
    writeFileSync(join(dir, 'dossier.yaml'), yaml);
    writeFileSync(join(dir, 'source.txt'), text);
    // Not spawnSync: a blocked event loop would miss the APIs closing idle keep-alive connections.
    const loaded = await runCliAsync(['load', dir], neo4jEnv());
    expect(loaded.code, loaded.stderr).toBe(0);
    const committedBy = Date.now();
    const refusers = ['state:ESP', 'state:GRC', 'state:PRT'];
    for (const api of [a, b]) await freshWithinBound(api, target, committedBy, (from) => refusers.every((id) => from.includes(id)));
  });
});

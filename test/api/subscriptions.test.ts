// Subscriptions through their real interface: the API as a process, graphql-sse's own client in
// single-connection mode over HTTP, on the memory store and on Neo4j; limits, slow readers, SIGTERM.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, type Client } from 'graphql-sse';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { neo4jEnv, noNeo4j, spainRefusesCeasefire, tempDir, threeRefusals } from '../support/fixtures.ts';
import { runCliAsync } from '../support/run-cli.ts';
import { startServer, type Running } from '../support/server-process.ts';
import { timeLimit } from '../support/time-limits.ts';

const KEY = 'subscriber-key-0123456789';
const OTHER_KEY = 'second-key-0123456789ab';
const KEYS = `analyst:${KEY},other:${OTHER_KEY}`;
const POLL_MS = 100;
const run = Date.now().toString(36);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- events are read field by field, as a client would
type Payload = { data?: Record<string, any> | null; errors?: { message: string; extensions?: { code?: string } }[] };

/** One subscription's events as they come, and a way to wait for one that passes a test. */
function follow(client: Client<true>, query: string, variables: Record<string, unknown> = {}) {
  const events: Payload[] = [];
  let completed = false;
  let wake = () => undefined as void;
  const dispose = client.subscribe(
    { query, variables },
    {
      next: (value) => {
        events.push(value as Payload);
        wake();
      },
      error: (error) => {
        events.push({ errors: [{ message: String(error) }] });
        wake();
      },
      complete: () => {
        completed = true;
        wake();
      },
    },
  );
  const waitFor = async (test: (p: Payload) => boolean, ms = 5000): Promise<Payload> => {
    const deadline = Date.now() + timeLimit(ms);
    for (;;) {
      const found = events.find(test);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no such event within ${ms} ms; got ${JSON.stringify(events)}`);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 50);
      });
    }
  };
  return { events, waitFor, dispose, get completed() { return completed; } };
}

async function gql(server: Running, query: string, variables: Record<string, unknown> = {}, key = KEY) {
  const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as Payload;
}

const INGEST = 'mutation($yaml: String!, $text: String!) { ingestDossier(yaml: $yaml, sourceText: $text) { relationshipsCreated } }';
const GRAPH_CHANGED = 'subscription { graphChanged { version external resync added changed removed byType { key added changed removed } bySource { key added changed removed } addedIds changedIds } }';

function dossierDir(dossier: { yaml: string; text: string }): string {
  const dir = join(tempDir(), 'dossier');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'dossier.yaml'), dossier.yaml);
  writeFileSync(join(dir, 'source.txt'), dossier.text);
  return dir;
}

/**
 * Writes a new source until a subscription tells of it: the client sends its subscription after
 * the stream opens, so a first write may come before the server holds it.
 */
async function writeUntilTold(server: Running, told: (p: Payload) => boolean, events: { waitFor: (t: (p: Payload) => boolean, ms?: number) => Promise<Payload> }): Promise<Payload> {
  for (let attempt = 0; ; attempt++) {
    const dossier = threeRefusals(`source:told-${attempt}-${Date.now().toString(36)}`);
    const ingest = await gql(server, INGEST, { yaml: dossier.yaml, text: dossier.text });
    expect(ingest.errors).toBeUndefined();
    try {
      return await events.waitFor(told, 500);
    } catch (error) {
      if (attempt >= 10) throw error;
    }
  }
}

const servers: Running[] = [];
const clients: Client<true>[] = [];
async function api(env: Record<string, string>): Promise<Running> {
  const server = await startServer({ CGRAPH_API_KEYS: KEYS, CGRAPH_VERSION_POLL_MS: String(POLL_MS), ...env });
  servers.push(server);
  return server;
}
function sseClient(server: Running, key?: string): Client<true> {
  const client = createClient({ url: `${server.url}/graphql/stream`, singleConnection: true, retryAttempts: 0, headers: key ? { authorization: `Bearer ${key}` } : undefined });
  clients.push(client);
  return client;
}

afterEach(() => {
  for (const client of clients.splice(0)) client.dispose();
});
afterAll(async () => {
  for (const server of servers) server.child.kill('SIGKILL');
});

describe.each([
  ['memory', false],
  ['neo4j', noNeo4j()],
] as const)('subscriptions on the %s store', (store, skip) => {
  const env = () => (store === 'neo4j' ? neo4jEnv() : {});

  it.skipIf(skip)('an ingest says what it added by type and source; statementsAdded filters; tensions appear; a review is a change', { timeout: timeLimit(90_000) }, async () => {
    // The test's fact must be new: a Neo4j database keeps what earlier runs loaded.
    if (store === 'neo4j') expect((await runCliAsync(['reset', '--yes'], neo4jEnv())).code).toBe(0);
    const server = await api(env());
    const client = sseClient(server);
    const changes = follow(client, GRAPH_CHANGED);
    const refusals = follow(client, 'subscription($f: RelationshipFilter) { statementsAdded(filter: $f) { version relationships { id type statements { id } } } }', { f: { types: ['REFUSED'] } });
    const pledges = follow(client, 'subscription($f: RelationshipFilter) { statementsAdded(filter: $f) { relationships { id } } }', { f: { types: ['PLEDGED'] } });
    const tensions = follow(client, 'subscription { tensionsChanged { initial count appeared { kind relationships { id } } gone { kind } } }');
    const initial = await tensions.waitFor((p) => p.data?.tensionsChanged.initial === true, 30_000);
    const before = initial.data?.tensionsChanged.count as number;

    const source = `source:sub-${store}-${run}`;
    const spain = spainRefusesCeasefire(source);
    const ingest = await gql(server, INGEST, { yaml: spain.yaml, text: spain.text });
    expect(ingest.errors).toBeUndefined();

    const added = await changes.waitFor((p) => p.data?.graphChanged.added > 0);
    expect(added.data?.graphChanged).toMatchObject({ external: false, resync: false, added: 1, changed: 0, removed: 0, byType: [{ key: 'REFUSED', added: 1, changed: 0, removed: 0 }], bySource: [{ key: source, added: 1, changed: 0, removed: 0 }] });
    const refused = await refusals.waitFor((p) => (p.data?.statementsAdded.relationships.length ?? 0) > 0);
    const fact = refused.data?.statementsAdded.relationships[0];
    expect(fact.type).toBe('REFUSED');
    expect(added.data?.graphChanged.addedIds).toEqual([fact.id]);

    const appeared = await tensions.waitFor((p) => p.data?.tensionsChanged.initial === false, 30_000);
    expect(appeared.data?.tensionsChanged.count).toBeGreaterThan(before);
    expect(appeared.data?.tensionsChanged.appeared.some((t: { relationships: { id: string }[] }) => t.relationships.some((r) => r.id === fact.id))).toBe(true);

    const reviewed = await gql(server, 'mutation($id: ID!) { reviewStatement(statementId: $id, state: REVIEWED) { id } }', { id: fact.statements[0].id });
    expect(reviewed.errors).toBeUndefined();
    const changed = await changes.waitFor((p) => p.data?.graphChanged.changed === 1);
    expect(changed.data?.graphChanged).toMatchObject({ added: 0, removed: 0, changedIds: [fact.id], byType: [{ key: 'REFUSED', changed: 1 }], bySource: [{ key: source, changed: 1 }] });
    // No pledge was written: its filter let nothing through.
    expect(pledges.events).toEqual([]);
    expect(changes.events.every((p) => p.data?.graphChanged.external === false)).toBe(true);
  });

  it.skipIf(skip)('a merge and an unload are told by type and source, removed facts included, alike on both stores', { timeout: timeLimit(90_000) }, async () => {
    // The same writes on an empty graph: the events must be the same on either store.
    if (store === 'neo4j') expect((await runCliAsync(['reset', '--yes'], neo4jEnv())).code).toBe(0);
    const server = await api({ ...env(), CGRAPH_SEEDS_DIR: 'none' });
    const changes = follow(sseClient(server), GRAPH_CHANGED);
    const [a, b] = [`source:merge-a-${store}-${run}`, `source:merge-b-${store}-${run}`];
    for (const dossier of [threeRefusals(a), threeRefusals(b, 2)]) expect((await gql(server, INGEST, { yaml: dossier.yaml, text: dossier.text })).errors).toBeUndefined();
    const loaded = await gql(server, '{ spain: commitments(filter: { involving: ["state:ESP"] }) { edges { node { id } } } portugal: commitments(filter: { involving: ["state:PRT"] }) { edges { node { id } } } }');
    const [spain, portugal] = [loaded.data?.spain.edges[0].node.id as string, loaded.data?.portugal.edges[0].node.id as string];
    await changes.waitFor(() => true, 300).catch(() => undefined);
    const told = changes.events.length;

    // Portugal's refusal joins Spain's (same type and ends once merged): one fact changed, one removed, for both sources.
    const merged = await gql(server, 'mutation { mergeNodes(from: "state:PRT", into: "state:ESP") { node { id } } }');
    expect(merged.errors).toBeUndefined();
    const mergeEvent = await changes.waitFor((p) => changes.events.indexOf(p) >= told && p.data?.graphChanged.removed > 0);
    expect(mergeEvent.data?.graphChanged).toMatchObject({
      external: false,
      added: 0,
      changed: 1,
      removed: 1,
      changedIds: [spain],
      byType: [{ key: 'REFUSED', added: 0, changed: 1, removed: 1 }],
      bySource: [
        { key: a, added: 0, changed: 1, removed: 1 },
        { key: b, added: 0, changed: 1, removed: 1 },
      ],
    });
    expect(portugal).not.toBe(spain);

    // Unloading source a leaves Spain's refusal to b and removes Greece's, which only a stated.
    const unloaded = await gql(server, 'mutation($id: ID!) { unloadSource(sourceId: $id) { relationshipsRemoved } }', { id: a });
    expect(unloaded.errors).toBeUndefined();
    const unloadEvent = await changes.waitFor((p) => p !== mergeEvent && p.data?.graphChanged.removed > 0);
    expect(unloadEvent.data?.graphChanged).toMatchObject({
      added: 0,
      changed: 1,
      removed: 1,
      changedIds: [spain],
      byType: [{ key: 'REFUSED', added: 0, changed: 1, removed: 1 }],
      bySource: [{ key: a, added: 0, changed: 1, removed: 1 }],
    });
    if (store === 'neo4j') expect((await runCliAsync(['reset', '--yes'], neo4jEnv())).code).toBe(0);
  });

  it.skipIf(skip || store !== 'memory')('a CLI load sent through the API (it holds the data folder) is told with its details', { timeout: timeLimit(90_000) }, async () => {
    const dataDir = tempDir();
    const server = await api({ CGRAPH_DATA_DIR: dataDir });
    const changes = follow(sseClient(server), GRAPH_CHANGED);
    await changes.waitFor(() => true, 300).catch(() => undefined);
    const source = `source:cli-${run}`;
    const load = await runCliAsync(['load', dossierDir(threeRefusals(source)), '--json'], { CGRAPH_DATA_DIR: dataDir, CGRAPH_API_KEY: KEY });
    expect(load.stderr).toContain('sending the write through it');
    expect(load.code).toBe(0);
    const event = await changes.waitFor((p) => p.data?.graphChanged.added > 0);
    expect(event.data?.graphChanged).toMatchObject({ external: false, added: 3, byType: [{ key: 'REFUSED', added: 3 }], bySource: [{ key: source, added: 3 }] });
  });

  it.skipIf(skip || store !== 'neo4j')('a write another process made to Neo4j is told as external, without details, within the poll interval', { timeout: timeLimit(90_000) }, async () => {
    const server = await api(env());
    const changes = follow(sseClient(server), GRAPH_CHANGED);
    await new Promise((resolve) => setTimeout(resolve, 3 * POLL_MS));
    const load = await runCliAsync(['load', dossierDir(threeRefusals(`source:ext-${run}`)), '--json'], neo4jEnv());
    expect(load.code).toBe(0);
    const loadedAt = Date.now();
    const event = await changes.waitFor((p) => p.data?.graphChanged.external === true, 2000);
    expect(Date.now() - loadedAt).toBeLessThan(timeLimit(10 * POLL_MS));
    expect(event.data?.graphChanged).toMatchObject({ external: true, added: null, changed: null, removed: null, byType: [], bySource: [], addedIds: [] });
  });
});

describe('subscription limits', () => {
  it('refuses past the per-client and the total limit with SUBSCRIPTION_LIMIT and SUBSCRIPTIONS_FULL; an ended subscription gives its place back', { timeout: timeLimit(60_000) }, async () => {
    const server = await api({ CGRAPH_SEEDS_DIR: 'none', CGRAPH_SUBSCRIPTIONS_PER_CLIENT: '2', CGRAPH_SUBSCRIPTIONS_MAX: '3' });
    const anonymous = sseClient(server);
    const a = follow(anonymous, GRAPH_CHANGED);
    follow(anonymous, GRAPH_CHANGED);
    const third = follow(anonymous, GRAPH_CHANGED);
    const refused = await third.waitFor((p) => (p.errors?.length ?? 0) > 0);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'SUBSCRIPTION_LIMIT' });

    const keyed = sseClient(server, KEY);
    follow(keyed, GRAPH_CHANGED);
    const fourth = follow(sseClient(server, OTHER_KEY), GRAPH_CHANGED);
    const full = await fourth.waitFor((p) => (p.errors?.length ?? 0) > 0);
    expect(full.errors?.[0]?.extensions).toMatchObject({ code: 'SUBSCRIPTIONS_FULL' });

    a.dispose();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const again = follow(sseClient(server, OTHER_KEY), GRAPH_CHANGED);
    await writeUntilTold(server, (p) => p.data?.graphChanged.bySource.length === 1, again);
    expect(again.events.some((p) => p.errors)).toBe(false);
  });

  it('caps a client\'s unopened stream reservations (429) and drops one left unopened, its subscriptions with it; opened streams stay', { timeout: timeLimit(60_000) }, async () => {
    // Long enough that the checks before the expiry finish within it on a busy machine.
    const ttlMs = timeLimit(2000);
    const server = await api({ CGRAPH_SEEDS_DIR: 'none', CGRAPH_STREAM_RESERVATIONS_PER_CLIENT: '3', CGRAPH_STREAM_RESERVATIONS_MAX: '5', CGRAPH_STREAM_RESERVATION_TTL_MS: String(ttlMs), CGRAPH_SUBSCRIPTIONS_PER_CLIENT: '1' });
    const stream = `${server.url}/graphql/stream`;
    const put = (headers: Record<string, string> = {}) => fetch(stream, { method: 'PUT', headers });
    const reserved = async () => ((await (await fetch(`${server.url}/healthz`)).json()) as { streams: { open: number; reserved: number } }).streams;

    const made = await Promise.all([put(), put(), put()]);
    expect(made.map((r) => r.status)).toEqual([201, 201, 201]);
    const tokens = await Promise.all(made.map((r) => r.text()));
    const refused = await put();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe(String(Math.ceil(ttlMs / 1000)));
    expect(((await refused.json()) as Payload).errors?.[0]?.extensions).toMatchObject({ code: 'STREAM_RESERVATION_LIMIT', limit: 3 });
    // Another client (an API key names it) has its own places.
    expect((await put({ authorization: `Bearer ${KEY}` })).status).toBe(201);
    expect(await reserved()).toEqual({ open: 0, reserved: 4 });
    // A subscription sent on an unopened reservation takes this client's only subscription place.
    const posted = await fetch(stream, { method: 'POST', headers: { 'content-type': 'application/json', 'x-graphql-event-stream-token': tokens[0] as string }, body: JSON.stringify({ query: GRAPH_CHANGED, extensions: { operationId: 'left' } }) });
    expect(posted.status).toBe(202);
    // graphql-sse holds the reservation: the same token cannot be reserved twice (asked by the keyed client, which has places left).
    expect((await put({ authorization: `Bearer ${KEY}`, 'x-graphql-event-stream-token': tokens[1] as string })).status).toBe(409);
    // All clients together hold at most CGRAPH_STREAM_RESERVATIONS_MAX (5 here): the keyed client's second fits, its third does not.
    expect((await put({ authorization: `Bearer ${KEY}` })).status).toBe(201);
    const full = await put({ authorization: `Bearer ${KEY}` });
    expect(full.status).toBe(429);
    expect(((await full.json()) as Payload).errors?.[0]?.extensions).toMatchObject({ code: 'STREAM_RESERVATION_LIMIT', limit: 5, scope: 'all clients' });

    const deadline = Date.now() + timeLimit(3 * ttlMs);
    while ((await reserved()).reserved > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await reserved()).toEqual({ open: 0, reserved: 0 });
    const late = await fetch(stream, { headers: { accept: 'text/event-stream', 'x-graphql-event-stream-token': tokens[0] as string } });
    expect(late.status).toBe(404);
    expect(((await late.json()) as Payload).errors?.[0]?.extensions).toMatchObject({ code: 'STREAM_NOT_RESERVED' });
    // graphql-sse dropped it too: its token can be reserved again.
    expect((await put({ 'x-graphql-event-stream-token': tokens[1] as string })).status).toBe(201);

    // graphql-sse's own client reserves and opens at once; its subscription finds the place the dropped one gave back.
    const changes = follow(sseClient(server), GRAPH_CHANGED);
    await writeUntilTold(server, (p) => p.data?.graphChanged.bySource.length === 1, changes);
    expect(changes.events.some((p) => p.errors)).toBe(false);
    expect((await reserved()).open).toBe(1);
    // An opened stream is not a reservation: it outlives the expiry.
    await new Promise((resolve) => setTimeout(resolve, ttlMs + 500));
    const told = changes.events.length;
    const later = `source:after-expiry-${run}`;
    const dossier = threeRefusals(later);
    expect((await gql(server, INGEST, { yaml: dossier.yaml, text: dossier.text })).errors).toBeUndefined();
    await changes.waitFor((p) => changes.events.indexOf(p) >= told && p.data?.graphChanged.bySource[0]?.key === later);
    expect(changes.completed).toBe(false);
  });

  it('a reader that stops reading gets a resync instead of an ever longer queue; a heartbeat comment opens the stream', { timeout: timeLimit(120_000) }, async () => {
    const server = await api({ CGRAPH_SEEDS_DIR: 'none', CGRAPH_SUBSCRIPTION_QUEUE: '4' });
    // Large events (the source's text in each) fill the socket's buffers after a few writes.
    const query = 'subscription { statementsAdded { resync relationships { id evidence { source { text } } } } }';
    const res = await fetch(`${server.url}/graphql/stream?query=${encodeURIComponent(query)}`, { headers: { accept: 'text/event-stream' } });
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first.startsWith(':')).toBe(true);
    const padding = ' The test force was discussed at length.'.repeat(5000);
    const writes = 60;
    for (let i = 0; i < writes; i++) {
      const spain = threeRefusals(`source:slow-${i}-${run}`);
      const ingest = await gql(server, INGEST, { yaml: spain.yaml, text: `${spain.text.trim()}${padding}\n` });
      expect(ingest.errors).toBeUndefined();
    }
    // Now read what waited: a resync in place of what was dropped, then the newest events.
    let text = '';
    const decoder = new TextDecoder();
    const deadline = Date.now() + timeLimit(10_000);
    while (Date.now() < deadline && !text.includes('"resync":true')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    await reader.cancel();
    expect(text).toContain('"resync":true');
    const delivered = text.split('event: next').length - 1;
    expect(delivered).toBeLessThan(writes);
  });

  it('SIGTERM completes the subscriptions, ends their streams and exits 0 promptly', { timeout: timeLimit(60_000) }, async () => {
    const server = await api({ CGRAPH_SEEDS_DIR: 'none' });
    const changes = follow(sseClient(server), GRAPH_CHANGED);
    await writeUntilTold(server, (p) => p.data?.graphChanged.bySource.length === 1, changes);
    const started = Date.now();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(timeLimit(2500));
    expect(changes.completed).toBe(true);
  });
});

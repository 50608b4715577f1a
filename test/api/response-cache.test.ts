// The response cache keyed by graph version: repeated queries are answered without the store; a
// write through the API is seen by the next request; a write by another process is seen once the
// version is polled again — at most pollMs (plus one version read) after it, never later.
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { GraphStore } from '../../src/store/graph-store.ts';
import { VersionClock } from '../../src/graphql/response-cache.ts';
import { eachStore } from '../support/fixtures.ts';
import { API_KEY, seededApi } from '../support/graphql-client.ts';

describe('the version clock', () => {
  afterEach(() => vi.useRealTimers());

  it('sees a new version within one poll interval, and at once when refreshed after a write', async () => {
    vi.useFakeTimers();
    let version = 'v1';
    const clock = new VersionClock(async () => version, 100);
    await clock.start();
    expect(clock.current()).toBe('v1');
    version = 'v2'; // another process writes
    await vi.advanceTimersByTimeAsync(99);
    expect(clock.current()).toBe('v1'); // stale for less than one interval…
    await vi.advanceTimersByTimeAsync(1);
    expect(clock.current()).toBe('v2'); // …and not a moment longer
    version = 'v3'; // this process writes, then refreshes before answering
    await clock.refresh();
    expect(clock.current()).toBe('v3');
    clock.stop();
  });

  it('takes a write this process heard at once, and a read begun before it does not set it back', async () => {
    let answer: (version: string) => void = () => undefined;
    let version = 'v1';
    const clock = new VersionClock(() => (version === 'slow' ? new Promise((resolve) => (answer = resolve)) : Promise.resolve(version)), 60_000);
    await clock.start();
    version = 'slow';
    const reading = clock.refresh(); // began before the write: it will answer the old version
    clock.heard('v2'); // the store's change event, before any client hears of the write
    expect(clock.current()).toBe('v2');
    answer('v1');
    await reading;
    expect(clock.current()).toBe('v2');
    clock.stop();
  });

  it('caches nothing while the version cannot be read', async () => {
    const clock = new VersionClock(async () => {
      throw new Error('store unreachable');
    }, 100);
    await clock.start();
    expect(clock.current()).toBeUndefined();
    clock.stop();
  });
});

const countReads = (store: GraphStore, counter: { reads: number }): GraphStore =>
  new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (key !== 'read' || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        counter.reads++;
        return Reflect.apply(value, target, args);
      };
    },
  });

const ITALY = 'query($id: ID!) { node(id: $id) { id name outgoing(types: ["REFUSED"]) { edges { node { id ... on Commitment { action } } } } } }';

for (const [name, open, skip] of eachStore()) {
  describe.skipIf(skip)(`the response cache on ${name}`, () => {
    /** A seeded API whose responses are cached by a version clock, its store's reads counted; all closed when the test ends. */
    async function cachedApi() {
      const store = await open();
      // "Another process": a second connection to the same Neo4j; the same store object for memory (a write that bypasses the API).
      const other = name === 'neo4j' ? await open() : store;
      const clock = new VersionClock(() => store.version(), 50);
      const counter = { reads: 0 };
      onTestFinished(async () => {
        clock.stop();
        await store.close();
        if (other !== store) await other.close();
      });
      const api = await seededApi(countReads(store, counter), { versions: clock });
      await clock.start();
      return { api, other, clock, counter };
    }

    it('answers a repeated query without reading the store, and a new variable from the store', async () => {
      const { api, counter } = await cachedApi();
      const first = await api.query(ITALY, { id: 'state:ITA' });
      expect(first.errors).toBeUndefined();
      const reads = counter.reads;
      const again = await api.query(ITALY, { id: 'state:ITA' });
      expect(again).toEqual(first);
      expect(counter.reads).toBe(reads);
      await api.query(ITALY, { id: 'state:POL' });
      expect(counter.reads).toBeGreaterThan(reads);
    });

    it('sees a write by another process after the next version poll, not before it is needed and not later', async () => {
      const { api, other, clock } = await cachedApi();
      const before = await api.query<{ node: { name: string } }>(ITALY, { id: 'state:ITA' });
      expect(before.data?.node.name).toBe('Italy');
      await other.upsert({ nodes: [{ id: 'state:ITA', kind: 'STATE', name: 'Italian Republic', aliases: ['Italian', 'Rome'], iso3: 'ITA', iso2: 'IT', cowCode: 325, wikidata: 'Q38' } as never], relationships: [] });
      const writtenAt = Date.now();
      // The bound: the first version read that starts after the write sees it.
      await vi.waitFor(() => expect(clock.lastReadAt).toBeGreaterThan(writtenAt + 1), { timeout: 5000, interval: 10 });
      const after = await api.query<{ node: { name: string } }>(ITALY, { id: 'state:ITA' });
      expect(after.data?.node.name).toBe('Italian Republic');
    });

    it('sees its own write at once (the version is read again before the mutation answers)', async () => {
      const { api, clock } = await cachedApi();
      const refusal = await api.query<{ node: { outgoing: { edges: { node: { id: string } }[] } } }>(ITALY, { id: 'state:ITA' });
      const relId = refusal.data?.node.outgoing.edges[0]?.node.id as string;
      const query = 'query($id: ID!) { relationship(id: $id) { id disputed statements { id } } }';
      const before = await api.query<{ relationship: { disputed: boolean; statements: { id: string }[] } }>(query, { id: relId });
      expect(before.data?.relationship.disputed).toBe(false);
      expect(await api.query(query, { id: relId })).toEqual(before); // now cached
      clock.stop(); // no poll can help: only the refresh after the write
      const reviewed = await api.query(
        'mutation($id: ID!) { reviewStatement(statementId: $id, state: DISPUTED, note: "a test of the cache") { id disputed } }',
        { id: before.data?.relationship.statements[0]?.id },
        { authorization: `Bearer ${API_KEY}` },
      );
      expect(reviewed.errors).toBeUndefined();
      const after = await api.query<{ relationship: { disputed: boolean } }>(query, { id: relId });
      expect(after.data?.relationship.disputed).toBe(true);
    });
  });
}

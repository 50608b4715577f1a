// The API's live events: what each write this process committed changed (the store's change
// events, heard after commit), a version move another process made (polled), and tensions that
// appeared or went (the analysis worker computes them). Each subscription reads a bounded queue.
import { DEFAULT_SUBSCRIPTION_LIMITS, DEFAULT_VERSION_POLL_MS, type SubscriptionLimits } from '../config.ts';
import { DomainError } from '../domain/errors.ts';
import { matchesRelationshipFilter, type RelationshipFilter } from '../domain/filters.ts';
import type { Fact } from '../domain/statements.ts';
import { canonicalJson } from '../lib/canonical-json.ts';
import type { GraphChange, GraphStore } from '../store/graph-store.ts';
import type { AnalysisService } from './analysis-service.ts';

/** Ids listed per kind of change in one event; the counts are whole. */
export const MAX_EVENT_IDS = 500;
/** Tensions listed as appeared in one event; the count is whole. */
export const MAX_EVENT_TENSIONS = 100;

export interface ChangeCount {
  key: string;
  added: number;
  changed: number;
  removed: number;
}

export interface GraphChangedEvent {
  version: string;
  /** Another process moved the version: nothing else is known. */
  external: boolean;
  /** This subscriber fell behind and events were dropped. */
  resync: boolean;
  added: number | null;
  changed: number | null;
  removed: number | null;
  byType: ChangeCount[];
  bySource: ChangeCount[];
  addedIds: string[];
  changedIds: string[];
  removedIds: string[];
  truncated: boolean;
}

export interface StatementsAddedEvent {
  version: string;
  external: boolean;
  resync: boolean;
  relationships: Fact[];
}

/** A tension as the worker answers it: references ({ $rel }) to hydrate, not records. */
export interface TensionRef {
  kind: string;
  explanation: string;
  relationships: { $rel: string }[];
}

export interface TensionsChangedEvent {
  version: string;
  asOf: string | null;
  initial: boolean;
  resync: boolean;
  count: number;
  appeared: TensionRef[];
  gone: { kind: string; explanation: string; relationshipIds: string[] }[];
  truncated: boolean;
}

export interface GraphEventsOptions extends Partial<SubscriptionLimits> {
  /** How often the graph version is read while anyone subscribes (CGRAPH_VERSION_POLL_MS). */
  pollMs?: number;
  onError?: (error: unknown, what: string) => void;
}

/**
 * A subscription's events: at most `capacity` wait for a slow reader; one more drops them all and
 * the reader's next event is a resync (then the newer events), so memory never grows with a reader
 * that stopped reading. `return()` (the client left, or the server stops) ends it.
 */
export class EventQueue<T> implements AsyncIterableIterator<T> {
  private items: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private overflowed = false;
  private done = false;
  /** Events dropped for being unread, for tests and logs. */
  dropped = 0;

  constructor(
    private readonly capacity: number,
    private readonly resync: () => T,
    private readonly onEnd: () => void,
  ) {}

  push(item: T): void {
    if (this.done) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: item, done: false });
    } else if (this.items.length >= this.capacity) {
      this.dropped += this.items.length + 1;
      this.items = [];
      this.overflowed = true;
    } else this.items.push(item);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.overflowed) {
      this.overflowed = false;
      return Promise.resolve({ value: this.resync(), done: false });
    }
    const item = this.items.shift();
    if (item !== undefined) return Promise.resolve({ value: item, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<T>> {
    if (!this.done) {
      this.done = true;
      this.items = [];
      this.waiting?.({ value: undefined, done: true });
      this.waiting = undefined;
      this.onEnd();
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

interface TensionTracker {
  asOf: string | null;
  subscribers: Set<EventQueue<TensionsChangedEvent>>;
  /** The tensions of the last computation by key; undefined until the first one. */
  known: Map<string, TensionRef> | undefined;
  version: string;
  timer: NodeJS.Timeout | undefined;
  running: boolean;
  /** A change arrived while computing: compute once more after. */
  dirty: boolean;
}

const versionNumber = (version: string): number | undefined => {
  const match = /(\d+)$/.exec(version);
  return match ? Number(match[1]) : undefined;
};

const tensionKey = (t: TensionRef): string => `${t.kind} ${t.relationships.map((r) => r.$rel).join(' ')}`;

/** Per source, what its statements on a fact are (so a write's sources are those whose statements moved). */
function statementsBySource(fact: Fact | undefined): Map<string, string> {
  const by = new Map<string, string[]>();
  for (const s of fact?.statements ?? []) by.set(s.sourceId, [...(by.get(s.sourceId) ?? []), canonicalJson(s)]);
  return new Map([...by].map(([source, list]) => [source, list.sort().join('\n')]));
}

function tally(counts: Map<string, ChangeCount>, key: string, kind: 'added' | 'changed' | 'removed'): void {
  const count = counts.get(key) ?? { key, added: 0, changed: 0, removed: 0 };
  count[kind]++;
  counts.set(key, count);
}

const sorted = (counts: Map<string, ChangeCount>) => [...counts.values()].sort((a, b) => (a.key < b.key ? -1 : 1));

/**
 * What a committed write changed, by relationship type and by source. A fact is added when the
 * store did not have it before, changed otherwise; it counts for the sources whose statements on
 * it moved (every source of a new fact). Without the facts as they were (a store that cannot tell),
 * written facts count as changed for all their sources, and removed ones by id only.
 */
export function describeChange(change: GraphChange): GraphChangedEvent {
  const previous = new Map((change.previousFacts ?? []).map((f) => [f.id, f]));
  const knowsBefore = change.previousFacts !== undefined;
  const byType = new Map<string, ChangeCount>();
  const bySource = new Map<string, ChangeCount>();
  const addedIds: string[] = [];
  const changedIds: string[] = [];
  for (const fact of change.facts) {
    const before = previous.get(fact.id);
    const kind = knowsBefore && !before ? 'added' : 'changed';
    (kind === 'added' ? addedIds : changedIds).push(fact.id);
    tally(byType, fact.type, kind);
    const now = statementsBySource(fact);
    const then = statementsBySource(before);
    const moved = knowsBefore ? [...new Set([...now.keys(), ...then.keys()])].filter((source) => now.get(source) !== then.get(source)) : [...now.keys()];
    for (const source of moved) tally(bySource, source, kind);
  }
  for (const id of change.removedFacts) {
    const before = previous.get(id);
    if (!before) continue;
    tally(byType, before.type, 'removed');
    for (const source of statementsBySource(before).keys()) tally(bySource, source, 'removed');
  }
  const truncated = addedIds.length > MAX_EVENT_IDS || changedIds.length > MAX_EVENT_IDS || change.removedFacts.length > MAX_EVENT_IDS;
  return {
    version: change.after,
    external: false,
    resync: false,
    added: addedIds.length,
    changed: changedIds.length,
    removed: change.removedFacts.length,
    byType: sorted(byType),
    bySource: sorted(bySource),
    addedIds: addedIds.slice(0, MAX_EVENT_IDS),
    changedIds: changedIds.slice(0, MAX_EVENT_IDS),
    removedIds: change.removedFacts.slice(0, MAX_EVENT_IDS),
    truncated,
  };
}

/** The facts of a write that gained a statement (a new fact, or one with a statement id it did not have). */
export function factsWithNewStatements(change: GraphChange): Fact[] {
  if (change.previousFacts === undefined) return [];
  const previous = new Map(change.previousFacts.map((f) => [f.id, new Set(f.statements.map((s) => s.id))]));
  return change.facts.filter((fact) => {
    const had = previous.get(fact.id);
    return fact.statements.some((s) => !had?.has(s.id));
  });
}

const externalChange = (version: string): GraphChangedEvent => ({
  version,
  external: true,
  resync: false,
  added: null,
  changed: null,
  removed: null,
  byType: [],
  bySource: [],
  addedIds: [],
  changedIds: [],
  removedIds: [],
  truncated: false,
});

/**
 * The hub: one per API process. Subscribing counts against the limits (SUBSCRIPTION_LIMIT past
 * the client's, SUBSCRIPTIONS_FULL past the total); the version is polled only while someone subscribes; tensions are computed per asOf
 * that someone follows, after a quiet `coalesceMs`, once for every subscriber of that date.
 */
export class GraphEvents {
  private readonly limits: SubscriptionLimits;
  private readonly pollMs: number;
  private readonly graphQueues = new Set<EventQueue<GraphChangedEvent>>();
  private readonly statementQueues = new Map<EventQueue<StatementsAddedEvent>, RelationshipFilter>();
  private readonly trackers = new Map<string, TensionTracker>();
  private readonly perClient = new Map<string, number>();
  private open = 0;
  private version: string | undefined;
  /** Local changes heard: a poll that overlapped one may have read the version before it. */
  private localChanges = 0;
  private poller: NodeJS.Timeout | undefined;
  private polling = false;
  private closed = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: GraphStore,
    private readonly analysis: AnalysisService,
    private readonly options: GraphEventsOptions = {},
  ) {
    this.limits = { ...DEFAULT_SUBSCRIPTION_LIMITS, ...options };
    this.pollMs = options.pollMs ?? DEFAULT_VERSION_POLL_MS;
    this.unsubscribe = store.onChange((change) => this.heard(change));
  }

  /** Subscriptions open now (all kinds). */
  get subscriptions(): number {
    return this.open;
  }

  graphChanged(client: string): EventQueue<GraphChangedEvent> {
    const queue = this.opened<GraphChangedEvent>(client, () => ({ ...externalChange(this.version ?? ''), external: false, resync: true }), () => this.graphQueues.delete(queue));
    this.graphQueues.add(queue);
    return queue;
  }

  statementsAdded(client: string, filter: RelationshipFilter): EventQueue<StatementsAddedEvent> {
    const queue = this.opened<StatementsAddedEvent>(
      client,
      () => ({ version: this.version ?? '', external: false, resync: true, relationships: [] }),
      () => this.statementQueues.delete(queue),
    );
    this.statementQueues.set(queue, filter);
    return queue;
  }

  tensionsChanged(client: string, asOf: string | null): EventQueue<TensionsChangedEvent> {
    const key = asOf ?? '';
    let tracker = this.trackers.get(key);
    const queue = this.opened<TensionsChangedEvent>(
      client,
      () => ({ ...this.tensionsNow(this.trackers.get(key)), resync: true }),
      () => {
        const current = this.trackers.get(key);
        current?.subscribers.delete(queue);
        if (current && current.subscribers.size === 0) {
          clearTimeout(current.timer);
          this.trackers.delete(key);
        }
      },
    );
    if (!tracker) {
      tracker = { asOf, subscribers: new Set(), known: undefined, version: '', timer: undefined, running: false, dirty: false };
      this.trackers.set(key, tracker);
      void this.refreshTensions(tracker);
    } else if (tracker.known) queue.push({ ...this.tensionsNow(tracker), initial: true });
    tracker.subscribers.add(queue);
    return queue;
  }

  /** Ends every subscription (their streams complete) and stops polling: for shutdown. */
  close(): void {
    this.closed = true;
    this.unsubscribe();
    clearInterval(this.poller);
    for (const tracker of this.trackers.values()) clearTimeout(tracker.timer);
    for (const queue of [...this.graphQueues, ...this.statementQueues.keys(), ...[...this.trackers.values()].flatMap((t) => [...t.subscribers])]) void queue.return();
  }

  /** A new subscription within the limits; its end gives its place back. */
  private opened<T>(client: string, resync: () => T, forget: () => void): EventQueue<T> {
    if (this.closed) throw new DomainError('SHUTTING_DOWN', 'the API is stopping; subscribe again once it is back', {});
    const mine = this.perClient.get(client) ?? 0;
    if (mine >= this.limits.perClient) {
      throw new DomainError('SUBSCRIPTION_LIMIT', `this client already holds ${mine} subscriptions, the most one client may; end one (or subscribe to several fields in one stream) first`, { scope: 'client', limit: this.limits.perClient });
    }
    if (this.open >= this.limits.total) {
      throw new DomainError('SUBSCRIPTIONS_FULL', `the API already serves ${this.open} subscriptions, the most it takes; try again later`, { scope: 'server', limit: this.limits.total, retryAfterSeconds: 30 });
    }
    this.perClient.set(client, mine + 1);
    this.open++;
    this.startPolling();
    return new EventQueue<T>(this.limits.queue, resync, () => {
      forget();
      const left = (this.perClient.get(client) ?? 1) - 1;
      if (left > 0) this.perClient.set(client, left);
      else this.perClient.delete(client);
      this.open--;
      if (this.open === 0) this.stopPolling();
    });
  }

  /** A write this process committed. */
  private heard(change: GraphChange): void {
    this.localChanges++;
    const now = versionNumber(change.after);
    const known = this.version === undefined ? undefined : versionNumber(this.version);
    // Listeners may hear two concurrent writes out of order: the version only moves forward.
    if (now === undefined || known === undefined || now > known) this.version = change.after;
    if (this.open === 0) return;
    if (this.graphQueues.size) {
      const event = describeChange(change);
      for (const queue of this.graphQueues) queue.push(event);
    }
    if (this.statementQueues.size) {
      const gained = factsWithNewStatements(change);
      for (const [queue, filter] of this.statementQueues) {
        const matching = gained.filter((fact) => matchesRelationshipFilter(fact, filter));
        if (matching.length) queue.push({ version: change.after, external: false, resync: false, relationships: matching });
      }
    }
    this.tensionsMayHaveChanged();
  }

  /** Another process moved the version: only that is known. */
  private movedElsewhere(version: string): void {
    this.version = version;
    const event = externalChange(version);
    for (const queue of this.graphQueues) queue.push(event);
    for (const queue of this.statementQueues.keys()) queue.push({ version, external: true, resync: false, relationships: [] });
    this.tensionsMayHaveChanged();
  }

  private startPolling(): void {
    if (this.poller || this.closed) return;
    this.poller = setInterval(() => void this.poll(), this.pollMs);
    this.poller.unref();
    void this.poll();
  }

  private stopPolling(): void {
    clearInterval(this.poller);
    this.poller = undefined;
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    const heardBefore = this.localChanges;
    try {
      const version = await this.store.version();
      // A local write during the read: its event already told; this read may predate it. A local
      // write not yet told: the read may already see what it committed, and its event will tell.
      if (heardBefore !== this.localChanges || this.store.writesInFlight() > 0 || this.closed) return;
      if (this.version === undefined) this.version = version;
      else if (version !== this.version) this.movedElsewhere(version);
    } catch (error) {
      this.options.onError?.(error, 'reading the graph version for subscriptions');
    } finally {
      this.polling = false;
    }
  }

  private tensionsMayHaveChanged(): void {
    for (const tracker of this.trackers.values()) this.scheduleTensions(tracker);
  }

  private scheduleTensions(tracker: TensionTracker, delayMs = this.limits.coalesceMs): void {
    if (tracker.timer || this.closed) return;
    tracker.timer = setTimeout(() => {
      tracker.timer = undefined;
      void this.refreshTensions(tracker);
    }, delayMs);
  }

  private tensionsNow(tracker: TensionTracker | undefined): TensionsChangedEvent {
    return { version: tracker?.version ?? '', asOf: tracker?.asOf ?? null, initial: false, resync: false, count: tracker?.known?.size ?? 0, appeared: [], gone: [], truncated: false };
  }

  /** Computes the tensions in the worker and tells each subscriber of this date what appeared and went. */
  private async refreshTensions(tracker: TensionTracker): Promise<void> {
    if (tracker.running) {
      tracker.dirty = true;
      return;
    }
    tracker.running = true;
    try {
      const version = await this.store.version();
      const tensions = await this.tensionsOn(tracker.asOf);
      if (this.trackers.get(tracker.asOf ?? '') !== tracker) return;
      const now = new Map(tensions.map((t) => [tensionKey(t), t]));
      const before = tracker.known;
      tracker.known = now;
      tracker.version = version;
      if (!before) {
        for (const queue of tracker.subscribers) queue.push({ ...this.tensionsNow(tracker), initial: true });
        return;
      }
      const appeared = [...now].filter(([key]) => !before.has(key)).map(([, t]) => t);
      const gone = [...before].filter(([key]) => !now.has(key)).map(([, t]) => ({ kind: t.kind, explanation: t.explanation, relationshipIds: t.relationships.map((r) => r.$rel) }));
      if (!appeared.length && !gone.length) return;
      const event = { ...this.tensionsNow(tracker), appeared: appeared.slice(0, MAX_EVENT_TENSIONS), gone: gone.slice(0, MAX_EVENT_TENSIONS), truncated: appeared.length > MAX_EVENT_TENSIONS || gone.length > MAX_EVENT_TENSIONS };
      for (const queue of tracker.subscribers) queue.push(event);
    } catch (error) {
      this.options.onError?.(error, 'computing tensions for subscriptions');
      this.scheduleTensions(tracker, 1000);
    } finally {
      tracker.running = false;
      if (tracker.dirty) {
        tracker.dirty = false;
        this.scheduleTensions(tracker);
      }
    }
  }

  /** The worker's tensions; a run past the request budget goes on, so asking again waits for it. */
  private async tensionsOn(asOf: string | null): Promise<TensionRef[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        return (await this.analysis.compute('tensions', asOf ? { asOf } : {})) as TensionRef[];
      } catch (error) {
        const code = error instanceof DomainError ? error.code : undefined;
        if (attempt >= 20 || this.closed || (code !== 'ANALYSIS_TIMEOUT' && code !== 'ANALYSIS_BUSY')) throw error;
        if (code === 'ANALYSIS_BUSY') await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }
}

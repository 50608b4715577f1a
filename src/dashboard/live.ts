// Live updates: one graphql-sse stream per tab (single-connection mode) carrying graphChanged and
// tensionsChanged for the page's date; each change fetches only the relationships it names and
// redraws them in place, and a quiet, dismissable badge says what changed. Drops reconnect with backoff.
import { createClient, type Client } from 'graphql-sse';
import { relationshipsByIds, type EdgeRecord, type NodeRef } from './api.ts';
import { byId, clear } from './dom.ts';
import type { GraphView } from './graph-view.ts';
import { describeLiveChange, placeNewNodes, reconnectDelay, REFRESH_TEXT, type GraphChange } from './live-changes.ts';

const GRAPH_CHANGED = 'subscription { graphChanged { version external resync added changed removed byType { key added changed removed } bySource { key added changed removed } addedIds changedIds removedIds truncated } }';
const TENSIONS_CHANGED = 'subscription($asOf: String) { tensionsChanged(asOf: $asOf) { version initial resync count } }';

/** What the page hands over: its graph, its model of nodes and edges, and what to redo after a change. */
export interface LivePage {
  view: GraphView;
  nodeById: Map<string, NodeRef>;
  edgeById: Map<string, EdgeRecord>;
  /** The model changed (these relationships and their ends, by this change): filter again, with whatever was cached from the API dropped. */
  refilter: (touched: ReadonlySet<string>, change: GraphChange) => Promise<void>;
  /** The tensions moved: read the list again. */
  refreshTensions: () => void;
}

declare global {
  interface Window {
    /** How the graph is drawn, for tests and tools: a node's place (in the layout, on the screen), an edge's colour, the drawing's extent. */
    cgraphView?: Pick<GraphView, 'nodePosition' | 'viewportPosition' | 'edgeDisplay' | 'extent'>;
  }
}

interface TensionsEvent {
  version: string;
  initial: boolean;
  resync: boolean;
  count: number;
}

/**
 * The tab's live connection. `follow(asOf)` moves the tensions subscription to the page's date;
 * the graph subscription stays. Every write is applied in arrival order (one at a time), so a
 * change and the next one's fetches never interleave.
 */
export class LiveUpdates {
  private client: Client<true> | undefined;
  private asOf: string | null = null;
  private attempt = 0;
  private retryTimer: number | undefined;
  /** The stream dropped: the first event after it says whether writes were missed meanwhile. */
  private resuming = false;
  private stopGraph: () => void = () => undefined;
  private stopTensions: () => void = () => undefined;
  /** The last graph version an event told of: a reconnect that finds another knows it missed something. */
  private version: string | undefined;
  private applying: Promise<void> = Promise.resolve();

  constructor(private readonly page: LivePage) {
    byId('live-dismiss').addEventListener('click', () => this.dismiss());
    window.cgraphView = { nodePosition: (id) => page.view.nodePosition(id), viewportPosition: (id) => page.view.viewportPosition(id), edgeDisplay: (id) => page.view.edgeDisplay(id), extent: () => page.view.extent() };
  }

  start(asOf: string | null): void {
    this.asOf = asOf;
    this.connect();
  }

  /** The page's date moved: tensions are counted for it from now on (same stream, a new subscription). */
  follow(asOf: string | null): void {
    if (asOf === this.asOf) return;
    this.asOf = asOf;
    this.stopTensions();
    if (this.client) this.stopTensions = this.subscribeTensions(this.client);
  }

  private connect(): void {
    const client = createClient({ url: '/graphql/stream', singleConnection: true, retryAttempts: 0 });
    this.client = client;
    this.stopGraph = this.subscribe<{ graphChanged: GraphChange }>(client, GRAPH_CHANGED, {}, ({ graphChanged: change }) => {
      const heard = performance.now();
      this.applying = this.applying.then(() => this.applyChange(change, heard)).catch((error: unknown) => this.tell(`A change could not be shown (${(error as Error).message}) — refresh.`));
    });
    this.stopTensions = this.subscribeTensions(client);
  }

  private subscribeTensions(client: Client<true>): () => void {
    return this.subscribe<{ tensionsChanged: TensionsEvent }>(client, TENSIONS_CHANGED, { asOf: this.asOf }, ({ tensionsChanged }) => this.tensions(tensionsChanged));
  }

  /**
   * A subscription on the tab's stream. It ends on its own only when the stream dropped or the
   * server stopped (or refused it): then the stream is opened again after a backoff.
   */
  private subscribe<T>(client: Client<true>, query: string, variables: Record<string, unknown>, onData: (data: T) => void): () => void {
    let stopped = false;
    const ended = () => {
      if (!stopped && this.client === client) this.restart(reconnectDelay(this.attempt++, Math.random()));
    };
    const dispose = client.subscribe<T>({ query, variables }, { next: (result) => result.data && onData(result.data as T), error: ended, complete: ended });
    return () => {
      stopped = true;
      dispose();
    };
  }

  /** After a drop: ends what is left of the stream and opens a new one after `delayMs`. */
  private restart(delayMs: number): void {
    const old = this.client;
    this.client = undefined;
    this.stopGraph();
    this.stopTensions();
    old?.dispose();
    window.clearTimeout(this.retryTimer);
    this.resuming = true;
    byId('graph').dataset.live = 'reconnecting';
    this.retryTimer = window.setTimeout(() => this.connect(), delayMs);
  }

  private tensions(event: TensionsEvent): void {
    this.attempt = 0;
    byId('graph').dataset.live = 'connected';
    if (event.initial && this.resuming && this.version !== undefined && event.version !== this.version) this.tell('The graph changed while the page was disconnected — refresh to see it.');
    if (event.initial) this.resuming = false;
    if (event.version) this.version = event.version;
    if (event.resync) this.tell(REFRESH_TEXT);
    const count = byId('tensions-count');
    if (count.textContent !== String(event.count)) {
      count.textContent = String(event.count);
      this.page.refreshTensions();
    }
  }

  /** Fetches what the change names, then redraws those relationships in place. */
  private async applyChange(change: GraphChange, heard: number): Promise<void> {
    this.attempt = 0;
    this.version = change.version;
    const { view, edgeById, nodeById } = this.page;
    const named = [...change.addedIds, ...change.changedIds];
    const records = named.length ? await relationshipsByIds(named) : [];
    // A changed relationship the API no longer answers (its last statement disputed) goes too.
    const gone = [...change.removedIds, ...named.filter((id) => !records.some((r) => r.id === id))];
    const { spread, centre } = view.extent();
    view.upsertRelationships(records, (newIds) => placeNewNodes(newIds, records.map((r) => ({ from: r.from.id, to: r.to.id })), (id) => view.nodePosition(id), spread, centre));
    view.removeRelationships(gone);
    for (const r of records) {
      edgeById.set(r.id, r);
      for (const n of [r.from, r.to]) if (!nodeById.has(n.id)) nodeById.set(n.id, n);
    }
    const touched = new Set([...named, ...gone, ...records.flatMap((r) => [r.from.id, r.to.id])]);
    for (const id of gone) {
      const edge = edgeById.get(id);
      if (edge) touched.add(edge.from.id).add(edge.to.id);
      edgeById.delete(id);
    }
    await this.page.refilter(touched, change);
    (window.cgraphTimings ??= {}).lastLiveMs = performance.now() - heard;
    const text = describeLiveChange(change, (id) => nodeById.get(id)?.name ?? id);
    if (text) this.tell(text);
  }

  private tell(text: string): void {
    clear(byId('live-text'), text);
    byId('live-badge').dataset.shown = 'true';
    byId('live-dismiss').hidden = false;
  }

  /** The analyst has seen it: the badge goes, and fresh relationships take their usual colours. */
  private dismiss(): void {
    byId('live-badge').dataset.shown = 'false';
    byId('live-dismiss').hidden = true;
    clear(byId('live-text'));
    this.page.view.clearFresh();
  }
}

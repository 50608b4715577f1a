// What a live change means for the open dashboard, apart from the DOM and the stream (tested
// alone): the badge's words, where a new node goes, whether the source list moved, and the backoff.

/** A `graphChanged` event, as much of it as the dashboard asks for. */
export interface GraphChange {
  version: string;
  external: boolean;
  resync: boolean;
  added: number | null;
  changed: number | null;
  removed: number | null;
  byType: { key: string; added: number; changed: number; removed: number }[];
  bySource: { key: string; added: number; changed: number; removed: number }[];
  addedIds: string[];
  changedIds: string[];
  removedIds: string[];
  truncated: boolean;
}

/** Colour for relationships a live update added or changed, until the analyst dismisses the news. */
export const FRESH_COLOUR = '#000000';

/** What the badge says when a change cannot be told in detail. */
export const REFRESH_TEXT = 'The graph changed elsewhere — refresh to see it.';

const COMMITMENT_TYPES = new Set(['PLEDGED', 'REFUSED', 'WARNED']);

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The badge's words for a change: what was added, changed and removed, commitments apart from
 * other relationships, and from which sources; null when the change is nothing to tell. A change
 * the event cannot describe (another process's write, dropped events, more ids than an event
 * lists) asks for a refresh instead. Facts of no known type count as relationships.
 */
export function describeLiveChange(change: GraphChange, sourceName: (id: string) => string = (id) => id): string | null {
  if (change.external || change.resync || change.truncated) return REFRESH_TEXT;
  const parts: string[] = [];
  for (const kind of ['added', 'changed', 'removed'] as const) {
    const commitments = change.byType.filter((t) => COMMITMENT_TYPES.has(t.key)).reduce((sum, t) => sum + t[kind], 0);
    const typed = change.byType.reduce((sum, t) => sum + t[kind], 0);
    // A store that cannot say what a removed fact was counts it in the total only.
    const others = change.byType.filter((t) => !COMMITMENT_TYPES.has(t.key)).reduce((sum, t) => sum + t[kind], 0) + Math.max(0, (change[kind] ?? 0) - typed);
    const what = [commitments ? plural(commitments, 'commitment', 'commitments') : '', others ? plural(others, 'relationship', 'relationships') : ''].filter(Boolean).join(' and ');
    if (what) parts.push(`${what} ${kind}`);
  }
  if (!parts.length) return null;
  const sources = change.bySource.map((s) => sourceName(s.key));
  const from = sources.length === 0 ? '' : sources.length <= 2 ? ` from ${sources.join(' and ')}` : ` from ${sources.length} sources`;
  return `${parts.join(', ')}${from}`;
}

/**
 * Whether the source list may be out of date after a change: it names a source the list lacks, or
 * it removed facts (an unload removes its source too, and a store that cannot say what a removed
 * fact was names no source), or it cannot be told in detail.
 */
export function sourcesMayHaveMoved(change: GraphChange, listed: (id: string) => boolean): boolean {
  if (change.external || change.resync || change.truncated) return true;
  return (change.removed ?? 0) > 0 || change.bySource.some((s) => s.added + s.changed > 0 && !listed(s.key));
}

/** An entry of the source list: `gone` once its source was unloaded while the analyst had it chosen. */
export interface ListedSource {
  id: string;
  gone: boolean;
}

/**
 * The source list against the sources the API knows now: which to add (in the API's order), which
 * went (unloaded), which were marked gone and are back (loaded again).
 */
export function diffSources<T extends { id: string }>(listed: readonly ListedSource[], current: readonly T[]): { added: T[]; gone: string[]; back: string[] } {
  const now = new Set(current.map((s) => s.id));
  const known = new Map(listed.map((s) => [s.id, s.gone]));
  return {
    added: current.filter((s) => !known.has(s.id)),
    gone: listed.filter((s) => !s.gone && !now.has(s.id)).map((s) => s.id),
    back: listed.filter((s) => s.gone && now.has(s.id)).map((s) => s.id),
  };
}

export interface Point {
  x: number;
  y: number;
}

/** A small deterministic offset per id (0…1 twice), so that nodes placed at the same spot do not overlap. */
function jitter(id: string): [number, number] {
  let hash = 2166136261;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 16777619);
  const a = ((hash >>> 0) % 1000) / 1000;
  const b = ((Math.imul(hash, 2654435761) >>> 0) % 1000) / 1000;
  return [a, b];
}

/**
 * Positions for new nodes that leave every existing node where it is: each at the middle of its
 * placed neighbours (existing ones first, then new ones placed in an earlier round), a little
 * apart; a node with no placed neighbour goes beside the drawing. `spread` is the drawing's size.
 */
export function placeNewNodes(newIds: readonly string[], edges: readonly { from: string; to: string }[], placed: (id: string) => Point | undefined, spread: number, centre: Point): Map<string, Point> {
  const result = new Map<string, Point>();
  const where = (id: string) => result.get(id) ?? placed(id);
  const offset = Math.max(1, spread * 0.05);
  let waiting = [...new Set(newIds)];
  while (waiting.length) {
    const next: string[] = [];
    const round = new Map<string, Point>();
    for (const id of waiting) {
      const neighbours = edges.flatMap((e) => (e.from === id ? [e.to] : e.to === id ? [e.from] : [])).map(where).filter((p): p is Point => !!p);
      if (!neighbours.length) {
        next.push(id);
        continue;
      }
      const [a, b] = jitter(id);
      const angle = a * 2 * Math.PI;
      const mean = neighbours.reduce((m, p) => ({ x: m.x + p.x / neighbours.length, y: m.y + p.y / neighbours.length }), { x: 0, y: 0 });
      round.set(id, { x: mean.x + Math.cos(angle) * offset * (0.6 + b), y: mean.y + Math.sin(angle) * offset * (0.6 + b) });
    }
    for (const [id, p] of round) result.set(id, p);
    if (next.length === waiting.length) {
      // Nothing placed this round: the first of the rest goes beside the drawing; its neighbours follow it.
      const [first, ...rest] = next as [string, ...string[]];
      const [a] = jitter(first);
      result.set(first, { x: centre.x + spread * 0.6, y: centre.y + (a - 0.5) * spread * 0.5 });
      waiting = rest;
    } else waiting = next;
  }
  return result;
}

/** The wait before reconnecting after the `attempt`-th drop in a row: doubling from half a second to half a minute, with jitter (`random` in 0…1). */
export function reconnectDelay(attempt: number, random: number): number {
  const base = Math.min(30_000, 500 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.75 + random * 0.5));
}

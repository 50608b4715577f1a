// Ordered id lists for the embedded store's indexes: sorted chunks of at most a few thousand ids,
// so a page costs O(log n + what it reads), never a sort of everything.

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Ids per chunk: an insert or a removal moves at most this many, whatever the list's length. */
const CHUNK = 2048;

/**
 * A flat B-tree of one level: a few inserts or removals move one chunk each, not the whole list (a
 * 74-statement write into a million facts: 560 ms of array copies with a flat array), and a batch as
 * large as the list is merged in one pass; positions by binary search, and reading in id order after
 * a cursor from one list (or the union of several: unionAfter).
 */
export class SortedIds {
  /** Sorted chunks, each sorted and non-empty, every id of a chunk below every id of the next. */
  private chunks: string[][] = [];
  private count = 0;

  /** `chunk`: ids per chunk (tests make it small to exercise splits). */
  constructor(private readonly chunk = CHUNK) {}

  get size(): number {
    return this.count;
  }

  /** Adds ids not already present. */
  add(incoming: readonly string[]): void {
    if (!incoming.length) return;
    // A snapshot's records come in id order into empty lists: taken as they are, with no copy into a set or a merge.
    if (!this.count && strictlyAscending(incoming)) {
      this.rebuild(incoming as string[]);
      return;
    }
    // Input already in order (a snapshot is written in id order) needs no sort.
    const unique = [...new Set(incoming)];
    const fresh = unique.every((id, i) => i === 0 || (unique[i - 1] as string) < id) ? unique : unique.sort(compare);
    if (fresh.length * 8 < this.count) {
      // A few ids into a long list (a write into a large store): each into its chunk.
      for (const id of fresh) this.insert(id);
      return;
    }
    this.rebuild(mergeSorted(this.values(), fresh));
  }

  remove(outgoing: readonly string[]): void {
    if (!outgoing.length || !this.count) return;
    if (outgoing.length * 8 < this.count) {
      for (const id of outgoing) this.delete(id);
      return;
    }
    const gone = new Set(outgoing);
    this.rebuild(this.values().filter((id) => !gone.has(id)));
  }

  private rebuild(sorted: string[]): void {
    this.chunks = [];
    for (let i = 0; i < sorted.length; i += this.chunk) this.chunks.push(sorted.slice(i, i + this.chunk));
    this.count = sorted.length;
  }

  /** The chunk that holds `id` or would: the last whose first id is <= `id` (else the first). */
  private chunkOf(id: string): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (((this.chunks[mid] as string[])[0] as string) <= id) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private insert(id: string): void {
    if (!this.chunks.length) {
      this.chunks.push([id]);
      this.count = 1;
      return;
    }
    const c = this.chunkOf(id);
    const chunk = this.chunks[c] as string[];
    const at = position(chunk, id);
    if (chunk[at] === id) return;
    chunk.splice(at, 0, id);
    this.count++;
    if (chunk.length >= 2 * this.chunk) this.chunks.splice(c, 1, chunk.slice(0, this.chunk), chunk.slice(this.chunk));
  }

  private delete(id: string): void {
    if (!this.chunks.length) return;
    const c = this.chunkOf(id);
    const chunk = this.chunks[c] as string[];
    const at = position(chunk, id);
    if (chunk[at] !== id) return;
    chunk.splice(at, 1);
    this.count--;
    if (!chunk.length) this.chunks.splice(c, 1);
  }

  /** Ids after `after` (all when undefined), in order. */
  *after(after: string | undefined): Generator<string> {
    if (!this.chunks.length) return;
    let c = after === undefined ? 0 : this.chunkOf(after);
    let i = after === undefined ? 0 : position(this.chunks[c] as string[], after);
    if (after !== undefined && (this.chunks[c] as string[])[i] === after) i++;
    for (; c < this.chunks.length; c++, i = 0) {
      const chunk = this.chunks[c] as string[];
      for (; i < chunk.length; i++) yield chunk[i] as string;
    }
  }

  /** Every id in order (a new array). */
  values(): string[] {
    return this.chunks.flat();
  }
}

function strictlyAscending(ids: readonly string[]): boolean {
  for (let i = 1; i < ids.length; i++) if ((ids[i - 1] as string) >= (ids[i] as string)) return false;
  return true;
}

/** The index of the first id >= `id` in a sorted array. */
function position(ids: readonly string[], id: string): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ids[mid] as string) < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Two sorted lists as one, each id once. */
function mergeSorted(old: readonly string[], fresh: readonly string[]): string[] {
  const merged: string[] = [];
  let i = 0;
  let j = 0;
  while (i < old.length || j < fresh.length) {
    const a = old[i];
    const b = fresh[j];
    if (b === undefined || (a !== undefined && a < b)) {
      merged.push(a as string);
      i++;
    } else if (a === undefined || b < a) {
      merged.push(b);
      j++;
    } else {
      merged.push(a);
      i++;
      j++;
    }
  }
  return merged;
}

/** The ids of several lists after `after`, in order, each once (a k-way merge). */
export function* unionAfter(lists: readonly SortedIds[], after: string | undefined): Generator<string> {
  if (lists.length === 1) {
    yield* (lists[0] as SortedIds).after(after);
    return;
  }
  const cursors = lists.map((list) => list.after(after)).map((it) => ({ it, head: it.next() }));
  let last: string | undefined;
  for (;;) {
    let best: (typeof cursors)[number] | undefined;
    for (const c of cursors) if (!c.head.done && (!best || (c.head.value as string) < (best.head.value as string))) best = c;
    if (!best) return;
    const id = best.head.value as string;
    best.head = best.it.next();
    if (id !== last) yield id;
    last = id;
  }
}

/** Sorted id lists by key (a node, a type, a source): adds and removes in batches. */
export class Postings {
  private readonly lists = new Map<string, SortedIds>();

  get(key: string): SortedIds | undefined {
    return this.lists.get(key);
  }

  add(entries: Iterable<[key: string, id: string]>): void {
    for (const [key, ids] of group(entries)) {
      let list = this.lists.get(key);
      if (!list) this.lists.set(key, (list = new SortedIds()));
      list.add(ids);
    }
  }

  remove(entries: Iterable<[key: string, id: string]>): void {
    for (const [key, ids] of group(entries)) {
      const list = this.lists.get(key);
      if (!list) continue;
      list.remove(ids);
      if (!list.size) this.lists.delete(key);
    }
  }

  keys(): IterableIterator<string> {
    return this.lists.keys();
  }
}

function group(entries: Iterable<[string, string]>): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const [key, id] of entries) {
    const list = grouped.get(key);
    if (list) list.push(id);
    else grouped.set(key, [id]);
  }
  return grouped;
}

// Ordered id lists for the embedded store's indexes: a sorted array of ids with batched inserts
// and removals (a merge, O(n + k log k) per batch, so a load of k ids never costs k splices),
// positions by binary search, and reading in id order after a cursor from one list or the union
// of several. A page costs O(log n + what it reads), never a sort of everything.

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class SortedIds {
  private ids: string[] = [];

  get size(): number {
    return this.ids.length;
  }

  /** Adds ids not already present. */
  add(incoming: readonly string[]): void {
    if (!incoming.length) return;
    // Input already in order (a snapshot is written in id order) needs no sort.
    const unique = [...new Set(incoming)];
    const fresh = unique.every((id, i) => i === 0 || (unique[i - 1] as string) < id) ? unique : unique.sort(compare);
    if (fresh.length * 256 < this.ids.length) {
      // A few ids into a long list (a write into a large store): binary search and splice each,
      // instead of copying the whole list.
      for (const id of fresh) {
        const at = this.position(id);
        if (this.ids[at] !== id) this.ids.splice(at, 0, id);
      }
      return;
    }
    const merged: string[] = new Array<string>();
    let i = 0;
    let j = 0;
    const old = this.ids;
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
    this.ids = merged;
  }

  remove(outgoing: readonly string[]): void {
    if (!outgoing.length || !this.ids.length) return;
    if (outgoing.length === 1) {
      const at = this.position(outgoing[0] as string);
      if (this.ids[at] === outgoing[0]) this.ids.splice(at, 1);
      return;
    }
    const gone = new Set(outgoing);
    this.ids = this.ids.filter((id) => !gone.has(id));
  }

  /** The index of the first id >= `id`. */
  private position(id: string): number {
    let lo = 0;
    let hi = this.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.ids[mid] as string) < id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Ids after `after` (all when undefined), in order. */
  *after(after: string | undefined): Generator<string> {
    const ids = this.ids;
    let i = after === undefined ? 0 : this.position(after);
    if (after !== undefined && ids[i] === after) i++;
    for (; i < ids.length; i++) yield ids[i] as string;
  }

  values(): readonly string[] {
    return this.ids;
  }
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

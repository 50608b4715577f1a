// One shared copy of each repeated string, for large graphs read from disk or from a message.

/** One copy of each repeated string (ids, types, dates, states): JSON.parse makes a new one per occurrence. */
export class Interner {
  private readonly table = new Map<string, string>();
  private readonly lists = new Map<string, readonly string[]>();

  of<T>(value: T): T {
    if (typeof value !== 'string') return value;
    const known = this.table.get(value);
    if (known !== undefined) return known as T;
    this.table.set(value, value);
    return value;
  }

  /**
   * One shared frozen copy of each distinct list of strings (a relationship's sources: a few
   * sets repeated over a whole graph), so a record holds a pointer instead of its own array.
   */
  list(values: readonly string[]): readonly string[] {
    // JSON keeps lists apart that a plain join would not ([] and [''], ['a,b'] and ['a', 'b']).
    const key = JSON.stringify(values);
    const known = this.lists.get(key);
    if (known) return known;
    const shared = Object.freeze(values.map((value) => this.of(value)));
    this.lists.set(key, shared);
    return shared;
  }
}

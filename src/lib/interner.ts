// One shared copy of each repeated string, for large graphs read from disk or from a message.

/** One copy of each repeated string (ids, types, dates, states): JSON.parse makes a new one per occurrence. */
export class Interner {
  private readonly table = new Map<string, string>();

  of<T>(value: T): T {
    if (typeof value !== 'string') return value;
    const known = this.table.get(value);
    if (known !== undefined) return known as T;
    this.table.set(value, value);
    return value;
  }
}

// JSON values packed against shared tables of strings and object shapes (key lists): a record on
// disk names each string and key set by number, and reads back with every string already shared.

/**
 * How a value is packed: a string is its index in the string table (an integer ≥ 0); true, false
 * and null are -1, -2, -3; a number is [-4, n]; an array is [-5, ...items]; an object is
 * [shape, ...values] in the order of its shape's keys (keys whose value is undefined are left out,
 * as JSON.stringify leaves them out).
 */
const TRUE = -1;
const FALSE = -2;
const NULL = -3;
const NUMBER = -4;
const ARRAY = -5;

/** What a writer added to its tables since it was last asked: written before the records that use it. */
export interface PackedTables {
  strings: string[];
  shapes: string[][];
}

/** Packs values, growing its tables as it meets new strings and shapes. */
export class PackWriter {
  private readonly strings = new Map<string, number>();
  private readonly shapes = new Map<string, number>();
  private readonly oddShapes = new Map<string, number>();
  private fresh: PackedTables = { strings: [], shapes: [] };

  pack(value: unknown): unknown {
    if (typeof value === 'string') return this.stringIndex(value);
    if (typeof value === 'number') return [NUMBER, value];
    if (value === true) return TRUE;
    if (value === false) return FALSE;
    if (value === null) return NULL;
    if (Array.isArray(value)) {
      const packed: unknown[] = [ARRAY];
      for (const item of value as unknown[]) packed.push(this.pack(item ?? null));
      return packed;
    }
    if (typeof value === 'object') {
      const record = value as Record<string, unknown>;
      const keys: string[] = [];
      const packed: unknown[] = [0];
      for (const key in record) {
        const item = record[key];
        if (!Object.hasOwn(record, key) || item === undefined || typeof item === 'function') continue;
        keys.push(key);
        packed.push(this.pack(item));
      }
      packed[0] = this.shapeIndex(keys);
      return packed;
    }
    throw new TypeError(`cannot pack a ${typeof value}`);
  }

  /** The strings and shapes added since the last call (none: both empty). */
  takeTables(): PackedTables {
    const tables = this.fresh;
    this.fresh = { strings: [], shapes: [] };
    return tables;
  }

  private stringIndex(value: string): number {
    let index = this.strings.get(value);
    if (index === undefined) {
      index = this.strings.size;
      this.strings.set(value, index);
      this.fresh.strings.push(value);
    }
    return index;
  }

  private shapeIndex(keys: string[]): number {
    // Counted and joined by a character keys hardly hold ([] and [''] differ by their count); the
    // few keys that hold it are told apart by JSON's quoting, in a map of their own.
    const odd = keys.some((k) => k.includes('\u0000'));
    const byKey = odd ? this.oddShapes : this.shapes;
    const key = odd ? JSON.stringify(keys) : `${keys.length}\u0000${keys.join('\u0000')}`;
    let index = byKey.get(key);
    if (index === undefined) {
      index = this.shapes.size + this.oddShapes.size;
      byKey.set(key, index);
      this.fresh.shapes.push(keys);
    }
    return index;
  }
}

/** Unpacks what a PackWriter packed, given its tables in the order they were written. */
export class PackReader {
  private readonly strings: string[] = [];
  private readonly shapes: string[][] = [];
  private readonly templates: Record<string, null>[] = [];

  addTables(tables: PackedTables): void {
    if (!Array.isArray(tables.strings) || !Array.isArray(tables.shapes)) throw new RangeError('a table line without its strings and shapes');
    for (const s of tables.strings) this.strings.push(s);
    for (const shape of tables.shapes) {
      this.shapes.push(shape);
      // JSON.parse builds an object literal's fast layout, whatever the number of keys.
      this.templates.push(JSON.parse(`{${shape.map((key) => `${JSON.stringify(key)}:null`).join(',')}}`) as Record<string, null>);
    }
  }

  /** Throws a RangeError on a value that names no known string or shape (a corrupt or reordered file). */
  unpack(packed: unknown): unknown {
    if (typeof packed === 'number') {
      if (packed >= 0) {
        const s = this.strings[packed];
        if (s === undefined) throw new RangeError(`string ${packed} is not in the table`);
        return s;
      }
      if (packed === TRUE) return true;
      if (packed === FALSE) return false;
      if (packed === NULL) return null;
    } else if (Array.isArray(packed) && packed.length > 0) {
      const tag = packed[0] as number;
      if (tag === NUMBER) return packed[1];
      if (tag === ARRAY) {
        const items = new Array<unknown>(packed.length - 1);
        for (let i = 1; i < packed.length; i++) items[i - 1] = this.unpack(packed[i]);
        return items;
      }
      const keys = this.shapes[tag];
      const template = this.templates[tag];
      if (keys && template && keys.length === packed.length - 1) {
        // A copy of the shape's template keeps its hidden class (properties added one by one past a
        // dozen would turn the object into a slower, larger dictionary); only values are set.
        const record: Record<string, unknown> = { ...template };
        for (let i = 0; i < keys.length; i++) record[keys[i] as string] = this.unpack(packed[i + 1]);
        return record;
      }
    }
    throw new RangeError(`not a packed value: ${JSON.stringify(packed).slice(0, 80)}`);
  }
}

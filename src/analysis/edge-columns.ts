// The analysis graph's relationship attributes in typed-array columns indexed by an edge number:
// Graphology keeps the topology (an edge's only attribute is its number), the columns keep the
// rest with repeated strings interned, and a record is made again only when an analysis asks.
import type { GraphRelationship } from '../domain/model.ts';

/** An edge's only attribute in the graph: its row in the columns. */
export class EdgeRow {
  constructor(readonly n: number) {}
}

/**
 * How each field a lean record has is kept. `code`: an interned string (a few distinct values:
 * types, dates, states); `text`: UTF-8 in one byte buffer (values nearly unique: actions, notes);
 * `count` (a small whole number), `number`, `flag`; `strings`: an interned shared list (conditions, sources); `spans`: an interned
 * shared list of intervals; `evidence`: always empty in the lean graph. A value that does not fit
 * its kind (or a field not listed: several statements, whole records' evidence) is kept as it is.
 */
const FIELD_KINDS = {
  type: 'code',
  firmness: 'code',
  statedAt: 'code',
  status: 'code',
  validFrom: 'code',
  validTo: 'code',
  plover: 'code',
  aidType: 'code',
  role: 'code',
  cameo: 'code',
  action: 'text',
  aspect: 'text',
  note: 'text',
  sourceCount: 'count',
  credibility: 'count',
  goldstein: 'number',
  amountEur: 'number',
  disputed: 'flag',
  conditions: 'strings',
  sourceIds: 'strings',
  spans: 'spans',
  evidence: 'evidence',
} as const;
type Kind = (typeof FIELD_KINDS)[keyof typeof FIELD_KINDS];
type Field = keyof typeof FIELD_KINDS;

const EMPTY: readonly never[] = Object.freeze([]);
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export type Unsigned = Uint8Array | Uint16Array | Uint32Array;

/** A text column as a message: where each row starts, and the bytes. */
export interface PackedText {
  starts: Unsigned;
  bytes: Uint8Array;
}

/** Edge columns as a message between threads (EdgeColumns.pack, adopt): one format, made by `add` on either side. */
export interface PackedColumns {
  rows: number;
  shapes: (readonly string[])[];
  shapeOf: Unsigned;
  strings: string[];
  lists: (readonly string[])[];
  spanLists: (readonly { from?: string; to?: string }[])[];
  ints: [Field, Unsigned][];
  numbers: [Field, Float64Array][];
  texts: [Field, PackedText][];
  kept: [number, Record<string, unknown>][];
}

/**
 * Unsigned integers by row, in the narrowest typed array that holds the largest so far (most
 * columns number a few distinct values: a byte each); doubles as rows are added and is cut to its
 * rows once the graph is built.
 */
export class IntColumn {
  values: Unsigned = new Uint8Array(0);
  private max = 0xff;

  set(row: number, value: number): void {
    if (row >= this.values.length || value > this.max) this.grow(Math.max(16, row + 1, row >= this.values.length ? this.values.length * 2 : this.values.length), value);
    this.values[row] = value;
  }

  private grow(length: number, value: number): void {
    if (value > this.max) this.max = value > 0xffff ? 0xffffffff : 0xffff;
    const grown = this.max === 0xff ? new Uint8Array(length) : this.max === 0xffff ? new Uint16Array(length) : new Uint32Array(length);
    grown.set(this.values);
    this.values = grown;
  }

  trim(rows: number): void {
    if (this.values.length > rows) this.values = this.values.slice(0, rows);
  }

  /** A column from values packed on the other side of a thread (its widest value decides the width, as `grow` would). */
  static adopt(values: Unsigned): IntColumn {
    const column = new IntColumn();
    column.values = values;
    column.max = values instanceof Uint8Array ? 0xff : values instanceof Uint16Array ? 0xffff : 0xffffffff;
    return column;
  }
}

/** Numbers by row (a relationship's amounts and scores), doubling as rows are added. */
class NumberColumn {
  values = new Float64Array(0);

  set(row: number, value: number): void {
    if (row >= this.values.length) {
      const grown = new Float64Array(Math.max(16, row + 1, this.values.length * 2));
      grown.set(this.values);
      this.values = grown;
    }
    this.values[row] = value;
  }

  trim(rows: number): void {
    if (this.values.length > rows) this.values = this.values.slice(0, rows);
  }
}

/**
 * Strings by row as UTF-8 in one byte buffer, each after its length (a varint: one byte up to 127);
 * the row's column holds where it starts.
 */
export class TextColumn {
  starts = new IntColumn();
  private bytes: Uint8Array = new Uint8Array(0);
  private length = 1; // 0 is "none"

  /** The column as typed arrays (call `trim` first, so each owns its buffer). */
  pack(): PackedText {
    return { starts: this.starts.values, bytes: this.bytes };
  }

  static adopt(packed: PackedText): TextColumn {
    const column = new TextColumn();
    column.starts = IntColumn.adopt(packed.starts);
    column.bytes = packed.bytes;
    column.length = Math.max(1, packed.bytes.length);
    return column;
  }

  set(row: number, value: string): void {
    const needed = this.length + 5 + value.length * 3;
    if (needed > this.bytes.length) {
      const grown = new Uint8Array(Math.max(1024, this.bytes.length * 2, needed));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    const start = this.length;
    const written = encoder.encodeInto(value, this.bytes.subarray(start + 5)).written;
    let at = start;
    for (let rest = written; ; rest >>>= 7) {
      this.bytes[at++] = rest > 0x7f ? (rest & 0x7f) | 0x80 : rest;
      if (rest <= 0x7f) break;
    }
    this.bytes.copyWithin(at, start + 5, start + 5 + written);
    this.length = at + written;
    this.starts.set(row, start);
  }

  get(row: number): string | undefined {
    const start = this.starts.values[row];
    if (!start) return undefined;
    let at = start;
    let length = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = this.bytes[at++] as number;
      length |= (byte & 0x7f) << shift;
      if (byte <= 0x7f) break;
    }
    return decoder.decode(this.bytes.subarray(at, at + length));
  }

  trim(rows: number): void {
    this.starts.trim(rows);
    if (this.bytes.length > this.length) this.bytes = this.bytes.slice(0, this.length);
  }
}

/** Distinct values numbered from 1 (0 is "none"), each kept once. */
class Table<T> {
  private readonly numbers = new Map<string, number>();
  readonly values: T[] = [undefined as T];

  /** A table of values numbered elsewhere, its lookup made again with the key each value had. */
  static adopt<T>(values: readonly T[], keyOf: (value: T) => string): Table<T> {
    const table = new Table<T>();
    for (let n = 1; n < values.length; n++) {
      const value = values[n] as T;
      table.values.push(value);
      table.numbers.set(keyOf(value), n);
    }
    return table;
  }

  number(key: string, make: () => T): number {
    let n = this.numbers.get(key);
    if (n === undefined) {
      n = this.values.push(make()) - 1;
      this.numbers.set(key, n);
    }
    return n;
  }
}

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');
const isSpanList = (value: unknown): value is { from?: string; to?: string }[] =>
  Array.isArray(value) && value.every((s) => typeof s === 'object' && s !== null && Object.entries(s).every(([k, v]) => (k === 'from' || k === 'to') && typeof v === 'string'));

/**
 * The relationships' attributes, one row per edge number. Each row keeps its record's keys in
 * order (one shared list per distinct order), so a record made again equals the one added, key
 * order included (exports list attributes in it). Rows are only added: a record rewritten in place
 * gets a new row (the old one is dropped with the graph at its next rebuild).
 */
export class EdgeColumns {
  private rows = 0;
  private shapes = new Table<readonly string[]>();
  private shapeOf = new IntColumn();
  private lastShape: { keys: readonly string[]; n: number } | undefined;
  private strings = new Table<string>();
  private lists = new Table<readonly string[]>();
  private spanLists = new Table<readonly { from?: string; to?: string }[]>();
  private readonly ints = new Map<Field, IntColumn>();
  private readonly numbers = new Map<Field, NumberColumn>();
  private readonly texts = new Map<Field, TextColumn>();
  /** Values kept as they are, by row: those no column fits. */
  private kept = new Map<number, Record<string, unknown>>();

  get size(): number {
    return this.rows;
  }

  /**
   * The columns as a message (typed arrays, the tables as lists, the kept values as they are) and
   * the buffers to transfer with it: trimmed first, so each array owns its buffer. The columns are
   * unusable here afterwards (their buffers go with the message).
   */
  pack(): { packed: PackedColumns; transfer: ArrayBuffer[] } {
    this.trim();
    const packed: PackedColumns = {
      rows: this.rows,
      shapes: this.shapes.values.slice(1),
      shapeOf: this.shapeOf.values,
      strings: this.strings.values.slice(1),
      lists: this.lists.values.slice(1),
      spanLists: this.spanLists.values.slice(1),
      ints: [...this.ints].map(([field, column]) => [field, column.values]),
      numbers: [...this.numbers].map(([field, column]) => [field, column.values]),
      texts: [...this.texts].map(([field, column]) => [field, column.pack()]),
      kept: [...this.kept],
    };
    const arrays = [packed.shapeOf, ...packed.ints.map(([, v]) => v), ...packed.numbers.map(([, v]) => v), ...packed.texts.flatMap(([, t]) => [t.starts, t.bytes])];
    return { packed, transfer: arrays.map((a) => a.buffer as ArrayBuffer) };
  }

  /** Columns packed on the other side of a thread, taken as they are (rows can still be added: live writes). */
  static adopt(packed: PackedColumns): EdgeColumns {
    const columns = new EdgeColumns();
    columns.rows = packed.rows;
    columns.shapes = Table.adopt([undefined as never, ...packed.shapes.map((keys) => Object.freeze(keys))], (keys) => JSON.stringify(keys));
    columns.shapeOf = IntColumn.adopt(packed.shapeOf);
    columns.strings = Table.adopt([undefined as never, ...packed.strings], (value) => value);
    columns.lists = Table.adopt([undefined as never, ...packed.lists.map((list) => Object.freeze(list))], (list) => JSON.stringify(list));
    columns.spanLists = Table.adopt([undefined as never, ...packed.spanLists.map((spans) => Object.freeze(spans.map((s) => Object.freeze(s))))], (spans) => JSON.stringify(spans));
    for (const [field, values] of packed.ints) columns.ints.set(field, IntColumn.adopt(values));
    for (const [field, values] of packed.numbers) columns.numbers.set(field, Object.assign(new NumberColumn(), { values }));
    for (const [field, text] of packed.texts) columns.texts.set(field, TextColumn.adopt(text));
    columns.kept = new Map(packed.kept);
    return columns;
  }

  /** Adds a record's attributes as a new row (its id and ends are the edge's key and ends in the graph); returns the row. */
  add(rel: GraphRelationship, key: string, source: string, target: string): number {
    const row = this.rows++;
    const record = rel as unknown as Record<string, unknown>;
    const keys = Object.keys(record);
    this.shapeOf.set(row, this.shapeNumber(keys));
    let kept: Record<string, unknown> | undefined;
    for (const field of keys) {
      const value = record[field];
      if (!this.store(row, field, value, key, source, target)) (kept ??= {})[field] = value;
    }
    if (kept) this.kept.set(row, kept);
    return row;
  }

  /** Keeps one value in its column; false when no column fits it. */
  private store(row: number, field: string, value: unknown, key: string, source: string, target: string): boolean {
    if (field === 'id') return value === key;
    if (field === 'from') return value === source;
    if (field === 'to') return value === target;
    const kind: Kind | undefined = FIELD_KINDS[field as Field];
    switch (kind) {
      case 'code':
        if (typeof value !== 'string') return false;
        this.int(field as Field).set(row, this.strings.number(value, () => value));
        return true;
      case 'text':
        if (typeof value !== 'string') return false;
        of(this.texts, field as Field, () => new TextColumn()).set(row, value);
        return true;
      case 'count':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || Object.is(value, -0) || value > 0xffffffff) return false;
        this.int(field as Field).set(row, value);
        return true;
      case 'number':
        if (typeof value !== 'number') return false;
        of(this.numbers, field as Field, () => new NumberColumn()).set(row, value);
        return true;
      case 'flag':
        if (typeof value !== 'boolean') return false;
        this.int(field as Field).set(row, value ? 1 : 0);
        return true;
      case 'strings':
        if (!isStringList(value)) return false;
        this.int(field as Field).set(row, this.lists.number(JSON.stringify(value), () => Object.freeze(value.map((v) => this.strings.values[this.strings.number(v, () => v)] as string))));
        return true;
      case 'spans':
        if (!isSpanList(value)) return false;
        this.int(field as Field).set(row, this.spanLists.number(JSON.stringify(value), () => Object.freeze(value.map((s) => Object.freeze({ ...s })))));
        return true;
      case 'evidence':
        return Array.isArray(value) && value.length === 0;
      default:
        return false;
    }
  }

  /** The number of a key order: most records come in runs of one order, so the last one is tried first. */
  private shapeNumber(keys: string[]): number {
    const last = this.lastShape;
    if (last && last.keys.length === keys.length && last.keys.every((k, i) => k === keys[i])) return last.n;
    const n = this.shapes.number(JSON.stringify(keys), () => Object.freeze(keys));
    this.lastShape = { keys: this.shapes.values[n] as readonly string[], n };
    return n;
  }

  private int(field: Field): IntColumn {
    return of(this.ints, field, () => new IntColumn());
  }

  /** Cuts every column to its rows: the graph is built, nothing grows it until a rewrite. */
  trim(): void {
    for (const column of [...this.ints.values(), ...this.numbers.values(), ...this.texts.values(), this.shapeOf]) column.trim(this.rows);
  }

  /** The record of a row, made again: equal to the one added, keys in the same order. */
  relationship(row: number, key: string, source: string, target: string): GraphRelationship {
    const record: Record<string, unknown> = {};
    const kept = this.kept.get(row);
    for (const field of this.shapeAt(row)) {
      if (kept && field in kept) record[field] = kept[field];
      else if (field === 'id') record.id = key;
      else if (field === 'from') record.from = source;
      else if (field === 'to') record.to = target;
      else record[field] = this.value(row, field as Field);
    }
    return record as unknown as GraphRelationship;
  }

  /** The named fields a row has (kept or in columns), as a partial record: what a filter reads, without the rest. */
  fields(row: number, names: readonly string[]): Record<string, unknown> {
    const shape = this.shapeAt(row);
    const kept = this.kept.get(row);
    const picked: Record<string, unknown> = {};
    for (const name of names) {
      if (!shape.includes(name)) continue;
      picked[name] = kept && name in kept ? kept[name] : this.value(row, name as Field);
    }
    return picked;
  }

  /** A row's type, read from its column (filters test it on every step). */
  typeOf(row: number): string {
    const kept = this.kept.get(row);
    if (kept && 'type' in kept) return kept.type as string;
    return this.value(row, 'type') as string;
  }

  private shapeAt(row: number): readonly string[] {
    return this.shapes.values[this.shapeOf.values[row] as number] as readonly string[];
  }

  /** One field of a row from its column (the row has it: its shape says so, and it is not kept). */
  private value(row: number, field: Field): unknown {
    const kind = FIELD_KINDS[field];
    if (kind === 'evidence') return EMPTY;
    if (kind === 'text') return this.texts.get(field)?.get(row);
    if (kind === 'number') return this.numbers.get(field)?.values[row];
    const n = this.ints.get(field)?.values[row];
    if (n === undefined) return undefined;
    switch (kind) {
      case 'code':
        return this.strings.values[n];
      case 'count':
        return n;
      case 'flag':
        return n === 1;
      case 'strings':
        return this.lists.values[n];
      case 'spans':
        return this.spanLists.values[n];
    }
  }
}

/** The column of a field, made on its first value: a graph has none for fields no record has. */
function of<C>(columns: Map<Field, C>, field: Field, make: () => C): C {
  let column = columns.get(field);
  if (!column) columns.set(field, (column = make()));
  return column;
}

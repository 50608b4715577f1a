// Packed JSON (lib/packed-json.ts), the memory store's snapshot records: any JSON value reads back
// equal across table lines, strings come back shared, objects keep fast layouts, bad input is refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PackReader, PackWriter } from '../../src/lib/packed-json.ts';

/** Packs values a few at a time, each batch's tables passed through JSON as the snapshot writes them. */
function roundTrip(values: unknown[], batch = 3): unknown[] {
  const writer = new PackWriter();
  const reader = new PackReader();
  const back: unknown[] = [];
  for (let i = 0; i < values.length; i += batch) {
    const packed = values.slice(i, i + batch).map((v) => JSON.stringify(writer.pack(v)));
    reader.addTables(JSON.parse(JSON.stringify(writer.takeTables())));
    for (const line of packed) back.push(reader.unpack(JSON.parse(line)));
  }
  return back;
}

describe('packed JSON', () => {
  it('reads back what JSON would, for any JSON value, across batches of tables', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 12 }), (values) => {
        expect(roundTrip(values)).toEqual(values.map((v) => JSON.parse(JSON.stringify(v))));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out undefined properties as JSON.stringify does, and keeps numbers, booleans and null apart from strings', () => {
    expect(roundTrip([{ a: undefined, b: 0, c: '0', d: null, e: [true, false, -1.5, '-1'] }])).toEqual([{ b: 0, c: '0', d: null, e: [true, false, -1.5, '-1'] }]);
  });

  it('gives one shared string per distinct value and objects with fast properties, however many keys', () => {
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`key${i}`, `value ${i % 3}`]));
    const [a, b] = roundTrip([many, many], 2) as Record<string, string>[];
    expect(a).toEqual(many);
    expect(Object.is(a?.key0, b?.key0)).toBe(true);
    // The keys in the shape's order: a record reads like the JSON it was.
    expect(Object.keys(a ?? {})).toEqual(Object.keys(many));
  });

  it('refuses a value that names a string or a shape its tables do not hold', () => {
    const reader = new PackReader();
    reader.addTables({ strings: ['x'], shapes: [['id']] });
    expect(reader.unpack([0, 0])).toEqual({ id: 'x' });
    expect(() => reader.unpack(1)).toThrow(RangeError);
    expect(() => reader.unpack([1, 0])).toThrow(RangeError);
    expect(() => reader.unpack([0, 0, 0])).toThrow(RangeError);
    expect(() => reader.unpack('x')).toThrow(RangeError);
    expect(() => reader.addTables({ strings: 'x' } as never)).toThrow(RangeError);
  });
});

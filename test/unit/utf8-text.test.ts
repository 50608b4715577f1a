// Invalid UTF-8 is found where the WHATWG decoder first fails, and located by line and column.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/domain/errors.ts';
import { readCsvSource } from '../../src/ingest/importers/csv-source.ts';
import { firstInvalidUtf8Byte, utf8Problem } from '../../src/ingest/utf8-text.ts';
import { tempDir } from '../support/fixtures.ts';

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });
const isUtf8 = (bytes: Uint8Array) => {
  try {
    fatal.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/** Bytes mostly of real text with stray bytes mixed in: every kind of broken sequence shows up. */
const textWithStrayBytes = fc
  .array(fc.oneof(fc.string({ unit: 'binary' }).map((s) => [...Buffer.from(s, 'utf8')]), fc.array(fc.integer({ min: 0x80, max: 0xff }), { maxLength: 3 })), { maxLength: 12 })
  .map((parts) => Uint8Array.from(parts.flat()));

describe('firstInvalidUtf8Byte', () => {
  it('agrees with the fatal decoder, and the decoder first replaces the byte it names', () => {
    fc.assert(
      fc.property(textWithStrayBytes, (bytes) => {
        const bad = firstInvalidUtf8Byte(bytes);
        expect(bad === -1).toBe(isUtf8(bytes));
        if (bad === -1) return;
        const before = fatal.decode(bytes.subarray(0, bad));
        const decoded = lenient.decode(bytes);
        expect(decoded.slice(0, before.length)).toBe(before);
        expect(decoded[before.length]).toBe('\uFFFD');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('utf8Problem', () => {
  it('names the line and the column (in characters) of the first bad byte', () => {
    const bytes = Buffer.concat([Buffer.from('first line\nCafé au lait '), Buffer.from([0xe9]), Buffer.from(' noir\n')]);
    expect(utf8Problem(bytes, 'a.txt')).toMatchObject({ code: 'INVALID_UTF8', file: 'a.txt', line: 2, column: 14 });
    expect(utf8Problem(Buffer.from('Café\n'), 'a.txt')).toBeUndefined();
  });

  it('refuses an importer CSV that is not UTF-8 instead of replacing the byte in the source text', () => {
    const file = join(tempDir(), 'members.csv');
    writeFileSync(file, Buffer.concat([Buffer.from('ccode,name\n220,Fran'), Buffer.from([0xe7]), Buffer.from('ais\n')]));
    const read = () => readCsvSource(file, { publisher: 'test', name: 'test', columns: ['ccode'] } as Parameters<typeof readCsvSource>[1]);
    expect(read).toThrow(ValidationError);
    try {
      read();
    } catch (error) {
      expect((error as ValidationError).problems).toMatchObject([{ code: 'INVALID_UTF8', line: 2, column: 9 }]);
    }
  });
});

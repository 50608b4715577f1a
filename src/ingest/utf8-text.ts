// Text files are UTF-8 or refused. Node's 'utf8' decoding turns a bad byte into U+FFFD without a
// word, so quotes, offsets and the sha256 the loader advises would be about a text that is not
// the file's. The first bad byte is reported with its line and column, so it can be fixed.
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { ValidationError, type Problem } from '../domain/errors.ts';

const isContinuation = (byte: number | undefined) => byte !== undefined && byte >= 0x80 && byte <= 0xbf;

/** The byte length of the UTF-8 sequence at `i`, or 0 when it is not a valid one (the WHATWG decoder's rules). */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i] as number;
  if (lead < 0x80) return 1;
  const next = bytes[i + 1];
  if (lead >= 0xc2 && lead <= 0xdf) return isContinuation(next) ? 2 : 0;
  if (next === undefined) return 0;
  // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
  const [low, high] = lead === 0xe0 ? [0xa0, 0xbf] : lead === 0xed ? [0x80, 0x9f] : lead === 0xf0 ? [0x90, 0xbf] : lead === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
  if (next < low || next > high) return 0;
  if (lead >= 0xe0 && lead <= 0xef) return isContinuation(bytes[i + 2]) ? 3 : 0;
  if (lead >= 0xf0 && lead <= 0xf4) return isContinuation(bytes[i + 2]) && isContinuation(bytes[i + 3]) ? 4 : 0;
  return 0;
}

/** The offset of the first byte that starts no valid UTF-8 sequence; -1 when the bytes are UTF-8. */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  if (isUtf8(bytes)) return -1;
  for (let i = 0; i < bytes.length; ) {
    const length = sequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return -1;
}

/**
 * INVALID_UTF8 at the first bad byte: line (1-based; `firstLine` for a line of a larger file) and
 * column in characters; undefined when the bytes are UTF-8.
 */
export function utf8Problem(bytes: Uint8Array, file: string, firstLine = 1): Problem | undefined {
  const bad = firstInvalidUtf8Byte(bytes);
  if (bad < 0) return undefined;
  const lineStart = bytes.lastIndexOf(0x0a, bad - 1) + 1;
  let line = firstLine;
  for (let i = bytes.indexOf(0x0a); i >= 0 && i < bad; i = bytes.indexOf(0x0a, i + 1)) line++;
  const column = [...Buffer.from(bytes.buffer, bytes.byteOffset + lineStart, bad - lineStart).toString('utf8')].length + 1;
  const hex = (bytes[bad] as number).toString(16).toUpperCase().padStart(2, '0');
  return {
    code: 'INVALID_UTF8',
    file,
    line,
    column,
    message: `byte 0x${hex} (offset ${bad}) is not UTF-8; save the file as UTF-8 (it may be Latin-1 or Windows-1252) and check the text there`,
  };
}

/** The bytes as text; ValidationError INVALID_UTF8 (file, line, column) rather than a U+FFFD in place of a bad byte. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  const problem = utf8Problem(bytes, file);
  if (problem) throw new ValidationError([problem], file);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/** Reads a UTF-8 text file (read errors are thrown as they come); see decodeUtf8. */
export function readUtf8File(file: string): string {
  return decodeUtf8(readFileSync(file), file);
}

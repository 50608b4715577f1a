import { describe, expect, it } from 'vitest';
import { Interner } from '../../src/lib/interner.ts';

describe('Interner', () => {
  it('keeps one copy of each string, and one frozen copy of each distinct list', () => {
    const strings = new Interner();
    const a = strings.list(['source:a', 'source:b']);
    const again = strings.list(['source:a', 'source:b'].map((s) => s.slice(0)));
    expect(again).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(strings.list(['source:b', 'source:a'])).not.toBe(a);
    expect(strings.list([])).toEqual([]);
    expect(strings.of(5)).toBe(5);
  });

  it('never takes one list for another whose strings join alike', () => {
    const strings = new Interner();
    expect(strings.list([])).toEqual([]);
    expect(strings.list([''])).toEqual(['']);
    expect(strings.list(['a', ''])).toEqual(['a', '']);
    expect(strings.list(['a\u0000'])).toEqual(['a\u0000']);
    expect(strings.list(['a\u0000', 'b'])).toEqual(['a\u0000', 'b']);
    expect(strings.list(['a', '\u0000b'])).toEqual(['a', '\u0000b']);
  });
});

// sameJson against the canonical JSON it stands in for: equal exactly when the canonical texts are.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sameJson } from '../../src/lib/canonical-json.ts';

/** JSON-like values with undefined properties, keys in any order, and near misses. */
const value = fc.letrec((tie) => ({
  leaf: fc.oneof(fc.constantFrom('a', 'b', '', 0, 1, -1.5, true, false, null)),
  node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('k', 'l', 'm'), fc.oneof(tie('node'), fc.constant(undefined)), { maxKeys: 3 })),
})).node;

describe('sameJson', () => {
  it('agrees with comparing canonical JSON texts', () => {
    fc.assert(fc.property(value, value, (a, b) => sameJson(a, b) === (canonicalJson(a) === canonicalJson(b))), { numRuns: 2000 });
    fc.assert(fc.property(value, (a) => sameJson(a, structuredClone(a))));
  });

  it('ignores key order and undefined properties, and tells a missing key from a null one', () => {
    expect(sameJson({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x', d: undefined }], a: 1 })).toBe(true);
    expect(sameJson({ a: null }, {})).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameJson([1, 2], { 0: 1, 1: 2 })).toBe(false);
  });
});

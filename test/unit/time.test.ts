// The rules of time: dates as intervals of days, when a commitment holds, and dating problems.
import { describe, expect, it } from 'vitest';
import { datingProblems } from '../../src/domain/rules.ts';
import { dayInterval, isValidOn, overlaps, validity } from '../../src/domain/time.ts';

describe('time', () => {
  it('reads plain and EDTF dates as intervals of days', () => {
    expect(dayInterval('2026')).toEqual({ start: '2026-01-01', end: '2026-12-31' });
    expect(dayInterval('2025-12~')).toEqual({ start: '2025-12-01', end: '2025-12-31' });
    expect(dayInterval('2026-01/2026-03')).toEqual({ start: '2026-01-01', end: '2026-03-31' });
    expect(dayInterval('2026-02-30')).toBeUndefined();
    expect(dayInterval('by end-2025')).toBeUndefined();
  });

  it('holds a commitment from validFrom, else statedAt, until validTo; compares intervals, not strings', () => {
    const stated = { statedAt: '2026-01-06' };
    expect(isValidOn(stated, '2026-01-05')).toBe(false);
    expect(isValidOn(stated, '2026-01-06')).toBe(true);
    expect(isValidOn({ statedAt: '2026-01-06', validFrom: '2025-06' }, '2025-06-01')).toBe(true);
    // "by end-2025 … early 2026": uncertain bounds count from their first possible day to their last.
    const uncertain = { validFrom: '2025-12~', validTo: '2026-01/2026-03' };
    expect(validity(uncertain)).toEqual({ from: '2025-12-01', to: '2026-03-31' });
    expect(isValidOn(uncertain, '2026-03-31')).toBe(true);
    expect(isValidOn(uncertain, '2026-04')).toBe(false);
    expect(overlaps({ statedAt: '2025-09', validTo: '2025-12' }, { statedAt: '2026-01-06' })).toBe(false);
    expect(overlaps({ statedAt: '2025-09' }, { statedAt: '2026-01-06' })).toBe(true);
  });

  it('refuses a withdrawal without an end, and an end before the start', () => {
    expect(datingProblems({ status: 'withdrawn', statedAt: '2026-01' }).map((p) => p.code)).toEqual(['WITHDRAWN_WITHOUT_END']);
    expect(datingProblems({ statedAt: '2026-02', validTo: '2026-01' }).map((p) => p.code)).toEqual(['BAD_DATE_RANGE']);
    expect(datingProblems({ status: 'withdrawn', statedAt: '2026-01', validTo: '2026-03~' })).toEqual([]);
  });
});

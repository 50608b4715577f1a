// The dashboard's view state in the URL, grades included, and the one API filter its statement
// criteria make (sources, date and grades met by one statement: the API's rule).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CREDIBILITY, RELIABILITY, defaultState, readState, statementFilter, statementFilterKey, writeState } from '../../src/dashboard/state.ts';

describe('the grade filter in the URL', () => {
  it('is absent by default: no grade filter, so ungraded data shows', () => {
    expect(writeState(defaultState())).toBe('');
    const state = readState('');
    expect(state.reliability.size).toBe(0);
    expect(state.credibility.size).toBe(0);
    expect(statementFilter(state)).toBeUndefined();
  });

  it('reads what it wrote, whatever grades are ticked', () => {
    fc.assert(
      fc.property(fc.subarray([...RELIABILITY]), fc.subarray([...CREDIBILITY]), (reliability, credibility) => {
        const state = { ...defaultState(), reliability: new Set(reliability), credibility: new Set(credibility) };
        const back = readState(writeState(state));
        expect([...back.reliability].sort()).toEqual([...reliability].sort());
        expect([...back.credibility].sort()).toEqual([...credibility].sort());
      }),
    );
  });

  it('writes grades in their order, not the order ticked', () => {
    const state = { ...defaultState(), reliability: new Set(['F', 'A']), credibility: new Set(['6', '2']) };
    expect(writeState(state)).toBe('?reliability=A%2CF&credibility=2%2C6');
  });

  it('drops what is no grade from a hand-edited URL', () => {
    const state = readState('?reliability=A,Z,b,,F&credibility=0,1,7,6,x');
    expect([...state.reliability]).toEqual(['A', 'F']);
    expect([...state.credibility]).toEqual(['1', '6']);
  });
});

describe('statementFilter', () => {
  it('puts sources, date and grades into one filter, credibility as numbers', () => {
    const state = readState('?sources=source:b,source:a&asOf=2026-01&reliability=B,A&credibility=3,1');
    expect(statementFilter(state)).toEqual({ sources: ['source:a', 'source:b'], asOf: '2026-01', reliability: ['A', 'B'], credibility: [1, 3] });
  });

  it('leaves out what is not chosen; kinds, firmness and structure are no part of it', () => {
    expect(statementFilter(readState('?reliability=F'))).toEqual({ reliability: ['F'] });
    expect(statementFilter(readState('?kinds=PLEDGED&firmness=firm&structural=0'))).toBeUndefined();
  });

  it('gives equal filters equal keys and different ones different keys', () => {
    const a = statementFilter(readState('?sources=s2,s1&reliability=B,A')) ?? {};
    const b = statementFilter(readState('?sources=s1,s2&reliability=A,B')) ?? {};
    expect(statementFilterKey(a)).toBe(statementFilterKey(b));
    expect(statementFilterKey({ reliability: ['A'] })).not.toBe(statementFilterKey({ credibility: [1] }));
    expect(statementFilterKey({ sources: ['A'] })).not.toBe(statementFilterKey({ reliability: ['A'] }));
  });
});

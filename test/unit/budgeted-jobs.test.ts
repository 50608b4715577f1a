// BudgetedJobs on fake timers: results kept by key and version, the busy check, the budget.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BudgetedJobs, type BudgetedJobsOptions, type Job } from '../../src/services/budgeted-jobs.ts';

class CodedError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** Work that finishes when the test says so; `pending` counts what has not finished. */
function controlledWork() {
  const settle = new Map<string, { resolve: (value: string) => void; reject: (error: Error) => void }>();
  let pending = 0;
  const job = (key: string): Job<string> => ({
    key,
    start: () => {
      pending++;
      return new Promise<string>((resolve, reject) => settle.set(key, { resolve, reject })).finally(() => pending--);
    },
    late: (budgetMs) => new CodedError(`LATE ${key} ${budgetMs}`),
  });
  return { job, settle, load: () => pending };
}

function jobsOver(load: () => number, options: Partial<BudgetedJobsOptions> = {}) {
  return new BudgetedJobs<string>({ budgetMs: 1000, maxPending: 2, maxKept: 3, load, busy: (n) => new CodedError(`BUSY ${n}`), ...options });
}

/** What a promise came to, without letting a rejection go unhandled. */
const outcome = (promise: Promise<string>) => promise.then((value) => ({ value }), (error: CodedError) => ({ code: error.code }));

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('BudgetedJobs', () => {
  it('starts a job once for concurrent asks of one key and version, and serves the kept result after', async () => {
    const work = controlledWork();
    const jobs = jobsOver(work.load);
    const first = jobs.ask('v1', work.job('a'));
    const second = jobs.ask('v1', work.job('a'));
    expect(jobs.started).toBe(1);
    work.settle.get('a')?.resolve('A');
    expect(await first).toBe('A');
    expect(await second).toBe('A');
    expect(await jobs.ask('v1', work.job('a'))).toBe('A');
    expect(jobs.started).toBe(1);
  });

  it('drops every kept result when the version changes', async () => {
    const work = controlledWork();
    const jobs = jobsOver(work.load);
    const first = jobs.ask('v1', work.job('a'));
    work.settle.get('a')?.resolve('A1');
    expect(await first).toBe('A1');
    const again = jobs.ask('v2', work.job('a'));
    expect(jobs.started).toBe(2);
    work.settle.get('a')?.resolve('A2');
    expect(await again).toBe('A2');
  });

  it('refuses a new job at once when load reaches maxPending, but still serves a kept one', async () => {
    const work = controlledWork();
    const jobs = jobsOver(work.load);
    const a = outcome(jobs.ask('v1', work.job('a')));
    const b = outcome(jobs.ask('v1', work.job('b')));
    expect(() => jobs.ask('v1', work.job('c'))).toThrow(expect.objectContaining({ code: 'BUSY 2' }));
    expect(jobs.started).toBe(2);
    // Already started: joining it adds no load.
    const a2 = outcome(jobs.ask('v1', work.job('a')));
    work.settle.get('a')?.resolve('A');
    work.settle.get('b')?.resolve('B');
    expect(await a).toEqual({ value: 'A' });
    expect(await a2).toEqual({ value: 'A' });
    expect(await b).toEqual({ value: 'B' });
    // Load is down again: a new job starts.
    const c = outcome(jobs.ask('v1', work.job('c')));
    work.settle.get('c')?.resolve('C');
    expect(await c).toEqual({ value: 'C' });
    expect(jobs.started).toBe(3);
  });

  it('answers the late error past the budget while the work goes on, and keeps its result for the next ask', async () => {
    const work = controlledWork();
    const jobs = jobsOver(work.load, { budgetMs: 500 });
    const late = outcome(jobs.ask('v1', work.job('a')));
    let answered = false;
    void late.then(() => (answered = true));
    await vi.advanceTimersByTimeAsync(499);
    expect(answered).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await late).toEqual({ code: 'LATE a 500' });
    expect(work.load()).toBe(1);
    work.settle.get('a')?.resolve('A');
    expect(await jobs.ask('v1', work.job('a'))).toBe('A');
    expect(jobs.started).toBe(1);
  });

  it('answers within the budget without the late error and leaves no timer behind', async () => {
    const work = controlledWork();
    const jobs = jobsOver(work.load, { budgetMs: 500 });
    const answer = outcome(jobs.ask('v1', work.job('a')));
    await vi.advanceTimersByTimeAsync(200);
    work.settle.get('a')?.resolve('A');
    expect(await answer).toEqual({ value: 'A' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('forgets a failure so that the next ask starts again, unless keepFailure says to keep it', async () => {
    const work = controlledWork();
    const jobs = jobsOver(work.load, { keepFailure: (error) => (error as CodedError).code === 'TOO_LARGE' });
    const failed = outcome(jobs.ask('v1', work.job('a')));
    work.settle.get('a')?.reject(new CodedError('BROKEN'));
    expect(await failed).toEqual({ code: 'BROKEN' });
    const retried = outcome(jobs.ask('v1', work.job('a')));
    expect(jobs.started).toBe(2);
    work.settle.get('a')?.reject(new CodedError('TOO_LARGE'));
    expect(await retried).toEqual({ code: 'TOO_LARGE' });
    expect(await outcome(jobs.ask('v1', work.job('a')))).toEqual({ code: 'TOO_LARGE' });
    expect(jobs.started).toBe(2);
  });

  it('a failure after a version change leaves the new version\'s result of the same key alone', async () => {
    const work = controlledWork();
    const jobs = jobsOver(work.load);
    const old = outcome(jobs.ask('v1', work.job('a')));
    const oldSettle = work.settle.get('a');
    const current = outcome(jobs.ask('v2', work.job('a')));
    oldSettle?.reject(new CodedError('BROKEN'));
    expect(await old).toEqual({ code: 'BROKEN' });
    work.settle.get('a')?.resolve('A2');
    expect(await current).toEqual({ value: 'A2' });
    expect(await jobs.ask('v2', work.job('a'))).toBe('A2');
    expect(jobs.started).toBe(2);
  });

  it('keeps at most maxKept results, the oldest going first', async () => {
    const work = controlledWork();
    const jobs = jobsOver(work.load, { maxKept: 2, maxPending: 10 });
    for (const key of ['a', 'b', 'c']) {
      const result = jobs.ask('v1', work.job(key));
      work.settle.get(key)?.resolve(key.toUpperCase());
      expect(await result).toBe(key.toUpperCase());
    }
    expect(jobs.started).toBe(3);
    await jobs.ask('v1', work.job('c'));
    await jobs.ask('v1', work.job('b'));
    expect(jobs.started).toBe(3);
    const a = jobs.ask('v1', work.job('a'));
    expect(jobs.started).toBe(4);
    work.settle.get('a')?.resolve('A again');
    expect(await a).toBe('A again');
  });
});

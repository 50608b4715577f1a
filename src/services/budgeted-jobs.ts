// Slow work behind an API request, on the rules analysis and drafting share: a result is kept by
// key for one version of its inputs (concurrent asks share it), new work is refused past a number
// pending, and a request waits at most a budget (past it, a timeout error; the work goes on).
import { withinBudget } from '../lib/within-budget.ts';

export interface BudgetedJobsOptions {
  /** How long a request waits for its result before the job's `late` error (the work goes on). */
  budgetMs: number;
  /** Jobs waiting or running (as `load` counts them) at which new ones are refused. */
  maxPending: number;
  /** Results kept for the current version; the oldest go first beyond this. */
  maxKept: number;
  /** Jobs waiting or running now: the queue that runs them knows, not this class. */
  load: () => number;
  /** The error for a job refused because `load` reached `maxPending`. */
  busy: (load: number) => Error;
  /** Whether a failure is kept like a result (asking again would only fail the same way); default: none is. */
  keepFailure?: (error: unknown) => boolean;
}

export interface Job<T> {
  /** What identifies the result within a version: canonical JSON of the inputs, a hash… */
  key: string;
  /** Starts the work; called only when no result is kept for this key and version. */
  start: () => Promise<T>;
  /** The error for a request that waited out the budget. */
  late: (budgetMs: number) => Error;
}

export class BudgetedJobs<T> {
  private kept = new Map<string, Promise<T>>();
  private keptVersion: string | undefined;
  /** How many jobs were started (not served from what was kept): for tests and logs. */
  started = 0;

  constructor(private readonly options: BudgetedJobsOptions) {}

  /**
   * The job's result within the budget. Kept results of another version are dropped first;
   * a job with no kept result is started unless `load` is at `maxPending`, in which case the
   * busy error is thrown at once (not returned as a rejected promise).
   */
  ask(version: string | undefined, job: Job<T>): Promise<T> {
    if (version !== this.keptVersion) {
      this.kept = new Map();
      this.keptVersion = version;
    }
    const result = this.kept.get(job.key) ?? this.startJob(job);
    return withinBudget(result, this.options.budgetMs, () => job.late(this.options.budgetMs));
  }

  private startJob(job: Job<T>): Promise<T> {
    const load = this.options.load();
    if (load >= this.options.maxPending) throw this.options.busy(load);
    this.started++;
    const result = job.start();
    // The map of this version: a failure after a version change must not touch the next one's.
    const kept = this.kept;
    kept.set(job.key, result);
    result.catch((error: unknown) => {
      if (!this.options.keepFailure?.(error)) kept.delete(job.key);
    });
    if (kept.size > this.options.maxKept) kept.delete(kept.keys().next().value as string);
    return result;
  }
}

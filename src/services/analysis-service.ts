// Analysis for the API, over whichever store is running: the analyses run in a worker thread
// (analysis-pool.ts, analysis-worker.ts) within a time budget per request, their results cached per
// graph version and options. docs/api.md "Analysis" says what clients see.
import { AnalysisPool } from './analysis-pool.ts';
import type { Operation } from '../analysis/operations.ts';
import { buildConditionIndex, type ConditionIndex } from '../domain/conditions.ts';
import { DomainError } from '../domain/errors.ts';
import { DEFAULT_ANALYSIS_LIMITS, type AnalysisLimits } from '../config.ts';
import { BudgetedJobs } from './budgeted-jobs.ts';
import { allItems } from '../store/pages.ts';
import { canonicalJson } from '../lib/canonical-json.ts';
import { withGradedSources } from './graded-sources.ts';
import type { GraphStore } from '../store/graph-store.ts';

/** Results kept per graph version; the oldest go first beyond this. */
export const MAX_CACHED_RESULTS = 256;


/**
 * The worker holds the Graphology graph of the store's current version (rebuilt when the version
 * changes: a write counter, not a timer). Past the budget a request gets ANALYSIS_TIMEOUT while the
 * computation goes on and its result is kept for the next ask; a result is computed once, shared by
 * concurrent requests and dropped by any write. The event loop, and with it /healthz and plain
 * reads, never waits for an analysis; the API thread holds no copy of the graph.
 */
export class AnalysisService {
  private readonly results: BudgetedJobs<unknown>;
  private conditions: { version: string; index: Promise<ConditionIndex> } | undefined;
  private readonly pool: AnalysisPool;
  private readonly limits: AnalysisLimits;

  constructor(
    private readonly store: GraphStore,
    limits: Partial<AnalysisLimits> = {},
  ) {
    this.limits = { ...DEFAULT_ANALYSIS_LIMITS, ...limits };
    this.pool = new AnalysisPool(store, this.limits.hardLimitMs);
    this.results = new BudgetedJobs({
      budgetMs: this.limits.budgetMs,
      maxPending: this.limits.maxPending,
      maxKept: MAX_CACHED_RESULTS,
      load: () => this.pool.load,
      busy: (load) => new DomainError('ANALYSIS_BUSY', `${load} analyses are already waiting; ask again shortly`, { retryAfterSeconds: 5 }),
      // A run stopped for taking too long would only be stopped again on this version.
      keepFailure: (error) => error instanceof DomainError && error.code === 'ANALYSIS_TOO_LARGE',
    });
  }

  /**
   * The result of an analysis over the current graph for these options, in reference form
   * (analysis/refs.ts), computed once per graph version: concurrent requests share the computation, a
   * write (any version change) drops every result, and a failure is not kept (but a run stopped
   * for taking too long is, for this version: asking again would only stop it again).
   */
  async compute(operation: Operation, options: Record<string, unknown>): Promise<unknown> {
    const version = await this.store.version();
    return this.results.ask(version, {
      key: `${operation} ${canonicalJson(options)}`,
      // Outlet grades are read when the job starts, never kept with the graph: a gradeOutlet moves the version, and the next ask reads the new grade.
      start: async () => this.pool.submit(operation, await withGradedSources(this.store, options)),
      late: (budgetMs) =>
        new DomainError('ANALYSIS_TIMEOUT', `${operation} is still being computed after ${budgetMs} ms; ask again shortly: the result is kept once it is ready`, {
          operation,
          budgetMs,
          retryAfterSeconds: Math.max(1, Math.ceil(budgetMs / 1000)),
        }),
    });
  }

  /** How many results were computed (not served from the cache): for tests and logs. */
  get computed(): number {
    return this.results.started;
  }

  /** What condition inheritance walks (CONDITIONAL_ON, PART_OF), read from the store once per version. */
  async conditionIndex(): Promise<ConditionIndex> {
    const version = await this.store.version();
    if (this.conditions?.version !== version) {
      const index = (async () => {
        const structure = [];
        for await (const fact of allItems((page) => this.store.listRelationships({ types: ['CONDITIONAL_ON', 'PART_OF'] }, page))) structure.push(fact);
        return buildConditionIndex(structure);
      })();
      this.conditions = { version, index };
      index.catch(() => (this.conditions = undefined));
    }
    return this.conditions.index;
  }

  /** Graphs the worker was sent whole, and writes applied to its graph in place (the live graph). */
  get graphStats(): { builds: number; changesApplied: number } {
    return { ...this.pool.stats };
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}

// Analysis over whichever store is running: a Graphology graph built from the store's snapshot,
// cached and rebuilt only when the store's version changes (a write counter, not a timer), and
// the results of the analyses cached per graph version and options: computed once, shared by
// concurrent requests, dropped by any write. The heavy analyses run in a worker thread
// (analysis/worker) with a time budget per request: past it the request gets ANALYSIS_TIMEOUT
// while the computation goes on and its result is kept for the next ask; the event loop, and
// with it /healthz and plain reads, never waits for them.
import { buildGraph, type CommitmentGraph } from './analysis/graph-view.ts';
import { AnalysisPool } from './analysis/worker/analysis-pool.ts';
import type { Operation } from './analysis/worker/operations.ts';
import { OPERATIONS } from './analysis/worker/operations.ts';
import { toRefs } from './analysis/worker/refs.ts';
import { DomainError } from './domain/errors.ts';
import { DEFAULT_ANALYSIS_LIMITS, type AnalysisLimits } from './analysis/limits.ts';
import { canonicalJson } from './store/common.ts';
import type { GraphStore } from './store/graph-store.ts';

/** Results kept per graph version; the oldest go first beyond this. */
export const MAX_CACHED_RESULTS = 256;

export { DEFAULT_ANALYSIS_LIMITS, type AnalysisLimits } from './analysis/limits.ts';

export class AnalysisService {
  private cached: { version: string; graph: CommitmentGraph } | undefined;
  private building: Promise<{ version: string; graph: CommitmentGraph }> | undefined;
  private results = new Map<string, Promise<unknown>>();
  private resultsVersion: string | undefined;
  private readonly pool: AnalysisPool | undefined;
  private readonly limits: AnalysisLimits;
  /** How many results were computed (not served from the cache): for tests and logs. */
  computed = 0;

  constructor(
    private readonly store: GraphStore,
    limits: Partial<AnalysisLimits> = {},
  ) {
    this.limits = { ...DEFAULT_ANALYSIS_LIMITS, ...limits };
    if (this.limits.worker) this.pool = new AnalysisPool(() => this.current(), this.limits.hardLimitMs);
  }

  async graph(): Promise<CommitmentGraph> {
    return (await this.current()).graph;
  }

  private async current(): Promise<{ version: string; graph: CommitmentGraph }> {
    const version = await this.store.version();
    if (this.cached?.version === version) return this.cached;
    // Concurrent callers share one rebuild.
    this.building ??= (async () => {
      try {
        const snapshot = await this.store.snapshot();
        const after = await this.store.version();
        const graph = buildGraph(snapshot);
        // A write during the snapshot leaves the version unknown: the next call rebuilds.
        this.cached = { version: after === version ? version : `${after}?`, graph };
        return this.cached;
      } finally {
        this.building = undefined;
      }
    })();
    return this.building;
  }

  /**
   * The result of an analysis over the current graph for these options, in reference form
   * (refs.ts), computed once per graph version: concurrent requests share the computation, a
   * write (any version change) drops every result, and a failure is not kept (but a run stopped
   * for taking too long is, for this version: asking again would only stop it again).
   */
  async compute(operation: Operation, options: Record<string, unknown>): Promise<unknown> {
    const { version, graph } = await this.current();
    if (version !== this.resultsVersion) {
      this.results = new Map();
      this.resultsVersion = version;
    }
    const key = `${operation} ${canonicalJson(options)}`;
    let result = this.results.get(key);
    if (!result) {
      if (this.pool && this.pool.load >= this.limits.maxPending) {
        throw new DomainError('ANALYSIS_BUSY', `${this.pool.load} analyses are already waiting; ask again shortly`, { retryAfterSeconds: 5 });
      }
      this.computed++;
      result = this.pool ? this.pool.submit(operation, options) : Promise.resolve().then(() => toRefs(OPERATIONS[operation](graph, options), graph, asOfOf(options)));
      const results = this.results;
      results.set(key, result);
      result.catch((error: unknown) => {
        if (!(error instanceof DomainError && error.code === 'ANALYSIS_TOO_LARGE')) results.delete(key);
      });
      if (results.size > MAX_CACHED_RESULTS) results.delete(results.keys().next().value as string);
    }
    return this.pool ? withinBudget(result, this.limits.budgetMs, operation) : result;
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }
}

const asOfOf = (options: Record<string, unknown>) => (typeof options.asOf === 'string' ? options.asOf : undefined);

function withinBudget<T>(work: Promise<T>, budgetMs: number, operation: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new DomainError('ANALYSIS_TIMEOUT', `${operation} is still being computed after ${budgetMs} ms; ask again shortly: the result is kept once it is ready`, {
            operation,
            budgetMs,
            retryAfterSeconds: Math.max(1, Math.ceil(budgetMs / 1000)),
          }),
        ),
      budgetMs,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

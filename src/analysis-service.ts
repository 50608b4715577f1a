// Analysis over whichever store is running: a Graphology graph built from the store's snapshot,
// cached and rebuilt only when the store's version changes (a write counter, not a timer), and
// the results of the expensive analyses (centrality, communities, tensions, scenarios) cached per
// graph version and options: computed once, shared by concurrent requests, dropped by any write.
import { buildGraph, type CommitmentGraph } from './analysis/graph-view.ts';
import { canonicalJson } from './store/common.ts';
import type { GraphStore } from './store/graph-store.ts';

/** Results kept per graph version; the oldest go first beyond this. */
export const MAX_CACHED_RESULTS = 256;

export class AnalysisService {
  private cached: { version: string; graph: CommitmentGraph } | undefined;
  private building: Promise<{ version: string; graph: CommitmentGraph }> | undefined;
  private results = new Map<string, Promise<unknown>>();
  private resultsVersion: string | undefined;
  /** How many results were computed (not served from the cache): for tests and logs. */
  computed = 0;

  constructor(private readonly store: GraphStore) {}

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
   * The result of `compute` over the current graph for these options, computed once per graph
   * version: concurrent requests share the computation, a write (any version change) drops every
   * result, and a failure (bad options) is not kept.
   */
  async memo<T>(operation: string, options: unknown, compute: (graph: CommitmentGraph) => T): Promise<T> {
    const { version, graph } = await this.current();
    if (version !== this.resultsVersion) {
      this.results = new Map();
      this.resultsVersion = version;
    }
    const key = `${operation} ${canonicalJson(options ?? {})}`;
    let result = this.results.get(key) as Promise<T> | undefined;
    if (!result) {
      result = Promise.resolve().then(() => {
        this.computed++;
        return compute(graph);
      });
      const results = this.results;
      results.set(key, result);
      result.catch(() => results.delete(key));
      if (results.size > MAX_CACHED_RESULTS) results.delete(results.keys().next().value as string);
    }
    return result;
  }
}

// Analysis over whichever store is running: a Graphology graph built from the store's snapshot,
// cached and rebuilt only when the store's version changes (a write counter, not a timer).
import { buildGraph, type CommitmentGraph } from './analysis/graph-view.ts';
import type { GraphStore } from './store/graph-store.ts';

export class AnalysisService {
  private cached: { version: string; graph: CommitmentGraph } | undefined;
  private building: Promise<CommitmentGraph> | undefined;

  constructor(private readonly store: GraphStore) {}

  async graph(): Promise<CommitmentGraph> {
    const version = await this.store.version();
    if (this.cached?.version === version) return this.cached.graph;
    // Concurrent callers share one rebuild.
    this.building ??= (async () => {
      try {
        const snapshot = await this.store.snapshot();
        const after = await this.store.version();
        const graph = buildGraph(snapshot);
        this.cached = { version: after === version ? version : `${after}?`, graph };
        return graph;
      } finally {
        this.building = undefined;
      }
    })();
    return this.building;
  }
}

// The API's side of the analysis worker: one worker thread fed the graph of the store's current
// version packed into columns here (in slices, so a million relationships never block the event
// loop for long) and transferred, and given one task at a time so a task's running time is its own.
import type { Worker } from 'node:worker_threads';
import { DomainError } from '../domain/errors.ts';
import type { GraphStore } from '../store/graph-store.ts';
import type { FromWorker, ToWorker } from './analysis-worker.ts';
import type { GraphChange } from '../store/graph-store.ts';
import { leanNode, leanRelationship } from '../store/snapshot.ts';
import type { Operation } from '../analysis/operations.ts';
import { GraphPacker } from '../analysis/packed-graph.ts';
import { QueuedWorker } from './queued-worker.ts';
import { fromWorkerError } from './worker-errors.ts';

const BOOTSTRAP = new URL('./analysis-bootstrap.mjs', import.meta.url);
/** Relationships packed between yields to the event loop while the graph is packed. */
const PACK_SLICE = 5_000;

interface Task {
  operation: Operation;
  options: Record<string, unknown>;
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * One worker thread: this machine has two cores, and the API keeps the other. The graph is live: a
 * write this API commits (the store's change event) is applied to the worker's graph when it follows
 * the version the worker holds; a version that moved further (another process wrote) has the next
 * task rebuild the graph. A task that runs past the hard limit has its worker terminated (and a new
 * one started for the next task): no request can keep the analysis busy for ever.
 */
export class AnalysisPool extends QueuedWorker<Task, FromWorker> {
  /** The store version whose graph the worker holds. */
  private sentVersion: string | undefined;
  /** Resolved when the worker says the graph it was sent is built. */
  private graphReady: (() => void) | undefined;
  /** A whole graph is being sent: changes wait for the next version check instead. */
  private sending = false;
  private readonly unsubscribe: () => void;
  /** Graphs sent whole and changes applied in place, for tests and logs. */
  readonly stats = { builds: 0, changesApplied: 0 };

  constructor(
    private readonly store: GraphStore,
    hardLimitMs: number,
  ) {
    super(BOOTSTRAP, hardLimitMs, 'analysis');
    this.unsubscribe = store.onChange((change) => this.applyChange(change));
  }

  /**
   * A write this API committed: applied to the worker's graph when it starts from the version the
   * worker holds (messages reach the worker in order, after any task it runs). Otherwise nothing:
   * the version the worker holds is not the store's, so the next task sends the graph whole.
   */
  private applyChange(change: GraphChange): void {
    const worker = this.worker;
    if (!worker || this.sending || this.sentVersion !== change.before || change.reset) {
      if (change.reset) this.sentVersion = undefined;
      return;
    }
    worker.postMessage({
      type: 'change',
      version: change.after,
      nodes: change.nodes.map(leanNode),
      removedNodes: change.removedNodes,
      // A fact no counting statement holds any more leaves the graph, as it is left out of snapshots.
      edges: change.facts.filter((f) => f.sourceCount > 0).map((f) => ({ key: f.id, source: f.from, target: f.to, attributes: leanRelationship(f) })),
      removedEdges: [...change.removedFacts, ...change.facts.filter((f) => f.sourceCount === 0).map((f) => f.id)],
    } satisfies ToWorker);
    this.sentVersion = change.after;
    this.stats.changesApplied++;
  }

  submit(operation: Operation, options: Record<string, unknown>): Promise<unknown> {
    return new Promise((resolve, reject) => this.enqueue({ operation, options, resolve, reject }));
  }

  protected override onStarted(): void {
    this.sentVersion = undefined;
  }

  protected async next(): Promise<void> {
    const task = this.queue.shift();
    if (!task) return;
    this.running = { task, timer: undefined };
    try {
      const worker = this.started();
      const version = await this.store.version();
      if (this.sentVersion !== version) await this.send(worker, version);
      // The limit is the analysis's own time, not the graph's transfer before it.
      this.startClock(task);
      worker.postMessage({ type: 'run', id: 0, version, operation: task.operation, options: task.options });
    } catch (error) {
      this.settle((t) => t.reject(error as Error));
    }
  }

  /** The store's analysis records packed into columns as they come (yielding between slices) and transferred whole. */
  private async send(worker: Worker, version: string): Promise<void> {
    this.sending = true;
    this.sentVersion = undefined;
    try {
      await this.sendWhole(worker, version);
    } finally {
      this.sending = false;
    }
  }

  private async sendWhole(worker: Worker, version: string): Promise<void> {
    this.stats.builds++;
    const snapshot = await this.store.analysisRecords();
    // A write during the snapshot leaves the version unknown: the next task sends the graph again.
    const settled = (await this.store.version()) === version;
    const packer = new GraphPacker(snapshot.nodes);
    let packed = 0;
    for (const edge of snapshot.edges) {
      packer.add(edge);
      if (++packed % PACK_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const { packed: graph, transfer } = packer.finish();
    const ready = new Promise<void>((resolve) => (this.graphReady = resolve));
    worker.postMessage({ type: 'graph', version, graph } satisfies ToWorker, transfer);
    await ready;
    this.sentVersion = settled ? version : undefined;
  }

  protected finished(message: FromWorker): void {
    if ('ready' in message) {
      this.graphReady?.();
      this.graphReady = undefined;
      return;
    }
    this.settle((task) => {
      if ('result' in message) task.resolve(message.result);
      else task.reject(fromWorkerError(message.error, `analysis ${task.operation}`));
    });
  }

  protected tooLongError(task: Task): Error {
    return new DomainError('ANALYSIS_TOO_LARGE', `${task.operation} ran for more than ${this.hardLimitMs} ms and was stopped; narrow it (types, asOf, a smaller maxLength)`, {
      operation: task.operation,
      limitMs: this.hardLimitMs,
    });
  }

  protected override onFailed(): void {
    this.graphReady = undefined;
  }

  override async close(): Promise<void> {
    this.unsubscribe();
    await super.close();
  }
}

// The API's side of the analysis worker: one worker thread (this machine has two cores; the API
// keeps the other), fed the graph of the store's current version in chunks (so sending a
// million relationships never blocks the event loop for long), and given one task at a time so a
// task's running time is its own. A task that runs past the hard limit has its worker terminated
// (and a new one started for the next task): no request can keep the analysis busy for ever.
import type { Worker } from 'node:worker_threads';
import { DomainError } from '../../domain/errors.ts';
import type { GraphStore } from '../../store/graph-store.ts';
import type { FromWorker } from './analysis-worker.ts';
import type { Operation } from './operations.ts';
import { QueuedWorker } from './queued-worker.ts';
import { fromWorkerError } from './worker-errors.ts';

const BOOTSTRAP = new URL('./bootstrap.mjs', import.meta.url);
/** Relationships per message while the graph is sent. */
const SEND_CHUNK = 2_000;

interface Task {
  operation: Operation;
  options: Record<string, unknown>;
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

export class AnalysisPool extends QueuedWorker<Task, FromWorker> {
  /** The store version whose graph the worker holds. */
  private sentVersion: string | undefined;
  /** Resolved when the worker says the graph it was sent is built. */
  private graphReady: (() => void) | undefined;

  constructor(
    private readonly store: GraphStore,
    hardLimitMs: number,
  ) {
    super(BOOTSTRAP, hardLimitMs, 'analysis');
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

  /** The store's analysis snapshot (lean records) in chunks, yielding to the event loop between them. */
  private async send(worker: Worker, version: string): Promise<void> {
    const snapshot = await this.store.analysisSnapshot();
    // A write during the snapshot leaves the version unknown: the next task sends the graph again.
    const settled = (await this.store.version()) === version;
    worker.postMessage({ type: 'begin', version, nodes: snapshot.nodes.map((n) => ({ key: n.key, attributes: n.attributes })) });
    for (let i = 0; i < snapshot.edges.length; i += SEND_CHUNK) {
      const chunk = snapshot.edges.slice(i, i + SEND_CHUNK);
      worker.postMessage({ type: 'edges', edges: chunk });
      await new Promise((resolve) => setImmediate(resolve));
    }
    const ready = new Promise<void>((resolve) => (this.graphReady = resolve));
    worker.postMessage({ type: 'end' });
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
}

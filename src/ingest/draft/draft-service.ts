// Drafts for the API (`draftDossier`), under the same rules as heavy analysis: off the event loop
// (one worker thread, started on first use), within a time budget per request (past it,
// DRAFT_TIMEOUT while the work goes on and its result is kept for the next ask of the same text),
// DRAFT_BUSY past a few waiting, and a hard limit after which the worker is stopped
// (DRAFT_TOO_LARGE; a new worker answers the next draft). Nothing is written: saving a reviewed
// draft is `ingestDossier`'s work, with its authentication.
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { DomainError } from '../../domain/errors.ts';
import type { GraphNode } from '../../domain/model.ts';
import { DEFAULT_ANALYSIS_LIMITS, withinBudget, type AnalysisLimits } from '../../analysis/limits.ts';
import { canonicalJson } from '../../store/common.ts';
import { DATA_DIR } from '../../project-files.ts';
import type { DraftOptions } from './draft.ts';
import type { DraftReply, DraftWorkerData, FromDraftWorker } from './draft-worker.ts';

const BOOTSTRAP = new URL('./bootstrap.mjs', import.meta.url);
/** Drafts kept (by text and options) for a repeated ask, e.g. after DRAFT_TIMEOUT. */
const KEPT = 32;

interface Task {
  id: number;
  text: string;
  options: DraftOptions;
  resolve: (reply: DraftReply) => void;
  reject: (error: Error) => void;
}

export class DraftService {
  private worker: Worker | undefined;
  private queue: Task[] = [];
  private running: { task: Task; timer: NodeJS.Timeout } | undefined;
  private nextId = 1;
  private readonly kept = new Map<string, Promise<DraftReply>>();
  private readonly limits: AnalysisLimits;

  constructor(
    private readonly registry: ReadonlyMap<string, GraphNode>,
    limits: Partial<AnalysisLimits> = {},
    private readonly dataDir: string = DATA_DIR,
  ) {
    this.limits = { ...DEFAULT_ANALYSIS_LIMITS, ...limits };
  }

  draft(text: string, options: DraftOptions): Promise<DraftReply> {
    const key = createHash('sha256').update(text).update('\u0000').update(canonicalJson(options)).digest('hex');
    let reply = this.kept.get(key);
    if (!reply) {
      if (this.queue.length + (this.running ? 1 : 0) >= this.limits.maxPending) {
        throw new DomainError('DRAFT_BUSY', 'drafts are already waiting; ask again shortly', { retryAfterSeconds: 5 });
      }
      reply = new Promise<DraftReply>((resolve, reject) => {
        this.queue.push({ id: this.nextId++, text, options, resolve, reject });
        if (!this.running) this.next();
      });
      this.kept.set(key, reply);
      // Only finished drafts are worth keeping; a failure is answered, then forgotten.
      reply.catch(() => this.kept.delete(key));
      if (this.kept.size > KEPT) this.kept.delete(this.kept.keys().next().value as string);
    }
    const budgetMs = this.limits.budgetMs;
    return withinBudget(reply, budgetMs, () => new DomainError('DRAFT_TIMEOUT', `the draft is still being written after ${budgetMs} ms; ask again shortly with the same text: it is kept once ready`, { budgetMs, retryAfterSeconds: Math.max(1, Math.ceil(budgetMs / 1000)) }));
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const data: DraftWorkerData = { registry: [...this.registry.values()], registryKey: `api:${this.registry.size}`, dataDir: this.dataDir };
    const worker = new Worker(BOOTSTRAP, { workerData: data });
    worker.unref();
    worker.on('message', (message: FromDraftWorker) => this.finished(message));
    worker.on('error', (error) => this.failed(worker, error));
    worker.on('exit', (code) => this.failed(worker, new Error(`the draft worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private next(): void {
    const task = this.queue.shift();
    if (!task) return;
    const timer = setTimeout(() => this.tooLong(task), this.limits.hardLimitMs);
    timer.unref();
    this.running = { task, timer };
    this.started().postMessage({ id: task.id, text: task.text, options: task.options });
  }

  private settle(action: (task: Task) => void): void {
    const running = this.running;
    if (!running) return;
    clearTimeout(running.timer);
    this.running = undefined;
    action(running.task);
    this.next();
  }

  private finished(message: FromDraftWorker): void {
    if (message.id !== this.running?.task.id) return;
    this.settle((task) => {
      if ('result' in message) task.resolve(message.result);
      else if (message.error.code) task.reject(new DomainError(message.error.code, message.error.message, message.error.details));
      else task.reject(new Error(`drafting failed in the worker: ${message.error.message}`));
    });
  }

  private tooLong(task: Task): void {
    if (this.running?.task !== task) return;
    const worker = this.worker;
    this.worker = undefined;
    this.settle((t) => t.reject(new DomainError('DRAFT_TOO_LARGE', `drafting ran for more than ${this.limits.hardLimitMs} ms and was stopped; draft a shorter text`, { limitMs: this.limits.hardLimitMs })));
    void worker?.terminate();
  }

  private failed(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.settle((t) => t.reject(error));
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    for (const task of this.queue.splice(0)) task.reject(new DomainError('SHUTTING_DOWN', 'the server is stopping'));
    await worker?.terminate();
  }
}

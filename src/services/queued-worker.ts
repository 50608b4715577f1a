// One worker thread fed one task at a time from a queue, with a hard limit per task: what the
// analysis pool and the draft service share.
import { Worker } from 'node:worker_threads';
import { DomainError } from '../domain/errors.ts';

export interface QueuedTask {
  reject: (error: Error) => void;
}

/**
 * A task that runs past the limit has its worker terminated and is rejected with the subclass's
 * error; a new worker answers the next task. A worker that dies rejects the task it was running.
 */
export abstract class QueuedWorker<Task extends QueuedTask, Message> {
  protected worker: Worker | undefined;
  protected queue: Task[] = [];
  protected running: { task: Task; timer: NodeJS.Timeout | undefined } | undefined;

  constructor(
    private readonly bootstrap: URL,
    protected readonly hardLimitMs: number,
    private readonly what: string,
  ) {}

  /** Tasks waiting or running. */
  get load(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  /** Starts the next task (called when the queue gains one and nothing runs, and after each task). */
  protected abstract next(): void | Promise<void>;
  /** A message from the worker. */
  protected abstract finished(message: Message): void;
  /** The error a task past the hard limit is rejected with. */
  protected abstract tooLongError(task: Task): Error;

  protected enqueue(task: Task): void {
    this.queue.push(task);
    if (!this.running) void this.next();
  }

  protected started(workerData?: unknown): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.bootstrap, workerData === undefined ? {} : { workerData });
    worker.unref();
    worker.on('message', (message: Message) => this.finished(message));
    worker.on('error', (error) => this.failed(worker, error));
    worker.on('exit', (code) => this.failed(worker, new Error(`the ${this.what} worker stopped (exit code ${code})`)));
    this.worker = worker;
    this.onStarted();
    return worker;
  }

  /** A new worker holds nothing yet. */
  protected onStarted(): void {}

  /** Marks `task` running, with the hard limit's timer started now. */
  protected startClock(task: Task): void {
    const timer = setTimeout(() => this.tooLong(task), this.hardLimitMs);
    timer.unref();
    this.running = { task, timer };
  }

  protected settle(action: (task: Task) => void): void {
    const running = this.running;
    if (!running) return;
    clearTimeout(running.timer);
    this.running = undefined;
    action(running.task);
    void this.next();
  }

  private tooLong(task: Task): void {
    if (this.running?.task !== task) return;
    const worker = this.worker;
    this.worker = undefined;
    this.settle((t) => t.reject(this.tooLongError(t)));
    void worker?.terminate();
  }

  protected failed(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.onFailed();
    this.settle((t) => t.reject(error));
  }

  /** What a subclass forgets when its worker dies. */
  protected onFailed(): void {}

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    for (const task of this.queue.splice(0)) task.reject(new DomainError('SHUTTING_DOWN', 'the server is stopping'));
    await worker?.terminate();
  }
}

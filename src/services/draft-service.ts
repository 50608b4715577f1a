// Drafts for the API (`draftDossier`), under the same rules as heavy analysis: off the event loop,
// within a time budget per request. Nothing is written: saving a reviewed draft is
// `ingestDossier`'s work, with its authentication.
import { createHash } from 'node:crypto';
import { DomainError } from '../domain/errors.ts';
import type { GraphNode } from '../domain/model.ts';
import { DEFAULT_ANALYSIS_LIMITS, type AnalysisLimits } from '../config.ts';
import { withinBudget } from '../lib/within-budget.ts';
import { QueuedWorker } from './queued-worker.ts';
import { fromWorkerError } from './worker-errors.ts';
import { canonicalJson } from '../lib/canonical-json.ts';
import { DATA_DIR } from '../project-files.ts';
import type { DraftOptions } from '../ingest/draft/draft.ts';
import type { DraftReply, DraftWorkerData, FromDraftWorker } from './draft-worker.ts';

const BOOTSTRAP = new URL('./draft-bootstrap.mjs', import.meta.url);
/** Drafts kept (by text and options) for a repeated ask, e.g. after DRAFT_TIMEOUT. */
const KEPT = 32;

interface Task {
  id: number;
  text: string;
  options: DraftOptions;
  resolve: (reply: DraftReply) => void;
  reject: (error: Error) => void;
}

/**
 * One worker thread, started on first use. Past the budget, DRAFT_TIMEOUT while the work goes on
 * and its result is kept for the next ask of the same text; DRAFT_BUSY past a few waiting; and a hard
 * limit after which the worker is stopped (DRAFT_TOO_LARGE; a new worker answers the next draft).
 */
export class DraftService extends QueuedWorker<Task, FromDraftWorker> {
  private nextId = 1;
  private readonly kept = new Map<string, Promise<DraftReply>>();
  private readonly limits: AnalysisLimits;

  constructor(
    private readonly registry: ReadonlyMap<string, GraphNode>,
    limits: Partial<AnalysisLimits> = {},
    private readonly dataDir: string = DATA_DIR,
  ) {
    const merged = { ...DEFAULT_ANALYSIS_LIMITS, ...limits };
    super(BOOTSTRAP, merged.hardLimitMs, 'draft');
    this.limits = merged;
  }

  draft(text: string, options: DraftOptions): Promise<DraftReply> {
    const key = createHash('sha256').update(text).update('\u0000').update(canonicalJson(options)).digest('hex');
    let reply = this.kept.get(key);
    if (!reply) {
      if (this.load >= this.limits.maxPending) {
        throw new DomainError('DRAFT_BUSY', 'drafts are already waiting; ask again shortly', { retryAfterSeconds: 5 });
      }
      reply = new Promise<DraftReply>((resolve, reject) => this.enqueue({ id: this.nextId++, text, options, resolve, reject }));
      this.kept.set(key, reply);
      // Only finished drafts are worth keeping; a failure is answered, then forgotten.
      reply.catch(() => this.kept.delete(key));
      if (this.kept.size > KEPT) this.kept.delete(this.kept.keys().next().value as string);
    }
    const budgetMs = this.limits.budgetMs;
    return withinBudget(reply, budgetMs, () => new DomainError('DRAFT_TIMEOUT', `the draft is still being written after ${budgetMs} ms; ask again shortly with the same text: it is kept once ready`, { budgetMs, retryAfterSeconds: Math.max(1, Math.ceil(budgetMs / 1000)) }));
  }

  protected next(): void {
    const task = this.queue.shift();
    if (!task) return;
    this.startClock(task);
    const worker = this.worker ?? this.started({ registry: [...this.registry.values()], registryKey: `api:${this.registry.size}`, dataDir: this.dataDir } satisfies DraftWorkerData);
    worker.postMessage({ id: task.id, text: task.text, options: task.options });
  }

  protected finished(message: FromDraftWorker): void {
    if (message.id !== this.running?.task.id) return;
    this.settle((task) => {
      if ('result' in message) task.resolve(message.result);
      else task.reject(fromWorkerError(message.error, 'drafting'));
    });
  }

  protected tooLongError(): Error {
    return new DomainError('DRAFT_TOO_LARGE', `drafting ran for more than ${this.hardLimitMs} ms and was stopped; draft a shorter text`, { limitMs: this.hardLimitMs });
  }
}

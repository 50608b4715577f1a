// Drafts for the API (`draftDossier`), on the rules heavy analysis follows (budgeted jobs): off the
// event loop in one worker thread, kept by text, options and drafter; nothing is written. The worker
// parses with CoreNLP when the NLP service names a server, else drafts with the simpler rules.
import { createHash } from 'node:crypto';
import { DomainError } from '../domain/errors.ts';
import type { GraphNode } from '../domain/model.ts';
import { DEFAULT_ANALYSIS_LIMITS, type AnalysisLimits } from '../config.ts';
import { BudgetedJobs } from './budgeted-jobs.ts';
import type { NlpService } from './nlp-service.ts';
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
  nlpUrl: string | undefined;
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
  private readonly jobs: BudgetedJobs<DraftReply>;

  constructor(
    private readonly registry: ReadonlyMap<string, GraphNode>,
    limits: Partial<AnalysisLimits> = {},
    private readonly dataDir: string = DATA_DIR,
    private readonly nlp?: NlpService,
  ) {
    const merged = { ...DEFAULT_ANALYSIS_LIMITS, ...limits };
    super(BOOTSTRAP, merged.hardLimitMs, 'draft');
    this.jobs = new BudgetedJobs({
      budgetMs: merged.budgetMs,
      maxPending: merged.maxPending,
      maxKept: KEPT,
      load: () => this.load,
      busy: () => new DomainError('DRAFT_BUSY', 'drafts are already waiting; ask again shortly', { retryAfterSeconds: 5 }),
    });
  }

  /**
   * The draft of a text, within the budget (past it DRAFT_TIMEOUT; the draft is kept for the same
   * ask). NLP_UNAVAILABLE while the API's own CoreNLP server is still starting.
   */
  draft(text: string, options: DraftOptions): Promise<DraftReply> {
    const nlpUrl = this.nlp?.urlForDraft();
    const key = createHash('sha256').update(text).update('\u0000').update(canonicalJson(options)).update('\u0000').update(nlpUrl ?? 'rules').digest('hex');
    return this.jobs.ask(undefined, {
      key,
      start: () => new Promise<DraftReply>((resolve, reject) => this.enqueue({ id: this.nextId++, text, options, nlpUrl, resolve, reject })),
      late: (budgetMs) => new DomainError('DRAFT_TIMEOUT', `the draft is still being written after ${budgetMs} ms; ask again shortly with the same text: it is kept once ready`, { budgetMs, retryAfterSeconds: Math.max(1, Math.ceil(budgetMs / 1000)) }),
    });
  }

  protected next(): void {
    const task = this.queue.shift();
    if (!task) return;
    this.startClock(task);
    const worker = this.worker ?? this.started({ registry: [...this.registry.values()], registryKey: `api:${this.registry.size}`, dataDir: this.dataDir } satisfies DraftWorkerData);
    worker.postMessage({ id: task.id, text: task.text, options: task.options, nlpUrl: task.nlpUrl });
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

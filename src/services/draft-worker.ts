// The draft worker thread: drafts articles for the API, one at a time, so that tokenising and
// matching a long text never holds the API's event loop. It reads the registry the API was
// started with (sent once, as workerData) and the data folder's tables.
import { parentPort, workerData } from 'node:worker_threads';
import { toWorkerError, type WorkerError } from './worker-errors.ts';
import type { GraphNode } from '../domain/model.ts';
import type { DraftOptions } from '../ingest/draft/draft.ts';
import { draftArticle, type ArticleDraft } from '../ingest/draft/parse-draft.ts';

export interface DraftWorkerData {
  registry: GraphNode[];
  registryKey: string;
  dataDir: string;
}

export type ToDraftWorker = { id: number; text: string; options: DraftOptions; nlpUrl: string | undefined };
export type FromDraftWorker = { id: number; result: DraftReply } | { id: number; error: WorkerError };

export interface DraftReply {
  candidates: ArticleDraft['draft']['candidates'];
  yaml: string;
  entities: number;
  sentences: number;
  ms: number;
  /** parse: CoreNLP's parse; rules: the simpler rules (no server), said in `warnings`. */
  drafter: ArticleDraft['drafter'];
  warnings: string[];
}

const data = workerData as DraftWorkerData;
const context = { registry: new Map(data.registry.map((n) => [n.id, n])), registryKey: data.registryKey, dataDir: data.dataDir };

parentPort?.on('message', (message: ToDraftWorker) => {
  const started = performance.now();
  draftArticle(message.text, message.options, context, { nlpUrl: message.nlpUrl }).then(
    ({ draft, drafter, warnings }) => {
      const result: DraftReply = { candidates: draft.candidates, yaml: draft.yaml, entities: draft.entities.length, sentences: draft.sentences, ms: performance.now() - started, drafter, warnings };
      parentPort?.postMessage({ id: message.id, result } satisfies FromDraftWorker);
    },
    (error: unknown) => parentPort?.postMessage({ id: message.id, error: toWorkerError(error) } satisfies FromDraftWorker),
  );
});

// The draft worker thread: drafts articles for the API, one at a time, so that tokenising and
// matching a long text never holds the API's event loop. It reads the registry the API was
// started with (sent once, as workerData) and the data folder's tables.
import { parentPort, workerData } from 'node:worker_threads';
import { toWorkerError, type WorkerError } from './worker-errors.ts';
import type { GraphNode } from '../domain/model.ts';
import { draftAndValidate, type DraftOptions } from '../ingest/draft/draft.ts';

export interface DraftWorkerData {
  registry: GraphNode[];
  registryKey: string;
  dataDir: string;
}

export type ToDraftWorker = { id: number; text: string; options: DraftOptions };
export type FromDraftWorker = { id: number; result: DraftReply } | { id: number; error: WorkerError };

export interface DraftReply {
  candidates: ReturnType<typeof draftAndValidate>['candidates'];
  yaml: string;
  entities: number;
  sentences: number;
  ms: number;
}

const data = workerData as DraftWorkerData;
const context = { registry: new Map(data.registry.map((n) => [n.id, n])), registryKey: data.registryKey, dataDir: data.dataDir };

parentPort?.on('message', (message: ToDraftWorker) => {
  const started = performance.now();
  try {
    const draft = draftAndValidate(message.text, message.options, context);
    const result: DraftReply = { candidates: draft.candidates, yaml: draft.yaml, entities: draft.entities.length, sentences: draft.sentences, ms: performance.now() - started };
    parentPort?.postMessage({ id: message.id, result } satisfies FromDraftWorker);
  } catch (error) {
    parentPort?.postMessage({ id: message.id, error: toWorkerError(error) } satisfies FromDraftWorker);
  }
});

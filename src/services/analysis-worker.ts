// The analysis worker thread: holds its own Graphology graph of the version the API sent it and
// runs the named operations on it, one at a time, answering with references (analysis/refs.ts). It
// never touches the store; the API thread stays free for reads and /healthz while it works.
import { parentPort } from 'node:worker_threads';
import { toWorkerError, type WorkerError } from './worker-errors.ts';
import { applyChange, type CommitmentGraph, type SerializedInput } from '../analysis/graph-view.ts';
import { unpackGraph, type PackedGraph } from '../analysis/packed-graph.ts';
import type { GraphNode } from '../domain/model.ts';
import { OPERATIONS, type Operation } from '../analysis/operations.ts';
import { toRefs } from '../analysis/refs.ts';

/** The graph comes whole as packed columns (analysis/packed-graph.ts), its buffers transferred, not copied. */
export type ToWorker =
  | { type: 'graph'; version: string; graph: PackedGraph }
  /** A write the API committed, applied in place (analysis-pool.ts applyChange). */
  | { type: 'change'; version: string; nodes: GraphNode[]; removedNodes: string[]; edges: SerializedInput['edges']; removedEdges: string[] }
  | { type: 'run'; id: number; version: string; operation: Operation; options: Record<string, unknown> };

export type FromWorker =
  | { ready: string }
  | { id: number; result: unknown; ms: number }
  | { id: number; error: WorkerError };

let current: { version: string; graph: CommitmentGraph } | undefined;

function run(message: Extract<ToWorker, { type: 'run' }>): FromWorker {
  const started = performance.now();
  try {
    if (!current) throw new Error('no graph was sent before the task');
    const result = OPERATIONS[message.operation](current.graph, message.options);
    const asOf = typeof message.options.asOf === 'string' ? message.options.asOf : undefined;
    return { id: message.id, result: toRefs(result, current.graph, asOf), ms: performance.now() - started };
  } catch (error) {
    return { id: message.id, error: toWorkerError(error) };
  }
}

parentPort?.on('message', (message: ToWorker) => {
  if (message.type === 'graph') {
    current = { version: message.version, graph: unpackGraph(message.graph) };
    parentPort?.postMessage({ ready: message.version });
  } else if (message.type === 'change') {
    if (current) current = { version: message.version, graph: applyChange(current.graph, message) };
  } else parentPort?.postMessage(run(message));
});

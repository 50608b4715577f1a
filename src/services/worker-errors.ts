// Errors across a worker thread's boundary: a coded error (DomainError) keeps its code, message
// and details; anything else is a bug and keeps its stack. The analysis and draft workers encode
// with `toWorkerError`; their pools decode with `fromWorkerError`.
import { DomainError } from '../domain/errors.ts';

export interface WorkerError {
  code?: string;
  message: string;
  details?: Record<string, unknown>;
}

export function toWorkerError(error: unknown): WorkerError {
  // Details go through JSON: structured clone refuses some values a message may carry.
  if (error instanceof DomainError) return { code: error.code, message: error.message, details: JSON.parse(JSON.stringify(error.details)) as Record<string, unknown> };
  return { message: (error as Error)?.stack ?? String(error) };
}

export function fromWorkerError(error: WorkerError, what: string): Error {
  return error.code ? new DomainError(error.code, error.message, error.details) : new Error(`${what} failed in the worker: ${error.message}`);
}

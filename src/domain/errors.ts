// Coded errors shared by every layer. Codes are UPPER_SNAKE and reach GraphQL clients as
// `extensions.code`; messages say what to do next. Tests assert on codes, never on text.

/** Where in an input a problem sits: a file, a 1-based line and column, and a path into the document. */
export interface Location {
  file?: string;
  line?: number;
  column?: number;
  path?: string;
}

export interface Problem extends Location {
  code: string;
  message: string;
}

export class DomainError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

/** A document failed validation; `problems` lists every problem found, each with where it is. */
export class ValidationError extends DomainError {
  readonly problems: Problem[];

  constructor(problems: Problem[], what = 'input') {
    super('VALIDATION_FAILED', `${what} is invalid: ${problems.length} problem(s); fix them and try again`, {
      problems,
    });
    this.name = 'ValidationError';
    this.problems = problems;
  }
}

export function formatProblem(p: Problem): string {
  const where = [p.file, p.line !== undefined ? String(p.line) : undefined, p.column !== undefined ? String(p.column) : undefined]
    .filter((part) => part !== undefined)
    .join(':');
  return `${where || '<input>'} ${p.code}${p.path ? ` at ${p.path}` : ''}: ${p.message}`;
}

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

/**
 * Codes that say the store cannot be used now — not that the input is wrong: the CLI exits 3,
 * the API answers 503 (with Retry-After when the error says when to try again).
 */
export const UNAVAILABLE_CODES: ReadonlySet<string> = new Set(['STORE_UNAVAILABLE', 'STORE_DISK_FULL', 'STORE_UNWRITABLE', 'STORE_LOCKED', 'STORE_FILE_CORRUPT', 'STORE_FILE_FORMAT', 'STORE_READ_ONLY', 'NLP_UNAVAILABLE']);

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

/**
 * An option of an operation is wrong: `option` names it as the operation does (maxLength), and
 * `messageFor` words the same refusal with the name a front end uses (the CLI's --max-length).
 * The code is BAD_ARGUMENT, as for every other bad argument.
 */
export class OptionError extends DomainError {
  constructor(
    readonly option: string,
    readonly expected: string,
    readonly got: unknown,
  ) {
    super('BAD_ARGUMENT', OptionError.describe(option, expected, got), { argument: option, expected });
    this.name = 'OptionError';
  }

  static describe(name: string, expected: string, got: unknown): string {
    const shown = typeof got === 'string' ? `"${got}"` : Array.isArray(got) ? `[${got.map((g) => JSON.stringify(g)).join(', ')}]` : String(got);
    return `${name} must be ${expected}; got ${shown}`;
  }

  messageFor(name: string): string {
    return OptionError.describe(name, this.expected, this.got);
  }
}

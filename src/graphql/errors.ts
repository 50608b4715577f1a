// Coded errors for clients: DomainErrors keep their code and message; everything else is masked
// as INTERNAL_SERVER_ERROR (its detail goes to the log, never to the client).
import { GraphQLError } from 'graphql';
import { DomainError, UNAVAILABLE_CODES, ValidationError } from '../domain/errors.ts';

const HTTP_STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403 };

/** graphql-armor rejects without a code; these give its rejections one (and HTTP 400). */
const LIMIT_CODES: [RegExp, string][] = [
  [/Query Cost limit/i, 'COST_LIMIT_EXCEEDED'],
  [/Query depth limit/i, 'DEPTH_LIMIT_EXCEEDED'],
  [/Aliases limit/i, 'ALIAS_LIMIT_EXCEEDED'],
  [/Directives limit/i, 'DIRECTIVE_LIMIT_EXCEEDED'],
  [/Token limit/i, 'TOKEN_LIMIT_EXCEEDED'],
  [/Required CSRF header/i, 'CSRF_HEADER_REQUIRED'],
];

function limitError(error: unknown): GraphQLError | undefined {
  const message = (error as Error)?.message ?? '';
  const hit = LIMIT_CODES.find(([pattern]) => pattern.test(message));
  if (!hit) return undefined;
  return new GraphQLError(message.replace(/^Syntax Error: /, ''), { extensions: { code: hit[1], http: { status: hit[1] === 'CSRF_HEADER_REQUIRED' ? 403 : 400 } } });
}

export function toGraphQLError(error: DomainError, path?: readonly (string | number)[]): GraphQLError {
  return new GraphQLError(error.message, {
    path,
    extensions: {
      code: error.code,
      ...(error instanceof ValidationError ? { problems: error.problems } : {}),
      ...(HTTP_STATUS[error.code] ? { http: { status: HTTP_STATUS[error.code] } } : {}),
      ...(UNAVAILABLE_CODES.has(error.code) ? unavailable(error) : {}),
    },
  });
}

/** The store cannot take the request now: 503, and when to try again if the error says. */
function unavailable(error: DomainError) {
  const retryAfterSeconds = typeof error.details.retryAfterSeconds === 'number' ? error.details.retryAfterSeconds : undefined;
  return {
    http: { status: 503, ...(retryAfterSeconds ? { headers: { 'retry-after': String(retryAfterSeconds) } } : {}) },
    ...(retryAfterSeconds ? { retryAfterSeconds } : {}),
  };
}

/**
 * What yoga puts in a coded error's extensions beyond its code: the invalid-JSON refusal carries
 * the parser's `originalError` (name and message). Production answers never echo it; the error is
 * changed in place because yoga logs every error maskError replaces as a server error.
 */
function withoutOriginalError<T extends Error>(error: T): T {
  const extensions = (error as { extensions?: Record<string, unknown> }).extensions;
  if (extensions && 'originalError' in extensions) delete extensions.originalError;
  return error;
}

/** yoga's maskError: pass coded domain errors through, mask the rest. */
export function maskError(error: unknown, message: string, onInternal: (error: unknown) => void, options: { production?: boolean } = {}): Error {
  // Duck-typed: yoga and graphql-js may hold different copies of GraphQLError.
  const wrapper = error as { originalError?: unknown; path?: readonly (string | number)[]; extensions?: { code?: unknown } };
  const original = wrapper?.originalError ?? error;
  if (original instanceof DomainError) return toGraphQLError(original, wrapper.path);
  const limit = limitError(original);
  if (limit) return limit;
  const coded = original as { extensions?: { code?: unknown } };
  if (original instanceof Error && typeof coded.extensions?.code === 'string' && coded.extensions.code !== 'INTERNAL_SERVER_ERROR') return options.production ? withoutOriginalError(original) : original;
  onInternal(original);
  return new GraphQLError(message, {
    path: wrapper?.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
}

export function badArgument(message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('BAD_ARGUMENT', message, details);
}

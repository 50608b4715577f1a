// Coded errors for clients: DomainErrors keep their code and message; everything else is masked
// as INTERNAL_SERVER_ERROR (its detail goes to the log, never to the client).
import { GraphQLError } from 'graphql';
import { DomainError, ValidationError } from '../domain/errors.ts';

const HTTP_STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403 };

export function toGraphQLError(error: DomainError, path?: readonly (string | number)[]): GraphQLError {
  return new GraphQLError(error.message, {
    path,
    extensions: {
      code: error.code,
      ...(error instanceof ValidationError ? { problems: error.problems } : {}),
      ...(HTTP_STATUS[error.code] ? { http: { status: HTTP_STATUS[error.code] } } : {}),
    },
  });
}

/** yoga's maskError: pass coded domain errors through, mask the rest. */
export function maskError(error: unknown, message: string, onInternal: (error: unknown) => void): Error {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof DomainError) return toGraphQLError(original, error instanceof GraphQLError ? error.path : undefined);
  if (original instanceof GraphQLError && original.extensions?.code) return original;
  onInternal(original);
  return new GraphQLError(message, {
    path: error instanceof GraphQLError ? error.path : undefined,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
}

export function badArgument(message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('BAD_ARGUMENT', message, details);
}

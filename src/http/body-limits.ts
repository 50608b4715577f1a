// Request bodies are capped from their declared length, before a byte is read: a POST without
// Content-Length gets 411, a body over the limit 413 (a writer with an API key has a larger one).
import type { Plugin } from 'graphql-yoga';
import { apiKeyName, bearerToken } from '../graphql/context.ts';
import type { ApiKey } from '../config.ts';
import type { OwnAnswers } from './http-plugins.ts';

/** Request limits: a body over this is refused before it is parsed. */
export const MAX_BODY_BYTES = 1_000_000;
/** The body limit of a request that carries a valid API key (writes of whole files). */
export const MAX_WRITE_BODY_BYTES = 256 * 2 ** 20;

const errorBody = (message: string, code: string) => JSON.stringify({ errors: [{ message, extensions: { code } }] });

export function bodyLimitsPlugin(apiKeys: readonly ApiKey[], answers: OwnAnswers): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const declared = request.headers.get('content-length');
      if (request.method === 'POST' && declared === null) {
        // Without a declared length the body size cannot be capped before it is read. Like the
        // health and file answers, this one has never carried GraphQL's CORS headers.
        answers.end(request, endResponse, new fetchAPI.Response(errorBody('send Content-Length', 'LENGTH_REQUIRED'), { status: 411, headers: { 'content-type': 'application/json' } }));
        return;
      }
      const length = Number(declared ?? 0);
      // A writer with an API key may send a dataset's file or JSON lines; anyone else a query.
      const limit = length > MAX_BODY_BYTES && apiKeyName(bearerToken(request.headers.get('authorization')), apiKeys) ? MAX_WRITE_BODY_BYTES : MAX_BODY_BYTES;
      if (length > limit) {
        endResponse(new fetchAPI.Response(errorBody(`request body over ${limit} bytes`, 'PAYLOAD_TOO_LARGE'), { status: 413, headers: { 'content-type': 'application/json' } }));
      }
    },
  };
}

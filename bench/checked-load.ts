// Load for a benchmark that cannot measure failures. The first answer is checked before any figure
// is taken (2xx, and for GraphQL: data, no errors), every answer of the run is counted (non-2xx,
// transport errors, timeouts, and GraphQL answers with errors or without data), and a run with any
// failure throws: a figure taken over failed requests is an error of the benchmark, never a row.
// (The API section of `npm run bench` once posted to `/` instead of `/graphql`: every request was
// a 404 from the dashboard's router, reported as 14k-28k requests/s with its p99 rows met.)
import autocannon from 'autocannon';

/** What a good answer is: any 2xx, or a 2xx GraphQL answer with data and no errors. */
export type Answers = 'http' | 'graphql';

export interface CheckedLoadOptions extends autocannon.Options {
  answers: Answers;
}

export class BenchFailure extends Error {
  constructor(
    message: string,
    readonly counts: Record<string, number>,
  ) {
    super(message);
    this.name = 'BenchFailure';
  }
}

/**
 * A GraphQL answer body is good when it has data and no `errors` key. Checked as text on every
 * answer (parsing each would slow the client that measures): inside JSON strings quotes are
 * escaped, so `"errors":` can only be a key (a query aliasing a field `errors` would be misread).
 */
export function isGoodGraphQLBody(body: string): boolean {
  return body.includes('"data":') && !body.includes('"data":null') && !body.includes('"errors":');
}

/** The body of the first request the run will send: its `body`, or what the first request's setupRequest makes. */
function firstRequest(options: CheckedLoadOptions): { method: string; headers: Record<string, string>; body: string | undefined } {
  const method = options.method ?? 'GET';
  const headers = { ...(options.headers ?? {}) } as Record<string, string>;
  const setup = options.requests?.[0]?.setupRequest;
  if (typeof setup === 'function') {
    const request = setup({ method, headers, body: options.body as string | undefined } as autocannon.Request, {});
    return { method: request.method ?? method, headers: { ...headers, ...((request.headers ?? {}) as Record<string, string>) }, body: request.body as string | undefined };
  }
  return { method, headers, body: options.body as string | undefined };
}

/** Sends the first request once and throws unless its answer is good. */
export async function checkFirstAnswer(options: CheckedLoadOptions): Promise<void> {
  const { method, headers, body } = firstRequest(options);
  const response = await fetch(options.url, { method, headers, ...(body !== undefined && method !== 'GET' ? { body } : {}) });
  const text = await response.text();
  const good = response.ok && (options.answers === 'http' || isGoodGraphQLBody(text));
  if (!good) throw new BenchFailure(`${method} ${options.url}: the first answer is not a good one (${response.status}): ${text.slice(0, 300)}`, { status: response.status });
}

/**
 * autocannon over `options`, once the first answer is good; resolves with its result only when
 * no request of the run failed, and throws a BenchFailure with the counts otherwise.
 */
export async function measureLoad(options: CheckedLoadOptions): Promise<autocannon.Result> {
  await checkFirstAnswer(options);
  const { answers, ...load } = options;
  let badBody: string | undefined;
  const verifyBody =
    answers === 'graphql'
      ? (body: string | Buffer | undefined) => {
          const text = String(body ?? '');
          if (isGoodGraphQLBody(text)) return true;
          badBody ??= text;
          return false;
        }
      : undefined;
  const result = await autocannon({ ...load, ...(verifyBody ? { verifyBody } : {}) });
  const counts = { requests: result.requests.total, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts, graphqlErrors: result.mismatches };
  if (result.requests.total === 0 || result.non2xx + result.errors + result.timeouts + result.mismatches > 0) {
    const detail = Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ');
    throw new BenchFailure(`${options.url}: requests failed during the run (${detail})${badBody ? `; an answer: ${badBody.slice(0, 300)}` : ''}: no figure is taken over failed requests`, counts);
  }
  return result;
}

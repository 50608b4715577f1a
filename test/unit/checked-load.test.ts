// The benchmarks' measuring helper refuses to measure failures: against tiny local servers that
// answer 404, 200 with GraphQL errors, or good answers that turn bad during the run, it throws;
// against a good server it measures.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BenchFailure, isGoodGraphQLBody, measureLoad } from '../../bench/checked-load.ts';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A server whose n-th answer (from 1) is `answer(n)`: status and body. */
async function serve(answer: (n: number) => [number, string]): Promise<string> {
  let n = 0;
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const [status, body] = answer(++n);
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

const load = (url: string) => measureLoad({ url, answers: 'graphql', method: 'POST', connections: 2, duration: 1, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ stats { nodes } }' }) });
const GOOD = '{"data":{"stats":{"nodes":44}}}';

const failureOf = async (run: Promise<unknown>) => {
  try {
    await run;
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('measureLoad', () => {
  it('throws on a server that answers 404 (the bench once measured the dashboard router’s 404s)', async () => {
    const url = await serve(() => [404, 'not found']);
    expect(await failureOf(load(url))).toBeInstanceOf(BenchFailure);
  });

  it('throws on a server that answers 200 with GraphQL errors', async () => {
    const url = await serve(() => [200, '{"errors":[{"message":"Unexpected error.","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}']);
    expect(await failureOf(load(url))).toBeInstanceOf(BenchFailure);
  });

  it('throws when answers turn bad during the run, and counts them', async () => {
    const url = await serve((n) => (n % 10 === 0 ? [200, '{"errors":[{"message":"x"}],"data":null}'] : n % 7 === 0 ? [500, '{}'] : [200, GOOD]));
    const failure = await failureOf(load(url));
    expect(failure).toBeInstanceOf(BenchFailure);
    expect((failure as BenchFailure).counts.graphqlErrors).toBeGreaterThan(0);
    expect((failure as BenchFailure).counts.non2xx).toBeGreaterThan(0);
  });

  it('measures a server whose every answer is good', async () => {
    const url = await serve(() => [200, GOOD]);
    const result = await load(url);
    expect(result.requests.total).toBeGreaterThan(10);
  });

  it('reads a GraphQL answer as good only with data and without errors', () => {
    expect(isGoodGraphQLBody(GOOD)).toBe(true);
    expect(isGoodGraphQLBody('{"data":{"node":null}}')).toBe(true);
    expect(isGoodGraphQLBody('{"data":{"quote":"the \\"errors\\": were many"}}')).toBe(true);
    expect(isGoodGraphQLBody('{"data":null,"errors":[]}')).toBe(false);
    expect(isGoodGraphQLBody('{"data":{"a":1},"errors":[{"message":"x"}]}')).toBe(false);
    expect(isGoodGraphQLBody('Cannot POST /')).toBe(false);
  });
});

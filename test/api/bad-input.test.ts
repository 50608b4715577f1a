// Bad input is the client's error, answered with a code, never masked as internal nor logged as the
// server's; production answers carry nothing of the server's internals; introspection is a setting.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { codes, seededApi } from '../support/graphql-client.ts';

/** A pino logger that keeps its lines, to see what a request logged and at which level. */
function capturingLogger() {
  const lines: { level: number; msg?: string }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as { level: number; msg?: string });
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), errors: () => lines.filter((l) => l.level >= 50) };
}

const BAD_VARIABLES: [string, string, Record<string, unknown>][] = [
  ['a string for an Int', 'query($f: Int) { commitments(first: $f) { totalCount } }', { f: 'abc' }],
  ['a value outside the enum', 'query($m: CentralityMetric!) { centrality(metric: $m) { score } }', { m: 'NOPE' }],
  ['a required variable missing', 'query($m: CentralityMetric!) { centrality(metric: $m) { score } }', {}],
  ['null for a non-null variable', 'query($id: ID!) { node(id: $id) { id } }', { id: null }],
];

describe('variables that do not fit their operation', () => {
  for (const jit of [true, false]) {
    it.each(BAD_VARIABLES)(`are BAD_USER_INPUT with graphql-js's message, not logged as errors (jit ${jit ? 'on' : 'off'}): %s`, async (_name, query, variables) => {
      const { logger, errors } = capturingLogger();
      const api = await seededApi(new MemoryStore(), { production: true, jit, logger });
      const res = await api.query(query, variables);
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.status).toBe(400);
      expect(res.errors?.[0]?.message).toMatch(/^Variable "\$\w+" /);
      expect(res.data).toBeUndefined();
      expect(errors()).toEqual([]);
    });
  }

  it('get the same answer whether graphql-jit or graphql-js runs the query', async () => {
    const jit = await seededApi(new MemoryStore(), { production: true, jit: true });
    const interpreted = await seededApi(new MemoryStore(), { production: true, jit: false });
    for (const [, query, variables] of BAD_VARIABLES) expect(await jit.query(query, variables)).toEqual(await interpreted.query(query, variables));
    // Good variables still answer.
    expect((await jit.query(BAD_VARIABLES[1]![1], { m: 'DEGREE' })).errors).toBeUndefined();
  });
});

describe('production answers', () => {
  const postInvalidJson = async (production: boolean) => {
    const api = await seededApi(new MemoryStore(), { production });
    const response = await api.server.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": "{ stats { nodes } }"' });
    return { status: response.status, body: (await response.json()) as { errors: { extensions: Record<string, unknown> }[] } };
  };

  it('never echo originalError: yoga puts the JSON parser’s error in a coded refusal, production strips it', async () => {
    const development = await postInvalidJson(false);
    expect(development.body.errors[0]?.extensions.originalError).toBeDefined();
    const production = await postInvalidJson(true);
    expect(production.body.errors[0]?.extensions).toEqual({ code: 'BAD_REQUEST' });
  });

  it('mask an internal error down to its code, in production and in development', async () => {
    for (const production of [true, false]) {
      const store = new MemoryStore();
      const api = await seededApi(store, { production });
      vi.spyOn(store, 'counts').mockRejectedValue(new Error('disk on fire at /var/lib/secret'));
      const res = await api.query('{ stats { nodes } }');
      expect(res.errors?.[0]?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
      expect(JSON.stringify(res)).not.toContain('secret');
    }
  });
});

describe('introspection', () => {
  const schemaQuery = '{ __schema { queryType { name } } }';
  const typeQuery = '{ __type(name: "State") { name } }';

  it('is refused in production by default, __typename still answers', async () => {
    const api = await seededApi(new MemoryStore(), { production: true });
    expect(codes(await api.query(schemaQuery))).toEqual(['INTROSPECTION_DISABLED']);
    expect(codes(await api.query(typeQuery))).toEqual(['INTROSPECTION_DISABLED']);
    expect(await api.query('{ __typename }')).toMatchObject({ status: 200, data: { __typename: 'Query' } });
  });

  it('answers in development, and in production when turned on', async () => {
    for (const options of [{ production: false }, { production: true, introspection: true }]) {
      const api = await seededApi(new MemoryStore(), options);
      expect((await api.query(schemaQuery)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    }
  });
});

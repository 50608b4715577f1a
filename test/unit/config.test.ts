// Configuration from the environment: defaults, switches, and every bad value named at once.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

describe('loadConfig', () => {
  it('defaults to the memory store, seeds, port 4000 and compiled queries', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ store: 'memory', port: 4000, host: '127.0.0.1', apiKeys: [], production: false, graphqlJit: true });
    expect(config.neo4j).toBeUndefined();
  });

  it('switches to Neo4j with NEO4J_URI, and graphql-jit off with CGRAPH_GRAPHQL_JIT=off', () => {
    const config = loadConfig({ NEO4J_URI: 'bolt://127.0.0.1:7687', CGRAPH_BATCH_SIZE: '250', CGRAPH_GRAPHQL_JIT: 'OFF' });
    expect(config).toMatchObject({ store: 'neo4j', graphqlJit: false, neo4j: { uri: 'bolt://127.0.0.1:7687', batchSize: 250, user: 'neo4j' } });
  });

  it('turns introspection off in production unless CGRAPH_INTROSPECTION=on, and takes the request time limit', () => {
    expect(loadConfig({}).introspection).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', CGRAPH_INTROSPECTION: 'on' }).introspection).toBe(true);
    expect(loadConfig({ CGRAPH_INTROSPECTION: 'off' }).introspection).toBe(false);
    expect(loadConfig({}).requestTimeoutMs).toBe(30_000);
    expect(loadConfig({ CGRAPH_REQUEST_TIMEOUT_MS: '1500' }).requestTimeoutMs).toBe(1500);
  });

  it('uses CoreNLP at CGRAPH_NLP_URL, or starts one with CGRAPH_NLP=start, or none with off', () => {
    expect(loadConfig({}).nlp).toEqual({ url: undefined, mode: 'auto' });
    expect(loadConfig({ CGRAPH_NLP_URL: 'http://127.0.0.1:9000' }).nlp).toEqual({ url: 'http://127.0.0.1:9000', mode: 'auto' });
    expect(loadConfig({ CGRAPH_NLP: 'start' }).nlp.mode).toBe('start');
    expect(loadConfig({ CGRAPH_NLP: 'OFF' }).nlp.mode).toBe('off');
    expect(() => loadConfig({ CGRAPH_NLP: 'start', CGRAPH_NLP_URL: 'http://127.0.0.1:9000' })).toThrow(ConfigError);
  });

  it('bounds unopened stream reservations per client and in time', () => {
    expect(loadConfig({}).streamReservations).toEqual({ perClient: 8, total: 1000, ttlMs: 30_000 });
    expect(loadConfig({ CGRAPH_STREAM_RESERVATIONS_PER_CLIENT: '2', CGRAPH_STREAM_RESERVATIONS_MAX: '7', CGRAPH_STREAM_RESERVATION_TTL_MS: '5000' }).streamReservations).toEqual({ perClient: 2, total: 7, ttlMs: 5000 });
    expect(() => loadConfig({ CGRAPH_STREAM_RESERVATIONS_MAX: '0' })).toThrow(/CGRAPH_STREAM_RESERVATIONS_MAX/);
    expect(() => loadConfig({ CGRAPH_STREAM_RESERVATIONS_PER_CLIENT: '0' })).toThrow(/CGRAPH_STREAM_RESERVATIONS_PER_CLIENT/);
    expect(() => loadConfig({ CGRAPH_STREAM_RESERVATION_TTL_MS: '10' })).toThrow(/CGRAPH_STREAM_RESERVATION_TTL_MS/);
  });

  it('names every bad value in one error', () => {
    let error: unknown;
    try {
      loadConfig({ NEO4J_URI: 'http://x', CGRAPH_GRAPHQL_JIT: 'maybe', PORT: '99999', CGRAPH_API_KEYS: 'short', CGRAPH_INTROSPECTION: 'yes', CGRAPH_REQUEST_TIMEOUT_MS: '0', CGRAPH_NLP: 'maybe', CGRAPH_NLP_URL: 'corenlp:9000' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['NEO4J_URI', 'CGRAPH_GRAPHQL_JIT', 'PORT', 'CGRAPH_API_KEYS', 'CGRAPH_INTROSPECTION', 'CGRAPH_REQUEST_TIMEOUT_MS', 'CGRAPH_NLP', 'CGRAPH_NLP_URL']) expect(message).toContain(name);
  });
});

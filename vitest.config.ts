// Tests: unit (pure), contract (both stores), api (server in-process), e2e (real processes).
// The global set-up provides a Neo4j (NEO4J_URI, testcontainers, or the embedded launcher), and
// stops the CoreNLP server that tests needing one started (test/support/corenlp.ts).
import { defineConfig } from 'vitest/config';
import { timeLimit } from './test/support/time-limits.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/neo4j-global-setup.ts', 'test/support/corenlp-global-setup.ts'],
    // One Neo4j database is shared, so files run one at a time; tests inside a file run in order.
    fileParallelism: false,
    testTimeout: timeLimit(60_000),
    hookTimeout: timeLimit(240_000),
    reporters: ['default'],
  },
});

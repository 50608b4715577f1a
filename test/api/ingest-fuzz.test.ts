// Thousands of bad dossiers through the ingest mutation: zero crashes, every one rejected with a
// coded error that says where, and the store unchanged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { badDossier, GOOD_SOURCE } from '../support/bad-dossiers.ts';
import { API_KEY, seededApi } from '../support/graphql-client.ts';
import { timeLimit } from '../support/time-limits.ts';

const RUNS = process.env.CI ? 10_000 : 1000;

describe('fuzzing the ingest mutation', () => {
  it(`rejects ${RUNS} bad dossiers with located, coded problems and writes nothing`, async () => {
    const store = new MemoryStore();
    const api = await seededApi(store);
    const before = await store.snapshot();
    const kinds = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(badDossier, async ({ kind, yaml }) => {
        const res = await api.query<{ ingestDossier: unknown }>(
          'mutation($y: String!, $t: String!) { ingestDossier(yaml: $y, sourceText: $t) { created } }',
          { y: yaml, t: GOOD_SOURCE },
          { authorization: `Bearer ${API_KEY}` },
        );
        expect(res.data?.ingestDossier ?? null, kind).toBeNull();
        const error = res.errors?.[0];
        expect(error?.extensions?.code, `${kind}: ${error?.message}`).toBe('VALIDATION_FAILED');
        const problems = error?.extensions?.problems ?? [];
        expect(problems.length).toBeGreaterThan(0);
        for (const p of problems) {
          expect(p.code).toMatch(/^[A-Z][A-Z_]+$/);
          expect(p.line).toBeGreaterThanOrEqual(1);
        }
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }),
      { numRuns: RUNS, seed: 8 },
    );
    expect(await store.snapshot()).toEqual(before);
    expect(kinds.size).toBe(7);
  }, timeLimit(120_000)); // 41 s for the 10,000 runs of CI on a busy machine
});

// Property test: thousands of random mutations of the seed dossier never crash the validator;
// each gives valid data or coded problems that say where, and an invalid one leaves the store untouched.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/domain/errors.ts';
import { readRegistry } from '../../src/ingest/dossier-files.ts';
import { ingestDossier } from '../../src/ingest/ingest-dossier.ts';
import { loadBatches } from '../../src/ingest/load-dossiers.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { SEED_DOSSIER, SEED_SOURCE, seedBatches } from '../support/fixtures.ts';
import { timeLimit } from '../support/time-limits.ts';

// Thousands in CI; fewer locally, where the loop is run often (each run parses ~55 KB of YAML).
const RUNS = process.env.CI ? 2000 : 300;
const yamlText = readFileSync(SEED_DOSSIER, 'utf8');
const sourceText = readFileSync(SEED_SOURCE, 'utf8');
const registry = readRegistry('seeds/entities.yaml').nodes;

/** Text-level damage: replace, insert or delete a few characters, or a whole line, anywhere. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), text: fc.string({ minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom(': ', '- ', '\n', '"', '[', '&a', '*a', '\t', '\u0000', '💥', 'start: -1')) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('dropLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swapId' as const), at: fc.nat(), id: fc.constantFrom('state:XXX', 'person:nobody', 'condition:none', 'state:gbr', '') }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function apply(text: string, m: Mutation): string {
  const at = m.at % Math.max(1, text.length);
  switch (m.kind) {
    case 'replace':
      return text.slice(0, at) + m.text + text.slice(at + m.text.length);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'dropLine': {
      const lines = text.split('\n');
      lines.splice(m.at % lines.length, 1);
      return lines.join('\n');
    }
    case 'swapId': {
      const ids = [...text.matchAll(/(?:state|person|condition|initiative):[A-Za-z0-9-]+/g)];
      const hit = ids[m.at % ids.length];
      return hit ? text.slice(0, hit.index) + m.id + text.slice(hit.index + hit[0].length) : text;
    }
  }
}

describe('dossier fuzzing', () => {
  let store: MemoryStore;
  beforeAll(async () => {
    store = new MemoryStore();
    await loadBatches(store, seedBatches());
  });

  it('never crashes; every failure is coded and located; invalid input changes nothing', async () => {
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const text = mutations.reduce(apply, yamlText);
        const before = await store.version();
        try {
          await ingestDossier(store, { yamlText: text, sourceText, file: 'fuzz.yaml', registry });
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
          const problems = (error as ValidationError).problems;
          expect(problems.length).toBeGreaterThan(0);
          for (const problem of problems) {
            expect(problem.code).toMatch(/^[A-Z][A-Z_]+$/);
            expect(problem.file).toBe('fuzz.yaml');
            expect(problem.line).toBeGreaterThanOrEqual(1);
          }
          expect(await store.version()).toBe(before);
          rejected++;
        }
      }),
      { numRuns: RUNS, seed: 20260106 },
    );
    expect(rejected).toBeGreaterThan(RUNS / 2);
  }, timeLimit(300_000));
});

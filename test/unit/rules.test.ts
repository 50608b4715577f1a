// The one module of validation rules, and its three front ends giving the same code for the same
// mistake: a dossier (file:line:column), a JSON lines file (file:line) and a store batch (a path).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ValidationError } from '../../src/domain/errors.ts';
import type { GraphNode } from '../../src/domain/model.ts';
import { sha256Hex } from '../../src/domain/relationship-id.ts';
import { endpointProblem, locateQuote, parseGraphRecord, quoteProblem, sourceHashProblem, statementSourceProblem } from '../../src/domain/rules.ts';
import { validateGraphLines } from '../../src/ingest/graph-lines.ts';
import { validateDossier } from '../../src/ingest/validate-dossier.ts';
import { checkBatch } from '../../src/store/batch-check.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { tempDir } from '../support/fixtures.ts';

const text = 'Italy will not send troops. Russia warned.';
const source = { id: 'source:t', kind: 'SOURCE', name: 'T', aliases: [], text, sha256: sha256Hex(text) } as GraphNode;
const italy = { id: 'state:ITA', kind: 'STATE', name: 'Italy', aliases: [] } as GraphNode;
const rus = { id: 'state:RUS', kind: 'STATE', name: 'Russia', aliases: [] } as GraphNode;
/** A refusal, with `over` applied (an undefined value removes the field). */
const refusal = (over: Record<string, unknown> = {}) => Object.fromEntries(Object.entries({
  id: 'rel:00000000000000000001',
  type: 'REFUSED',
  from: 'state:ITA',
  to: 'state:RUS',
  action: 'send troops',
  firmness: 'firm',
  evidence: [{ sourceId: 'source:t', quote: 'Italy will not send troops', start: 0, end: 26, attribution: 'reported' }],
  ...over,
}).filter(([, v]) => v !== undefined));

describe('rules', () => {
  it('each rule names its code and says what to do', () => {
    expect(quoteProblem(text, { quote: 'Russia warned', start: 0, end: 13 })).toMatchObject({ code: 'QUOTE_MISMATCH', path: ['quote'], message: expect.stringContaining('start: 28') });
    expect(quoteProblem(text, { quote: 'Russia warned', start: 28, end: 41 })).toBeUndefined();
    expect(locateQuote(text, 'troops')).toEqual({ start: 20, end: 26 });
    expect(locateQuote(text, 'Spain')).toMatchObject({ code: 'QUOTE_NOT_FOUND' });
    expect(locateQuote(text, 'r')).toMatchObject({ code: 'QUOTE_AMBIGUOUS' });
    expect(sourceHashProblem(text, '0'.repeat(64))).toMatchObject({ code: 'SOURCE_HASH_MISMATCH', path: ['sha256'] });
    expect(endpointProblem('MEMBER_OF', 'to', 'state:RUS', 'STATE')).toMatchObject({ code: 'BAD_ENDPOINT', path: ['to'] });
    expect(endpointProblem('REFUSED', 'to', 'state:RUS', 'STATE')).toBeUndefined();
    const quote = { quote: 'q', start: 0, end: 1, attribution: 'reported' as const };
    expect(statementSourceProblem({ evidence: [{ ...quote, sourceId: 'source:a' }, { ...quote, sourceId: 'source:a' }] })).toBeUndefined();
    expect(statementSourceProblem({ evidence: [{ ...quote, sourceId: 'source:a' }, { ...quote, sourceId: 'source:b' }] })).toMatchObject({ code: 'MIXED_SOURCES', path: ['evidence'] });
  });

  it('codes schema problems the same way for every format (not SCHEMA for everything)', () => {
    const codes = (raw: unknown) => {
      const parsed = parseGraphRecord(raw);
      return parsed.ok ? [] : parsed.problems.map((p) => p.code);
    };
    expect(codes(refusal({ firmness: 'sure' }))).toEqual(['BAD_ENUM']);
    expect(codes(refusal({ action: undefined }))).toEqual(['MISSING_FIELD']);
    expect(codes(refusal({ colour: 'red' }))).toEqual(['UNKNOWN_FIELD']);
    expect(codes([1])).toEqual(['BAD_RECORD']);
  });
});

describe('the three front ends agree', () => {
  const mistakes: [string, Record<string, unknown>, string][] = [
    ['a bad enum value', { firmness: 'sure' }, 'BAD_ENUM'],
    ['an unknown field', { colour: 'red' }, 'UNKNOWN_FIELD'],
    ['a quote off its offsets', { evidence: [{ sourceId: 'source:t', quote: 'Russia warned', start: 0, end: 13, attribution: 'reported' }] }, 'QUOTE_MISMATCH'],
    ['an end of the wrong kind', { type: 'MEMBER_OF', action: undefined, firmness: undefined }, 'BAD_ENDPOINT'],
  ];
  for (const [what, over, code] of mistakes) {
    it(`${what}: ${code} from a store batch, a JSON lines file and a dossier`, async () => {
      const batchCodes = await checkBatch({ nodes: [source, italy, rus], relationships: [refusal(over) as never] }, async () => new Map()).then(
        () => [],
        (error: ValidationError) => error.problems.map((p) => p.code),
      );
      expect(batchCodes).toEqual([code]);

      const file = join(tempDir(), 'records.jsonl');
      writeFileSync(file, [source, italy, rus, refusal(over)].map((r) => JSON.stringify(r)).join('\n'));
      const lineCodes = await validateGraphLines(file, new MemoryStore()).then(
        () => [],
        (error: ValidationError) => error.problems.map((p) => `${p.code}@${p.line}`),
      );
      expect(lineCodes).toEqual([`${code}@4`]);

      const { id: _id, evidence, ...fields } = refusal(over);
      const dossier = {
        source: { id: 'source:t', name: 'T', file: 't.txt' },
        relationships: [{ ref: 'r', ...fields, evidence: (evidence as { sourceId?: string }[]).map(({ sourceId: _s, ...e }) => e) }],
      };
      const result = validateDossier({ yamlText: JSON.stringify(dossier, null, 1), sourceText: text, file: 'd.yaml', knownNodes: new Map([italy, rus].map((n) => [n.id, n])) });
      expect(result.problems.map((p) => p.code)).toEqual([code]);
    });
  }
});

// The resolution policy (src/domain/statements.ts), case by case: how a fact's properties and
// validity come out of its statements, on a date and over all time.
import { describe, expect, it } from 'vitest';
import type { Commitment, GraphRelationship, Review, StructuralRelationship } from '../../src/domain/model.ts';
import { deriveFactId, deriveStatementId } from '../../src/domain/relationship-id.ts';
import { asOfOf, factOn, resolve, type Fact, type Statement } from '../../src/domain/statements.ts';
import { isValidOn, overlaps } from '../../src/domain/time.ts';

const fact = deriveFactId({ type: 'MEMBER_OF', from: 'state:PRU', to: 'alliance:holy' });
const evidence = (sourceId: string, quote = 'row') => [{ sourceId, quote, start: 0, end: quote.length, attribution: 'reported' as const }];

function membership(sourceId: string, validFrom: string, validTo?: string): StructuralRelationship {
  return { id: fact, type: 'MEMBER_OF', from: 'state:PRU', to: 'alliance:holy', validFrom, ...(validTo ? { validTo } : {}), evidence: evidence(sourceId, `${validFrom}`) };
}

let counter = 0;
function statement(claim: GraphRelationship, review: Review = { state: 'machine' }, key = String(counter++)): Statement {
  const sourceId = claim.evidence[0]?.sourceId as string;
  return { id: deriveStatementId(sourceId, claim.id, key), sourceId, sourceVersion: 1, review, claim };
}

const pledgeId = deriveFactId({ type: 'PLEDGED', from: 'state:GBR', to: 'initiative:force' });
function pledge(sourceId: string, fields: Partial<Commitment>): Commitment {
  return { id: pledgeId, type: 'PLEDGED', from: 'state:GBR', to: 'initiative:force', action: 'send troops', firmness: 'firm', conditions: [], unresolved: [], statedBy: [], evidence: evidence(sourceId), ...fields };
}

describe('resolve', () => {
  it('holds in the union of its statements\' intervals, never in the gap between two phases', () => {
    const resolved = resolve([statement(membership('source:atop', '1815-09-26', '1848-12-31')), statement(membership('source:atop', '1850-05-01', '1866-08-23'))]);
    expect(resolved?.spans).toEqual([{ from: '1815-09-26', to: '1848-12-31' }, { from: '1850-05-01', to: '1866-08-23' }]);
    expect(isValidOn(resolved as never, '1849-06-01')).toBe(false);
    expect(isValidOn(resolved as never, '1816')).toBe(true);
    expect(isValidOn(resolved as never, '1860')).toBe(true);
    expect(overlaps(resolved as never, { validFrom: '1849-01-01', validTo: '1849-12-31' })).toBe(false);
    expect(resolved?.disagreements).toEqual([]); // phases of one source complement each other
  });

  it('merges overlapping and adjacent intervals, and lists the sources\' date disagreement', () => {
    const atop = statement(membership('source:atop', '1949-08-24'));
    const cow = statement(membership('source:cow', '1949-04-04'));
    const resolved = resolve([atop, cow]);
    expect(resolved?.spans).toEqual([{ from: '1949-04-04' }]);
    expect(resolved?.sourceCount).toBe(2);
    expect(resolved?.validFrom).toBe('1949-04-04');
    expect(resolved?.disagreements).toEqual([{ property: 'validFrom', values: ['"1949-04-04"', '"1949-08-24"'], statements: [atop.id, cow.id].sort() }]);
  });

  it('lets the latest statement win for firmness and status, and unions conditions and speakers', () => {
    const early = statement(pledge('source:a', { statedAt: '2026-01-06', firmness: 'hedged', conditions: ['condition:ceasefire'], statedBy: ['person:a'] }));
    const late = statement(pledge('source:b', { statedAt: '2026-02-10', firmness: 'firm', status: 'committed', conditions: ['condition:consent'], statedBy: ['person:b'] }));
    const resolved = resolve([late, early]) as Commitment;
    expect(resolved.firmness).toBe('firm');
    expect(resolved.status).toBe('committed');
    expect(resolved.conditions.sort()).toEqual(['condition:ceasefire', 'condition:consent']);
    expect(resolved.statedBy.sort()).toEqual(['person:a', 'person:b']);
    expect(resolved.statedAt).toBe('2026-01-06'); // first stated then
    expect(resolved.evidence.map((e) => e.sourceId).sort()).toEqual(['source:a', 'source:b']);
  });

  it('puts a reviewed statement before a later machine-written one', () => {
    const reviewed = statement(pledge('source:a', { statedAt: '2026-01-06', firmness: 'hedged' }), { state: 'reviewed', by: 'ana', at: '2026-11-29' });
    const machine = statement(pledge('source:b', { statedAt: '2026-03-01', firmness: 'firm' }));
    expect((resolve([machine, reviewed]) as Commitment).firmness).toBe('hedged');
  });

  it('does not count a disputed statement, and keeps a fact that has only disputed ones without spans or sources', () => {
    const good = statement(pledge('source:a', { statedAt: '2026-01-06', firmness: 'hedged' }));
    const disputed = statement(pledge('source:b', { statedAt: '2026-03-01', firmness: 'firm' }), { state: 'disputed', by: 'ana', note: 'misread' });
    const both = resolve([good, disputed]) as Commitment & { sourceCount: number; disputed: boolean };
    expect(both.firmness).toBe('hedged');
    expect(both.sourceCount).toBe(1);
    expect(both.disputed).toBe(true);
    const only = resolve([disputed]);
    expect(only?.sourceCount).toBe(0);
    expect(only?.spans).toEqual([]);
    expect(isValidOn(only as never, '2026-06-01')).toBe(false);
    expect(resolve([disputed], '2026-06-01')).toBeUndefined();
  });

  it('ends every interval at a withdrawal\'s date when the winning statement withdraws the commitment', () => {
    const made = statement(pledge('source:a', { statedAt: '2026-01-06' }));
    const withdrawn = statement(pledge('source:b', { statedAt: '2026-03-01', status: 'withdrawn', validTo: '2026-03-15' }));
    const resolved = resolve([made, withdrawn]);
    expect(resolved?.spans).toEqual([{ from: '2026-01-06', to: '2026-03-15' }]);
    expect(isValidOn(resolved as never, '2026-04-01')).toBe(false);
    expect(isValidOn(resolved as never, '2026-02-01')).toBe(true);
  });

  it('resolves on a date from the statements valid then', () => {
    const early = statement(pledge('source:a', { statedAt: '2026-01-06', firmness: 'hedged', validTo: '2026-01-31' }));
    const late = statement(pledge('source:b', { statedAt: '2026-02-10', firmness: 'firm' }));
    expect((resolve([early, late], '2026-01-20') as Commitment).firmness).toBe('hedged');
    expect((resolve([early, late], '2026-02-20') as Commitment).firmness).toBe('firm');
    expect(resolve([early, late], '2025-12-01')).toBeUndefined();
    expect(resolve([early, late], '2026-01-20')?.sourceCount).toBe(1);
  });

  it('on a date, cites only the statements valid then: evidence, statements, disagreements and sourceCount (issue "Nothing lost", row 8)', () => {
    const september = statement(pledge('source:sep', { statedAt: '2025-09-15', firmness: 'hedged', evidence: evidence('source:sep', 'September') }));
    const january = [
      statement(pledge('source:jan-a', { statedAt: '2026-01-06', firmness: 'firm', evidence: evidence('source:jan-a', 'January A') })),
      statement(pledge('source:jan-b', { statedAt: '2026-01-07', firmness: 'firm', evidence: evidence('source:jan-b', 'January B') })),
    ];
    const whole = resolve([september, ...january]) as Fact;
    expect(whole.disagreements.map((d) => d.property).sort()).toEqual(['firmness', 'statedAt']);
    const october = resolve([september, ...january], '2025-10-01') as Commitment & Fact;
    expect(october.firmness).toBe('hedged');
    expect(october.evidence.map((e) => e.quote)).toEqual(['September']);
    expect(october.statements.map((s) => s.id)).toEqual([september.id]);
    expect(october.statementSpans.map((s) => s.statement)).toEqual([september.id]);
    expect(october.sourceCount).toBe(1);
    expect(october.disagreements).toEqual([]);
    const february = resolve([september, ...january], '2026-02-01') as Fact;
    expect(february.evidence.map((e) => e.quote).sort()).toEqual(['January A', 'January B', 'September']);
    expect(february.statements).toHaveLength(3);
    expect(february.sourceCount).toBe(3);
    expect(february.disagreements.map((d) => d.property)).toContain('firmness');
  });

  it('factOn keeps a day only disputed statements assert (sourceCount 0) and marks the fact with its day', () => {
    const disputed = statement(pledge('source:a', { statedAt: '2026-01-06' }), { state: 'disputed', note: 'misread' });
    const later = statement(pledge('source:b', { statedAt: '2026-03-01' }));
    const whole = resolve([disputed, later]) as Fact;
    const january = factOn(whole, '2026-01-20') as Fact;
    expect(january.sourceCount).toBe(0);
    expect(january.disputed).toBe(true);
    expect(january.statements.map((s) => s.id)).toEqual([disputed.id]);
    expect(asOfOf(january)).toBe('2026-01-20');
    expect(asOfOf(whole)).toBeUndefined();
    expect(factOn(whole, '2025-12-01')).toBeUndefined();
    expect(resolve([disputed, later], '2026-01-20')).toBeUndefined();
  });

  it('does not depend on the order statements come in', () => {
    const a = statement(pledge('source:a', { statedAt: '2026-01-06', firmness: 'hedged' }));
    const b = statement(pledge('source:b', { statedAt: '2026-01-06', firmness: 'firm' }));
    expect(resolve([a, b])).toEqual(resolve([b, a]));
  });
});

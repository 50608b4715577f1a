// The resolution policy (src/domain/statements.ts), case by case: how a fact's properties and
// validity come out of its statements, on a date and over all time.
import { describe, expect, it } from 'vitest';
import type { Commitment, GraphRelationship, Review, StructuralRelationship } from '../../src/domain/model.ts';
import { deriveFactId, deriveStatementId } from '../../src/domain/relationship-id.ts';
import { resolve, type Statement } from '../../src/domain/statements.ts';
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

  it('does not depend on the order statements come in', () => {
    const a = statement(pledge('source:a', { statedAt: '2026-01-06', firmness: 'hedged' }));
    const b = statement(pledge('source:b', { statedAt: '2026-01-06', firmness: 'firm' }));
    expect(resolve([a, b])).toEqual(resolve([b, a]));
  });
});

// The grading rules in the domain: a derived credibility 1 needs a counting statement of another
// outlet, and preferGraded ranks 6 and F with ungraded ("cannot be judged" gives no preference).
import { describe, expect, it } from 'vitest';
import type { GraphRelationship, Review } from '../../src/domain/model.ts';
import { byGradedPrecedence, credibilityOf, resolve, resolveGraded, type Fact, type Statement } from '../../src/domain/statements.ts';

const claim = (firmness: string) => ({ id: 'rel:00000000000000000001', type: 'PLEDGED', from: 'state:GBR', to: 'state:UKR', action: 'send troops', firmness, conditions: [], unresolved: [], statedBy: [], evidence: [{ sourceId: 'x', quote: 'q', start: 0, end: 1, attribution: 'reported' }] }) as GraphRelationship;
const statement = (id: string, sourceId: string, review: Partial<Review>, firmness = 'firm'): Statement => ({ id, sourceId, sourceVersion: 1, review: { state: 'machine', ...review }, claim: claim(firmness) });
const outlets: Record<string, string> = { 'source:a': 'wire', 'source:b': 'agency', 'source:c': 'wire' };
const outletOf = (id: string) => outlets[id];

describe('credibilityOf', () => {
  it('keeps a given grade, derives 1 only from another outlet\'s counting statement, and never from one of the same outlet', () => {
    const a = statement('stmt:a', 'source:a', {});
    const sameOutlet = statement('stmt:c', 'source:c', {});
    expect(credibilityOf(a, { statements: [a, sameOutlet] }, outletOf)).toEqual({ credibility: null, derived: false });
    const other = statement('stmt:b', 'source:b', {});
    expect(credibilityOf(a, { statements: [a, other] }, outletOf)).toEqual({ credibility: 1, derived: true });
    expect(credibilityOf(a, { statements: [a, { ...other, review: { state: 'disputed', note: 'wrong' } }] }, outletOf)).toEqual({ credibility: null, derived: false });
    const graded = statement('stmt:a', 'source:a', { credibility: 4 });
    expect(credibilityOf(graded, { statements: [graded, other] }, outletOf)).toEqual({ credibility: 4, derived: false });
    expect(credibilityOf(a, { statements: [a, statement('stmt:n', 'source:none', {})] }, outletOf), 'a source without an outlet corroborates nothing').toEqual({ credibility: null, derived: false });
  });
});

describe('preferGraded', () => {
  it('puts a graded 1–5 first, ranks 6 and F with ungraded, and leaves plain resolution alone', () => {
    const later = { ...statement('stmt:b', 'source:b', {}, 'hedged'), claim: { ...claim('hedged'), statedAt: '2026-02-01' } as GraphRelationship };
    const graded = statement('stmt:a', 'source:a', { credibility: 5 }, 'firm');
    const firmness = (fact: Fact | undefined) => (fact as { firmness?: string } | undefined)?.firmness;
    const fact = resolve([graded, later]) as Fact;
    expect(firmness(fact)).toBe('hedged');
    expect(firmness(resolveGraded(fact, { preferGraded: true }))).toBe('firm');
    const cannotJudge = { ...graded, review: { state: 'machine' as const, credibility: 6 } };
    expect(firmness(resolveGraded(resolve([cannotJudge, later]) as Fact, { preferGraded: true })), '6 is no preference: latest wins').toBe('hedged');
    const order = byGradedPrecedence({ preferGraded: true, reliabilityOf: (id) => (id === 'source:a' ? 'F' : 'E') });
    expect([statement('stmt:a', 'source:a', {}), statement('stmt:b', 'source:b', {})].sort(order).map((s) => s.id), 'E before F: F gives no preference').toEqual(['stmt:b', 'stmt:a']);
  });
});

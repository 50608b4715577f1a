// The statement planner (src/store/statement-plan.ts), without a store: what a load does to
// statements, facts and source versions, a rule a test, over lookups answered from plain lists.
import { describe, expect, it } from 'vitest';
import type { Commitment, GraphBatch, GraphNode, GraphRelationship } from '../../src/domain/model.ts';
import { planStatements } from '../../src/store/statement-plan.ts';
import { leads, refusal, storedOf } from '../support/claims.ts';

const now = '2026-11-29T00:00:00.000Z';
const later = '2026-11-30T00:00:00.000Z';
const texts = new Map([['source:a', 'text a'], ['source:b', 'text b']]);
/** A second claim of source A, about another fact. */
const pledge: Commitment = { ...refusal, id: 'rel:00000000000000000003', type: 'PLEDGED', action: 'send ships' };

/** What a first load of `records` into an empty store planned, and the lookups that store answers after it. */
async function storedAfterLoading(records: GraphRelationship[]) {
  const first = await planStatements({ nodes: [], relationships: records }, texts, storedOf(), now);
  return { first, stored: storedOf(first.created, first.versions) };
}

/** Source A as a complete batch that states nothing any more. */
function emptiedSourceA(sha256: string): GraphBatch {
  const source: GraphNode = { id: 'source:a', kind: 'SOURCE', name: 'A', aliases: [], text: 'text a', sha256 };
  return { nodes: [source], relationships: [], complete: true };
}

describe('the statement planner', () => {
  it('makes a first version of each source a load names, with its text and every statement it asserts', async () => {
    const { first: plan } = await storedAfterLoading([refusal, leads]);
    expect(plan.counts).toEqual({ statementsAdded: 2, statementsChanged: 0, statementsRemoved: 0 });
    expect(plan.created.map((f) => f.id).sort()).toEqual([refusal.id, leads.id]);
    expect(plan.versions.map((v) => [v.sourceId, v.version, v.text, v.loadedAt, v.statements.length])).toEqual([
      ['source:a', 1, 'text a', now, 1],
      ['source:b', 1, 'text b', now, 1],
    ]);
  });

  it('plans nothing for a load equal to what is stored', async () => {
    const { stored } = await storedAfterLoading([refusal]);
    const plan = await planStatements({ nodes: [], relationships: [refusal] }, texts, stored, later);
    expect(plan).toMatchObject({ created: [], updated: [], removed: [], versions: [], unchangedFacts: 1 });
    expect(plan.counts).toEqual({ statementsAdded: 0, statementsChanged: 0, statementsRemoved: 0 });
  });

  it('keeps the review and version of a statement whose quotes only moved (the text changed elsewhere)', async () => {
    const reviewed = { ...refusal, review: { state: 'reviewed' as const, by: 'ana' } };
    const first = await planStatements({ nodes: [], relationships: [reviewed] }, texts, storedOf(), now);
    const shifted = { ...refusal, evidence: refusal.evidence.map((e) => ({ ...e, start: e.start + 10, end: e.end + 10 })) };
    const plan = await planStatements({ nodes: [], relationships: [shifted], complete: true }, new Map([['source:a', 'new text a']]), storedOf(first.created, first.versions), now);
    expect(plan.counts).toEqual({ statementsAdded: 0, statementsChanged: 0, statementsRemoved: 0 });
    const [statement] = plan.updated[0]?.statements ?? [];
    expect(statement).toMatchObject({ review: { state: 'reviewed', by: 'ana' }, sourceVersion: 1, claim: { evidence: [{ start: 10 }, { start: 50 }] } });
    expect(plan.versions.map((v) => v.version)).toEqual([2]);
  });

  it('refuses a complete batch that takes away every statement of its source unless the load allows the shrink', async () => {
    const { first, stored } = await storedAfterLoading([refusal]);
    const batch = emptiedSourceA(first.versions[0]?.sha256 as string);
    await expect(planStatements(batch, texts, stored, now)).rejects.toMatchObject({ code: 'SOURCE_SHRINK' });
    const plan = await planStatements(batch, texts, stored, later, { allowShrink: true });
    expect(plan.removed).toEqual([refusal.id]);
    expect(plan.counts.statementsRemoved).toBe(1);
    expect(plan.versions.map((v) => [v.version, v.statements.length])).toEqual([[2, 0]]);
  });

  it('amends the latest version for an additive batch with the same text, and makes a new version for new text', async () => {
    const { stored } = await storedAfterLoading([refusal]);
    const amended = await planStatements({ nodes: [], relationships: [pledge] }, texts, stored, later);
    expect(amended.versions.map((v) => [v.version, v.loadedAt, v.statements.length])).toEqual([[1, now, 2]]);
    const revised = await planStatements({ nodes: [], relationships: [pledge] }, new Map([['source:a', 'new text a']]), stored, later);
    expect(revised.versions.map((v) => [v.version, v.loadedAt, v.statements.length])).toEqual([[2, later, 2]]);
  });

  it('unloads a source: every statement goes, with no new version and no shrink guard', async () => {
    const { stored } = await storedAfterLoading([refusal, pledge]);
    const plan = await planStatements({ nodes: [], relationships: [] }, texts, stored, later, { unload: ['source:a'] });
    expect(plan.removed.sort()).toEqual([refusal.id, pledge.id].sort());
    expect(plan.counts.statementsRemoved).toBe(2);
    expect(plan.versions).toEqual([]);
  });
});

// The Neo4j upsert planner (src/store/neo4j/upsert-plan.ts), without a database: the rows it
// writes and the report it gives over a statement plan (whose own rules statement-plan.test.ts holds).
import { describe, expect, it } from 'vitest';
import type { GraphNode } from '../../src/domain/model.ts';
import { planStatements } from '../../src/store/statement-plan.ts';
import { planUpsert } from '../../src/store/neo4j/upsert-plan.ts';
import { force, italy, leads, refusal, refusalFact, storedOf } from '../support/claims.ts';

describe('the Neo4j upsert planner', () => {
  const now = '2026-11-29T00:00:00.000Z';
  const texts = new Map([['source:a', 'text a'], ['source:b', 'text b']]);

  it('creates what is new, grouped by type, and counts every record', async () => {
    const batch = { nodes: [italy, force], relationships: [refusal, leads] };
    const statements = await planStatements(batch, texts, storedOf(), now);
    const plan = planUpsert(batch, new Map(), statements, new Map());
    expect(plan.report).toMatchObject({ nodesCreated: 2, relationshipsCreated: 2, relationshipsUpdated: 0, statementsAdded: 2, versionsAdded: 2 });
    expect(plan.nodeRows.map((r) => r.labels)).toEqual([['State', 'Actor'], ['Initiative']]);
    expect([...plan.created.keys()].sort()).toEqual(['LEADS', 'REFUSED']);
    expect(plan.versionRows.map((r) => r.key).sort()).toEqual(['source:a@1', 'source:b@1']);
    expect(plan.updated.size).toBe(0);
    expect(plan.unchanged).toBe(0);
    expect(plan.changed).toBe(true);
  });

  it('writes nothing for a batch equal to what is stored', async () => {
    const batch = { nodes: [italy], relationships: [refusal] };
    const first = await planStatements(batch, texts, storedOf(), now);
    const statements = await planStatements(batch, texts, storedOf(first.created, first.versions), now);
    const plan = planUpsert(batch, new Map([[italy.id, italy]]), statements, new Map());
    expect(plan.nodeRows).toEqual([]);
    expect(plan.created.size + plan.updated.size + plan.removed.size + plan.versionRows.length).toBe(0);
    expect(plan.unchanged).toBe(2);
    expect(plan.changed).toBe(false);
    expect(plan.report).toMatchObject({ nodesUnchanged: 1, relationshipsUnchanged: 1, createdIds: [] });
  });

  it('merges aliases onto a stored node and updates the fact of a changed statement in place', async () => {
    const stored = { ...italy, aliases: ['Italia'] };
    const first = await planStatements({ nodes: [], relationships: [refusal] }, texts, storedOf(), now);
    const changed = { ...refusal, firmness: 'hedged' as const };
    const batch = { nodes: [italy], relationships: [changed] };
    const statements = await planStatements(batch, texts, storedOf(first.created, first.versions), now);
    const plan = planUpsert(batch, new Map([[italy.id, stored]]), statements, new Map());
    expect(plan.nodeRows[0]?.props.aliases).toEqual(['Italia', 'Italian']);
    expect(plan.updated.get('REFUSED')?.map((r) => r.props.firmness)).toEqual(['hedged']);
    expect(plan.report).toMatchObject({ nodesUpdated: 1, relationshipsUpdated: 1, statementsChanged: 1, versionsAdded: 1 });
  });

  it('removes, by its ends, a fact whose last statement a complete batch no longer makes', async () => {
    const first = await planStatements({ nodes: [], relationships: [refusal] }, texts, storedOf(), now);
    const source: GraphNode = { id: 'source:a', kind: 'SOURCE', name: 'A', aliases: [], text: 'text a', sha256: first.versions[0]?.sha256 as string };
    const batch = { nodes: [source], relationships: [], complete: true };
    // Its only statement goes: the source is emptied, which a load must allow (statement-plan.test.ts).
    const statements = await planStatements(batch, texts, storedOf(first.created, first.versions), now, { allowShrink: true });
    const plan = planUpsert(batch, new Map([[source.id, source]]), statements, new Map([[refusalFact.id, refusalFact]]));
    expect(plan.removed.get('REFUSED')).toEqual([{ id: refusal.id, from: refusal.from, to: refusal.to, props: {} }]);
    expect(plan.report).toMatchObject({ relationshipsRemoved: 1, statementsRemoved: 1, versionsAdded: 1 });
  });
});

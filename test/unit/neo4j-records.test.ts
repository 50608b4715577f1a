// The Neo4j adapter's pure parts, without a database: record conversion both ways, filter
// parameters, and the upsert planner's rows and report.
import { describe, expect, it } from 'vitest';
import neo4j from 'neo4j-driver';
import type { Commitment, GraphNode, GraphRelationship, StructuralRelationship } from '../../src/domain/model.ts';
import { fromNeo4j, hasStaleDerivedProps, labelsOf, nodeFilterParams, relationshipFilterParams, relationshipFromRow, toRelationshipProps } from '../../src/store/neo4j/records.ts';
import { planUpsert, relationshipsThatMayExist } from '../../src/store/neo4j/upsert-plan.ts';

const italy: GraphNode = { id: 'state:ITA', kind: 'STATE', name: 'Italy', aliases: ['Italian'] };
const force: GraphNode = { id: 'initiative:force', kind: 'INITIATIVE', name: 'The force', aliases: [] };
const refusal: Commitment = {
  id: 'rel:00000000000000000001',
  type: 'REFUSED',
  from: 'state:ITA',
  to: 'initiative:force',
  action: 'send troops',
  firmness: 'firm',
  conditions: [],
  unresolved: [],
  statedBy: [],
  validFrom: '2026-01',
  evidence: [
    { sourceId: 'source:a', quote: 'Italy will not send troops', start: 0, end: 26, attribution: 'reported' },
    { sourceId: 'source:a', quote: 'no troops', start: 40, end: 49, attribution: 'paraphrase' },
  ],
};
const leads: StructuralRelationship = {
  id: 'rel:00000000000000000002',
  type: 'LEADS',
  from: 'state:ITA',
  to: 'initiative:force',
  role: 'host',
  evidence: [{ sourceId: 'source:b', quote: 'hosts', start: 1, end: 6, attribution: 'direct_quote' }],
};

describe('record conversion', () => {
  it('stores evidence as JSON with derived lists and days, and reads the same record back', () => {
    const props = toRelationshipProps(refusal);
    expect(props).toMatchObject({ quotes: ['Italy will not send troops', 'no troops'], sourceIds: ['source:a'], validFromDay: '2026-01-01' });
    expect(props).not.toHaveProperty('validToDay');
    expect(props).not.toHaveProperty('from');
    expect(typeof props.evidence).toBe('string');
    expect(relationshipFromRow({ rel: props, type: 'REFUSED', from: 'state:ITA', to: 'initiative:force' })).toEqual(refusal);
  });

  it('labels actors as Actor too, and converts driver integers at the boundary', () => {
    expect(labelsOf('STATE')).toEqual(['State', 'Actor']);
    expect(labelsOf('CONDITION')).toEqual(['Condition']);
    expect(fromNeo4j({ count: neo4j.int(7), list: [neo4j.int(1), 'x'] })).toEqual({ count: 7, list: [1, 'x'] });
  });

  it('turns empty filter lists into null (no constraint) and pads partial dates', () => {
    const params = relationshipFilterParams({ types: [], from: ['state:ITA'], asOf: '2026-02', text: 'TROOPS' });
    expect(params).toMatchObject({ types: null, from: ['state:ITA'], to: null, asOf: '2026-02-01', text: 'troops' });
    expect(nodeFilterParams({})).toEqual({ kinds: null });
  });
});

describe('the upsert planner', () => {
  it('creates what is new, grouped by type, and counts every record', () => {
    const plan = planUpsert({ nodes: [italy, force], relationships: [refusal, leads] }, new Map(), new Map());
    expect(plan.report).toMatchObject({ nodesCreated: 2, relationshipsCreated: 2, relationshipsUpdated: 0 });
    expect(plan.nodeRows.map((r) => r.labels)).toEqual([['State', 'Actor'], ['Initiative']]);
    expect([...plan.created.keys()].sort()).toEqual(['LEADS', 'REFUSED']);
    expect(plan.updated.size).toBe(0);
    expect(plan.unchanged).toBe(0);
    expect(plan.changed).toBe(true);
  });

  it('writes nothing for a batch equal to what is stored', () => {
    const plan = planUpsert({ nodes: [italy], relationships: [refusal] }, new Map([[italy.id, italy]]), new Map([[refusal.id, refusal]]));
    expect(plan.nodeRows).toEqual([]);
    expect(plan.created.size + plan.updated.size).toBe(0);
    expect(plan.unchanged).toBe(2);
    expect(plan.changed).toBe(false);
    expect(plan.report).toMatchObject({ nodesUnchanged: 1, relationshipsUnchanged: 1, createdIds: [] });
  });

  it('merges aliases onto a stored node and updates a changed relationship in place', () => {
    const stored = { ...italy, aliases: ['Italia'] };
    const changed = { ...refusal, firmness: 'hedged' as const };
    const plan = planUpsert({ nodes: [italy], relationships: [changed] }, new Map([[italy.id, stored]]), new Map<string, GraphRelationship>([[refusal.id, refusal]]));
    expect(plan.nodeRows[0]?.props.aliases).toEqual(['Italia', 'Italian']);
    expect(plan.updated.get('REFUSED')?.map((r) => r.props.firmness)).toEqual(['hedged']);
    expect(plan.report).toMatchObject({ nodesUpdated: 1, relationshipsUpdated: 1 });
  });

  it('rewrites a relationship whose stored derived properties an older version computed, even when its record is unchanged', () => {
    const olderProps = { ...toRelationshipProps(refusal), validFromDay: undefined };
    expect(hasStaleDerivedProps(toRelationshipProps(refusal), refusal)).toBe(false);
    expect(hasStaleDerivedProps(olderProps, refusal)).toBe(true);
    const plan = planUpsert({ nodes: [], relationships: [refusal] }, new Map(), new Map([[refusal.id, refusal]]), new Set([refusal.id]));
    expect(plan.updated.get('REFUSED')).toHaveLength(1);
    expect(plan.report).toMatchObject({ relationshipsUpdated: 1, relationshipsUnchanged: 0, createdIds: [] });
  });

  it('looks up only relationships whose two ends were stored before the batch', () => {
    const batch = { nodes: [force], relationships: [refusal, leads] };
    expect(relationshipsThatMayExist(batch, new Set())).toEqual([]);
    expect(relationshipsThatMayExist(batch, new Set(['initiative:force'])).map((r) => r.id)).toEqual([refusal.id, leads.id]);
    expect(relationshipsThatMayExist({ nodes: [], relationships: [refusal] }, new Set()).map((r) => r.id)).toEqual([refusal.id]);
  });
});

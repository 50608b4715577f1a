// The rules of time, inherited conditions and tensions, each on a small graph of its own.
import { describe, expect, it } from 'vitest';
import { buildGraph, type CommitmentGraph } from '../../src/analysis/graph-view.ts';
import { findTensions } from '../../src/analysis/tensions.ts';
import { buildConditionIndex, gatesOf } from '../../src/domain/conditions.ts';
import type { Commitment, GraphNode, GraphRelationship, StructuralRelationship } from '../../src/domain/model.ts';
import { datingProblems } from '../../src/domain/rules.ts';
import { dayInterval, isValidOn, overlaps, validity } from '../../src/domain/time.ts';
import { buildSnapshot } from '../../src/store/common.ts';
import { factsFromClaims } from '../../src/domain/statements.ts';

const evidence = [{ sourceId: 'source:t', quote: 'q', start: 0, end: 1, attribution: 'reported' as const }];
let counter = 0;
const id = () => `rel:${String(++counter).padStart(20, '0')}`;
const node = (nodeId: string, extra: Record<string, unknown> = {}): GraphNode => {
  const kind = nodeId.startsWith('state:') ? 'STATE' : nodeId.startsWith('alliance:') ? 'ALLIANCE' : nodeId.startsWith('condition:') ? 'CONDITION' : 'INITIATIVE';
  return { id: nodeId, kind, name: nodeId.split(':')[1] ?? nodeId, aliases: [], ...(kind === 'CONDITION' ? { conditionKind: 'ceasefire_in_force' } : {}), ...extra } as GraphNode;
};
const commitment = (type: Commitment['type'], from: string, to: string, extra: Partial<Commitment> = {}): Commitment => ({
  id: id(), type, from, to, action: `${type.toLowerCase()} ${to}`, firmness: 'firm', conditions: [], unresolved: [], statedBy: [], statedAt: '2026-01-06', evidence, ...extra,
});
const structural = (type: StructuralRelationship['type'], from: string, to: string, extra: Partial<StructuralRelationship> = {}): StructuralRelationship => ({ id: id(), type, from, to, evidence, ...extra });
function graphOf(nodes: GraphNode[], relationships: GraphRelationship[]): CommitmentGraph {
  return buildGraph(buildSnapshot(nodes, factsFromClaims(relationships)));
}
const kinds = (graph: CommitmentGraph, asOf?: string) => findTensions(graph, { asOf }).map((t) => t.kind);

describe('time', () => {
  it('reads plain and EDTF dates as intervals of days', () => {
    expect(dayInterval('2026')).toEqual({ start: '2026-01-01', end: '2026-12-31' });
    expect(dayInterval('2025-12~')).toEqual({ start: '2025-12-01', end: '2025-12-31' });
    expect(dayInterval('2026-01/2026-03')).toEqual({ start: '2026-01-01', end: '2026-03-31' });
    expect(dayInterval('2026-02-30')).toBeUndefined();
    expect(dayInterval('by end-2025')).toBeUndefined();
  });

  it('holds a commitment from validFrom, else statedAt, until validTo; compares intervals, not strings', () => {
    const stated = { statedAt: '2026-01-06' };
    expect(isValidOn(stated, '2026-01-05')).toBe(false);
    expect(isValidOn(stated, '2026-01-06')).toBe(true);
    expect(isValidOn({ statedAt: '2026-01-06', validFrom: '2025-06' }, '2025-06-01')).toBe(true);
    // "by end-2025 … early 2026": uncertain bounds count from their first possible day to their last.
    const uncertain = { validFrom: '2025-12~', validTo: '2026-01/2026-03' };
    expect(validity(uncertain)).toEqual({ from: '2025-12-01', to: '2026-03-31' });
    expect(isValidOn(uncertain, '2026-03-31')).toBe(true);
    expect(isValidOn(uncertain, '2026-04')).toBe(false);
    expect(overlaps({ statedAt: '2025-09', validTo: '2025-12' }, { statedAt: '2026-01-06' })).toBe(false);
    expect(overlaps({ statedAt: '2025-09' }, { statedAt: '2026-01-06' })).toBe(true);
  });

  it('refuses a withdrawal without an end, and an end before the start', () => {
    expect(datingProblems({ status: 'withdrawn', statedAt: '2026-01' }).map((p) => p.code)).toEqual(['WITHDRAWN_WITHOUT_END']);
    expect(datingProblems({ statedAt: '2026-02', validTo: '2026-01' }).map((p) => p.code)).toEqual(['BAD_DATE_RANGE']);
    expect(datingProblems({ status: 'withdrawn', statedAt: '2026-01', validTo: '2026-03~' })).toEqual([]);
  });
});

describe('inherited conditions', () => {
  it('a pledge inherits what its object and what that is PART_OF are CONDITIONAL_ON; refusals and warnings inherit nothing', () => {
    const rels = [
      structural('PART_OF', 'initiative:hubs', 'initiative:force'),
      structural('CONDITIONAL_ON', 'initiative:force', 'condition:ceasefire'),
      structural('CONDITIONAL_ON', 'initiative:hubs', 'condition:site'),
    ];
    const index = buildConditionIndex(rels);
    const pledge = commitment('PLEDGED', 'state:GBR', 'initiative:hubs', { conditions: ['condition:own'] });
    expect(gatesOf(pledge, index)).toEqual([
      { condition: 'condition:own' },
      { condition: 'condition:site', inheritedFrom: 'initiative:hubs' },
      { condition: 'condition:ceasefire', inheritedFrom: 'initiative:force' },
    ]);
    expect(gatesOf(commitment('REFUSED', 'state:ITA', 'initiative:hubs'), index)).toEqual([]);
  });
});

describe('tensions, one rule at a time', () => {
  const consent = node('condition:consent', { conditionKind: 'consent_of', subject: 'state:RUS' });
  const base = [node('state:GBR'), node('state:FRA'), node('state:DEU'), node('state:ITA'), node('state:RUS'), node('initiative:force'), node('alliance:coalition'), consent, node('condition:ceasefire')];

  it('CONSENT_OPPOSED: a pledge gated (here by inheritance) by the consent of an actor who warned against the same object', () => {
    const rels = [commitment('PLEDGED', 'state:GBR', 'initiative:force'), structural('CONDITIONAL_ON', 'initiative:force', 'condition:consent'), commitment('WARNED', 'state:RUS', 'initiative:force')];
    expect(kinds(graphOf(base, rels))).toEqual(['CONSENT_OPPOSED']);
    // A warning that ended before the pledge was made does not collide.
    const old = [rels[0] as GraphRelationship, rels[1] as GraphRelationship, commitment('WARNED', 'state:RUS', 'initiative:force', { statedAt: '2025-09', validTo: '2025-10' })];
    expect(kinds(graphOf(base, old))).toEqual([]);
  });

  it('CONDITION_REFUSED: a pledge gated by a condition someone refused, only while both hold', () => {
    const pledge = commitment('PLEDGED', 'state:GBR', 'initiative:force', { conditions: ['condition:ceasefire'], firmness: 'conditional' });
    const refusal = commitment('REFUSED', 'state:RUS', 'condition:ceasefire', { statedAt: '2025-09' });
    const graph = graphOf(base, [pledge, refusal]);
    expect(kinds(graph)).toEqual(['CONDITION_REFUSED']);
    expect(kinds(graph, '2025-12-31')).toEqual([]); // the pledge did not exist yet
    expect(kinds(graph, '2026-01-06')).toEqual(['CONDITION_REFUSED']);
    const ended = commitment('REFUSED', 'state:RUS', 'condition:ceasefire', { statedAt: '2025-09', validTo: '2025-12' });
    expect(kinds(graphOf(base, [pledge, ended]))).toEqual([]);
  });

  it('PLEDGED_AND_REFUSED: one actor both pledged and refused on the same object', () => {
    expect(kinds(graphOf(base, [commitment('PLEDGED', 'state:DEU', 'initiative:force'), commitment('REFUSED', 'state:DEU', 'initiative:force')]))).toEqual(['PLEDGED_AND_REFUSED']);
  });

  it('MEMBER_REFUSES: a member refuses what fellow members pledged, while the memberships hold', () => {
    const rels = [
      structural('MEMBER_OF', 'state:ITA', 'alliance:coalition'),
      structural('MEMBER_OF', 'state:GBR', 'alliance:coalition'),
      commitment('REFUSED', 'state:ITA', 'initiative:force'),
      commitment('PLEDGED', 'state:GBR', 'initiative:force'),
    ];
    expect(kinds(graphOf(base, rels))).toEqual(['MEMBER_REFUSES']);
    const left = [structural('MEMBER_OF', 'state:ITA', 'alliance:coalition', { validTo: '2025-06' }), ...rels.slice(1)];
    expect(kinds(graphOf(base, left))).toEqual([]);
  });

  it('names at most 10 partners in a tension and says how many more there are (around a hub, not the square of it)', () => {
    const states = Array.from({ length: 13 }, (_, i) => `state:S${String(i).padStart(2, '0')}`);
    const firm = states.slice(1).map((s) => commitment('PLEDGED', s, 'initiative:force', { firmness: 'firm' }));
    const hedged = commitment('PLEDGED', states[0] as string, 'initiative:force', { firmness: 'hedged' });
    const refusalsOfOwn = [commitment('PLEDGED', 'state:DEU', 'initiative:force', { firmness: 'hedged', action: 'a' }), commitment('REFUSED', 'state:DEU', 'initiative:force')];
    const graph = graphOf([...base, ...states.map((s) => node(s))], [hedged, ...firm, ...refusalsOfOwn]);
    const tensions = findTensions(graph, {});
    const beside = tensions.find((t) => t.kind === 'HEDGED_VS_FIRM' && t.relationships[0]?.id === hedged.id);
    expect(beside?.relationships).toHaveLength(11);
    expect(beside?.explanation).toMatch(/ and 2 more committed firmly to force$/);
    // One tension per refusal, naming the pledges it contradicts.
    expect(tensions.filter((t) => t.kind === 'PLEDGED_AND_REFUSED').map((t) => t.relationships.map((r) => r.type))).toEqual([['PLEDGED', 'REFUSED']]);
  });

  it('HEDGED_VS_FIRM: a hedged pledge beside firm ones; conditional ones do not count', () => {
    const hedged = commitment('PLEDGED', 'state:DEU', 'initiative:force', { firmness: 'hedged' });
    expect(kinds(graphOf(base, [hedged, commitment('PLEDGED', 'state:GBR', 'initiative:force', { firmness: 'firm' })]))).toEqual(['HEDGED_VS_FIRM']);
    expect(kinds(graphOf(base, [hedged, commitment('PLEDGED', 'state:GBR', 'initiative:force', { firmness: 'conditional' })]))).toEqual([]);
  });
});

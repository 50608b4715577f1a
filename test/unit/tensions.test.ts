// Tensions as findTensions lists them: each rule's kind on a small graph of its own, the partner
// cap, the kinds option, and the list composed rule by rule (the rules alone: tensions/).
import { describe, expect, it } from 'vitest';
import type { CommitmentGraph } from '../../src/analysis/graph-view.ts';
import { findTensions, TENSION_KINDS, TENSION_RULES, tensionView, type Tension } from '../../src/analysis/tensions.ts';
import type { GraphRelationship } from '../../src/domain/model.ts';
import { baseNodes as base, commitment, graphOf, node, structural } from '../support/small-graph.ts';

const kinds = (graph: CommitmentGraph, asOf?: string) => findTensions(graph, { asOf }).map((t) => t.kind);

describe('tensions, one rule at a time', () => {
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

describe('tensions, composed', () => {
  const everyKind = () => {
    const hedged = commitment('PLEDGED', 'state:FRA', 'initiative:force', { firmness: 'hedged', conditions: ['condition:ceasefire'] });
    return [
      structural('MEMBER_OF', 'state:ITA', 'alliance:coalition'),
      structural('MEMBER_OF', 'state:GBR', 'alliance:coalition'),
      structural('CONDITIONAL_ON', 'initiative:force', 'condition:consent'),
      commitment('PLEDGED', 'state:GBR', 'initiative:force'),
      hedged,
      commitment('REFUSED', 'state:ITA', 'initiative:force'),
      commitment('PLEDGED', 'state:ITA', 'initiative:force'),
      commitment('WARNED', 'state:RUS', 'initiative:force'),
      commitment('REFUSED', 'state:RUS', 'condition:ceasefire'),
      commitment('WARNED', 'state:RUS', 'state:FRA'),
      commitment('WARNED', 'state:FRA', 'state:RUS'),
    ];
  };

  it('lists each rule’s tensions in turn, in the rules’ order, one kind per rule', () => {
    const graph = graphOf(base, everyKind());
    const view = tensionView(graph);
    expect(findTensions(graph)).toEqual(TENSION_RULES.flatMap((rule): Tension[] => rule.find(view)));
    expect(new Set(kinds(graph))).toEqual(new Set(TENSION_KINDS));
    expect(TENSION_RULES.map((rule) => rule.kind)).toEqual([...TENSION_KINDS]);
  });

  it('runs only the kinds asked for (any case), and refuses a kind no rule has', () => {
    const graph = graphOf(base, everyKind());
    expect(findTensions(graph, { kinds: ['hedged_vs_firm', 'CONSENT_OPPOSED'] })).toEqual(findTensions(graph).filter((t) => t.kind === 'CONSENT_OPPOSED' || t.kind === 'HEDGED_VS_FIRM'));
    expect(findTensions(graph, { kinds: [] })).toEqual(findTensions(graph));
    expect(() => findTensions(graph, { kinds: ['NOPE'] })).toThrowError(expect.objectContaining({ code: 'BAD_ARGUMENT', option: 'kinds' }));
    expect(() => findTensions(graph, { kinds: Array.from({ length: 21 }, () => 'HEDGED_VS_FIRM') })).toThrowError(expect.objectContaining({ code: 'BAD_ARGUMENT', option: 'kinds' }));
  });
});

// MEMBER_REFUSES alone: what it finds on a tiny graph, and what it must not.
import { describe, expect, it } from 'vitest';
import { tensionView } from '../../../src/analysis/tensions.ts';
import { memberRefuses } from '../../../src/analysis/tensions/member-refuses.ts';
import { baseNodes, commitment, graphOf, structural } from '../../support/small-graph.ts';

describe('MEMBER_REFUSES', () => {
  it('finds a member refusing what fellow members pledged, with the membership and their pledges', () => {
    const membership = structural('MEMBER_OF', 'state:ITA', 'alliance:coalition');
    const fellows = [structural('MEMBER_OF', 'state:GBR', 'alliance:coalition'), structural('MEMBER_OF', 'state:FRA', 'alliance:coalition')];
    const refusal = commitment('REFUSED', 'state:ITA', 'initiative:force');
    const pledges = [commitment('PLEDGED', 'state:GBR', 'initiative:force'), commitment('PLEDGED', 'state:FRA', 'initiative:force')];
    const found = memberRefuses.find(tensionView(graphOf(baseNodes, [membership, ...fellows, refusal, ...pledges])));
    expect(found.map((t) => t.relationships.map((r) => r.id))).toEqual([[refusal.id, membership.id, ...pledges.map((p) => p.id)]]);
    expect(found[0]?.explanation).toBe('ITA, a member of coalition, refused to refused initiative:force while GBR, FRA pledged to it (force)');
  });

  it('finds nothing for a pledge by a non-member, the refuser’s own pledge, or a fellow whose membership ended', () => {
    const refusal = commitment('REFUSED', 'state:ITA', 'initiative:force');
    const italy = structural('MEMBER_OF', 'state:ITA', 'alliance:coalition');
    const found = (...rels: Parameters<typeof graphOf>[1]) => memberRefuses.find(tensionView(graphOf(baseNodes, [italy, refusal, ...rels])));
    expect(found(commitment('PLEDGED', 'state:GBR', 'initiative:force'))).toEqual([]);
    expect(found(commitment('PLEDGED', 'state:ITA', 'initiative:force'))).toEqual([]);
    expect(found(structural('MEMBER_OF', 'state:GBR', 'alliance:coalition', { validTo: '2025-06' }), commitment('PLEDGED', 'state:GBR', 'initiative:force'))).toEqual([]);
  });
});

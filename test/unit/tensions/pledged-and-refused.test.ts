// PLEDGED_AND_REFUSED alone: what it finds on a tiny graph, and what it must not.
import { describe, expect, it } from 'vitest';
import { tensionView } from '../../../src/analysis/tensions.ts';
import { pledgedAndRefused } from '../../../src/analysis/tensions/pledged-and-refused.ts';
import { baseNodes, commitment, graphOf } from '../../support/small-graph.ts';

describe('PLEDGED_AND_REFUSED', () => {
  it('finds one tension per refusal, naming every pledge of the same actor to the same object it contradicts', () => {
    const pledges = [commitment('PLEDGED', 'state:DEU', 'initiative:force', { action: 'send troops' }), commitment('PLEDGED', 'state:DEU', 'initiative:force', { action: 'fund it' })];
    const refusal = commitment('REFUSED', 'state:DEU', 'initiative:force', { action: 'lead it' });
    const found = pledgedAndRefused.find(tensionView(graphOf(baseNodes, [...pledges, refusal])));
    expect(found.map((t) => t.relationships.map((r) => r.id))).toEqual([[...pledges.map((p) => p.id), refusal.id]]);
    expect(found[0]?.explanation).toBe('DEU both pledged to send troops, fund it and refused to lead it (force)');
  });

  it('finds nothing when another actor refused, the object differs, or the pledge ended before the refusal', () => {
    const refusal = commitment('REFUSED', 'state:DEU', 'initiative:force');
    const found = (pledge: ReturnType<typeof commitment>) => pledgedAndRefused.find(tensionView(graphOf(baseNodes, [pledge, refusal])));
    expect(found(commitment('PLEDGED', 'state:GBR', 'initiative:force'))).toEqual([]);
    expect(found(commitment('PLEDGED', 'state:DEU', 'alliance:coalition'))).toEqual([]);
    expect(found(commitment('PLEDGED', 'state:DEU', 'initiative:force', { statedAt: '2025-09', validTo: '2025-10' }))).toEqual([]);
  });
});

// HEDGED_VS_FIRM alone: what it finds on a tiny graph, and what it must not.
import { describe, expect, it } from 'vitest';
import { tensionView } from '../../../src/analysis/tensions.ts';
import { hedgedVsFirm } from '../../../src/analysis/tensions/hedged-vs-firm.ts';
import { baseNodes, commitment, graphOf } from '../../support/small-graph.ts';

describe('HEDGED_VS_FIRM', () => {
  it('finds a hedged pledge beside firm and formalised ones to the same object', () => {
    const hedged = commitment('PLEDGED', 'state:DEU', 'initiative:force', { firmness: 'hedged' });
    const firm = [commitment('PLEDGED', 'state:GBR', 'initiative:force', { firmness: 'firm' }), commitment('PLEDGED', 'state:FRA', 'initiative:force', { firmness: 'formalised' })];
    const found = hedgedVsFirm.find(tensionView(graphOf(baseNodes, [hedged, ...firm])));
    expect(found.map((t) => t.relationships.map((r) => r.id))).toEqual([[hedged.id, ...firm.map((p) => p.id)]]);
    expect(found[0]?.explanation).toBe("DEU's pledge to pledged initiative:force is hedged, while GBR (firm), FRA (formalised) committed firmly to force");
  });

  it('finds nothing beside conditional or hedged pledges, the same actor’s firm one, or a firm one to another object', () => {
    const hedged = commitment('PLEDGED', 'state:DEU', 'initiative:force', { firmness: 'hedged' });
    const found = (other: ReturnType<typeof commitment>) => hedgedVsFirm.find(tensionView(graphOf(baseNodes, [hedged, other])));
    expect(found(commitment('PLEDGED', 'state:GBR', 'initiative:force', { firmness: 'conditional' }))).toEqual([]);
    expect(found(commitment('PLEDGED', 'state:GBR', 'initiative:force', { firmness: 'hedged' }))).toEqual([]);
    expect(found(commitment('PLEDGED', 'state:DEU', 'initiative:force', { firmness: 'firm' }))).toEqual([]);
    expect(found(commitment('PLEDGED', 'state:GBR', 'alliance:coalition', { firmness: 'firm' }))).toEqual([]);
  });
});

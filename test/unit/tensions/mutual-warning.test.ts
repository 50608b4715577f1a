// MUTUAL_WARNING alone: what it finds on a tiny graph, and what it must not.
import { describe, expect, it } from 'vitest';
import { tensionView } from '../../../src/analysis/tensions.ts';
import { mutualWarning } from '../../../src/analysis/tensions/mutual-warning.ts';
import { baseNodes, commitment, graphOf, node, structural } from '../../support/small-graph.ts';

const nodes = [...baseNodes, node('person:putin'), node('person:macron')];
const found = (...rels: Parameters<typeof graphOf>[1]) => mutualWarning.find(tensionView(graphOf(nodes, rels)));

describe('MUTUAL_WARNING', () => {
  it('finds two states that warned each other on a common day, once for the pair, with both warnings', () => {
    const russia = commitment('WARNED', 'state:RUS', 'state:FRA', { action: 'against sending troops' });
    const france = commitment('WARNED', 'state:FRA', 'state:RUS', { action: 'of new sanctions' });
    const tensions = found(russia, france);
    expect(tensions).toHaveLength(1);
    expect(tensions[0]?.kind).toBe('MUTUAL_WARNING');
    expect(tensions[0]?.relationships.map((r) => r.id)).toEqual([russia.id, france.id]);
    expect(tensions[0]?.explanation).toBe('RUS and FRA warned each other: RUS: against sending troops; FRA: of new sanctions');
  });

  it('finds nothing when the two warnings never hold on a common day', () => {
    const early = commitment('WARNED', 'state:RUS', 'state:FRA', { statedAt: '2025-03', validTo: '2025-06' });
    const late = commitment('WARNED', 'state:FRA', 'state:RUS', { statedAt: '2026-01-06' });
    expect(found(early, late)).toEqual([]);
  });

  it('finds nothing for a one-way warning, or warnings between a state and what is not a state', () => {
    expect(found(commitment('WARNED', 'state:RUS', 'state:FRA'), commitment('WARNED', 'state:RUS', 'state:FRA'))).toEqual([]);
    expect(found(commitment('WARNED', 'state:RUS', 'state:FRA'), commitment('WARNED', 'state:FRA', 'state:GBR'))).toEqual([]);
    expect(found(commitment('WARNED', 'state:RUS', 'alliance:coalition'), commitment('WARNED', 'alliance:coalition', 'state:RUS'))).toEqual([]);
    expect(found(commitment('PLEDGED', 'state:RUS', 'state:FRA'), commitment('WARNED', 'state:FRA', 'state:RUS'))).toEqual([]);
  });

  it('reads persons through LEADS: a leader warns for the state, a warning to a leader reaches it, while the leadership holds', () => {
    const leadsRussia = structural('LEADS', 'person:putin', 'state:RUS', { role: 'President' });
    const leadsFrance = structural('LEADS', 'person:macron', 'state:FRA', { role: 'President' });
    const putin = commitment('WARNED', 'person:putin', 'person:macron', { action: 'against sending troops' });
    const france = commitment('WARNED', 'state:FRA', 'state:RUS', { action: 'of new sanctions' });
    const tensions = found(leadsRussia, leadsFrance, putin, france);
    expect(tensions.map((t) => t.relationships.map((r) => r.id))).toEqual([[leadsRussia.id, putin.id, leadsFrance.id, france.id]]);
    expect(tensions[0]?.explanation).toBe('RUS and FRA warned each other: putin (RUS): against sending troops; FRA: of new sanctions');
    // A leader whose leadership ended before the warning no longer speaks for the state.
    const formerly = structural('LEADS', 'person:putin', 'state:RUS', { validFrom: '2000', validTo: '2008' });
    expect(found(formerly, leadsFrance, putin, france)).toEqual([]);
    // Without LEADS a person stands for no state.
    expect(found(putin, france)).toEqual([]);
  });
});

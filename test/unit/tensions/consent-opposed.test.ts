// CONSENT_OPPOSED alone: what it finds on a tiny graph, and what it must not.
import { describe, expect, it } from 'vitest';
import { tensionView } from '../../../src/analysis/tensions.ts';
import { consentOpposed } from '../../../src/analysis/tensions/consent-opposed.ts';
import { baseNodes, commitment, graphOf, node, structural } from '../../support/small-graph.ts';

describe('CONSENT_OPPOSED', () => {
  it('finds a pledge needing the consent of an actor who warned against or refused the same object, with the CONDITIONAL_ON it inherited through', () => {
    const pledge = commitment('PLEDGED', 'state:GBR', 'initiative:force');
    const via = structural('CONDITIONAL_ON', 'initiative:force', 'condition:consent');
    const refusal = commitment('REFUSED', 'state:RUS', 'initiative:force');
    const found = consentOpposed.find(tensionView(graphOf(baseNodes, [pledge, via, refusal])));
    expect(found.map((t) => t.relationships.map((r) => r.id))).toEqual([[pledge.id, via.id, refusal.id]]);
    expect(found[0]?.explanation).toBe('GBR pledged to pledged initiative:force (force), which needs "consent" (inherited from force), but RUS refused: refused initiative:force');
  });

  it('finds nothing when the opponent opposed something else, the condition is not about consent, or the pledge is not gated by it', () => {
    const participation = node('condition:consent', { conditionKind: 'participation_of', subject: 'state:RUS' });
    const ceasefire = node('condition:consent', { conditionKind: 'ceasefire_in_force', subject: 'state:RUS' });
    const gated = commitment('PLEDGED', 'state:GBR', 'initiative:force', { conditions: ['condition:consent'] });
    const warned = commitment('WARNED', 'state:RUS', 'initiative:force');
    const others = baseNodes.filter((n) => n.id !== 'condition:consent');
    expect(consentOpposed.find(tensionView(graphOf([...others, participation], [gated, warned])))).toHaveLength(1);
    expect(consentOpposed.find(tensionView(graphOf([...others, ceasefire], [gated, warned])))).toEqual([]);
    expect(consentOpposed.find(tensionView(graphOf(baseNodes, [gated, commitment('WARNED', 'state:RUS', 'alliance:coalition')])))).toEqual([]);
    expect(consentOpposed.find(tensionView(graphOf(baseNodes, [commitment('PLEDGED', 'state:GBR', 'initiative:force'), warned])))).toEqual([]);
  });
});

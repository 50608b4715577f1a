// CONDITION_REFUSED alone: what it finds on a tiny graph, and what it must not.
import { describe, expect, it } from 'vitest';
import { tensionView } from '../../../src/analysis/tensions.ts';
import { conditionRefused } from '../../../src/analysis/tensions/condition-refused.ts';
import { baseNodes, commitment, graphOf } from '../../support/small-graph.ts';

describe('CONDITION_REFUSED', () => {
  it('finds a pledge gated by a condition someone refused, once per refusal', () => {
    const pledge = commitment('PLEDGED', 'state:GBR', 'initiative:force', { conditions: ['condition:ceasefire'] });
    const refusals = [commitment('REFUSED', 'state:RUS', 'condition:ceasefire'), commitment('REFUSED', 'state:ITA', 'condition:ceasefire')];
    const found = conditionRefused.find(tensionView(graphOf(baseNodes, [pledge, ...refusals])));
    expect(found.map((t) => t.relationships.map((r) => r.id))).toEqual(refusals.map((r) => [pledge.id, r.id]));
    expect(found[0]?.explanation).toBe('GBR pledged to pledged initiative:force once "ceasefire", which RUS refused (refused condition:ceasefire)');
  });

  it('finds nothing for a refusal of another condition, a refusal that ended before the pledge, or a warning', () => {
    const pledge = commitment('PLEDGED', 'state:GBR', 'initiative:force', { conditions: ['condition:ceasefire'] });
    const view = (...others: Parameters<typeof graphOf>[1]) => tensionView(graphOf(baseNodes, [pledge, ...others]));
    expect(conditionRefused.find(view(commitment('REFUSED', 'state:RUS', 'condition:consent')))).toEqual([]);
    expect(conditionRefused.find(view(commitment('REFUSED', 'state:RUS', 'condition:ceasefire', { statedAt: '2025-09', validTo: '2025-12' })))).toEqual([]);
    expect(conditionRefused.find(view(commitment('WARNED', 'state:RUS', 'condition:ceasefire')))).toEqual([]);
  });
});

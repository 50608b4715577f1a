// Inherited conditions: the gates of a pledge, its own and those of its object and what that is part of.
import { describe, expect, it } from 'vitest';
import { buildConditionIndex, gatesOf } from '../../src/domain/conditions.ts';
import { commitment, structural } from '../support/small-graph.ts';

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

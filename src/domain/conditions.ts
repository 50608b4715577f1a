// Which conditions gate a commitment, once: its own and, for a pledge, those its object carries.
// The scenario, both stores' `conditions` filter and the tensions all ask this; docs/model.md
// "Conditions that apply" is the policy.
import type { GraphRelationship } from './model.ts';

export interface Gate {
  condition: string;
  /** The object the condition was inherited from (absent for the commitment's own conditions). */
  inheritedFrom?: string;
}

/** The structure inheritance walks: what an object is CONDITIONAL_ON, and what it is PART_OF. */
export interface ConditionIndex {
  conditionalOn: ReadonlyMap<string, readonly string[]>;
  partOf: ReadonlyMap<string, readonly string[]>;
}

export function buildConditionIndex(relationships: Iterable<GraphRelationship>): ConditionIndex {
  const conditionalOn = new Map<string, string[]>();
  const partOf = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, value: string) => {
    const list = map.get(key);
    if (!list) map.set(key, [value]);
    else if (!list.includes(value)) list.push(value);
  };
  for (const rel of relationships) {
    if (rel.type === 'CONDITIONAL_ON') add(conditionalOn, rel.from, rel.to);
    else if (rel.type === 'PART_OF') add(partOf, rel.from, rel.to);
  }
  return { conditionalOn, partOf };
}

/** How far up PART_OF inheritance looks (the Cypher filter says the same: PART_OF*0..8). */
export const MAX_PART_OF_DEPTH = 8;

/**
 * The commitment's gates: own conditions first, then inherited ones, each condition once. A pledge
 * inherits what the initiative or agreement it pledges to is CONDITIONAL_ON, directly or through
 * what that object is PART_OF; a refusal or a warning inherits nothing (refusing a force does not
 * depend on the force's ceasefire). Inheritance follows the structural relationships as they are,
 * whatever their dates. The Neo4j store's Cypher says the same; the contract suite checks they agree.
 */
export function gatesOf(commitment: { type: string; to: string; conditions?: readonly string[] }, index: ConditionIndex): Gate[] {
  const gates: Gate[] = (commitment.conditions ?? []).map((condition) => ({ condition }));
  if (commitment.type !== 'PLEDGED') return gates;
  const seen = new Set(gates.map((g) => g.condition));
  const visited = new Set<string>();
  let frontier = [commitment.to];
  for (let depth = 0; depth <= MAX_PART_OF_DEPTH && frontier.length; depth++) {
    const next: string[] = [];
    for (const object of frontier) {
      if (visited.has(object)) continue;
      visited.add(object);
      for (const condition of index.conditionalOn.get(object) ?? []) {
        if (seen.has(condition)) continue;
        seen.add(condition);
        gates.push({ condition, inheritedFrom: object });
      }
      next.push(...(index.partOf.get(object) ?? []));
    }
    frontier = next;
  }
  return gates;
}

// Which conditions gate a commitment, once: its own `conditions`, plus — for a pledge — those its
// object carries: the initiative or agreement it pledges to is CONDITIONAL_ON them, directly or
// through what that object is PART_OF (transitively). A refusal or a warning about an initiative
// inherits nothing: refusing a force does not depend on the force's ceasefire. Each gate says where it came from. The scenario, the
// `conditions` filter of both stores and the tensions all ask this function (the Neo4j store's
// Cypher says the same thing; the contract suite checks that they agree). Inheritance follows the
// structural relationships as they are, whatever their dates.
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

/** The commitment's gates: own conditions first, then inherited ones, each condition once. */
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

// The gates of every pledge that are conditions in the graph, for the rules about conditions: a
// pledge's own conditions and those inherited from its object (domain/conditions.ts).
import { gatesOf } from '../../domain/conditions.ts';
import type { Commitment, GraphNode, GraphRelationship } from '../../domain/model.ts';
import { groupBy, pair, type TensionView } from './tension-rule.ts';

export interface ConditionGate {
  pledge: Commitment;
  condition: Extract<GraphNode, { kind: 'CONDITION' }>;
  /** The CONDITIONAL_ON relationships the gate came through when inherited: part of the evidence. */
  via: GraphRelationship[];
  /** " (inherited from <object>)" when inherited, else empty: for explanations. */
  inherited: string;
}

/** Pledge by pledge (in id order), its gates in order. */
export function conditionGates(view: TensionView): ConditionGate[] {
  const { graph, name } = view;
  const conditionalOnByPair = groupBy(view.conditionalOn, (c) => pair(c.from, c.to));
  const gates: ConditionGate[] = [];
  for (const pledge of view.pledges) {
    for (const gate of gatesOf(pledge, view.conditionIndex)) {
      if (!graph.hasNode(gate.condition)) continue;
      const condition = graph.getNodeAttributes(gate.condition);
      if (condition.kind !== 'CONDITION') continue;
      const object = gate.inheritedFrom;
      gates.push({
        pledge,
        condition,
        via: object ? (conditionalOnByPair.get(pair(object, gate.condition)) ?? []) : [],
        inherited: object ? ` (inherited from ${name(object)})` : '',
      });
    }
  }
  return gates;
}

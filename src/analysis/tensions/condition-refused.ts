// CONDITION_REFUSED: a pledge gated by a condition that an actor refused, while both hold.
import { overlaps } from '../../domain/time.ts';
import { conditionGates } from './condition-gates.ts';
import { groupBy, type Tension, type TensionRule } from './tension-rule.ts';

export const conditionRefused: TensionRule<'CONDITION_REFUSED'> = {
  kind: 'CONDITION_REFUSED',
  looksFor: 'a pledge gated by a condition that an actor refused',
  find(view) {
    const { name } = view;
    const refusalsByTo = groupBy(view.refusals, (r) => r.to);
    const tensions: Tension<'CONDITION_REFUSED'>[] = [];
    for (const { pledge, condition, via, inherited } of conditionGates(view)) {
      for (const refusal of (refusalsByTo.get(condition.id) ?? []).filter((r) => overlaps(r, pledge))) {
        tensions.push({
          kind: 'CONDITION_REFUSED',
          explanation: `${name(pledge.from)} pledged to ${pledge.action} once "${condition.name}"${inherited}, which ${name(refusal.from)} refused (${refusal.action})`,
          relationships: [pledge, ...via, refusal],
        });
      }
    }
    return tensions;
  },
};

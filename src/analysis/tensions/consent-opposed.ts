// CONSENT_OPPOSED: a pledge gated by the consent or participation of an actor who warned against
// or refused the same object, while both hold.
import { overlaps } from '../../domain/time.ts';
import { conditionGates } from './condition-gates.ts';
import { groupBy, pair, type Tension, type TensionRule } from './tension-rule.ts';

const CONSENT_KINDS = ['consent_of', 'participation_of'];

export const consentOpposed: TensionRule<'CONSENT_OPPOSED'> = {
  kind: 'CONSENT_OPPOSED',
  looksFor: 'a pledge gated by the consent or participation of an actor who warned against or refused the same object',
  find(view) {
    const { name } = view;
    const oppositionByPair = groupBy(view.opposition, (o) => pair(o.from, o.to));
    const tensions: Tension<'CONSENT_OPPOSED'>[] = [];
    for (const { pledge, condition, via, inherited } of conditionGates(view)) {
      if (!condition.subject || !CONSENT_KINDS.includes(condition.conditionKind)) continue;
      for (const stance of (oppositionByPair.get(pair(condition.subject, pledge.to)) ?? []).filter((o) => overlaps(o, pledge))) {
        tensions.push({
          kind: 'CONSENT_OPPOSED',
          explanation: `${name(pledge.from)} pledged to ${pledge.action} (${name(pledge.to)}), which needs "${condition.name}"${inherited}, but ${name(stance.from)} ${stance.type.toLowerCase()}: ${stance.action}`,
          relationships: [pledge, ...via, stance],
        });
      }
    }
    return tensions;
  },
};

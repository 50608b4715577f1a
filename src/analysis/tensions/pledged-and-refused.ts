// PLEDGED_AND_REFUSED: an actor that both pledged and refused on the same object, while both hold.
// One tension per refusal, with the pledges it contradicts.
import { overlaps } from '../../domain/time.ts';
import { groupBy, listed, MAX_PARTNERS, pair, type Tension, type TensionRule } from './tension-rule.ts';

export const pledgedAndRefused: TensionRule<'PLEDGED_AND_REFUSED'> = {
  kind: 'PLEDGED_AND_REFUSED',
  looksFor: 'an actor that both pledged and refused on the same object',
  find({ name, pledges, refusals }) {
    const pledgesByPair = groupBy(pledges, (p) => pair(p.from, p.to));
    const tensions: Tension<'PLEDGED_AND_REFUSED'>[] = [];
    for (const refusal of refusals) {
      const contradicted = (pledgesByPair.get(pair(refusal.from, refusal.to)) ?? []).filter((p) => overlaps(p, refusal));
      if (!contradicted.length) continue;
      tensions.push({
        kind: 'PLEDGED_AND_REFUSED',
        explanation: `${name(refusal.from)} both pledged to ${listed(contradicted.map((p) => p.action))} and refused to ${refusal.action} (${name(refusal.to)})`,
        relationships: [...contradicted.slice(0, MAX_PARTNERS), refusal],
      });
    }
    return tensions;
  },
};

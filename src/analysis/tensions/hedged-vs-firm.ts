// HEDGED_VS_FIRM: a hedged pledge beside firm or formalised ones to the same object, while they
// hold together. Conditional pledges are not firm: they do not count.
import { overlaps } from '../../domain/time.ts';
import { groupBy, listed, MAX_PARTNERS, type Tension, type TensionRule } from './tension-rule.ts';

const FIRM = ['firm', 'formalised'];

export const hedgedVsFirm: TensionRule<'HEDGED_VS_FIRM'> = {
  kind: 'HEDGED_VS_FIRM',
  looksFor: 'a hedged pledge beside firm or formalised ones to the same object',
  find({ name, pledges }) {
    const pledgesByTo = groupBy(pledges, (p) => p.to);
    const tensions: Tension<'HEDGED_VS_FIRM'>[] = [];
    for (const hedged of pledges.filter((p) => p.firmness === 'hedged')) {
      const firm = (pledgesByTo.get(hedged.to) ?? []).filter((p) => p.from !== hedged.from && FIRM.includes(p.firmness) && overlaps(p, hedged));
      if (!firm.length) continue;
      tensions.push({
        kind: 'HEDGED_VS_FIRM',
        explanation: `${name(hedged.from)}'s pledge to ${hedged.action} is hedged, while ${listed(firm.map((p) => `${name(p.from)} (${p.firmness})`))} committed firmly to ${name(hedged.to)}`,
        relationships: [hedged, ...firm.slice(0, MAX_PARTNERS)],
      });
    }
    return tensions;
  },
};

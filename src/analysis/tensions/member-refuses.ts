// MEMBER_REFUSES: a member of an alliance or coalition refusing what fellow members pledged, the
// memberships holding then too.
import { overlaps } from '../../domain/time.ts';
import { groupBy, listed, MAX_PARTNERS, type Tension, type TensionRule } from './tension-rule.ts';

export const memberRefuses: TensionRule<'MEMBER_REFUSES'> = {
  kind: 'MEMBER_REFUSES',
  looksFor: 'a member of an alliance or coalition refusing what fellow members pledged',
  find({ name, pledges, refusals, memberships }) {
    const pledgesByTo = groupBy(pledges, (p) => p.to);
    const membershipsByFrom = groupBy(memberships, (m) => m.from);
    const membershipsByTo = groupBy(memberships, (m) => m.to);
    const tensions: Tension<'MEMBER_REFUSES'>[] = [];
    for (const refusal of refusals) {
      for (const membership of (membershipsByFrom.get(refusal.from) ?? []).filter((m) => overlaps(m, refusal))) {
        const fellows = new Set((membershipsByTo.get(membership.to) ?? []).filter((m) => m.from !== refusal.from && overlaps(m, refusal)).map((m) => m.from));
        const theirPledges = (pledgesByTo.get(refusal.to) ?? []).filter((p) => fellows.has(p.from) && overlaps(p, refusal));
        if (!theirPledges.length) continue;
        tensions.push({
          kind: 'MEMBER_REFUSES',
          explanation: `${name(refusal.from)}, a member of ${name(membership.to)}, refused to ${refusal.action} while ${listed(theirPledges.map((p) => name(p.from)))} pledged to it (${name(refusal.to)})`,
          relationships: [refusal, membership, ...theirPledges.slice(0, MAX_PARTNERS)],
        });
      }
    }
    return tensions;
  },
};

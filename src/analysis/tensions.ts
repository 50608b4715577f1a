// Tensions the graph implies, each explained with the relationships involved. Two commitments
// collide only when they hold on a common day (domain/time.ts; with asOf, both hold on that day),
// and the gates of a pledge are its own conditions and those inherited from its object
// (domain/conditions.ts). The rules, as the README states them:
// CONSENT_OPPOSED     a pledge gated by the consent or participation of an actor who warned against
//                     or refused the same object;
// CONDITION_REFUSED   a pledge gated by a condition that an actor refused;
// PLEDGED_AND_REFUSED an actor that both pledged and refused on the same object;
// MEMBER_REFUSES      a member of an alliance or coalition refusing what fellow members pledged
//                     (the memberships holding then too);
// HEDGED_VS_FIRM      a hedged pledge beside firm or formalised ones to the same object (conditional
//                     ones are not firm: they do not count).
import { gatesOf } from '../domain/conditions.ts';
import { isCommitment, type Commitment, type GraphRelationship } from '../domain/model.ts';
import { overlaps } from '../domain/time.ts';
import { conditionIndexOf, relationshipOn, type CommitmentGraph } from './graph-view.ts';
import { parseOptions, TensionsOptions, type OptionsInput } from './options.ts';

export const TENSION_KINDS = ['CONSENT_OPPOSED', 'CONDITION_REFUSED', 'PLEDGED_AND_REFUSED', 'MEMBER_REFUSES', 'HEDGED_VS_FIRM'] as const;
export type TensionKind = (typeof TENSION_KINDS)[number];

export interface Tension {
  kind: TensionKind;
  explanation: string;
  relationships: GraphRelationship[];
}

const FIRM = ['firm', 'formalised'];
/**
 * A tension names at most this many partners (fellow members' pledges, firm pledges beside a
 * hedged one) and says how many more there are: around a hub, listing every partner in every
 * tension made the answer grow with the square of the hub (a million generated commitments:
 * tensions of 50k relationships each, past any time limit).
 */
export const MAX_PARTNERS = 10;

function listed(names: string[]): string {
  const shown = names.slice(0, MAX_PARTNERS).join(', ');
  return names.length > MAX_PARTNERS ? `${shown} and ${names.length - MAX_PARTNERS} more` : shown;
}
const CONSENT_KINDS = ['consent_of', 'participation_of'];

export function findTensions(graph: CommitmentGraph, options: OptionsInput<typeof TensionsOptions> = {}): Tension[] {
  const { asOf } = parseOptions(TensionsOptions, options);
  const name = (id: string) => graph.getNodeAttribute(id, 'name');
  const index = conditionIndexOf(graph);
  const commitments: Commitment[] = [];
  const conditionalOn: GraphRelationship[] = [];
  const memberships: GraphRelationship[] = [];
  graph.forEachEdge((_edge, stored) => {
    // On a date, each fact as it stood then (resolved from its statements valid that day).
    const rel = asOf ? relationshipOn(stored, asOf) : stored;
    if (!rel) return;
    if (isCommitment(rel)) commitments.push(rel);
    else if (rel.type === 'CONDITIONAL_ON') conditionalOn.push(rel);
    else if (rel.type === 'MEMBER_OF') memberships.push(rel);
  });
  const byId = (a: GraphRelationship, b: GraphRelationship) => (a.id < b.id ? -1 : 1);
  commitments.sort(byId);
  const pledges = commitments.filter((c) => c.type === 'PLEDGED');
  const refusals = commitments.filter((c) => c.type === 'REFUSED');
  const opposition = commitments.filter((c) => c.type === 'WARNED' || c.type === 'REFUSED');
  const tensions: Tension[] = [];
  // Each rule looks its partners up by their ends (buckets keep the sorted order), not by a scan per commitment.
  const pair = (from: string, to: string) => `${from}\u0000${to}`;
  const conditionalOnByPair = groupBy(conditionalOn, (c) => pair(c.from, c.to));
  const oppositionByPair = groupBy(opposition, (o) => pair(o.from, o.to));
  const refusalsByTo = groupBy(refusals, (r) => r.to);
  const pledgesByPair = groupBy(pledges, (p) => pair(p.from, p.to));
  const pledgesByTo = groupBy(pledges, (p) => p.to);
  const membershipsByFrom = groupBy(memberships, (m) => m.from);
  const membershipsByTo = groupBy(memberships, (m) => m.to);
  const via = (object: string | undefined, condition: string) => (object ? (conditionalOnByPair.get(pair(object, condition)) ?? []) : []);
  const inherited = (object: string | undefined) => (object ? ` (inherited from ${name(object)})` : '');

  for (const pledge of pledges) {
    for (const gate of gatesOf(pledge, index)) {
      if (!graph.hasNode(gate.condition)) continue;
      const node = graph.getNodeAttributes(gate.condition);
      if (node.kind !== 'CONDITION') continue;
      // Consent or participation needed from an opponent of the same object.
      if (node.subject && CONSENT_KINDS.includes(node.conditionKind)) {
        for (const stance of (oppositionByPair.get(pair(node.subject, pledge.to)) ?? []).filter((o) => overlaps(o, pledge))) {
          tensions.push({
            kind: 'CONSENT_OPPOSED',
            explanation: `${name(pledge.from)} pledged to ${pledge.action} (${name(pledge.to)}), which needs "${node.name}"${inherited(gate.inheritedFrom)}, but ${name(stance.from)} ${stance.type.toLowerCase()}: ${stance.action}`,
            relationships: [pledge, ...via(gate.inheritedFrom, gate.condition), stance],
          });
        }
      }
      // A gate that someone refused.
      for (const refusal of (refusalsByTo.get(gate.condition) ?? []).filter((r) => overlaps(r, pledge))) {
        tensions.push({
          kind: 'CONDITION_REFUSED',
          explanation: `${name(pledge.from)} pledged to ${pledge.action} once "${node.name}"${inherited(gate.inheritedFrom)}, which ${name(refusal.from)} refused (${refusal.action})`,
          relationships: [pledge, ...via(gate.inheritedFrom, gate.condition), refusal],
        });
      }
    }
  }

  // Both pledged and refused: one tension per refusal, with the pledges it contradicts.
  for (const refusal of refusals) {
    const contradicted = (pledgesByPair.get(pair(refusal.from, refusal.to)) ?? []).filter((p) => overlaps(p, refusal));
    if (!contradicted.length) continue;
    tensions.push({
      kind: 'PLEDGED_AND_REFUSED',
      explanation: `${name(refusal.from)} both pledged to ${listed(contradicted.map((p) => p.action))} and refused to ${refusal.action} (${name(refusal.to)})`,
      relationships: [...contradicted.slice(0, MAX_PARTNERS), refusal],
    });
  }

  // Members refusing what fellow members pledged, while the memberships hold.
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

  // Hedged beside firm.
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
}

/** Items in buckets by key, each bucket in the items' order. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

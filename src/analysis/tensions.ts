// Tensions the graph implies, each explained with the relationships involved:
// CONSENT_OPPOSED   a pledge to something that needs the consent or participation of an actor who warned against it or refused it;
// CONDITION_REFUSED a pledge that depends on a condition some actor refused;
// PLEDGED_AND_REFUSED an actor that both pledged and refused on the same thing;
// MEMBER_REFUSES    an alliance or coalition member refusing what other members pledged;
// HEDGED_VS_FIRM    a hedged pledge beside firm ones to the same thing.
import { isCommitment, type Commitment, type GraphRelationship } from '../domain/model.ts';
import type { CommitmentGraph } from './graph-view.ts';

export interface Tension {
  kind: 'CONSENT_OPPOSED' | 'CONDITION_REFUSED' | 'PLEDGED_AND_REFUSED' | 'MEMBER_REFUSES' | 'HEDGED_VS_FIRM';
  explanation: string;
  relationships: GraphRelationship[];
}

const FIRM = ['firm', 'conditional', 'formalised'];

export function findTensions(graph: CommitmentGraph): Tension[] {
  const name = (id: string) => graph.getNodeAttribute(id, 'name');
  const commitments: Commitment[] = [];
  const conditionalOn: GraphRelationship[] = [];
  const memberships: GraphRelationship[] = [];
  graph.forEachEdge((_edge, rel) => {
    if (isCommitment(rel)) commitments.push(rel);
    else if (rel.type === 'CONDITIONAL_ON') conditionalOn.push(rel);
    else if (rel.type === 'MEMBER_OF') memberships.push(rel);
  });
  const byId = (a: GraphRelationship, b: GraphRelationship) => (a.id < b.id ? -1 : 1);
  commitments.sort(byId);
  const pledges = commitments.filter((c) => c.type === 'PLEDGED');
  const opposition = commitments.filter((c) => c.type === 'WARNED' || c.type === 'REFUSED');
  const tensions: Tension[] = [];

  // Consent or participation needed from an opponent.
  for (const pledge of pledges) {
    const needs: { condition: string; via?: GraphRelationship }[] = [
      ...pledge.conditions.map((condition) => ({ condition })),
      ...conditionalOn.filter((c) => c.from === pledge.to).map((via) => ({ condition: via.to, via })),
    ];
    for (const { condition, via } of needs) {
      const node = graph.getNodeAttributes(condition);
      if (node.kind !== 'CONDITION' || !node.subject || !['consent_of', 'participation_of'].includes(node.conditionKind)) continue;
      for (const stance of opposition.filter((o) => o.from === node.subject && o.to === pledge.to)) {
        tensions.push({
          kind: 'CONSENT_OPPOSED',
          explanation: `${name(pledge.from)} pledged to ${pledge.action} (${name(pledge.to)}), which needs "${node.name}", but ${name(stance.from)} ${stance.type.toLowerCase()}: ${stance.action}`,
          relationships: [pledge, ...(via ? [via] : []), stance],
        });
      }
    }
  }

  // A condition that someone refused.
  for (const pledge of pledges) {
    for (const condition of pledge.conditions) {
      for (const refusal of opposition.filter((o) => o.type === 'REFUSED' && o.to === condition)) {
        tensions.push({
          kind: 'CONDITION_REFUSED',
          explanation: `${name(pledge.from)} pledged to ${pledge.action} once "${name(condition)}", which ${name(refusal.from)} refused (${refusal.action})`,
          relationships: [pledge, refusal],
        });
      }
    }
  }

  // Both pledged and refused.
  for (const refusal of commitments.filter((c) => c.type === 'REFUSED')) {
    for (const pledge of pledges.filter((p) => p.from === refusal.from && p.to === refusal.to)) {
      tensions.push({
        kind: 'PLEDGED_AND_REFUSED',
        explanation: `${name(refusal.from)} both pledged to ${pledge.action} and refused to ${refusal.action} (${name(refusal.to)})`,
        relationships: [pledge, refusal],
      });
    }
  }

  // Members refusing what other members pledged.
  const alliancesOf = (actor: string) => memberships.filter((m) => m.from === actor);
  for (const refusal of commitments.filter((c) => c.type === 'REFUSED')) {
    for (const membership of alliancesOf(refusal.from)) {
      const fellows = new Set(memberships.filter((m) => m.to === membership.to && m.from !== refusal.from).map((m) => m.from));
      const theirPledges = pledges.filter((p) => fellows.has(p.from) && p.to === refusal.to);
      if (!theirPledges.length) continue;
      tensions.push({
        kind: 'MEMBER_REFUSES',
        explanation: `${name(refusal.from)}, a member of ${name(membership.to)}, refused to ${refusal.action} while ${theirPledges.map((p) => name(p.from)).join(', ')} pledged to it (${name(refusal.to)})`,
        relationships: [refusal, membership, ...theirPledges],
      });
    }
  }

  // Hedged beside firm.
  for (const hedged of pledges.filter((p) => p.firmness === 'hedged')) {
    const firm = pledges.filter((p) => p.to === hedged.to && p.from !== hedged.from && FIRM.includes(p.firmness));
    if (!firm.length) continue;
    tensions.push({
      kind: 'HEDGED_VS_FIRM',
      explanation: `${name(hedged.from)}'s pledge to ${hedged.action} is hedged, while ${firm.map((p) => `${name(p.from)} (${p.firmness})`).join(', ')} committed to ${name(hedged.to)}`,
      relationships: [hedged, ...firm],
    });
  }
  return tensions;
}

// Tensions the graph implies, each explained with the relationships involved: one rule per kind
// (tensions/<kind>.ts, listed in tensions/rules.ts), all reading one view of the graph on the date;
// with sources or grades, only what the statements they select assert takes part (docs/model.md "Tensions").
import { isCommitment, type Commitment, type GraphRelationship } from '../domain/model.ts';
import { conditionIndexOf, forEachRelationship, relationshipFor, type CommitmentGraph, type EdgeFilter } from './graph-view.ts';
import { parseOptions, TensionsOptions, type OptionsInput } from './options.ts';
import { TENSION_RULES, type TensionKind } from './tensions/rules.ts';
import type { Tension as TensionOf, TensionView } from './tensions/tension-rule.ts';

export { TENSION_KINDS, TENSION_RULES, type TensionKind } from './tensions/rules.ts';
export { MAX_PARTNERS } from './tensions/tension-rule.ts';
export type Tension = TensionOf<TensionKind>;

/** The tensions of the selected kinds (all when none are given), kind by kind in the rules' order. */
export function findTensions(graph: CommitmentGraph, options: OptionsInput<typeof TensionsOptions> = {}): Tension[] {
  const { kinds, ...narrowed } = parseOptions(TensionsOptions, options);
  const rules = kinds?.length ? TENSION_RULES.filter((rule) => kinds.includes(rule.kind)) : TENSION_RULES;
  const view = tensionView(graph, narrowed);
  return rules.flatMap((rule): Tension[] => rule.find(view));
}

/**
 * The relationships the rules read, each fact as it stood on `asOf` (resolved from its statements
 * valid that day) and, with sources or grades, as the statements they select alone make it; in id order.
 */
export function tensionView(graph: CommitmentGraph, narrowed: Omit<EdgeFilter, 'types'> = {}): TensionView {
  const commitments: Commitment[] = [];
  const conditionalOn: GraphRelationship[] = [];
  const memberships: GraphRelationship[] = [];
  const leads: GraphRelationship[] = [];
  forEachRelationship(graph, (_edge, stored) => {
    const rel = relationshipFor(stored, narrowed);
    if (!rel) return;
    if (isCommitment(rel)) commitments.push(rel);
    else if (rel.type === 'CONDITIONAL_ON') conditionalOn.push(rel);
    else if (rel.type === 'MEMBER_OF') memberships.push(rel);
    else if (rel.type === 'LEADS') leads.push(rel);
  });
  commitments.sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    graph,
    name: (id) => graph.getNodeAttribute(id, 'name'),
    conditionIndex: conditionIndexOf(graph),
    pledges: commitments.filter((c) => c.type === 'PLEDGED'),
    refusals: commitments.filter((c) => c.type === 'REFUSED'),
    opposition: commitments.filter((c) => c.type === 'WARNED' || c.type === 'REFUSED'),
    warnings: commitments.filter((c) => c.type === 'WARNED'),
    conditionalOn,
    memberships,
    leads,
  };
}

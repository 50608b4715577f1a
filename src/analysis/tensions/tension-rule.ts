// What a tension rule is and what every rule reads: the graph's relationships as they stood on the
// analysis's date, read once for all rules (tensions.ts builds it), plus the lookups rules share.
import type { ConditionIndex } from '../../domain/conditions.ts';
import type { Commitment, GraphRelationship } from '../../domain/model.ts';
import type { CommitmentGraph } from '../graph-view.ts';

export interface Tension<K extends string = string> {
  kind: K;
  explanation: string;
  relationships: GraphRelationship[];
}

/** The relationships rules look at, each in id order; two commitments collide only when they overlap in time (domain/time.ts). */
export interface TensionView {
  graph: CommitmentGraph;
  name: (id: string) => string;
  conditionIndex: ConditionIndex;
  pledges: Commitment[];
  refusals: Commitment[];
  /** Warnings and refusals. */
  opposition: Commitment[];
  warnings: Commitment[];
  conditionalOn: GraphRelationship[];
  memberships: GraphRelationship[];
  /** Who leads what (a person a state, for rules that read a leader's words as the state's). */
  leads: GraphRelationship[];
}

/** One kind of tension: what it looks for (in words; docs/model.md "Tensions" lists each kind), and the tensions it finds. */
export interface TensionRule<K extends string = string> {
  kind: K;
  looksFor: string;
  find: (view: TensionView) => Tension<K>[];
}

/**
 * A tension names at most this many partners (fellow members' pledges, firm pledges beside a
 * hedged one) and says how many more there are: around a hub, listing every partner in every
 * tension made the answer grow with the square of the hub (a million generated commitments:
 * tensions of 50k relationships each, past any time limit).
 */
export const MAX_PARTNERS = 10;

/** Names for a sentence, cut at MAX_PARTNERS with how many more. */
export function listed(names: string[]): string {
  const shown = names.slice(0, MAX_PARTNERS).join(', ');
  return names.length > MAX_PARTNERS ? `${shown} and ${names.length - MAX_PARTNERS} more` : shown;
}

/** A key for a relationship's two ends. Rules look partners up by their ends, not by a scan per commitment. */
export const pair = (from: string, to: string) => `${from}\u0000${to}`;

/** Items in buckets by key, each bucket in the items' order. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

// MUTUAL_WARNING: two states that warned each other, on a common day. A person who leads a state
// (LEADS) warns for it, and a warning to that person reaches it, while the leadership holds.
// Reported once per pair of states, with both warnings (and the LEADS they came through).
import { overlaps } from '../../domain/time.ts';
import type { Commitment, GraphRelationship } from '../../domain/model.ts';
import { groupBy, pair, type Tension, type TensionRule, type TensionView } from './tension-rule.ts';

/** A state a warning's end stands for: the state itself, or one its person leads (through `leads`). */
interface Side {
  state: string;
  leads?: GraphRelationship;
}

/** One end of a warning as the states it stands for: a state is itself, a person the states they lead while the warning holds. */
function sidesOf(view: TensionView, id: string, warning: Commitment, leadsByFrom: Map<string, GraphRelationship[]>): Side[] {
  const kind = view.graph.getNodeAttribute(id, 'kind');
  if (kind === 'STATE') return [{ state: id }];
  if (kind !== 'PERSON') return [];
  return (leadsByFrom.get(id) ?? []).filter((l) => view.graph.getNodeAttribute(l.to, 'kind') === 'STATE' && overlaps(l, warning)).map((l) => ({ state: l.to, leads: l }));
}

/** A warning between two states (each end possibly through a leader). */
interface Exchange {
  warning: Commitment;
  from: Side;
  to: Side;
}

/** Every dated relationship of both exchanges holds on a common day (pairwise overlap of the intervals on one line). */
function onACommonDay(a: Exchange, b: Exchange): boolean {
  const dated = [a.warning, b.warning, a.from.leads, a.to.leads, b.from.leads, b.to.leads].filter((r): r is GraphRelationship => r !== undefined);
  return dated.every((x, i) => dated.slice(i + 1).every((y) => overlaps(x, y)));
}

const evidenceOf = (e: Exchange): GraphRelationship[] => [...(e.from.leads ? [e.from.leads] : []), e.warning, ...(e.to.leads ? [e.to.leads] : [])];

export const mutualWarning: TensionRule<'MUTUAL_WARNING'> = {
  kind: 'MUTUAL_WARNING',
  looksFor: 'two states that warned each other (themselves or through persons who lead them)',
  find(view) {
    const { name } = view;
    const leadsByFrom = groupBy(view.leads, (l) => l.from);
    const exchanges: Exchange[] = [];
    for (const warning of view.warnings) {
      for (const from of sidesOf(view, warning.from, warning, leadsByFrom)) {
        for (const to of sidesOf(view, warning.to, warning, leadsByFrom)) if (from.state !== to.state) exchanges.push({ warning, from, to });
      }
    }
    const byStates = groupBy(exchanges, (e) => pair(e.from.state, e.to.state));
    const reported = new Set<string>();
    const tensions: Tension<'MUTUAL_WARNING'>[] = [];
    for (const first of exchanges) {
      const states = [first.from.state, first.to.state].sort().join('\u0000');
      if (reported.has(states)) continue;
      const answer = (byStates.get(pair(first.to.state, first.from.state)) ?? []).find((back) => back.warning !== first.warning && onACommonDay(first, back));
      if (!answer) continue;
      reported.add(states);
      const who = (e: Exchange) => (e.from.leads ? `${name(e.warning.from)} (${name(e.from.state)})` : name(e.warning.from));
      tensions.push({
        kind: 'MUTUAL_WARNING',
        explanation: `${name(first.from.state)} and ${name(first.to.state)} warned each other: ${who(first)}: ${first.warning.action}; ${who(answer)}: ${answer.warning.action}`,
        relationships: [...evidenceOf(first), ...evidenceOf(answer)],
      });
    }
    return tensions;
  },
};

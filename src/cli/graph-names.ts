// Names on the command line: the analysis commands take an actor's or condition's name or alias
// where the API takes an id, and a commitment as "<actor> <TYPE> [words of its action]".
import { relationshipAt, type CommitmentGraph } from '../analysis/graph-view.ts';
import { DomainError } from '../domain/errors.ts';
import { isCommitment, type Commitment } from '../domain/model.ts';
import type { GraphStore } from '../store/graph-store.ts';

/** An id, or a name or alias that names exactly one node. */
export async function resolveNode(store: GraphStore, text: string): Promise<string> {
  const [byId] = await store.getNodes([text]);
  if (byId) return byId.id;
  const needle = text.trim().toLowerCase();
  const matches = await store.searchNodes(text, undefined, 20);
  const exact = matches.filter((n) => [n.name, ...n.aliases].some((s) => s.toLowerCase() === needle));
  const candidates = exact.length ? exact : matches;
  if (candidates.length === 1) return (candidates[0] as { id: string }).id;
  if (candidates.length === 0) throw new DomainError('UNKNOWN_NAME', `nothing is called "${text}"; try cgraph search "${text.slice(0, 3)}" or an id such as state:ITA`);
  throw new DomainError('AMBIGUOUS_NAME', `"${text}" could be ${candidates.slice(0, 8).map((n) => `${n.id} (${n.name})`).join(', ')}; use an id`);
}

/**
 * A commitment named on the command line: its relationship id, or "<actor> <TYPE> [words of its
 * action]" ("USA PLEDGED security guarantees") naming exactly one commitment.
 */
export async function resolveCommitment(graph: CommitmentGraph, store: GraphStore, text: string): Promise<string> {
  if (graph.hasEdge(text)) return text;
  const match = /^(.+?)\s+(PLEDGED|REFUSED|WARNED)\b\s*(.*)$/i.exec(text.trim());
  if (!match) throw new DomainError('UNKNOWN_COMMITMENT', `"${text}" is neither a relationship id nor "<actor> <PLEDGED|REFUSED|WARNED> [words of its action]"`);
  const [, actorText = '', type = '', words = ''] = match;
  const actor = await resolveNode(store, actorText);
  const needle = words.trim().toLowerCase();
  const candidates = graph
    .mapOutEdges(actor, (edge) => relationshipAt(graph, edge))
    .filter((rel): rel is Commitment => isCommitment(rel) && rel.type === type.toUpperCase() && rel.action.toLowerCase().includes(needle));
  if (candidates.length === 1) return (candidates[0] as Commitment).id;
  if (candidates.length === 0) throw new DomainError('UNKNOWN_COMMITMENT', `${actor} ${type.toUpperCase()} nothing whose action contains "${words}"`);
  throw new DomainError('AMBIGUOUS_COMMITMENT', `"${text}" could be ${candidates.map((c) => `${c.id} (${c.action})`).join(', ')}; add words of the action or use an id`);
}

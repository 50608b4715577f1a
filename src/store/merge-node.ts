// How a written node meets the stored one, the same in both stores.
import type { GraphNode } from '../domain/model.ts';

/** A node merged onto what is stored: new properties win, aliases accumulate. */
export function mergeNode(stored: GraphNode | undefined, incoming: GraphNode): GraphNode {
  if (!stored) return incoming;
  const aliases = [...stored.aliases, ...incoming.aliases.filter((a) => !stored.aliases.includes(a))];
  return { ...stored, ...incoming, aliases } as GraphNode;
}

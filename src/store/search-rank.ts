// The order of search answers, the same in both stores.
import type { GraphNode } from '../domain/model.ts';
import { byId } from './pages.ts';

/** Exact name or alias matches first, then prefix matches, then the rest; ties by id. */
export function rankSearch(nodes: GraphNode[], needle: string): GraphNode[] {
  const rank = (n: GraphNode) => {
    const names = [n.name, ...n.aliases].map((s) => s.toLowerCase());
    if (names.includes(needle)) return 0;
    if (names.some((s) => s.startsWith(needle))) return 1;
    return 2;
  };
  return nodes.map((n) => ({ n, r: rank(n) })).sort((a, b) => a.r - b.r || byId(a.n, b.n)).map((x) => x.n);
}

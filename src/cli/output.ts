// How several commands print the same things for a person: a relationship, a path, a statement's
// claim, and counts of nodes and relationships.
import type { CommitmentGraph } from '../analysis/graph-view.ts';
import type { Path } from '../analysis/paths.ts';
import { isCommitment, KIND_LABEL, type GraphRelationship, type NodeKind } from '../domain/model.ts';

/** "Name -[TYPE (action)]-> Name", with the graph's names for the ends. */
export function describeRelationship(graph: CommitmentGraph, rel: GraphRelationship): string {
  const what = isCommitment(rel) ? `${rel.type} (${rel.action})` : rel.role || rel.claim ? `${rel.type} (${rel.role ?? rel.claim})` : rel.type;
  return `${graph.getNodeAttribute(rel.from, 'name')} -[${what}]-> ${graph.getNodeAttribute(rel.to, 'name')}`;
}

/** A path's steps, each with the first quote of its evidence. */
export function describePath(graph: CommitmentGraph, path: Path): string {
  const lines = [`${path.length} step(s): ${path.nodes.map((n) => n.name).join(' → ')}`];
  for (const rel of path.relationships) lines.push(`  ${describeRelationship(graph, rel)}\n    “${rel.evidence[0]?.quote ?? ''}”`);
  return lines.join('\n');
}

/** A statement's claim by ids (no graph is built to read statements). */
export const describeClaim = (claim: GraphRelationship) =>
  `${claim.type} ${claim.from} → ${claim.to}${claim.aspect ? ` [${claim.aspect}]` : ''}${'action' in claim ? ` (${claim.action}, ${claim.firmness})` : ''}`;

/** Node counts under their Neo4j labels, as analysts see them in Browser. */
export const countsByLabel = (counts: Partial<Record<NodeKind, number>>) =>
  Object.fromEntries(Object.entries(counts).map(([kind, n]) => [KIND_LABEL[kind as NodeKind], n]));

/** One aligned line per key, sorted by key. */
export function countLines(counts: Record<string, number | undefined>): string[] {
  return Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, n]) => `  ${key.padEnd(24)} ${String(n).padStart(8)}`);
}

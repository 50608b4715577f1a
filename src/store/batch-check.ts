// Checks a batch before any store writes it: every record parses with the domain schema and
// every relationship's ends exist (in the batch or already stored) with allowed kinds. Both
// stores call this, so a bad batch is refused the same way everywhere and nothing is written.
import { ValidationError, type Problem } from '../domain/errors.ts';
import type { UpsertReport } from './graph-store.ts';
import type {
  GraphRelationship} from '../domain/model.ts';
import {
  ENDPOINTS,
  GraphNode,
  isCommitmentType,
  Commitment,
  StructuralRelationship,
  type GraphBatch,
  type NodeKind,
} from '../domain/model.ts';

export type KindLookup = (ids: readonly string[]) => Promise<Map<string, NodeKind>>;

/** Returns the batch in canonical form (defaults applied); throws ValidationError listing every problem. */
export async function checkBatch(batch: GraphBatch, storedKinds: KindLookup): Promise<GraphBatch> {
  const problems: Problem[] = [];
  const nodes: GraphNode[] = [];
  const kinds = new Map<string, NodeKind>();
  batch.nodes.forEach((raw, index) => {
    const parsed = GraphNode.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ code: 'SCHEMA', path: `nodes[${index}].${issue.path.join('.')}`, message: issue.message });
      return;
    }
    nodes.push(parsed.data);
    kinds.set(parsed.data.id, parsed.data.kind);
  });
  const relationships: GraphRelationship[] = [];
  batch.relationships.forEach((raw, index) => {
    const schema = isCommitmentType((raw as { type?: string }).type ?? '') ? Commitment : StructuralRelationship;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ code: 'SCHEMA', path: `relationships[${index}].${issue.path.join('.')}`, message: issue.message });
      return;
    }
    relationships.push(parsed.data);
  });
  const missing = [...new Set(relationships.flatMap((r) => [r.from, r.to]))].filter((id) => !kinds.has(id));
  const stored = missing.length ? await storedKinds(missing) : new Map<string, NodeKind>();
  relationships.forEach((rel, index) => {
    const allowed = ENDPOINTS[rel.type];
    for (const end of ['from', 'to'] as const) {
      const kind = kinds.get(rel[end]) ?? stored.get(rel[end]);
      if (!kind) problems.push({ code: 'UNKNOWN_ID', path: `relationships[${index}].${end}`, message: `no node "${rel[end]}" in the batch or the store` });
      else if (!allowed[end].includes(kind)) problems.push({ code: 'BAD_ENDPOINT', path: `relationships[${index}].${end}`, message: `${rel.type} cannot have a ${kind} as "${end}"` });
    }
  });
  if (problems.length) throw new ValidationError(problems, 'batch');
  return { nodes, relationships };
}

/** A node merged onto what is stored: new properties win, aliases accumulate. */
export function mergeNode(stored: GraphNode | undefined, incoming: GraphNode): GraphNode {
  if (!stored) return incoming;
  const aliases = [...stored.aliases, ...incoming.aliases.filter((a) => !stored.aliases.includes(a))];
  return { ...stored, ...incoming, aliases } as GraphNode;
}

/** Key-order-independent equality of two plain records. */
export function sameRecord(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}

export type Change = 'created' | 'updated' | 'unchanged';

/** What writing `next` over `stored` is, counted into the report (both stores report alike). */
export function tallyChange(report: UpsertReport, what: 'nodes' | 'relationships', stored: object | undefined, next: { id: string }): Change {
  const change: Change = !stored ? 'created' : sameRecord(stored, next) ? 'unchanged' : 'updated';
  if (change === 'created') report.createdIds.push(next.id);
  const key = `${what}${change[0]?.toUpperCase()}${change.slice(1)}` as keyof Omit<UpsertReport, 'createdIds'>;
  report[key]++;
  return change;
}

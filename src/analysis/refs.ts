// Analysis results cross the worker boundary as references, not records, so a result of 100k
// tensions is ids and text, not 100k copies of facts with their evidence; the API hydrates only the
// page it returns, from the store (full records, evidence included).
import type { CommitmentGraph } from './graph-view.ts';

export type Ref = { $node: string } | { $rel: string; asOf?: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A node or a fact the result holds becomes { $node: id } or { $rel: id } (with the as-of date when
 * the analysis has one: the fact is answered as it stood then, resolved from its statements again by
 * the hydrator, as the worker did).
 */
export function toRefs(value: unknown, graph: CommitmentGraph, asOf: string | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => toRefs(v, graph, asOf));
  if (!isRecord(value)) return value;
  const id = value.id;
  if (typeof id === 'string') {
    if (graph.hasNode(id) && graph.getNodeAttributes(id) === value) return { $node: id };
    if ('type' in value && 'from' in value && 'to' in value && graph.hasEdge(id)) {
      // On the operation's date, the fact as it stood then — even where the operation used the
      // stored record (paths only test validity): its evidence must be that day's, not all of it.
      return asOf ? { $rel: id, asOf } : { $rel: id };
    }
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toRefs(v, graph, asOf)]));
}

export interface Hydrator {
  node(id: string): Promise<unknown>;
  relationship(id: string, asOf: string | undefined): Promise<unknown>;
}

/** The value with its references replaced by records (loaded together: DataLoaders batch them). */
export async function hydrate<T>(value: unknown, loader: Hydrator): Promise<T> {
  const walk = async (v: unknown): Promise<unknown> => {
    if (Array.isArray(v)) return Promise.all(v.map(walk));
    if (!isRecord(v)) return v;
    if (typeof v.$node === 'string') return loader.node(v.$node);
    if (typeof v.$rel === 'string') return loader.relationship(v.$rel, typeof v.asOf === 'string' ? v.asOf : undefined);
    const entries = await Promise.all(Object.entries(v).map(async ([k, x]) => [k, await walk(x)] as const));
    return Object.fromEntries(entries);
  };
  return (await walk(value)) as T;
}

// The nodes a dossier may reference without introducing them, each with where it is defined (the
// registry file, another dossier, "the store"): the first definition of an id wins. The CLI's
// loads and the API's ingest fill it the same way, so ENTITY_CONFLICT and store lookups agree.
import type { GraphNode } from '../domain/model.ts';
import type { GraphStore } from '../store/graph-store.ts';

export class KnownEntities {
  readonly nodes = new Map<string, GraphNode>();
  readonly from = new Map<string, string>();

  constructor(registry: ReadonlyMap<string, GraphNode>, registryName: string) {
    this.add(registry.values(), registryName);
  }

  /** Adds nodes not known yet; returns how many were new. */
  add(nodes: Iterable<GraphNode | null>, where: string): number {
    let added = 0;
    for (const node of nodes) {
      if (!node || this.nodes.has(node.id)) continue;
      this.nodes.set(node.id, node);
      this.from.set(node.id, where);
      added++;
    }
    return added;
  }

  /** Adds what the store holds of `ids` not known yet; returns how many were new. */
  async addStored(lookup: GraphStore['getNodes'], ids: readonly string[]): Promise<number> {
    const wanted = [...new Set(ids)].filter((id) => !this.nodes.has(id));
    return wanted.length ? this.add(await lookup(wanted), 'the store') : 0;
  }
}

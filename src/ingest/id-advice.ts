// Where an unknown id's "did you mean" looks beyond the known nodes: the store's nodes named like
// the id's words and the country tables' and dictionary's actors. One path for `cgraph validate`,
// `cgraph load` and the API's ingestDossier, so each suggests the same id for the same slip.
import type { GraphNode } from '../domain/model.ts';
import { actorForms } from './lookup/actor-forms.ts';
import { candidateOf, type IdCandidate } from './nearest-id.ts';

export interface IdAdviceOptions {
  /** The entity registry: its own nodes are known already, so the tables' copies of them are left out. */
  registry: ReadonlyMap<string, GraphNode>;
  /** Names the registry in the forms cache (actorForms' registryKey). */
  registryKey: string;
  /** The folder with the country tables and the dictionary. */
  dataDir: string;
  /** Stored nodes named like a text (the store's searchNodes); none: the store is not searched. */
  search?: (text: string) => Promise<GraphNode[]>;
}

/** How many stored nodes one unknown id's words may bring in (the store's search is by containment). */
export const STORED_PER_ID = 20;

export class IdAdvice {
  private stored: IdCandidate[] = [];
  private tables: IdCandidate[] | undefined;

  constructor(private readonly options: IdAdviceOptions) {}

  /** The candidates beyond the known nodes, for validateDossier's `nearby`: the store's first, then the tables'. */
  readonly nearby = (): IdCandidate[] => [...this.stored, ...this.tableCandidates()];

  /**
   * Reads what the store holds by names like the unknown ids' words (person:meloni → "meloni").
   * True when it found any: validating again then gives the better advice.
   */
  async searchStore(unknownIds: readonly string[]): Promise<boolean> {
    const { search } = this.options;
    if (!search || !unknownIds.length) return false;
    const texts = [...new Set(unknownIds.map((id) => id.slice(id.indexOf(':') + 1).replace(/[-_]+/g, ' ')))];
    this.stored = (await Promise.all(texts.map(search))).flat().map(candidateOf);
    return this.stored.length > 0;
  }

  /**
   * The country tables' states and the dictionary's organisations with every name they go by, read
   * once and only when an id is unknown. The advice is a courtesy: tables that cannot be read give
   * none, and the verdict never depends on them.
   */
  private tableCandidates(): IdCandidate[] {
    if (!this.tables) {
      try {
        const { registry, dataDir, registryKey } = this.options;
        const entries = [...actorForms(registry, dataDir, registryKey).values()];
        this.tables = entries.filter((e) => e.foundIn !== 'REGISTRY').map((e) => ({ node: e.node, names: e.forms.map((f) => f.text) }));
      } catch {
        this.tables = [];
      }
    }
    return this.tables;
  }
}

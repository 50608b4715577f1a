// The actor lookup: which actor a text names, from the store, the registry, a dossier's own new
// entities, the country tables, the Phoenix dictionary and the seats of government.
import type { GraphNode, NodeKind } from '../../domain/model.ts';
import type { GraphStore } from '../../store/graph-store.ts';
import { actorForms, FOUND_IN, type ActorEntry, type ActorForm, type FoundIn } from './actor-forms.ts';
import { normaliseName, SCORE, scoreOf } from './name-match.ts';

export { normaliseName } from './name-match.ts';

export interface LookupOptions {
  first: number;
  kinds?: readonly NodeKind[];
  /** Searched first when given; its nodes are the graph's. */
  store?: GraphStore;
  registry: ReadonlyMap<string, GraphNode>;
  /** Identifies the registry for the forms' cache (default: this registry object). */
  registryKey?: string;
  dataDir: string;
  /** The new entities of the dossier being written, which neither the store nor the registry knows yet. */
  dossierEntities?: readonly GraphNode[];
}

export interface LookupCandidate {
  id: string;
  name: string;
  kind: NodeKind;
  /** Every source where the matched form names this actor, in the lookup's order of preference. */
  foundIn: FoundIn[];
  /** The form that matched, as its source writes it. */
  matched: string;
  /** 1 for the exact name; lower for other names, containing matches and near misses. */
  score: number;
}

interface Match {
  node: GraphNode;
  form: string;
  score: number;
  foundIn: FoundIn;
}

const registryKeys = new WeakMap<ReadonlyMap<string, GraphNode>, string>();
let registriesSeen = 0;

/** A cache key for a registry object: the forms are read again for another registry, never for the same one. */
function registryKeyOf(registry: ReadonlyMap<string, GraphNode>): string {
  let key = registryKeys.get(registry);
  if (!key) registryKeys.set(registry, (key = `lookup:${++registriesSeen}`));
  return key;
}

/** What the project knows of an actor beyond the graph (the registry's entity, a table's, the dictionary's), from the lookup's own forms. */
export function actorEntry(id: string, options: Pick<LookupOptions, 'registry' | 'dataDir' | 'registryKey'>): ActorEntry | undefined {
  return actorForms(options.registry, options.dataDir, options.registryKey ?? registryKeyOf(options.registry)).get(id);
}

const preference = (foundIn: FoundIn): number => FOUND_IN.indexOf(foundIn);

/** Keeps each id's best matches: the highest score, and every source that matched at it. */
function keepBest(best: Map<string, { top: Match; sources: Set<FoundIn> }>, match: Match): void {
  if (!match.score) return;
  const held = best.get(match.node.id);
  if (!held || match.score > held.top.score || (match.score === held.top.score && preference(match.foundIn) < preference(held.top.foundIn))) {
    const sources = held && match.score === held.top.score ? held.sources : new Set<FoundIn>();
    best.set(match.node.id, { top: match, sources: sources.add(match.foundIn) });
  } else if (match.score === held.top.score) held.sources.add(match.foundIn);
}

/**
 * The actors a text may name, best first: exact names first, then other names (aliases, demonyms,
 * seats), then names containing the text, then near misses by edit distance; one candidate per id,
 * in a stable order.
 */
export async function lookup(text: string, options: LookupOptions): Promise<LookupCandidate[]> {
  const needle = normaliseName(text);
  if (!needle) return [];
  const wanted = (node: GraphNode) => node.kind !== 'SOURCE' && (!options.kinds?.length || options.kinds.includes(node.kind));
  const best = new Map<string, { top: Match; sources: Set<FoundIn> }>();
  const consider = (node: GraphNode, form: ActorForm, atLeast = 0) => {
    if (wanted(node)) keepBest(best, { node, form: form.text, score: Math.max(atLeast, scoreOf(text, needle, form.text, form.role)), foundIn: form.foundIn });
  };
  const ownForms = (node: GraphNode, foundIn: FoundIn): ActorForm[] => [{ text: node.name, role: 'NAME', foundIn }, ...(node.aliases ?? []).map((a) => ({ text: a, role: 'ALIAS' as const, foundIn }))];

  if (options.store) {
    // The store matches names containing the text; the near misses come from the forms below.
    // What it found contains the text (however short), so it is at least a containing match.
    for (const node of await options.store.searchNodes(text, options.kinds, Math.min(100, options.first * 3))) {
      const [name, ...aliases] = ownForms(node, 'STORE');
      consider(node, name as ActorForm, SCORE.CONTAINS);
      for (const form of aliases) consider(node, form);
    }
  }
  for (const node of options.dossierEntities ?? []) for (const form of ownForms(node, 'DOSSIER')) consider(node, form);
  for (const entry of actorForms(options.registry, options.dataDir, options.registryKey ?? registryKeyOf(options.registry)).values()) {
    for (const form of entry.forms) consider(entry.node, form);
  }

  return [...best.values()]
    .map(({ top, sources }) => ({ id: top.node.id, name: top.node.name, kind: top.node.kind, foundIn: [...sources].sort((a, b) => preference(a) - preference(b)), matched: top.form, score: Math.round(top.score * 1000) / 1000 }))
    .sort((a, b) => b.score - a.score || preference(a.foundIn[0] as FoundIn) - preference(b.foundIn[0] as FoundIn) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .slice(0, options.first);
}

// The names a text may use for an entity, as the drafter matches them on tokens.
import type { GraphNode } from '../../domain/model.ts';
import { actorForms, type ActorEntry } from '../lookup/actor-forms.ts';
import type { Token } from './tokens.ts';

export type Known = 'registry' | 'table' | 'article';

export interface GazetteerEntity {
  id: string;
  node: GraphNode;
  known: Known;
  /** A person in government the dictionary knows: the state they speak for. */
  speaksFor?: string;
}

interface Form {
  words: string[];
  exactCase: boolean;
  entity: GazetteerEntity;
}

export interface Mention {
  entity: GazetteerEntity;
  /** Token indexes, end exclusive. */
  first: number;
  end: number;
  text: string;
}

const wordsOf = (form: string): string[] =>
  form
    .replace(/[’']s$/, '')
    .split(/\s+/)
    .filter(Boolean);

/**
 * The actor lookup's forms (lookup/actor-forms.ts: registry, country tables, Phoenix organisations
 * and adjectives, seats of government) and persons the drafter finds by their titles in this
 * article. A form is matched on tokens, longest first; an all-capitals form (US, EU, IMF) only as
 * written, every other form only when the text capitalises it.
 */
export class Gazetteer {
  private readonly forms = new Map<string, Form[]>();
  readonly entities = new Map<string, GazetteerEntity>();
  /** Forms two table states share (Korean): left out rather than guessed. */
  private readonly ambiguous = new Set<string>();

  add(entity: GazetteerEntity, surfaces: Iterable<string>): void {
    if (!this.entities.has(entity.id)) this.entities.set(entity.id, entity);
    const own = this.entities.get(entity.id) as GazetteerEntity;
    for (const surface of surfaces) {
      const words = wordsOf(surface);
      if (!words.length) continue;
      const key = words.join(' ').toLowerCase();
      if (this.ambiguous.has(key)) continue;
      const list = this.forms.get(words[0]!.toLowerCase()) ?? [];
      const clash = list.find((f) => f.words.join(' ').toLowerCase() === key);
      if (clash) {
        // The first definition wins (the registry before the tables), except between two table
        // states, where the form says nothing certain.
        if (clash.entity.id !== own.id && clash.entity.known === 'table' && own.known === 'table') {
          this.ambiguous.add(key);
          list.splice(list.indexOf(clash), 1);
        }
        continue;
      }
      list.push({ words, exactCase: /^[A-Z.]+$/.test(words.join('')) && words.join('').length <= 5, entity: own });
      list.sort((a, b) => b.words.length - a.words.length);
      this.forms.set(words[0]!.toLowerCase(), list);
    }
  }

  /** The longest form starting at token `i`, if any. */
  matchAt(tokens: readonly Token[], i: number): Mention | undefined {
    const first = tokens[i];
    if (!first) return undefined;
    for (const form of this.forms.get(first.lower) ?? []) {
      if (i + form.words.length > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < form.words.length && ok; k++) {
        const token = tokens[i + k] as Token;
        const word = form.words[k] as string;
        // An acronym matches as written; one of four letters or more also capitalised (NATO, Nato).
        ok = form.exactCase ? token.text === word || (word.replace(/\./g, '').length >= 4 && token.lower === word.toLowerCase() && /^\p{Lu}/u.test(token.text)) : token.lower === word.toLowerCase();
      }
      if (!ok) continue;
      if (!form.exactCase && !/^[A-Z]/.test(first.text)) continue;
      const end = i + form.words.length;
      return { entity: form.entity, first: i, end, text: tokens.slice(i, end).map((t) => t.text).join(' ') };
    }
    return undefined;
  }

  mentions(tokens: readonly Token[]): Mention[] {
    const found: Mention[] = [];
    for (let i = 0; i < tokens.length; ) {
      const mention = this.matchAt(tokens, i);
      if (mention) {
        found.push(mention);
        i = mention.end;
      } else i++;
    }
    return found;
  }

  clone(): Gazetteer {
    const copy = new Gazetteer();
    for (const [key, list] of this.forms) copy.forms.set(key, [...list]);
    for (const [id, entity] of this.entities) copy.entities.set(id, entity);
    for (const key of this.ambiguous) copy.ambiguous.add(key);
    return copy;
  }
}

const cache = new Map<string, Gazetteer>();

/**
 * The actor lookup's forms as the drafter matches them, built once per registry and data folder:
 * the registry's own forms first (the first definition of a form wins), then every other.
 */
export function baseGazetteer(registry: ReadonlyMap<string, GraphNode>, dataDir: string, registryKey: string): Gazetteer {
  const key = `${registryKey}\u0000${dataDir}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const gazetteer = new Gazetteer();
  const entries = [...actorForms(registry, dataDir, registryKey).values()];
  const entityOf = (entry: ActorEntry): GazetteerEntity => ({ id: entry.node.id, node: entry.node, known: entry.foundIn === 'REGISTRY' ? 'registry' : 'table', ...(entry.speaksFor ? { speaksFor: entry.speaksFor } : {}) });
  for (const entry of entries) gazetteer.add(entityOf(entry), entry.forms.filter((f) => f.foundIn === 'REGISTRY').map((f) => f.text));
  for (const entry of entries) gazetteer.add(entityOf(entry), entry.forms.filter((f) => f.foundIn !== 'REGISTRY').map((f) => f.text));
  cache.set(key, gazetteer);
  return gazetteer;
}

// The names a text may use for an entity: the registry's names and aliases first, then every
// current state of the country tables in data/ (names, aliases, capitals, demonyms derived from
// the name: Japanese, Chinese, Iraqi, Turkish, Georgians), and persons the drafter finds by their
// titles in this article. A form is matched on tokens, longest first; an all-capitals form (US,
// EU, IMF) only as written, every other form only when the text capitalises it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { GraphNode } from '../../domain/model.ts';
import { resolverFor } from '../importers/run-import.ts';
import type { Token } from './tokens.ts';

export type Known = 'registry' | 'table' | 'article';

export interface GazetteerEntity {
  id: string;
  node: GraphNode;
  known: Known;
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

/** Demonyms and plurals English derives from a one-word state name (only capitalised text matches them). */
export function demonyms(name: string): string[] {
  if (/\s/.test(name) || name.length < 4) return [];
  const forms = new Set<string>();
  if (name.endsWith('a')) forms.add(`${name}n`).add(`${name.slice(0, -1)}ese`);
  if (name.endsWith('ey')) forms.add(`${name.slice(0, -2)}ish`).add(`${name.slice(0, -2)}s`);
  if (name.endsWith('istan')) forms.add(`${name.slice(0, -5)}`).add(`${name}i`);
  if (/[^aeiouy]$/.test(name)) forms.add(`${name}ese`).add(`${name}ian`).add(`${name}i`);
  if (/[io]$/.test(name)) forms.add(`${name}an`);
  if (/[^e]y$/.test(name)) forms.add(`${name.slice(0, -1)}ian`);
  for (const form of [...forms]) forms.add(`${form}s`);
  return [...forms].filter((f) => f.length >= 5);
}

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

/** The initials of a name of three or more capitalised words: Democratic People's Republic of Korea → DPRK. */
export function initials(name: string): string | undefined {
  const words = name.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w));
  return words.length >= 3 ? words.map((w) => w[0]).join('') : undefined;
}

const cache = new Map<string, Gazetteer>();

/** The registry's entities and the tables' states, built once per registry and data folder. */
export function baseGazetteer(registry: ReadonlyMap<string, GraphNode>, dataDir: string, registryKey: string): Gazetteer {
  const key = `${registryKey}\u0000${dataDir}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const gazetteer = new Gazetteer();
  for (const node of registry.values()) {
    if (node.kind === 'SOURCE') continue;
    gazetteer.add({ id: node.id, node, known: 'registry' }, [node.name, ...(node.aliases ?? [])]);
  }
  const capitals = new Map<string, string>();
  const huggo = parse(readFileSync(join(dataDir, 'entities', 'manystates_HUGGO_states_clean.csv'), 'utf8'), { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
  for (const row of huggo) if (row.End === '9999-12-31' && row.Capital && row.Capital !== 'NA') capitals.set(row.stateID as string, row.Capital);
  // Official names (Democratic People's Republic of Korea) and their initials (DPRK, UAE).
  const official = new Map<string, string[]>();
  const datahub = parse(readFileSync(join(dataDir, 'entities', 'datahub_country-codes.csv'), 'utf8'), { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
  for (const row of datahub) {
    const iso3 = row['ISO3166-1-Alpha-3'];
    const names = [row.official_name_en, row['CLDR display name']].filter((n): n is string => !!n?.trim());
    if (iso3) official.set(iso3, [...names, ...names.map(initials).filter((a): a is string => !!a)]);
  }
  for (const state of resolverFor(dataDir).currentStates()) {
    if (registry.has(state.id)) continue;
    const iso3 = state.id.slice('state:'.length);
    const names = [state.node.name, ...(state.node.aliases ?? [])].filter((n) => !/[,(]/.test(n));
    const capital = capitals.get(iso3);
    gazetteer.add({ id: state.id, node: state.node, known: 'table' }, [...names, ...names.flatMap(demonyms), ...(official.get(iso3) ?? []), ...(capital ? [capital] : [])]);
  }
  cache.set(key, gazetteer);
  return gazetteer;
}

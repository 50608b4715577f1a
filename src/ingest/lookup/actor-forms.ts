// Every name the project knows an actor by, read once per registry and data folder: the registry's
// names and aliases, the country tables (names, official names and their initials, demonyms,
// capitals), the Phoenix organisations, persons in government and adjectives, and the curated seats of government.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { GraphNode } from '../../domain/model.ts';
import { resolverFor } from '../importers/run-import.ts';

/** Where a form was found, in the order the lookup prefers them. */
export const FOUND_IN = ['STORE', 'REGISTRY', 'DOSSIER', 'COUNTRY_TABLE', 'DICTIONARY', 'METONYM'] as const;
export type FoundIn = (typeof FOUND_IN)[number];

/** How a form names its actor: its own name, another name (alias, official name, initials, demonym), or a place standing for it. */
export type FormRole = 'NAME' | 'ALIAS' | 'METONYM';

export interface ActorForm {
  text: string;
  role: FormRole;
  foundIn: FoundIn;
}

export interface ActorEntry {
  node: GraphNode;
  /** For a person in government the dictionary knows, the state they spoke for (state:ISO3). */
  speaksFor?: string;
  /** Where the actor itself is known: the registry, or the table or dictionary that adds it. */
  foundIn: FoundIn;
  forms: ActorForm[];
}

/** The actors by id, registry first, then the tables' states, then the dictionary's organisations. */
export type ActorForms = ReadonlyMap<string, ActorEntry>;

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

/** The initials of a name of three or more capitalised words: Democratic People's Republic of Korea → DPRK. */
export function initials(name: string): string | undefined {
  const words = name.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w));
  return words.length >= 3 ? words.map((w) => w[0]).join('') : undefined;
}

const readCsv = (file: string): Record<string, string>[] => parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];

const forms = (texts: readonly string[], role: FormRole, foundIn: FoundIn): ActorForm[] => texts.map((text) => ({ text, role, foundIn }));

class FormsBuilder {
  readonly entries = new Map<string, ActorEntry>();

  entity(node: GraphNode, foundIn: FoundIn): ActorEntry {
    let entry = this.entries.get(node.id);
    if (!entry) {
      entry = { node, foundIn, forms: [] };
      this.entries.set(node.id, entry);
    }
    return entry;
  }

  /** Forms for an actor some other source added; none when nothing knows the id. */
  more(id: string, added: ActorForm[]): void {
    this.entries.get(id)?.forms.push(...added);
  }
}

/** The registry's entities (sources aside: they are not actors a text names). */
function addRegistry(builder: FormsBuilder, registry: ReadonlyMap<string, GraphNode>): void {
  for (const node of registry.values()) {
    if (node.kind === 'SOURCE') continue;
    builder.entity(node, 'REGISTRY').forms.push(...forms([node.name], 'NAME', 'REGISTRY'), ...forms(node.aliases ?? [], 'ALIAS', 'REGISTRY'));
  }
}

/**
 * Every current state of the country tables. A state the registry holds keeps the registry's
 * forms: the tables' forms for it are left out, so that the registry says how it is named.
 */
function addCountryTables(builder: FormsBuilder, registry: ReadonlyMap<string, GraphNode>, dataDir: string): void {
  const capitals = new Map<string, string>();
  for (const row of readCsv(join(dataDir, 'entities', 'manystates_HUGGO_states_clean.csv'))) {
    if (row.End === '9999-12-31' && row.Capital && row.Capital !== 'NA') capitals.set(row.stateID as string, row.Capital);
  }
  // Official names (Democratic People's Republic of Korea) and their initials (DPRK, UAE).
  const official = new Map<string, string[]>();
  for (const row of readCsv(join(dataDir, 'entities', 'datahub_country-codes.csv'))) {
    const iso3 = row['ISO3166-1-Alpha-3'];
    const names = [row.official_name_en, row['CLDR display name']].filter((n): n is string => !!n?.trim());
    if (iso3) official.set(iso3, [...names, ...names.map(initials).filter((a): a is string => !!a)]);
  }
  for (const state of resolverFor(dataDir).currentStates()) {
    if (registry.has(state.id)) continue;
    const iso3 = state.id.slice('state:'.length);
    const names = [state.node.name, ...(state.node.aliases ?? [])].filter((n) => !/[,(]/.test(n));
    const capital = capitals.get(iso3);
    builder.entity(state.node, 'COUNTRY_TABLE').forms.push(
      ...forms(names.slice(0, 1), 'NAME', 'COUNTRY_TABLE'),
      ...forms([...names.slice(1), ...names.flatMap(demonyms), ...(official.get(iso3) ?? [])], 'ALIAS', 'COUNTRY_TABLE'),
      ...forms(capital ? [capital] : [], 'METONYM', 'COUNTRY_TABLE'),
    );
  }
}

/** The Phoenix organisations and persons in government the registry lacks, and the Phoenix country adjectives of the states the tables add. */
function addPhoenix(builder: FormsBuilder, registry: ReadonlyMap<string, GraphNode>, dataDir: string): void {
  const split = (cell: string | undefined) => (cell ? cell.split('|').filter(Boolean) : []);
  for (const row of readCsv(join(dataDir, 'petrarch', 'phoenix-organisations.csv'))) {
    const id = row.id as string;
    if (registry.has(id)) continue;
    const aliases = [...split(row.aliases), ...split(row.curated_aliases)];
    const node = { id, kind: 'ALLIANCE', name: row.name as string, aliases, note: `From the Phoenix actor dictionary (code ${row.phoenix_code || 'none'}).` } as GraphNode;
    builder.entity(node, 'DICTIONARY').forms.push(...forms([node.name], 'NAME', 'DICTIONARY'), ...forms(aliases, 'ALIAS', 'DICTIONARY'));
  }
  // Persons in government, under the state they spoke for; the registry's own persons come first.
  for (const row of readCsv(join(dataDir, 'petrarch', 'phoenix-government-persons.csv'))) {
    const id = row.id as string;
    if (registry.has(id) || builder.entries.has(id)) continue;
    const aliases = split(row.aliases);
    const node = { id, kind: 'PERSON', name: row.name as string, aliases, note: `From the Phoenix actor dictionary: in government of ${row.iso3} (${row.government_roles}).` } as GraphNode;
    const entry = builder.entity(node, 'DICTIONARY');
    entry.speaksFor = `state:${row.iso3}`;
    entry.forms.push(...forms([node.name], 'NAME', 'DICTIONARY'), ...forms(aliases, 'ALIAS', 'DICTIONARY'));
  }
  for (const row of readCsv(join(dataDir, 'petrarch', 'phoenix-country-adjectives.csv'))) {
    const id = `state:${row.iso3}`;
    if (!registry.has(id)) builder.more(id, forms([row.adjective as string], 'ALIAS', 'DICTIONARY'));
  }
}

/** Seats of government stand for their state or organisation, the registry's too (the Kremlin → Russia). */
function addSeats(builder: FormsBuilder, dataDir: string): void {
  for (const row of readCsv(join(dataDir, 'metonyms', 'seats-of-government.csv'))) builder.more(row.id as string, forms([row.form as string], 'METONYM', 'METONYM'));
}

const cache = new Map<string, ActorForms>();

/** The actors and their forms, read once per registry (identified by `registryKey`) and data folder. */
export function actorForms(registry: ReadonlyMap<string, GraphNode>, dataDir: string, registryKey: string): ActorForms {
  const key = `${registryKey}\u0000${dataDir}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const builder = new FormsBuilder();
  addRegistry(builder, registry);
  addCountryTables(builder, registry, dataDir);
  addPhoenix(builder, registry, dataDir);
  addSeats(builder, dataDir);
  cache.set(key, builder.entries);
  return builder.entries;
}

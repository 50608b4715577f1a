// Entity resolution shared by every importer: COW numeric and letter codes, ISO alpha-2/3 and
// names or aliases → `state:<ISO3>`, from the country tables in data/entities and data/cow.
import { readUtf8File } from '../utf8-text.ts';
import { parse } from 'csv-parse/sync';
import type { GraphNode } from '../../domain/model.ts';

export interface ResolvedState {
  id: string;
  node: GraphNode;
}

export interface ResolverFiles {
  /** owid_countries_regions_2022.csv: ISO2/ISO3, COW codes, names, aliases. */
  owid: string;
  /** COW_country_codes.csv: COW letter code, number and name for every state system member. */
  cowCodes: string;
}

interface StateRecord {
  iso3?: string;
  iso2?: string;
  cowCode?: number;
  cowAbbrev?: string;
  name: string;
  aliases: Set<string>;
}

const norm = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * States with a COW code but no ISO3 (those that no longer exist) get `state:cow-<code>`. What
 * cannot be resolved is reported by the caller, never guessed.
 */
export class EntityResolver {
  private readonly byIso3 = new Map<string, StateRecord>();
  private readonly byIso2 = new Map<string, StateRecord>();
  private readonly byCow = new Map<number, StateRecord>();
  private readonly byCowAbbrev = new Map<string, StateRecord>();
  private readonly byName = new Map<string, StateRecord>();

  constructor(files: ResolverFiles) {
    const owid = parse(readUtf8File(files.owid), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    for (const row of owid) {
      const iso3 = row.iso_alpha3?.trim();
      if (!iso3 || !/^[A-Z]{3}$/.test(iso3)) continue;
      const cow = row.cow_code ? Math.round(Number(row.cow_code)) : undefined;
      let aliases: string[] = [];
      try {
        aliases = row.aliases ? (JSON.parse(row.aliases) as string[]) : [];
      } catch {
        aliases = [];
      }
      const record: StateRecord = {
        iso3,
        iso2: row.iso_alpha2 || undefined,
        cowCode: cow && Number.isFinite(cow) ? cow : undefined,
        cowAbbrev: row.cow_letter || undefined,
        name: row.name as string,
        aliases: new Set([row.name as string, ...(row.wikidata_label ? [row.wikidata_label] : []), ...aliases]),
      };
      this.index(record);
    }
    const cowCodes = parse(readUtf8File(files.cowCodes), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    for (const row of cowCodes) {
      const code = Number(row.CCode);
      const known = this.byCow.get(code);
      if (known) {
        known.cowAbbrev ??= row.StateAbb;
        known.aliases.add(row.StateNme as string);
        this.byCowAbbrev.set(row.StateAbb as string, known);
        this.byName.set(norm(row.StateNme as string), known);
        continue;
      }
      this.index({ cowCode: code, cowAbbrev: row.StateAbb, name: row.StateNme as string, aliases: new Set([row.StateNme as string]) });
    }
  }

  private index(record: StateRecord): void {
    if (record.iso3) this.byIso3.set(record.iso3, record);
    if (record.iso2) this.byIso2.set(record.iso2, record);
    if (record.cowCode !== undefined && !this.byCow.has(record.cowCode)) this.byCow.set(record.cowCode, record);
    if (record.cowAbbrev && !this.byCowAbbrev.has(record.cowAbbrev)) this.byCowAbbrev.set(record.cowAbbrev, record);
    for (const alias of record.aliases) if (!this.byName.has(norm(alias))) this.byName.set(norm(alias), record);
  }

  private toResolved(record: StateRecord | undefined): ResolvedState | undefined {
    if (!record) return undefined;
    const id = record.iso3 ? `state:${record.iso3}` : `state:cow-${record.cowCode}`;
    const node: GraphNode = {
      id,
      kind: 'STATE',
      name: record.name,
      aliases: [...record.aliases].filter((a) => a !== record.name).slice(0, 20),
      ...(record.iso3 ? { iso3: record.iso3 } : {}),
      ...(record.iso2 && /^[A-Z]{2}$/.test(record.iso2) ? { iso2: record.iso2 } : {}),
      ...(record.cowCode !== undefined ? { cowCode: record.cowCode } : {}),
      ...(record.cowAbbrev && /^[A-Z]{3}$/.test(record.cowAbbrev) ? { cowAbbrev: record.cowAbbrev } : {}),
      ...(record.iso3 ? {} : { note: 'A state of the COW state system with no ISO 3166 code (it no longer exists).' }),
    } as GraphNode;
    return { id, node };
  }

  byCowCode(code: number): ResolvedState | undefined {
    return this.toResolved(this.byCow.get(code));
  }

  /** ISO alpha-3, ISO alpha-2 or a COW letter code, in that order of preference. */
  byCode(code: string): ResolvedState | undefined {
    const upper = code.trim().toUpperCase();
    return this.toResolved(this.byIso3.get(upper) ?? (upper.length === 2 ? this.byIso2.get(upper) : undefined) ?? this.byCowAbbrev.get(upper));
  }

  /** Every state with an ISO 3166 code, as a node: what a text may name. */
  currentStates(): ResolvedState[] {
    return [...this.byIso3.values()].map((record) => this.toResolved(record) as ResolvedState);
  }

  byNameOrAlias(name: string): ResolvedState | undefined {
    return this.toResolved(this.byName.get(norm(name)));
  }
}

// COW Formal Alliances v4.1 (by member): memberships and alliance types with dates. An alliance
// that ATOP also codes (ATOP's cow4id column names it) shares ATOP's node — NATO (COW 227,
// ATOP 3180) is one node — so importing both never duplicates an alliance.
import { readUtf8File } from '../utf8-text.ts';
import { parse } from 'csv-parse/sync';
import { readCsvSource } from './csv-source.ts';
import type { EntityResolver } from './entity-resolver.ts';
import { allianceNodeForAtop } from './atop.ts';
import { ImportBuilder, readMembership, type ImportResult } from './import-builder.ts';

/** The dataset, whatever release file is imported: each release is a version of this one source. */
export const COW_SOURCE = 'source:cow-alliances-by-member';

/** COW version4id → ATOP atopid, from ATOP's member-level file. */
export function readCowToAtop(atopMemberFile: string | undefined): Map<number, number> {
  const map = new Map<number, number>();
  if (!atopMemberFile) return map;
  const rows = parse(readUtf8File(atopMemberFile), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  for (const row of rows) {
    const cow4 = Number(row.cow4id);
    if (row.cow4id && Number.isInteger(cow4) && cow4 > 0) map.set(cow4, Number(row.atopid));
  }
  return map;
}

/** Flag, aspect (the obligation, named as the ATOP importer names it, so both meet on one fact), action. */
const OBLIGATIONS: [string, string, string][] = [
  ['defense', 'defense', 'defend fellow members (COW defense pact)'],
  ['neutrality', 'neutrality', 'stay neutral (COW neutrality pact)'],
  ['nonaggression', 'non-aggression', 'not attack fellow members (COW non-aggression pact)'],
  ['entente', 'entente', 'consult in a crisis (COW entente)'],
];

/** Every column the importer reads. */
const COW_COLUMNS = [
  'version4id', 'ccode', 'ss_type', 'mem_st_year', 'mem_st_month', 'mem_st_day', 'mem_end_year', 'mem_end_month', 'mem_end_day',
  ...OBLIGATIONS.map(([flag]) => flag),
];

export function importCow(file: string, resolver: EntityResolver, cowToAtop: Map<number, number>, strict = false): ImportResult {
  const source = readCsvSource(file, { publisher: 'Correlates of War Formal Alliances v4.1 (Gibler 2009)', name: 'COW Formal Alliances v4.1 by member', sourceId: COW_SOURCE, columns: COW_COLUMNS });
  const out = new ImportBuilder(source);
  for (const row of source.rows) {
    const f = row.fields;
    const cowId = Number(f.version4id);
    if (!Number.isInteger(cowId) || cowId <= 0) {
      out.reject(file, row.line, `version4id "${f.version4id}" is not a number`);
      continue;
    }
    const membership = readMembership(out, file, row, resolver, {
      member: 'ccode',
      start: ['mem_st_year', 'mem_st_month', 'mem_st_day'],
      end: ['mem_end_year', 'mem_end_month', 'mem_end_day'],
      openEnd: [],
    });
    if (!membership) continue;
    const { state, validFrom, validTo } = membership;
    const atopId = cowToAtop.get(cowId);
    const alliance = atopId
      ? { ...allianceNodeForAtop(atopId), cowAllianceId: cowId }
      : { id: `alliance:cow-${cowId}`, kind: 'ALLIANCE' as const, name: `COW alliance ${cowId}`, aliases: [], cowAllianceId: cowId };
    out.node(state.node);
    out.node(alliance);
    const dates = { validFrom, ...(validTo ? { validTo } : {}) };
    out.structural({ type: 'MEMBER_OF', from: state.id, to: alliance.id, note: `COW ${f.ss_type}`, ...dates, evidence: [row.evidence] }, validFrom);
    for (const [flag, aspect, action] of OBLIGATIONS) {
      if (f[flag] !== '1') continue;
      out.commitment({ type: 'PLEDGED', from: state.id, to: alliance.id, aspect, action, firmness: 'formalised', ...dates, status: 'in_force', evidence: [row.evidence] }, validFrom);
    }
  }
  return out.result(strict);
}

// ATOP v4.01 (member level): each alliance an Alliance node (NATO is alliance:nato), each member
// a MEMBER_OF with entry and exit dates, and each obligation a PLEDGED to the alliance.
import type { ConditionKind, GraphNode } from '../../domain/model.ts';
import { readCsvSource } from './csv-source.ts';
import type { EntityResolver } from './entity-resolver.ts';
import { ImportBuilder, readMembership, type ImportResult } from './import-builder.ts';

/** The dataset, whatever release file is imported: each release is a version of this one source. */
export const ATOP_SOURCE = 'source:atop-member-level';

export const NATO_ATOP_ID = 3180;

export function allianceIdForAtop(atopId: number): string {
  return atopId === NATO_ATOP_ID ? 'alliance:nato' : `alliance:atop-${atopId}`;
}

export function allianceNodeForAtop(atopId: number): GraphNode {
  return atopId === NATO_ATOP_ID
    ? { id: 'alliance:nato', kind: 'ALLIANCE', name: 'North Atlantic Treaty Organization', aliases: ['NATO', 'Nato'], atopId, founded: '1949-04-04' }
    : { id: allianceIdForAtop(atopId), kind: 'ALLIANCE', name: `ATOP alliance ${atopId}`, aliases: [], atopId };
}

/** Obligation → its ATOP flag, the action, and the condition flags that qualify it. */
const OBLIGATIONS: { flag: string; aspect: string; action: string; conditional: string; conditions: [string, ConditionKind][] }[] = [
  { flag: 'defense', aspect: 'defense', action: 'defend fellow members (ATOP defense obligation)', conditional: 'defcon', conditions: [['defcoadv', 'adversary'], ['defcoloc', 'location'], ['defcocon', 'conflict'], ['defcodem', 'demand'], ['defconpr', 'non_provocation']] },
  { flag: 'offense', aspect: 'offense', action: 'join offensive action (ATOP offense obligation)', conditional: 'offcon', conditions: [['offcoadv', 'adversary'], ['offcoloc', 'location'], ['offcocon', 'conflict'], ['offcodem', 'demand']] },
  { flag: 'neutral', aspect: 'neutrality', action: 'stay neutral (ATOP neutrality obligation)', conditional: 'neucon', conditions: [['neucoadv', 'adversary'], ['neucoloc', 'location'], ['neucocon', 'conflict'], ['neucodem', 'demand'], ['neuconpr', 'non_provocation']] },
  { flag: 'nonagg', aspect: 'non-aggression', action: 'not attack fellow members (ATOP non-aggression obligation)', conditional: '', conditions: [] },
  { flag: 'consul', aspect: 'consultation', action: 'consult in a crisis (ATOP consultation obligation)', conditional: 'concon', conditions: [['concoadv', 'adversary'], ['concoloc', 'location'], ['concocon', 'conflict'], ['concoreq', 'demand']] },
];

const CONDITION_NAMES: Record<string, string> = {
  adversary: 'a specific adversary is involved',
  location: 'the conflict is in a specified location',
  conflict: 'a specified conflict occurs',
  demand: 'a member requests it',
  non_provocation: 'the member did not provoke the attack',
};

/** Every column the importer reads: the alliance-level table (no member, no dates of entry) lacks most. */
const ATOP_COLUMNS = [
  'atopid', 'member', 'yrent', 'moent', 'dayent', 'yrexit', 'moexit', 'dayexit', 'phase',
  ...OBLIGATIONS.flatMap((o) => [o.flag, ...(o.conditional ? [o.conditional] : []), ...o.conditions.map(([flag]) => flag)]),
];

/**
 * The obligations are defense, offense, neutrality, non-aggression and consultation; ATOP's
 * condition flags become Condition nodes.
 */
export function importAtop(file: string, resolver: EntityResolver, strict = false): ImportResult {
  const source = readCsvSource(file, { publisher: 'Alliance Treaty Obligations and Provisions (Leeds et al.), v4.01', name: 'ATOP v4.01 member-level data', sourceId: ATOP_SOURCE, columns: ATOP_COLUMNS });
  const out = new ImportBuilder(source);
  for (const row of source.rows) {
    const f = row.fields;
    const atopId = Number(f.atopid);
    if (!Number.isInteger(atopId) || atopId <= 0) {
      out.reject(file, row.line, `atopid "${f.atopid}" is not a number`);
      continue;
    }
    const membership = readMembership(out, file, row, resolver, {
      member: 'member',
      start: ['yrent', 'moent', 'dayent'],
      end: ['yrexit', 'moexit', 'dayexit'],
      openEnd: ['0'],
    });
    if (!membership) continue;
    const { state, validFrom, validTo } = membership;
    const alliance = allianceNodeForAtop(atopId);
    out.node(state.node);
    out.node(alliance);
    const phase = f.phase || '1';
    // One statement per phase: a membership holds in each phase, not in the gaps between them.
    const dates = { validFrom, ...(validTo ? { validTo } : {}) };
    out.structural({ type: 'MEMBER_OF', from: state.id, to: alliance.id, note: `ATOP phase ${phase}`, ...dates, evidence: [row.evidence] }, validFrom);
    for (const obligation of OBLIGATIONS) {
      if (f[obligation.flag] !== '1') continue;
      const conditions: string[] = [];
      if (obligation.conditional && f[obligation.conditional] === '1') {
        for (const [flag, kind] of obligation.conditions) {
          if (f[flag] !== '1') continue;
          const id = `condition:atop-${kind.replace(/_/g, '-')}`;
          out.node({ id, kind: 'CONDITION', name: `ATOP condition: ${CONDITION_NAMES[kind]}`, aliases: [], conditionKind: kind });
          conditions.push(id);
        }
      }
      out.commitment({
        type: 'PLEDGED',
        from: state.id,
        to: alliance.id,
        aspect: obligation.aspect,
        action: `${obligation.action}, phase ${phase}`,
        firmness: conditions.length ? 'conditional' : 'formalised',
        conditions,
        ...dates,
        status: 'in_force',
        evidence: [row.evidence],
      }, validFrom);
    }
  }
  return out.result(strict);
}

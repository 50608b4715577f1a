// GDELT 1.0 events: CAMEO root 03 → PLEDGED, 12 → REFUSED, 13 → WARNED between the states of
// actor 1 and actor 2 (resolved through their country codes).
import { isCommitmentType, type CommitmentKind } from '../../domain/model.ts';
import { readCsvSource } from './csv-source.ts';
import type { EntityResolver } from './entity-resolver.ts';
import { ImportBuilder, type ImportResult } from './import-builder.ts';

const ROOTS: Record<string, CommitmentKind> = { '03': 'PLEDGED', '12': 'REFUSED', '13': 'WARNED' };
const PLOVER: Record<CommitmentKind, string> = { PLEDGED: 'AGREE', REFUSED: 'REJECT', WARNED: 'THREATEN' };

/** Every column the importer reads. */
const GDELT_COLUMNS = [
  'globaleventid', 'day', 'eventrootcode', 'eventcode', 'goldsteinscale',
  'actor1name', 'actor1countrycode', 'actor2name', 'actor2countrycode', 'sourceurl',
];

/**
 * Other roots, and events whose two actors resolve to the same state, are skipped and counted by
 * reason. The event code, Goldstein value, date and source URL travel with the evidence.
 */
export function importGdelt(file: string, resolver: EntityResolver, strict = false): ImportResult {
  // GDELT's files are tab-separated without quoting: a quote in a field is text.
  const source = readCsvSource(file, { delimiter: '\t', quoted: false, publisher: 'The GDELT Project, GDELT 1.0 daily events', name: 'GDELT 1.0 events sample, 2016-07-28', columns: GDELT_COLUMNS });
  const out = new ImportBuilder(source);
  for (const row of source.rows) {
    const f = row.fields;
    const root = (f.eventrootcode ?? '').padStart(2, '0');
    const kind = ROOTS[root];
    if (!kind || !isCommitmentType(kind)) {
      out.skip(`CAMEO root ${root} is not 03, 12 or 13`);
      continue;
    }
    const day = /^(\d{4})(\d{2})(\d{2})$/.exec(f.day ?? '');
    if (!day) {
      out.reject(file, row.line, `day "${f.day}" is not YYYYMMDD`);
      continue;
    }
    const from = f.actor1countrycode ? resolver.byCode(f.actor1countrycode) : undefined;
    const to = f.actor2countrycode ? resolver.byCode(f.actor2countrycode) : undefined;
    if (!from || !to) {
      const which = !from ? `actor 1 country "${f.actor1countrycode ?? ''}"` : `actor 2 country "${f.actor2countrycode ?? ''}"`;
      out.reject(file, row.line, `${which} does not resolve to a state`);
      continue;
    }
    if (from.id === to.id) {
      // Both actors resolve to one state (a US legislator about the US): not a commitment between two actors.
      out.skip('both actors resolve to the same state');
      continue;
    }
    const goldstein = Number(f.goldsteinscale);
    const code = f.eventcode ?? '';
    if (!/^\d{2,4}$/.test(code) || !Number.isFinite(goldstein)) {
      out.reject(file, row.line, `event code "${code}" or Goldstein "${f.goldsteinscale}" is malformed`);
      continue;
    }
    const date = `${day[1]}-${day[2]}-${day[3]}`;
    out.node(from.node);
    out.node(to.node);
    // One fact per pair and CAMEO code; each event is a statement of it.
    out.commitment({
      type: kind,
      from: from.id,
      to: to.id,
      aspect: `CAMEO ${code}`,
      action: `CAMEO ${code} event ${f.globaleventid} (${f.actor1name || from.node.name} → ${f.actor2name || to.node.name})`,
      firmness: 'firm',
      statedAt: date,
      validFrom: date,
      status: 'announced',
      cameo: code,
      goldstein,
      plover: PLOVER[kind],
      evidence: [{ ...row.evidence, ...(f.sourceurl ? { url: f.sourceurl } : {}) }],
    }, f.globaleventid);
  }
  return out.result(strict);
}

// Kiel Ukraine Support Tracker (release 29, data explorer): each donor's monthly military,
// financial and humanitarian commitments (EUR) as PLEDGED to state:UKR with the amount, the aid
// type and the month. Donors are resolved by ISO code; the EU institutions map to one fixed node.
import { readCsvSource } from './csv-source.ts';
import type { EntityResolver } from './entity-resolver.ts';
import { ImportBuilder, type ImportResult } from './import-builder.ts';

/** The dataset, whatever release file is imported: each release is a version of this one source. */
export const KIEL_SOURCE = 'source:kiel-ukraine-support-tracker';

const AID_TYPES = ['military', 'financial', 'humanitarian'] as const;
// The EU's institutions (Commission and Council) commit for the European Union: the registry's node,
// so the tracker's rows and reporting such as the seeds' second article meet on one actor.
const EU_INSTITUTIONS = { id: 'alliance:european-union', kind: 'ALLIANCE' as const, name: 'EU (Commission and Council)', aliases: ['EU institutions', 'European Union'] };
const UKRAINE = { id: 'state:UKR', kind: 'STATE' as const, name: 'Ukraine', aliases: [], iso3: 'UKR' };

/** Every column the importer reads (the release's other tables lack the monthly amounts). */
const KIEL_COLUMNS = ['country', 'iso', 'year', 'month', ...AID_TYPES];

export function importKiel(file: string, resolver: EntityResolver, strict = false): ImportResult {
  const source = readCsvSource(file, { publisher: 'Kiel Institute for the World Economy, Ukraine Support Tracker release 29', name: 'Kiel Ukraine Support Tracker r29: donor × month', sourceId: KIEL_SOURCE, columns: KIEL_COLUMNS });
  const out = new ImportBuilder(source);
  out.node(UKRAINE);
  for (const row of source.rows) {
    const f = row.fields;
    const donor = f.iso === 'EU' ? { id: EU_INSTITUTIONS.id, node: EU_INSTITUTIONS } : resolver.byCode(f.iso ?? '');
    if (!donor) {
      out.reject(file, row.line, `donor code "${f.iso}" (${f.country}) is not a known ISO code`);
      continue;
    }
    const year = Number(f.year);
    const month = Number(f.month);
    if (!Number.isInteger(year) || year < 2000 || year > 2100 || !Number.isInteger(month) || month < 1 || month > 12) {
      out.reject(file, row.line, `"${f.year}-${f.month}" is not a year and month`);
      continue;
    }
    const yearMonth = `${year}-${String(month).padStart(2, '0')}`;
    let amounts = 0;
    for (const aidType of AID_TYPES) {
      const billions = Number(f[aidType]);
      if (f[aidType] === '' || !Number.isFinite(billions) || billions < 0) {
        out.reject(file, row.line, `${aidType} "${f[aidType]}" is not an amount`);
        amounts = -1;
        break;
      }
      if (billions > 0) amounts++;
    }
    if (amounts < 0) continue;
    if (amounts === 0) {
      out.skip('no aid committed that month');
      continue;
    }
    out.node(donor.node);
    for (const aidType of AID_TYPES) {
      const billions = Number(f[aidType]);
      if (billions <= 0) continue;
      out.commitment({
        type: 'PLEDGED',
        from: donor.id,
        to: UKRAINE.id,
        // One fact per aid type and month, so each month's amount is counted once (amountTotals).
        aspect: `${aidType} aid ${yearMonth}`,
        action: `commit ${aidType} aid to Ukraine in ${yearMonth}`,
        firmness: 'firm',
        statedAt: yearMonth,
        validFrom: yearMonth,
        status: 'committed',
        amountEur: Math.round(billions * 1e9),
        aidType,
        cameo: aidType === 'military' ? '0332' : aidType === 'financial' ? '0331' : '0333',
        evidence: [row.evidence],
      });
    }
  }
  return out.result(strict);
}

// The event codes a commitment carries, from tables shipped in data/: CAMEO codes with their
// descriptions and Goldstein values (GDELT's lookup tables) and the PLOVER event type of each
// CAMEO code (derived from the PLOVER specification's mapping).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from '../project-files.ts';

export interface CameoCode {
  code: string;
  description: string;
  goldstein: number | undefined;
  plover: string | undefined;
}

export interface PloverCategory {
  plover: string;
  definition: string;
  /** The CAMEO prefixes that map to it. */
  cameo: string[];
}

export interface Codebook {
  cameo: ReadonlyMap<string, CameoCode>;
  plover: readonly PloverCategory[];
}

function rows(file: string): string[][] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim())
    .map((line) => line.split(file.endsWith('.csv') ? /,(.*)/s : '\t').filter((cell) => cell !== ''));
}

let loaded: Codebook | undefined;

/**
 * The tables in data/cameo and data/plover, read once. `cgraph codes` looks them up, the validator
 * checks that a commitment's codes agree with them, and proposes codes from a commitment's type and
 * action when it gives none (written with `cgraph validate --fix`).
 */
export function codebook(dataDir = DATA_DIR): Codebook {
  if (loaded && dataDir === DATA_DIR) return loaded;
  const goldstein = new Map(rows(join(dataDir, 'cameo', 'CAMEO.goldsteinscale.txt')).map(([code, value]) => [code as string, Number(value)]));
  const prefixes = rows(join(dataDir, 'plover', 'cameo-to-plover.csv')).map(([code, plover]) => ({ code: code as string, plover: plover as string }));
  const ploverOf = (code: string) => prefixes.filter((p) => code.startsWith(p.code)).sort((a, b) => b.code.length - a.code.length)[0]?.plover;
  const cameo = new Map<string, CameoCode>();
  for (const [code = '', raw = ''] of rows(join(dataDir, 'cameo', 'CAMEO.eventcodes.txt'))) {
    if (!/^\d{2,4}$/.test(code)) continue;
    // As published, the line for 1056 also carries "106:[-5.0] Demand withdrawal" (data/README.md).
    const description = raw.replace(/\d{3}:\[-?\d+(\.\d+)?\].*$/, '').trim();
    cameo.set(code, { code, description, goldstein: goldstein.get(code), plover: ploverOf(code) });
  }
  const plover = rows(join(dataDir, 'plover', 'plover-categories.csv')).map(([name = '', definition = '']) => ({
    plover: name,
    definition,
    cameo: prefixes.filter((p) => p.plover === name).map((p) => p.code),
  }));
  const book = { cameo, plover };
  if (dataDir === DATA_DIR) loaded = book;
  return book;
}

/** Codes whose number starts with the query, or whose description contains it (case-insensitive). */
export function searchCameo(book: Codebook, query = ''): CameoCode[] {
  const needle = query.trim().toLowerCase();
  return [...book.cameo.values()].filter((c) => !needle || c.code.startsWith(needle) || c.description.toLowerCase().includes(needle));
}

export function searchPlover(book: Codebook, query = ''): PloverCategory[] {
  const needle = query.trim().toLowerCase();
  return book.plover.filter((p) => !needle || p.plover.toLowerCase().includes(needle) || p.definition.toLowerCase().includes(needle) || p.cameo.some((c) => needle.startsWith(c)));
}

/** Words of an action that choose a more specific CAMEO code within a commitment type's root. */
const SPECIFIC: Record<'PLEDGED' | 'REFUSED' | 'WARNED', [RegExp, string][]> = {
  PLEDGED: [
    [/\b(troops?|peacekeep\w*|deploy\w*|protection|forces?|reassurance)\b/i, '0334'],
    [/\b(military aid|weapons?|arms|ammunition|air defen[cs]e)\b/i, '0332'],
    [/\b(financ\w*|econom\w*|funds?|loans?|budget)\b/i, '0331'],
    [/\bhumanitarian\b/i, '0333'],
    [/\b(negotiat\w*|meet|talks?|discuss\w*)\b/i, '036'],
    [/\b(settle\w*|peace)\b/i, '037'],
  ],
  REFUSED: [
    [/\b(troops?|peacekeep\w*|deploy\w*|protection|forces?|mission)\b/i, '1224'],
    [/\b(military aid|weapons?|arms)\b/i, '1222'],
    [/\b(ceasefire|truce|de-?escalat\w*)\b/i, '1246'],
    [/\b(negotiat\w*|meet|talks?)\b/i, '125'],
    [/\b(plan|agreement|settle\w*)\b/i, '127'],
  ],
  WARNED: [
    [/\b(attack|military force|strike|war|invade|occupation|annex\w*)\b/i, '138'],
    [/\b(sanction\w*|embargo|boycott)\b/i, '1312'],
    [/\b(relations|ties)\b/i, '1313'],
  ],
};
const ROOT: Record<'PLEDGED' | 'REFUSED' | 'WARNED', string> = { PLEDGED: '030', REFUSED: '120', WARNED: '130' };

/** The codes a commitment of this type and action most likely carries: a proposal for a person to check. */
export function proposeCodes(book: Codebook, type: 'PLEDGED' | 'REFUSED' | 'WARNED', action: string): { cameo: string; goldstein?: number; plover?: string; description: string } {
  const code = SPECIFIC[type].find(([pattern]) => pattern.test(action))?.[1] ?? ROOT[type];
  const entry = book.cameo.get(code);
  return { cameo: code, description: entry?.description ?? '', ...(entry?.goldstein !== undefined ? { goldstein: entry.goldstein } : {}), ...(entry?.plover ? { plover: entry.plover } : {}) };
}

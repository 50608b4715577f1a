// One line of bench/results/summary.json: a measured figure beside its target and its baseline.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
export interface Target {
  name: string;
  value: number;
  unit: string;
  target: string;
  baseline: number | null;
  ratio: number | null;
  met: boolean;
}

/**
 * Puts a benchmark's rows into `dir`/summary.json, replacing rows of the same name and keeping
 * the others (a benchmark run on its own updates its own targets only).
 */
export function mergeSummary(dir: string, rows: readonly Target[]): void {
  const file = join(dir, 'summary.json');
  const kept: Target[] = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Target[]) : [];
  const names = new Set(rows.map((r) => r.name));
  writeFileSync(file, `${JSON.stringify([...kept.filter((r) => !names.has(r.name)), ...rows], null, 2)}\n`);
}

/** What a benchmark is given to report into, whether run on its own or from `npm run bench`. */
export interface BenchContext {
  record: (target: Target) => void;
  detail: Record<string, unknown>;
  /** A temporary folder, deleted afterwards. */
  work: string;
}

/**
 * A benchmark run on its own (`npm run bench:<name>`): prints each row as it comes, then writes
 * `<name>.json` (detail and rows) and the rows into summary.json — in bench/results/latest/, or
 * bench/results/ with --save.
 */
export async function runAlone(name: string, bench: (context: BenchContext) => Promise<void>): Promise<void> {
  const summary: Target[] = [];
  const detail: Record<string, unknown> = { date: new Date().toISOString() };
  const work = mkdtempSync(join(tmpdir(), `cgraph-${name}-`));
  const record = (target: Target) => {
    summary.push(target);
    console.log(`${target.met ? 'MET ' : 'MISS'} ${target.name}: ${target.value.toFixed(1)} ${target.unit} (target ${target.target}; baseline ${target.baseline?.toFixed(1)}, ratio ${target.ratio?.toFixed(2)}×)`);
  };
  try {
    await bench({ record, detail, work });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const out = join(import.meta.dirname, 'results', process.argv.includes('--save') ? '' : 'latest');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, `${name}.json`), `${JSON.stringify({ detail, summary }, null, 2)}\n`);
  mergeSummary(out, summary);
  console.log(`wrote ${join(out, `${name}.json`)} and its rows into ${join(out, 'summary.json')}`);
}

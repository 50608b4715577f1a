// One line of bench/results/summary.json: a measured figure beside its target and its baseline.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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

// Prints a summary.json as the Markdown table bench/README.md shows: the committed one
// (bench/results/summary.json) by default, or the file named (bench/results/latest/summary.json
// after a run without --save).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Target } from './target.ts';


const file = process.argv[2] ?? join(import.meta.dirname, 'results', 'summary.json');
const rows = JSON.parse(readFileSync(file, 'utf8')) as Target[];
const number = (n: number) => (Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2));
console.log('| measure | value | target | baseline (same run) | ratio | met |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.name} | ${number(r.value)} ${r.unit} | ${r.target} | ${r.baseline === null ? '' : number(r.baseline)} | ${r.ratio === null ? '' : `${r.ratio.toFixed(1)}×`} | ${r.met ? 'yes' : '**no**'} |`);
}

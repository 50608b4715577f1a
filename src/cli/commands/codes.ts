// cgraph codes [cameo|plover] [query]: look up CAMEO codes (with Goldstein values and PLOVER
// types) and PLOVER event types in the tables shipped in data/ (data/README.md cites them).
import type { Command } from 'commander';
import { codebook, searchCameo, searchPlover } from '../../ingest/codebook.ts';
import { print, printEmpty, usageError } from '../runtime.ts';

const TABLES = ['cameo', 'plover'] as const;

export function registerCodes(program: Command): void {
  program
    .command('codes')
    .description('look up CAMEO event codes (with Goldstein values and PLOVER types) or PLOVER event types')
    .argument('[table]', TABLES.join(' | '), 'cameo')
    .argument('[query]', 'a code prefix (033) or words of the description (peacekeeping)')
    .option('--json', 'print JSON')
    .action((table: string, query: string | undefined, opts: { json?: boolean }) => {
      if (!(TABLES as readonly string[]).includes(table)) throw usageError(`[table] must be one of ${TABLES.join(', ')}; got "${table}"`);
      const book = codebook();
      if (table === 'cameo') {
        const found = searchCameo(book, query);
        if (!found.length) return printEmpty({ json: !!opts.json }, `no CAMEO code matches "${query}"`);
        print({ json: !!opts.json }, found.map((c) => `${c.code.padEnd(5)} ${String(c.goldstein ?? '').padStart(5)}  ${(c.plover ?? '-').padEnd(9)} ${c.description}`).join('\n'), found);
        return;
      }
      const found = searchPlover(book, query);
      if (!found.length) return printEmpty({ json: !!opts.json }, `no PLOVER type matches "${query}"`);
      print({ json: !!opts.json }, found.map((p) => `${p.plover.padEnd(10)} CAMEO ${p.cameo.join(', ').padEnd(22)} ${p.definition}`).join('\n'), found);
    });
}

// cgraph search <text>: nodes whose name or alias contains the text, exact matches first; exit 1
// when nothing matches.
import type { Command } from 'commander';
import { ALLOWED, MAX_SEARCH, parseOptions, SearchOptions } from '../../analysis/options.ts';
import { ANALYSIS_DEFAULTS, commaList } from '../options.ts';
import { print, withStore } from '../runtime.ts';

export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('nodes whose name or alias contains the text: exact matches first, then prefixes, then the rest')
    .argument('<text>')
    .option('--kinds <kinds>', `only these node kinds (comma-separated: ${ALLOWED.kinds.join(', ')})`, commaList)
    .option('--first <n>', `how many (1-${MAX_SEARCH}, default ${ANALYSIS_DEFAULTS.search.first})`)
    .option('--json', 'print JSON')
    .action(async (text: string, { json, ...options }: { kinds?: string[]; first?: string; json?: boolean }) => {
      const { kinds, first } = parseOptions(SearchOptions, { text, ...options });
      await withStore(async (store) => {
        const found = await store.searchNodes(text, kinds, first);
        print(
          { json: !!json },
          found.length ? found.map((n) => `${n.id.padEnd(44)} ${n.name}${n.aliases.length ? ` (${n.aliases.slice(0, 4).join(', ')})` : ''}`).join('\n') : `nothing matches "${text}"`,
          found.map((n) => ({ id: n.id, kind: n.kind, name: n.name, aliases: n.aliases })),
        );
        if (!found.length) process.exitCode = 1;
      });
    });
}

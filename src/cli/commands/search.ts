// cgraph search <text>: the actors a name stands for — in the store, the registry, the country
// tables, the Phoenix dictionary or the seats of government — exact names first; none is an empty answer (exit 0).
import type { Command } from 'commander';
import { ALLOWED, MAX_SEARCH, parseOptions, SearchOptions } from '../../analysis/options.ts';
import { readRegistry } from '../../ingest/dossier-files.ts';
import { lookup, type LookupCandidate } from '../../ingest/lookup/actor-lookup.ts';
import { DATA_DIR, DEFAULT_REGISTRY_FILE } from '../../project-files.ts';
import { ANALYSIS_DEFAULTS, commaList } from '../options.ts';
import { print, printEmpty, withStore } from '../runtime.ts';

const describe = (c: LookupCandidate) => `${c.id.padEnd(44)} ${c.name}  (${c.foundIn.join(', ').toLowerCase().replaceAll('_', ' ')}${c.matched === c.name ? '' : `: "${c.matched}"`})`;

export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('the actors a name stands for, in the store, the registry, the country tables, the Phoenix dictionary or the seats of government: exact names first, then other names, then names containing the text, then near misses')
    .argument('<text>')
    .option('--kinds <kinds>', `only these node kinds (comma-separated: ${ALLOWED.kinds.join(', ')})`, commaList)
    .option('--first <n>', `how many (1-${MAX_SEARCH}, default ${ANALYSIS_DEFAULTS.search.first})`)
    .option('--registry <file>', 'the entity registry searched beside the store', DEFAULT_REGISTRY_FILE)
    .option('--json', 'print JSON')
    .action(async (text: string, { json, registry, ...options }: { kinds?: string[]; first?: string; registry: string; json?: boolean }) => {
      const { kinds, first } = parseOptions(SearchOptions, { text, ...options });
      await withStore(async (store) => {
        const found = await lookup(text, { first, kinds, store, registry: readRegistry(registry).nodes, registryKey: registry, dataDir: DATA_DIR });
        if (!found.length) return printEmpty({ json: !!json }, `nothing matches "${text}"`);
        print({ json: !!json }, found.map(describe).join('\n'), found);
      });
    });
}

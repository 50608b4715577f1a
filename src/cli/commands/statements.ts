// cgraph statements: statements and the relationships they assert, filtered by source, review
// state and corroboration; one line (or JSON line) each, streamed page by page.
import type { Command } from 'commander';
import type { RelationshipFilter } from '../../domain/filters.ts';
import { ReviewState } from '../../domain/model.ts';
import { allItems } from '../../store/pages.ts';
import { commaList } from '../options.ts';
import { describeClaim } from '../output.ts';
import { usageError, wholeNumber, withStore } from '../runtime.ts';

interface StatementsFlags {
  source?: string[];
  reviewState?: string[];
  minSources?: number;
  disputed?: boolean;
  json?: boolean;
}

function reviewStates(values: string[] | undefined): string[] | undefined {
  for (const value of values ?? []) {
    if (!ReviewState.safeParse(value).success) throw usageError(`--review-state must be one of ${ReviewState.options.join(', ')}; got "${value}"`);
  }
  return values;
}

/** The store's filter selects relationships; which of their statements show is checked per statement. */
function relationshipFilter(opts: StatementsFlags, states: string[] | undefined): RelationshipFilter {
  return {
    ...(opts.source ? { sources: opts.source } : {}),
    ...(states ? { reviewStates: states } : {}),
    ...(opts.minSources !== undefined ? { minSources: opts.minSources } : {}),
    ...(opts.disputed ? { disputed: true } : {}),
  };
}

export function registerStatements(program: Command): void {
  program
    .command('statements')
    .description('statements and the relationships they assert, filtered by source, review state and corroboration')
    .option('--source <ids>', 'only statements from these sources (comma-separated or repeated)', commaList)
    .option('--review-state <states>', `only statements in these review states (${ReviewState.options.join(', ')})`, commaList)
    .option('--min-sources <n>', 'only relationships at least this many sources assert', wholeNumber(10_000))
    .option('--disputed', 'only relationships with a disputed statement')
    .option('--json', 'print JSON lines, one statement each')
    .action(async (opts: StatementsFlags) => {
      const states = reviewStates(opts.reviewState);
      const filter = relationshipFilter(opts, states);
      await withStore(async (store) => {
        let shown = 0;
        for await (const fact of allItems((page) => store.listRelationships(filter, page))) {
          for (const s of fact.statements) {
            if (opts.source && !opts.source.includes(s.sourceId)) continue;
            if (states && !states.includes(s.review.state)) continue;
            shown++;
            const record = { statement: s.id, relationship: fact.id, source: s.sourceId, review: s.review, sourceCount: fact.sourceCount, claim: s.claim };
            process.stdout.write(
              opts.json ? `${JSON.stringify(record)}\n` : `${s.id}  ${s.review.state.padEnd(8)}  ${s.sourceId}  ${describeClaim(s.claim)}  (${fact.sourceCount} source${fact.sourceCount === 1 ? '' : 's'})\n`,
            );
          }
        }
        // An empty answer: JSON lines print no line for it, and the exit code stays 0.
        if (!shown) process.stderr.write('no statement matches\n');
      });
    });
}

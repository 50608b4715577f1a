// cgraph review <statement-id>: record a person's review of a statement (reviewed, disputed with
// a note, or machine again); goes through a serving API, which records its key's name as the reviewer.
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { ReviewState } from '../../domain/model.ts';
import type { Fact } from '../../domain/statements.ts';
import { print, usageError, WAIT_OPTION, withWriteStore } from '../runtime.ts';

interface ReviewFlags {
  state: string;
  note?: string;
  by?: string;
  json?: boolean;
  waitS?: number;
}

/** The review the flags describe: a known state, a note when disputed, by the user unless --by. */
function reviewFrom(opts: ReviewFlags) {
  const state = ReviewState.safeParse(opts.state);
  if (!state.success) throw usageError(`--state must be one of ${ReviewState.options.join(', ')}; got "${opts.state}"`);
  if (state.data === 'disputed' && !opts.note?.trim()) throw usageError('--state disputed needs --note saying what is wrong');
  return { state: state.data, by: opts.by ?? userInfo().username, at: new Date().toISOString(), ...(opts.note?.trim() ? { note: opts.note.trim() } : {}) };
}

export function registerReview(program: Command): void {
  program
    .command('review')
    .description('record a review of a statement: reviewed (checked), disputed (wrong; it stops counting; needs --note) or machine (unreviewed)')
    .argument('<statement-id>', 'a statement id (stmt:…; see `cgraph statements`)')
    .requiredOption('--state <state>', ReviewState.options.join(', '))
    .option('--note <text>', 'why (required for disputed)')
    .option('--by <name>', 'who reviews (default: your user name)')
    .option('--json', 'print JSON')
    .option(...WAIT_OPTION)
    .action(async (statementId: string, opts: ReviewFlags) => {
      const review = reviewFrom(opts);
      const printed = (fact: Pick<Fact, 'id' | 'sourceCount' | 'disputed'>, by: string) =>
        print({ json: !!opts.json }, `${statementId}: ${review.state} by ${by}; ${fact.id} now has ${fact.sourceCount} counting source(s)`, { statement: statementId, review: { ...review, by }, relationship: fact.id, sourceCount: fact.sourceCount, disputed: fact.disputed });
      await withWriteStore(
        `review ${statementId}`,
        opts,
        async (store) => {
          const fact = await store.reviewStatement(statementId, review);
          if (!fact) {
            process.stderr.write(`cgraph review: no relationship has statement ${statementId} (see \`cgraph statements\`)\n`);
            process.exitCode = 1;
            return;
          }
          printed(fact, review.by);
        },
        async (api) => {
          // The API records the name of the key that wrote, not --by.
          const { reviewStatement } = await api.request<{ reviewStatement: Pick<Fact, 'id' | 'sourceCount' | 'disputed'> & { statements: { id: string; review: { by: string | null } }[] } }>(
            'mutation($id: ID!, $state: ReviewState!, $note: String) { reviewStatement(statementId: $id, state: $state, note: $note) { id sourceCount disputed statements { id review { by } } } }',
            { id: statementId, state: review.state.toUpperCase(), note: review.note ?? null },
          );
          printed(reviewStatement, reviewStatement.statements.find((s) => s.id === statementId)?.review.by ?? review.by);
        },
      );
    });
}

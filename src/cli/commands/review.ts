// cgraph review <statement-id>: record a person's review of a statement (reviewed, disputed with
// a note, or machine again; a credibility grade); through a serving API, which records its key's name.
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { Credibility, ReviewState } from '../../domain/model.ts';
import type { Fact } from '../../domain/statements.ts';
import { print, usageError, WAIT_OPTION, withWriteStore } from '../runtime.ts';

interface ReviewFlags {
  state: string;
  note?: string;
  by?: string;
  credibility?: string;
  json?: boolean;
  waitS?: number;
}

/** The review the flags describe: a known state, a note when disputed, by the user unless --by. */
function reviewFrom(opts: ReviewFlags) {
  const state = ReviewState.safeParse(opts.state);
  if (!state.success) throw usageError(`--state must be one of ${ReviewState.options.join(', ')}; got "${opts.state}"`);
  if (state.data === 'disputed' && !opts.note?.trim()) throw usageError('--state disputed needs --note saying what is wrong');
  const credibility = opts.credibility === undefined ? undefined : Credibility.safeParse(Number(opts.credibility));
  if (credibility && !credibility.success) throw usageError(`--credibility takes a grade from 1 (confirmed by other sources) to 6 (cannot be judged); got "${opts.credibility}"`);
  const graded = credibility?.success ? { credibility: credibility.data } : {};
  return { state: state.data, by: opts.by ?? userInfo().username, at: new Date().toISOString(), ...(opts.note?.trim() ? { note: opts.note.trim() } : {}), ...graded };
}

export function registerReview(program: Command): void {
  program
    .command('review')
    .description('record a review of a statement: reviewed (checked), disputed (wrong; it stops counting; needs --note) or machine (unreviewed)')
    .argument('<statement-id>', 'a statement id (stmt:…; see `cgraph statements`)')
    .requiredOption('--state <state>', ReviewState.options.join(', '))
    .option('--note <text>', 'why (required for disputed)')
    .option('--by <name>', 'who reviews (default: your user name)')
    .option('--credibility <1-6>', 'grade the statement: 1 confirmed by other sources … 5 improbable, 6 cannot be judged (left out: its grade stays)')
    .option('--json', 'print JSON')
    .option(...WAIT_OPTION)
    .action(async (statementId: string, opts: ReviewFlags) => {
      const review = reviewFrom(opts);
      const printed = (fact: Pick<Fact, 'id' | 'sourceCount' | 'disputed'>, by: string) =>
        print({ json: !!opts.json }, `${statementId}: ${review.state}${review.credibility ? `, credibility ${review.credibility}` : ''} by ${by}; ${fact.id} now has ${fact.sourceCount} counting source(s)`, { statement: statementId, review: { ...review, by }, relationship: fact.id, sourceCount: fact.sourceCount, disputed: fact.disputed });
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
            'mutation($id: ID!, $state: ReviewState!, $note: String, $credibility: Int) { reviewStatement(statementId: $id, state: $state, note: $note, credibility: $credibility) { id sourceCount disputed statements { id review { by } } } }',
            { id: statementId, state: review.state.toUpperCase(), note: review.note ?? null, credibility: review.credibility ?? null },
          );
          printed(reviewStatement, reviewStatement.statements.find((s) => s.id === statementId)?.review.by ?? review.by);
        },
      );
    });
}

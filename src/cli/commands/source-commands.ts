// cgraph versions | diff | unload | statements | review: what each source says, how it changed
// between versions, and a person's review of a statement.
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { ReviewState, type GraphRelationship } from '../../domain/model.ts';
import type { RelationshipFilter } from '../../domain/filters.ts';
import { diffVersions } from '../../ingest/source-diff.ts';
import { allItems } from '../../store/pages.ts';
import { confirmed, print, usageError, WAIT_OPTION, wholeNumber, withStore, withWriteStore } from '../runtime.ts';
import { LOAD_REPORT_FIELDS } from '../api-writer.ts';
import type { GraphStore, UpsertReport } from '../../store/graph-store.ts';
import type { Fact } from '../../domain/statements.ts';

const describe = (claim: GraphRelationship) =>
  `${claim.type} ${claim.from} → ${claim.to}${claim.aspect ? ` [${claim.aspect}]` : ''}${'action' in claim ? ` (${claim.action}, ${claim.firmness})` : ''}`;

function reviewStates(values: string[] | undefined): string[] | undefined {
  for (const value of values ?? []) {
    if (!ReviewState.safeParse(value).success) throw usageError(`--review-state must be one of ${ReviewState.options.join(', ')}; got "${value}"`);
  }
  return values;
}

const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

export function registerSourceCommands(program: Command): void {
  program
    .command('versions')
    .description('the loaded versions of a source: number, load time, sha256 and how many statements each asserts')
    .argument('<source-id>', 'a source id (source:…)')
    .option('--json', 'print JSON')
    .action(async (sourceId: string, opts: { json?: boolean }) => {
      await withStore(async (store) => {
        const versions = await store.sourceVersions(sourceId);
        const rows = versions.map(({ version, loadedAt, sha256, statements }) => ({ version, loadedAt, sha256, statements: statements.length }));
        print({ json: !!opts.json }, rows.length ? rows.map((r) => `${String(r.version).padStart(3)}  ${r.loadedAt}  ${r.sha256.slice(0, 12)}  ${r.statements} statements`).join('\n') : `${sourceId}: no versions loaded`, rows);
        if (!rows.length) process.exitCode = 1;
      });
    });

  program
    .command('diff')
    .description('statements added, removed and changed between two versions of a source, with the sentences that changed')
    .argument('<source-id>', 'a source id (source:…)')
    .option('--from <version>', 'the older version (default: the one before --to; 0 = before the first)', wholeNumber(1_000_000))
    .option('--to <version>', 'the newer version (default: the latest)', wholeNumber(1_000_000))
    .option('--json', 'print JSON')
    .action(async (sourceId: string, opts: { from?: number; to?: number; json?: boolean }) => {
      await withStore(async (store) => {
        const diff = diffVersions(sourceId, await store.sourceVersions(sourceId), opts.from, opts.to);
        const lines = [
          `${sourceId}: version ${diff.from} → ${diff.to}`,
          ...diff.added.map((s) => `+ ${s.id} ${describe(s.claim)}`),
          ...diff.removed.map((s) => `- ${s.id} ${describe(s.claim)}`),
          ...diff.changed.map((c) => `~ ${c.id} ${describe(c.after)}: ${c.properties.join(', ')} changed`),
          ...diff.sentencesAdded.map((s) => `+ sentence: ${s}`),
          ...diff.sentencesRemoved.map((s) => `- sentence: ${s}`),
        ];
        if (lines.length === 1) lines.push('no change');
        print({ json: !!opts.json }, lines.join('\n'), diff);
      });
    });

  program
    .command('unload')
    .description('remove a source: its statements (facts no other source asserts go with them), its versions and its node (asks first unless --yes)')
    .argument('<source-id>', 'a source id (source:…)')
    .option('--yes', 'do not ask')
    .option('--json', 'print JSON')
    .option(...WAIT_OPTION)
    .action(async (sourceId: string, opts: { yes?: boolean; json?: boolean; waitS?: number }) => {
      const asked = async (store: GraphStore) => {
        const [node] = await store.getNodes([sourceId]);
        if (!node || node.kind !== 'SOURCE') {
          process.stderr.write(`cgraph unload: ${sourceId} is not a source in the ${store.kind} store (see \`cgraph search\`)\n`);
          process.exitCode = 1;
          return false;
        }
        return confirmed('unload', `Remove ${sourceId} ("${node.name}") and every statement it makes?`, opts.yes);
      };
      const printed = (report: Omit<UpsertReport, 'createdIds'>) =>
        print(
          { json: !!opts.json },
          `unloaded ${sourceId}: ${report.statementsRemoved} statements removed, ${report.relationshipsRemoved} relationships no other source asserts removed, ${report.relationshipsUpdated} re-resolved`,
          { sourceId, ...report },
        );
      await withWriteStore(
        `unload ${sourceId}`,
        opts,
        async (store) => {
          if (!(await asked(store))) return;
          const { createdIds: _ids, ...counts } = await store.unloadSource(sourceId);
          printed(counts);
        },
        async (api) => {
          if (!(await withStore(asked))) return;
          const { unloadSource } = await api.request<{ unloadSource: Omit<UpsertReport, 'createdIds'> }>(`mutation($id: ID!) { unloadSource(sourceId: $id) { ${LOAD_REPORT_FIELDS} } }`, { id: sourceId });
          printed(unloadSource);
        },
      );
    });

  program
    .command('statements')
    .description('statements and the relationships they assert, filtered by source, review state and corroboration')
    .option('--source <ids>', 'only statements from these sources (comma-separated or repeated)', collect)
    .option('--review-state <states>', `only statements in these review states (${ReviewState.options.join(', ')})`, collect)
    .option('--min-sources <n>', 'only relationships at least this many sources assert', wholeNumber(10_000))
    .option('--disputed', 'only relationships with a disputed statement')
    .option('--json', 'print JSON lines, one statement each')
    .action(async (opts: { source?: string[]; reviewState?: string[]; minSources?: number; disputed?: boolean; json?: boolean }) => {
      const states = reviewStates(opts.reviewState);
      const filter: RelationshipFilter = {
        ...(opts.source ? { sources: opts.source } : {}),
        ...(states ? { reviewStates: states } : {}),
        ...(opts.minSources !== undefined ? { minSources: opts.minSources } : {}),
        ...(opts.disputed ? { disputed: true } : {}),
      };
      await withStore(async (store) => {
        let shown = 0;
        for await (const fact of allItems((page) => store.listRelationships(filter, page))) {
          for (const s of fact.statements) {
            if (opts.source && !opts.source.includes(s.sourceId)) continue;
            if (states && !states.includes(s.review.state)) continue;
            shown++;
            const record = { statement: s.id, relationship: fact.id, source: s.sourceId, review: s.review, sourceCount: fact.sourceCount, claim: s.claim };
            process.stdout.write(
              opts.json ? `${JSON.stringify(record)}\n` : `${s.id}  ${s.review.state.padEnd(8)}  ${s.sourceId}  ${describe(s.claim)}  (${fact.sourceCount} source${fact.sourceCount === 1 ? '' : 's'})\n`,
            );
          }
        }
        if (!shown) {
          process.stderr.write('no statement matches\n');
          process.exitCode = 1;
        }
      });
    });

  program
    .command('review')
    .description('record a review of a statement: reviewed (checked), disputed (wrong; it stops counting; needs --note) or machine (unreviewed)')
    .argument('<statement-id>', 'a statement id (stmt:…; see `cgraph statements`)')
    .requiredOption('--state <state>', ReviewState.options.join(', '))
    .option('--note <text>', 'why (required for disputed)')
    .option('--by <name>', 'who reviews (default: your user name)')
    .option('--json', 'print JSON')
    .option(...WAIT_OPTION)
    .action(async (statementId: string, opts: { state: string; note?: string; by?: string; json?: boolean; waitS?: number }) => {
      const state = ReviewState.safeParse(opts.state);
      if (!state.success) throw usageError(`--state must be one of ${ReviewState.options.join(', ')}; got "${opts.state}"`);
      if (state.data === 'disputed' && !opts.note?.trim()) throw usageError('--state disputed needs --note saying what is wrong');
      const review = { state: state.data, by: opts.by ?? userInfo().username, at: new Date().toISOString(), ...(opts.note?.trim() ? { note: opts.note.trim() } : {}) };
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

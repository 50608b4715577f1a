// cgraph commitments: the commitments a filter selects (type, from, to, source, as-of), earliest
// statedAt first, then by id; a page at a time with --first, the next page with --after.
import type { Command } from 'commander';
import { AsOfOptions, parseOptions } from '../../analysis/options.ts';
import { DomainError, OptionError } from '../../domain/errors.ts';
import type { RelationshipFilter } from '../../domain/filters.ts';
import { CommitmentKind, isCommitment, type Commitment } from '../../domain/model.ts';
import type { Fact } from '../../domain/statements.ts';
import { dayInterval } from '../../domain/time.ts';
import type { GraphStore } from '../../store/graph-store.ts';
import { allItems } from '../../store/pages.ts';
import { resolveNode } from '../graph-names.ts';
import { AS_OF_HELP, commaList } from '../options.ts';
import { usageError, wholeNumber, withStore } from '../runtime.ts';

interface CommitmentsFlags {
  type?: string[];
  from?: string[];
  to?: string[];
  source?: string[];
  asOf?: string;
  first?: number;
  after?: string;
  json?: boolean;
}

type Listed = Fact & Commitment;

/** Where a commitment sorts: the first day its statedAt can mean, then its id; undated ones last. */
type SortKey = readonly [day: string, id: string];
const UNDATED = 'undated'; // sorts after every YYYY-MM-DD

const keyOf = (fact: Listed): SortKey => [(fact.statedAt && dayInterval(fact.statedAt)?.start) || UNDATED, fact.id];
const compareKeys = (a: SortKey, b: SortKey) => (a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);

/** The cursor names the last key shown, so the next page starts after it whatever was loaded meanwhile. */
const encodeCursor = (key: SortKey) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

function decodeCursor(cursor: string): SortKey {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === 2 && key.every((part) => typeof part === 'string') && encodeCursor(key as unknown as SortKey) === cursor) return key as unknown as SortKey;
  } catch {
    // Not JSON: refused below like any other text that is not a cursor.
  }
  throw usageError(`--after must be a cursor that cgraph commitments printed ("next page: --after …"); got "${cursor}"`);
}

/** Types as given, in any case; each must be a commitment's (the structural ones are not listed here). */
function commitmentTypes(values: string[] | undefined): CommitmentKind[] {
  if (!values?.length) return [...CommitmentKind.options];
  return values.map((value) => {
    const type = CommitmentKind.safeParse(value.toUpperCase());
    if (!type.success) throw new OptionError('type', `values that are each one of ${CommitmentKind.options.join(', ')}`, value);
    return type.data;
  });
}

/** Sources by id or name, like actors; a node that is not a source is refused rather than matching nothing. */
async function resolveSources(store: GraphStore, values: string[]): Promise<string[]> {
  const ids = await Promise.all(values.map((value) => resolveNode(store, value)));
  const nodes = await store.getNodes(ids);
  nodes.forEach((node, i) => {
    if (node?.kind !== 'SOURCE') throw new DomainError('NOT_A_SOURCE', `"${values[i]}" is ${ids[i]}, not a source; try cgraph search "${values[i]}" --kinds SOURCE`, { source: values[i] });
  });
  return ids;
}

async function commitmentFilter(store: GraphStore, opts: CommitmentsFlags, types: CommitmentKind[], asOf: string | undefined): Promise<RelationshipFilter> {
  const resolve = (values: string[]) => Promise.all(values.map((value) => resolveNode(store, value)));
  return {
    types,
    ...(opts.from?.length ? { from: await resolve(opts.from) } : {}),
    ...(opts.to?.length ? { to: await resolve(opts.to) } : {}),
    ...(opts.source?.length ? { sources: await resolveSources(store, opts.source) } : {}),
    ...(asOf ? { asOf } : {}),
  };
}

/**
 * The page: the first `first` matches after the cursor in (statedAt, id) order, and whether more
 * follow. The store pages in id order only, so every match is read page by page; of those, only
 * the best page-and-one are kept (cut back whenever twice that many wait), so memory stays at the
 * page's size while the order is exact.
 */
async function pageAfter(store: GraphStore, filter: RelationshipFilter, after: SortKey | undefined, first: number | undefined): Promise<{ items: Listed[]; hasMore: boolean }> {
  const room = first === undefined ? Infinity : first + 1;
  let kept: { key: SortKey; fact: Listed }[] = [];
  const cut = () => {
    kept.sort((a, b) => compareKeys(a.key, b.key));
    kept = kept.slice(0, room);
  };
  for await (const fact of allItems((page) => store.listRelationships(filter, page))) {
    if (!isCommitment(fact)) continue;
    const key = keyOf(fact as Listed);
    if (after && compareKeys(key, after) <= 0) continue;
    kept.push({ key, fact: fact as Listed });
    if (kept.length >= 2 * room) cut();
  }
  cut();
  const items = kept.slice(0, first ?? kept.length).map((k) => k.fact);
  return { items, hasMore: kept.length > items.length };
}

/** The sources whose statements count for it (as of the date, when one was given). */
const sourcesOf = (fact: Listed) => [...new Set(fact.statements.filter((s) => s.review.state !== 'disputed').map((s) => s.sourceId))];

function record(fact: Listed, names: Map<string, string>) {
  return {
    id: fact.id,
    type: fact.type,
    from: fact.from,
    fromName: names.get(fact.from) ?? fact.from,
    to: fact.to,
    toName: names.get(fact.to) ?? fact.to,
    action: fact.action,
    firmness: fact.firmness,
    statedAt: fact.statedAt ?? null,
    sources: sourcesOf(fact),
    sourceCount: fact.sourceCount,
    disputed: fact.disputed,
  };
}

const line = (r: ReturnType<typeof record>) => `${r.fromName} — ${r.type} → ${r.toName}: ${r.action}, ${r.statedAt ?? 'undated'}, ${r.sources.join(' ')}  (${r.id})`;

export function registerCommitments(program: Command): void {
  program
    .command('commitments')
    .description('the commitments a filter selects, earliest statedAt first (then by id), a page at a time')
    .option('--type <types>', `only these types (comma-separated: ${CommitmentKind.options.join(', ')})`, commaList)
    .option('--from <actors>', 'only commitments these actors made (ids or names, comma-separated)', commaList)
    .option('--to <nodes>', 'only commitments to these nodes (ids or names, comma-separated)', commaList)
    .option('--source <sources>', 'only commitments a statement of these sources asserts (ids or names, comma-separated)', commaList)
    .option('--as-of <date>', `${AS_OF_HELP}, each as it stood that day`)
    .option('--first <n>', 'at most this many (default: all); the cursor of the next page goes to stderr', wholeNumber(1_000_000_000))
    .option('--after <cursor>', 'the page after this cursor (from "next page: --after …")')
    .option('--json', 'print JSON lines, one commitment each')
    .action(async (opts: CommitmentsFlags) => {
      // Checked before the store opens.
      const types = commitmentTypes(opts.type);
      const { asOf } = parseOptions(AsOfOptions, { asOf: opts.asOf });
      const after = opts.after === undefined ? undefined : decodeCursor(opts.after);
      await withStore(async (store) => {
        const filter = await commitmentFilter(store, opts, types, asOf);
        const { items, hasMore } = await pageAfter(store, filter, after, opts.first);
        // An empty answer: JSON lines print no line for it, and the exit code stays 0.
        if (!items.length) return void process.stderr.write(`no commitment matches${after ? ' after that cursor' : ''}\n`);
        const ends = [...new Set(items.flatMap((fact) => [fact.from, fact.to]))];
        const names = new Map((await store.getNodes(ends)).flatMap((node) => (node ? [[node.id, node.name] as const] : [])));
        for (const fact of items) {
          const r = record(fact, names);
          process.stdout.write(opts.json ? `${JSON.stringify(r)}\n` : `${line(r)}\n`);
        }
        if (hasMore) process.stderr.write(`next page: --after ${encodeCursor(keyOf(items.at(-1) as Listed))}\n`);
      });
    });
}

// Relay connections over lists computed in memory (analysis results): first (default 50, at
// most 500) and after, whose cursor is a position in the list. Only the page is hydrated.
import { decodeCursor, encodeCursor, InvalidCursorError } from '../store/pages.ts';
import { badArgument } from './errors.ts';

export const LIST_DEFAULT_FIRST = 50;
export const LIST_MAX_FIRST = 500;

export interface ListArgs {
  first?: number | null;
  after?: string | null;
}

const positionCursor = (index: number) => encodeCursor(`#${index}`);

function positionOf(cursor: string): number {
  const match = /^#(\d{1,9})$/.exec(decodeCursor(cursor));
  if (!match) throw new InvalidCursorError(cursor);
  return Number(match[1]);
}

export async function offsetConnection<T, R>(items: readonly T[], args: ListArgs, hydrateItem: (item: T) => Promise<R>) {
  const first = args.first ?? LIST_DEFAULT_FIRST;
  if (!Number.isInteger(first) || first < 0 || first > LIST_MAX_FIRST) throw badArgument(`first must be a whole number from 0 to ${LIST_MAX_FIRST}`, { argument: 'first' });
  const start = args.after ? positionOf(args.after) + 1 : 0;
  const page = items.slice(start, start + first);
  const nodes = await Promise.all(page.map(hydrateItem));
  const cursors = page.map((_, i) => positionCursor(start + i));
  return {
    edges: nodes.map((node, i) => ({ cursor: cursors[i], node })),
    pageInfo: { hasNextPage: start + first < items.length, hasPreviousPage: start > 0, startCursor: cursors[0] ?? null, endCursor: cursors.at(-1) ?? null },
    totalCount: items.length,
  };
}

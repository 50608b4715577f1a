// Cursors and pages, the same in both stores: opaque cursors over ids, page sizes, a page cut
// from rows read in id order, a listing's facts as of its date, and every item of a listing.
import { DomainError } from '../domain/errors.ts';
import type { RelationshipFilter } from '../domain/filters.ts';
import { factOn, type Fact } from '../domain/statements.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Page, type PageRequest } from './graph-store.ts';

export function encodeCursor(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!id || encodeCursor(id) !== cursor) throw new InvalidCursorError(cursor);
  return id;
}

export class InvalidCursorError extends DomainError {
  constructor(cursor: string) {
    super('BAD_CURSOR', `"${cursor}" is not a cursor this API issued; pass a cursor from pageInfo.endCursor`, { cursor });
  }
}

export function pageSize(first: number | undefined): number {
  if (first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new DomainError('BAD_PAGE_SIZE', `first must be an integer from 0 to ${MAX_PAGE_SIZE}`, { first });
  }
  return first;
}

export const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * A page of `rows` read after the cursor in id order, with one row more than the page when there
 * is a next page; `total` counts every match and `before` those at or before the cursor.
 */
export function pageOf<T extends { id: string }>(rows: T[], size: number, total: number | undefined, before: number): Page<T> {
  const items = rows.slice(0, size);
  return {
    items,
    cursors: items.map((item) => encodeCursor(item.id)),
    totalCount: total,
    hasNextPage: rows.length > size,
    hasPreviousPage: before > 0,
  };
}

/**
 * A listing's facts as they stood on its filter's date (statements.ts factOn: only the statements
 * valid that day make each one), so that an answer as of October cites no January reporting;
 * unchanged without a date. Both stores shape their pages with it.
 */
export function pageOn(page: Page<Fact>, filter: RelationshipFilter): Page<Fact> {
  const asOf = filter.asOf;
  if (!asOf) return page;
  // The filter matched a statement valid that day, so factOn finds one.
  return { ...page, items: page.items.map((fact) => factOn(fact, asOf) ?? fact) };
}

/** Every item of a paged listing, page after page of MAX_PAGE_SIZE: any size, memory flat. */
export async function* allItems<T>(list: (page: PageRequest) => Promise<Page<T>>): AsyncGenerator<T> {
  for (let after: string | undefined; ; ) {
    const page = await list({ first: MAX_PAGE_SIZE, withTotal: false, ...(after ? { after } : {}) });
    yield* page.items;
    if (!page.hasNextPage) return;
    after = page.cursors.at(-1);
  }
}

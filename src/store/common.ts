// What both store adapters compute alike, in one neutral place (neither adapter imports the
// other): cursors and pages, search ranking, sorted snapshots, record comparison and the
// arithmetic of upsert reports. Pure functions over domain records.
import { DomainError } from '../domain/errors.ts';
import type { RelationshipFilter } from '../domain/filters.ts';
import type { GraphNode } from '../domain/model.ts';
import { factOn, type Fact } from '../domain/statements.ts';
import type { StatementPlan } from './statement-plan.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Page, type PageRequest, type SerializedGraph, type UpsertReport } from './graph-store.ts';

// --- cursors and pages ---------------------------------------------------------------------

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

// --- search and snapshots ------------------------------------------------------------------

/** Exact name or alias matches first, then prefix matches, then the rest; ties by id. */
export function rankSearch(nodes: GraphNode[], needle: string): GraphNode[] {
  const rank = (n: GraphNode) => {
    const names = [n.name, ...n.aliases].map((s) => s.toLowerCase());
    if (names.includes(needle)) return 0;
    if (names.some((s) => s.startsWith(needle))) return 1;
    return 2;
  };
  return nodes.map((n) => ({ n, r: rank(n) })).sort((a, b) => a.r - b.r || byId(a.n, b.n)).map((x) => x.n);
}

/** Sorted, for deterministic snapshots in both stores. Facts no statement counts for (all disputed) are left out: they do not hold. */
export function buildSnapshot(nodes: Iterable<GraphNode>, relationships: Iterable<Fact>): SerializedGraph {
  return snapshotInOrder([...nodes].sort(byId), [...relationships].sort(byId));
}

/** A snapshot of records already in id order (an index's order): no sort. */
export function snapshotInOrder(nodes: readonly GraphNode[], relationships: readonly Fact[]): SerializedGraph {
  const edges: SerializedGraph['edges'] = [];
  for (const r of relationships) if (r.sourceCount > 0) edges.push({ key: r.id, source: r.from, target: r.to, attributes: r });
  return {
    options: { type: 'directed', multi: true, allowSelfLoops: true },
    attributes: {},
    nodes: nodes.map((n) => ({ key: n.id, attributes: n })),
    edges,
  };
}

// --- strings

/** One copy of each repeated string (ids, types, dates, states): JSON.parse makes a new one per occurrence. */
export class Interner {
  private readonly table = new Map<string, string>();

  of<T>(value: T): T {
    if (typeof value !== 'string') return value;
    const known = this.table.get(value);
    if (known !== undefined) return known as T;
    this.table.set(value, value);
    return value;
  }
}

/** Record fields whose values repeat across a large graph (ends, types, dates, codes). */
export const REPEATED_FIELDS = ['from', 'to', 'type', 'firmness', 'status', 'statedAt', 'validFrom', 'validTo', 'cameo', 'role', 'aidType'] as const;

/** Shares the repeated field values of a record read from disk or a message (each arrives as its own copy). */
export function internFields(record: Record<string, unknown>, strings: Interner): void {
  for (const key of REPEATED_FIELDS) if (key in record) record[key] = strings.of(record[key]);
  // A fact's validity spans: the same few dates over and over.
  if (Array.isArray(record.spans)) for (const span of record.spans as Record<string, unknown>[]) for (const end of ['from', 'to']) if (end in span) span[end] = strings.of(span[end]);
}

// --- records and upsert reports ------------------------------------------------------------

/** A node merged onto what is stored: new properties win, aliases accumulate. */
export function mergeNode(stored: GraphNode | undefined, incoming: GraphNode): GraphNode {
  if (!stored) return incoming;
  const aliases = [...stored.aliases, ...incoming.aliases.filter((a) => !stored.aliases.includes(a))];
  return { ...stored, ...incoming, aliases } as GraphNode;
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}

/** Key-order-independent equality of two plain records. */
export function sameRecord(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

export function emptyUpsertReport(): UpsertReport {
  return {
    nodesCreated: 0,
    nodesUpdated: 0,
    nodesUnchanged: 0,
    nodesRemoved: 0,
    relationshipsCreated: 0,
    relationshipsUpdated: 0,
    relationshipsUnchanged: 0,
    relationshipsRemoved: 0,
    statementsAdded: 0,
    statementsChanged: 0,
    statementsRemoved: 0,
    versionsAdded: 0,
    createdIds: [],
  };
}

export function addReports(total: UpsertReport, part: UpsertReport): UpsertReport {
  return {
    nodesCreated: total.nodesCreated + part.nodesCreated,
    nodesUpdated: total.nodesUpdated + part.nodesUpdated,
    nodesUnchanged: total.nodesUnchanged + part.nodesUnchanged,
    nodesRemoved: total.nodesRemoved + part.nodesRemoved,
    relationshipsCreated: total.relationshipsCreated + part.relationshipsCreated,
    relationshipsUpdated: total.relationshipsUpdated + part.relationshipsUpdated,
    relationshipsUnchanged: total.relationshipsUnchanged + part.relationshipsUnchanged,
    relationshipsRemoved: total.relationshipsRemoved + part.relationshipsRemoved,
    statementsAdded: total.statementsAdded + part.statementsAdded,
    statementsChanged: total.statementsChanged + part.statementsChanged,
    statementsRemoved: total.statementsRemoved + part.statementsRemoved,
    versionsAdded: total.versionsAdded + part.versionsAdded,
    createdIds: [...total.createdIds, ...part.createdIds],
  };
}

export const hasChanges = (report: UpsertReport) =>
  report.nodesCreated + report.nodesUpdated + report.nodesRemoved + report.relationshipsCreated + report.relationshipsUpdated + report.relationshipsRemoved + report.versionsAdded > 0;

export type Change = 'created' | 'updated' | 'unchanged';

/** What writing `next` over `stored` is, counted into the report (both stores report alike). */
export function tallyChange(report: UpsertReport, what: 'nodes' | 'relationships', stored: object | undefined, next: { id: string }): Change {
  const change: Change = !stored ? 'created' : sameRecord(stored, next) ? 'unchanged' : 'updated';
  if (change === 'created') report.createdIds.push(next.id);
  const key = `${what}${change[0]?.toUpperCase()}${change.slice(1)}` as 'nodesCreated';
  report[key]++;
  return change;
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The statement plan's counts into the report (both stores report alike). */
export function applyStatementPlan(report: UpsertReport, plan: StatementPlan): void {
  report.relationshipsCreated += plan.created.length;
  report.relationshipsUpdated += plan.updated.length;
  report.relationshipsUnchanged += plan.unchangedFacts;
  report.relationshipsRemoved += plan.removed.length;
  report.statementsAdded += plan.counts.statementsAdded;
  report.statementsChanged += plan.counts.statementsChanged;
  report.statementsRemoved += plan.counts.statementsRemoved;
  report.versionsAdded += plan.versions.length;
  for (const fact of plan.created) report.createdIds.push(fact.id);
}

/** The text of each SOURCE among `nodes`. */
export function sourceTextsOf(nodes: Iterable<GraphNode> | ReadonlyMap<string, GraphNode>): Map<string, string> {
  const texts = new Map<string, string>();
  for (const node of nodes instanceof Map ? nodes.values() : (nodes as Iterable<GraphNode>)) if (node.kind === 'SOURCE') texts.set(node.id, node.text);
  return texts;
}

// What every importer shares: collecting nodes and statements (ids derived from content, so
// re-imports change nothing), rejected rows with their line and reason, and the summary.
import { ValidationError } from '../../domain/errors.ts';
import type { Commitment, GraphBatch, GraphNode, GraphRelationship, StructuralRelationship } from '../../domain/model.ts';
import { deriveFactId, deriveStatementId } from '../../domain/relationship-id.ts';
import type { CsvSource } from './csv-source.ts';

export interface RejectedRow {
  file: string;
  line: number;
  reason: string;
}

export interface ImportResult {
  batch: GraphBatch;
  rowsRead: number;
  /** Rows that map to nothing in the model (e.g. GDELT events outside CAMEO 03/12/13). */
  rowsSkipped: number;
  /** The skipped rows counted by reason. */
  skippedBy: Record<string, number>;
  rejected: RejectedRow[];
}

type NewCommitment = Omit<Commitment, 'id' | 'conditions' | 'unresolved' | 'statedBy'> & Partial<Pick<Commitment, 'conditions' | 'unresolved' | 'statedBy'>>;

/**
 * Each row that asserts a fact is a statement of that fact; rows with the same statement key (a
 * phase, an event) are one statement with the evidence of each.
 */
export class ImportBuilder {
  private readonly nodes = new Map<string, GraphNode>();
  /** By statement id. */
  private readonly relationships = new Map<string, GraphRelationship>();
  readonly rejected: RejectedRow[] = [];
  private readonly skipped = new Map<string, number>();
  private readonly sourceId: string;
  private readonly rowsRead: number;

  /** Starts from the data file: it is the Source node, every one of its rows is read, and its malformed lines are rejected rows. */
  constructor(source: CsvSource) {
    this.sourceId = source.node.id;
    this.rowsRead = source.rows.length + source.malformed.length;
    this.node(source.node);
    for (const row of source.malformed) this.reject(source.file, row.line, row.reason);
  }

  node(node: GraphNode): void {
    const known = this.nodes.get(node.id);
    this.nodes.set(node.id, known ? ({ ...known, ...node, aliases: [...new Set([...known.aliases, ...node.aliases])] } as GraphNode) : node);
  }

  /** A statement of a commitment; `key` tells apart this source's statements of one fact (a phase, an event). Returns the fact id. */
  commitment(rel: NewCommitment, key = ''): string {
    return this.add({ conditions: [], unresolved: [], statedBy: [], ...rel, id: deriveFactId(rel) } as Commitment, key);
  }

  structural(rel: Omit<StructuralRelationship, 'id'>, key = ''): string {
    return this.add({ ...rel, id: deriveFactId(rel) }, key);
  }

  private add(rel: GraphRelationship, key: string): string {
    const statement = deriveStatementId(this.sourceId, rel.id, key);
    const known = this.relationships.get(statement);
    // The same statement on several rows: one statement with the evidence of each.
    this.relationships.set(statement, known ? { ...rel, statement, evidence: [...known.evidence, ...rel.evidence] } : { ...rel, statement });
    return rel.id;
  }

  /** A row that maps to nothing in the model, counted under its reason. */
  skip(reason: string): void {
    this.skipped.set(reason, (this.skipped.get(reason) ?? 0) + 1);
  }

  reject(file: string, line: number, reason: string): void {
    this.rejected.push({ file, line, reason });
  }

  /** The result; with `strict`, any rejected row refuses the whole file. */
  result(strict: boolean): ImportResult {
    // Malformed lines were rejected first; the list reads in file order.
    this.rejected.sort((a, b) => a.line - b.line);
    if (strict && this.rejected.length) {
      throw new ValidationError(
        this.rejected.map((r) => ({ code: 'ROW_REJECTED', file: r.file, line: r.line, message: r.reason })),
        'import (--strict)',
      );
    }
    return {
      // An import states everything its data file asserts: a new release replaces its statements.
      batch: { nodes: [...this.nodes.values()], relationships: [...this.relationships.values()], complete: true },
      rowsRead: this.rowsRead,
      rowsSkipped: [...this.skipped.values()].reduce((a, b) => a + b, 0),
      skippedBy: Object.fromEntries([...this.skipped].sort(([a], [b]) => a.localeCompare(b))),
      rejected: this.rejected,
    };
  }
}

/** YYYY-MM-DD from year, month and day fields (0 or empty month/day means unknown → coarser date). */
export function dateFrom(year: string | undefined, month?: string, day?: string): string | undefined {
  const y = Number(year);
  if (!Number.isInteger(y) || y < 1000 || y > 2100) return undefined;
  const m = Number(month);
  if (!Number.isInteger(m) || m < 1 || m > 12) return String(y);
  const d = Number(day);
  const mm = String(m).padStart(2, '0');
  if (!Number.isInteger(d) || d < 1 || d > 31) return `${y}-${mm}`;
  return `${y}-${mm}-${String(d).padStart(2, '0')}`;
}

export interface MembershipFields {
  /** The member's COW state code field, by name. */
  member: string;
  /** Year, month, day field names of the start and (optional) end. */
  start: [string, string, string];
  end: [string, string, string];
  /** Values of the end year that mean "still in force". */
  openEnd: readonly string[];
}

/** A membership row's state and validity, or undefined after rejecting the row with its reason. */
export function readMembership(
  out: ImportBuilder,
  file: string,
  row: { line: number; fields: Record<string, string> },
  resolver: { byCowCode(code: number): { id: string; node: GraphNode } | undefined },
  names: MembershipFields,
): { state: { id: string; node: GraphNode }; validFrom: string; validTo?: string } | undefined {
  const f = row.fields;
  const state = resolver.byCowCode(Number(f[names.member]));
  if (!state) return void out.reject(file, row.line, `${names.member} "${f[names.member]}" is not a known COW state code`);
  const [sy, sm, sd] = names.start;
  const validFrom = dateFrom(f[sy], f[sm], f[sd]);
  if (!validFrom) return void out.reject(file, row.line, `${sy} "${f[sy]}" is not a date`);
  const [ey, em, ed] = names.end;
  const open = !f[ey] || names.openEnd.includes(f[ey] as string);
  const validTo = open ? undefined : dateFrom(f[ey], f[em], f[ed]);
  if (!open && !validTo) return void out.reject(file, row.line, `${ey} "${f[ey]}" is not a date`);
  return { state, validFrom, ...(validTo ? { validTo } : {}) };
}

// The upsert planner, pure: given a checked batch, what is stored already and the statement plan,
// decide which rows to write and count what changes. The store reads the stored records, runs the
// plan's rows through the Cypher statements, and returns the plan's report.
import { RelationshipType, type GraphBatch, type GraphNode } from '../../domain/model.ts';
import type { Fact } from '../../domain/statements.ts';
import { applyStatementPlan, emptyUpsertReport, hasChanges, tallyChange } from '../report-sums.ts';
import { mergeNode } from '../merge-node.ts';
import type { UpsertReport } from '../graph-store.ts';
import type { StatementPlan } from '../statement-plan.ts';
import { definedOnly, labelsOf, toRelationshipProps, toVersionProps } from './records.ts';

export interface NodeRow {
  id: string;
  labels: string[];
  props: Record<string, unknown>;
}

export interface RelationshipRow {
  id: string;
  from: string;
  to: string;
  props: Record<string, unknown>;
}

export interface UpsertPlan {
  report: UpsertReport;
  /** Nodes to write (new or changed), merged onto what was stored. */
  nodeRows: NodeRow[];
  /** New facts by type: CREATEd (the graph lock rules out a concurrent creator). */
  created: Map<RelationshipType, RelationshipRow[]>;
  /** Changed facts by type: their properties are replaced. */
  updated: Map<RelationshipType, RelationshipRow[]>;
  /** Facts no statement asserts any more, by type. */
  removed: Map<RelationshipType, RelationshipRow[]>;
  versionRows: Record<string, unknown>[];
  /** Records that need no write (unchanged), for progress. */
  unchanged: number;
  /** Whether anything is written, so the graph version must move. */
  changed: boolean;
}

function byType(facts: readonly Fact[], props: (fact: Fact) => Record<string, unknown>): Map<RelationshipType, RelationshipRow[]> {
  const grouped = new Map<RelationshipType, RelationshipRow[]>();
  for (const fact of facts) {
    const type = RelationshipType.parse(fact.type);
    let rows = grouped.get(type);
    if (!rows) grouped.set(type, (rows = []));
    rows.push({ id: fact.id, from: fact.from, to: fact.to, props: props(fact) });
  }
  return grouped;
}

/**
 * What a load writes: nodes merged onto what was stored, and the facts and versions of the statement
 * plan (statement-plan.ts), facts split into created, updated and removed by type, since a Cypher
 * statement names one type.
 */
export function planUpsert(batch: GraphBatch, storedNodes: ReadonlyMap<string, GraphNode>, statements: StatementPlan, storedFacts: ReadonlyMap<string, Fact>): UpsertPlan {
  const report = emptyUpsertReport();
  const nodes = new Map(storedNodes);
  const nodeRows: NodeRow[] = [];
  for (const incoming of batch.nodes) {
    const stored = nodes.get(incoming.id);
    const merged = mergeNode(stored, incoming);
    nodes.set(incoming.id, merged);
    if (tallyChange(report, 'nodes', stored, merged) !== 'unchanged') nodeRows.push({ id: merged.id, labels: labelsOf(merged.kind), props: definedOnly(merged) });
  }
  applyStatementPlan(report, statements);
  const removedFacts = statements.removed.map((id) => storedFacts.get(id)).filter((f): f is Fact => f !== undefined);
  return {
    report,
    nodeRows,
    created: byType(statements.created, toRelationshipProps),
    updated: byType(statements.updated, toRelationshipProps),
    removed: byType(removedFacts, () => ({})),
    versionRows: statements.versions.map(toVersionProps),
    unchanged: batch.nodes.length - nodeRows.length + statements.unchangedFacts,
    changed: hasChanges(report),
  };
}

// The upsert planner, pure: given a checked batch and what is stored already, decide which rows
// to write (nodes merged onto their stored form; relationships split into created and updated by
// type, since a statement names one type) and count what changes. The store reads the stored
// records, runs the plan's rows through the Cypher statements, and returns the plan's report.
import { RelationshipType, type GraphBatch, type GraphNode, type GraphRelationship } from '../../domain/model.ts';
import { emptyUpsertReport, hasChanges, mergeNode, tallyChange } from '../common.ts';
import type { UpsertReport } from '../graph-store.ts';
import { definedOnly, labelsOf, toRelationshipProps } from './records.ts';

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
  /** New relationships by type: CREATEd (the graph lock rules out a concurrent creator). */
  created: Map<RelationshipType, RelationshipRow[]>;
  /** Changed relationships by type: their properties are replaced. */
  updated: Map<RelationshipType, RelationshipRow[]>;
  /** Records that need no write (unchanged), for progress. */
  unchanged: number;
  /** Whether anything is written, so the graph version must move. */
  changed: boolean;
}

/**
 * The relationships of the batch that may be stored already: only those whose two ends were both
 * stored before this batch (an end the batch creates cannot have stored relationships). Ends
 * outside the batch passed the batch check, so they are stored.
 */
export function relationshipsThatMayExist(batch: GraphBatch, storedNodeIds: ReadonlySet<string>): GraphRelationship[] {
  const batchNodeIds = new Set(batch.nodes.map((n) => n.id));
  const existedBefore = (id: string) => !batchNodeIds.has(id) || storedNodeIds.has(id);
  return batch.relationships.filter((r) => existedBefore(r.from) && existedBefore(r.to));
}

/**
 * `stale`: stored relationships whose derived properties (validity days, quotes) an older version
 * computed differently; they are rewritten even when their records are unchanged, so a reload
 * brings a database written by an older version up to today's rules.
 */
export function planUpsert(
  batch: GraphBatch,
  storedNodes: ReadonlyMap<string, GraphNode>,
  storedRelationships: ReadonlyMap<string, GraphRelationship>,
  stale: ReadonlySet<string> = new Set(),
): UpsertPlan {
  const report = emptyUpsertReport();
  const nodes = new Map(storedNodes);
  const nodeRows: NodeRow[] = [];
  for (const incoming of batch.nodes) {
    const stored = nodes.get(incoming.id);
    const merged = mergeNode(stored, incoming);
    nodes.set(incoming.id, merged);
    if (tallyChange(report, 'nodes', stored, merged) !== 'unchanged') nodeRows.push({ id: merged.id, labels: labelsOf(merged.kind), props: definedOnly(merged) });
  }
  const relationships = new Map(storedRelationships);
  const created = new Map<RelationshipType, RelationshipRow[]>();
  const updated = new Map<RelationshipType, RelationshipRow[]>();
  let unchangedRelationships = 0;
  for (const incoming of batch.relationships) {
    const stored = relationships.get(incoming.id);
    // A stale stored form counts as a different one: the relationship is rewritten (updated).
    const compared = stored && stale.has(incoming.id) ? { ...stored, staleDerivedProperties: true } : stored;
    if (tallyChange(report, 'relationships', compared, incoming) === 'unchanged') {
      unchangedRelationships++;
      continue;
    }
    relationships.set(incoming.id, incoming);
    const type = RelationshipType.parse(incoming.type);
    const target = stored ? updated : created;
    let rows = target.get(type);
    if (!rows) target.set(type, (rows = []));
    rows.push({ id: incoming.id, from: incoming.from, to: incoming.to, props: toRelationshipProps(incoming) });
  }
  return {
    report,
    nodeRows,
    created,
    updated,
    unchanged: batch.nodes.length - nodeRows.length + unchangedRelationships,
    changed: hasChanges(report),
  };
}

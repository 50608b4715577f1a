// Each dataset's default grades (docs/dossiers.md "Grading sources" gives the reasons): its outlet
// and that outlet's reliability, graded only while nobody has graded it, and the credibility its new
// statements start with. A person's later grade, of the outlet or of a statement, stands.
import type { Credibility, GraphBatch, Reliability } from '../../domain/model.ts';
import type { ImportResult } from './import-builder.ts';

export interface DatasetGrades {
  outlet: string;
  reliability: Reliability;
  credibility: Credibility;
}

export const DATASET_GRADES = {
  // Scholars coding treaty texts by a published codebook, checked across releases: usually reliable,
  // and what a treaty says is probably true (2) — 1 is for corroboration, which ATOP and COW give each other.
  atop: { outlet: 'atop', reliability: 'B', credibility: 2 },
  cow: { outlet: 'cow', reliability: 'B', credibility: 2 },
  // Announcements by governments, collected and checked by a research institute: usually reliable, probably true.
  kiel: { outlet: 'kiel-institute', reliability: 'B', credibility: 2 },
  // Events a program coded from news it does not name per event, with known false positives: neither
  // the outlet nor the item can be judged (F, 6) — which is not "unreliable" (E) or "improbable" (5).
  gdelt: { outlet: 'gdelt', reliability: 'F', credibility: 6 },
} as const satisfies Record<string, DatasetGrades>;

/** The import's batch with its dataset's defaults: the source's outlet, the outlet's grade if ungraded, new statements' credibility. */
export function withDatasetGrades(result: ImportResult, grades: DatasetGrades): ImportResult {
  const nodes = result.batch.nodes.map((node) => (node.kind === 'SOURCE' ? { ...node, outlet: grades.outlet } : node));
  const batch: GraphBatch = {
    ...result.batch,
    nodes,
    // A batch's review is what its new and changed statements get; unchanged ones keep theirs (statement-plan.ts).
    review: { ...(result.batch.review ?? { state: 'machine' }), credibility: grades.credibility },
    outletGrades: [{ outlet: grades.outlet, reliability: grades.reliability, ifUngraded: true }],
  };
  return { ...result, batch };
}

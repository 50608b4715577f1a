// The arithmetic of upsert reports, the same in both stores: an empty report, the sum of two,
// whether one changed anything, and what a write or a statement plan adds to one.
import { sameRecord } from '../lib/canonical-json.ts';
import type { UpsertReport } from './graph-store.ts';
import type { StatementPlan } from './statement-plan.ts';

/** The counts a report sums (every field but `createdIds`). */
type ReportCount = Exclude<keyof UpsertReport, 'createdIds'>;
const COUNTS = [
  'nodesCreated', 'nodesUpdated', 'nodesUnchanged', 'nodesRemoved',
  'relationshipsCreated', 'relationshipsUpdated', 'relationshipsUnchanged', 'relationshipsRemoved',
  'statementsAdded', 'statementsChanged', 'statementsRemoved', 'versionsAdded',
] as const satisfies readonly ReportCount[];
// A count added to UpsertReport and not listed above fails to compile here.
const everyCountListed: Exclude<ReportCount, (typeof COUNTS)[number]> extends never ? true : never = true;
void everyCountListed;

const countsFrom = (count: (key: ReportCount) => number) => Object.fromEntries(COUNTS.map((key) => [key, count(key)])) as Record<ReportCount, number>;

export function emptyUpsertReport(): UpsertReport {
  return { ...countsFrom(() => 0), createdIds: [] };
}

export function addReports(total: UpsertReport, part: UpsertReport): UpsertReport {
  return { ...countsFrom((key) => total[key] + part[key]), createdIds: [...total.createdIds, ...part.createdIds] };
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

// An analysis narrowed to reliability grades reads the sources of the outlets graded so, found in
// the store when it is asked: grades live in the store (an outlet's grade changes without a fact
// changing), the analysis graph holds none; the API's service and the CLI both ask here.
import { reliabilityAsked } from '../analysis/options.ts';
import type { GraphStore } from '../store/graph-store.ts';

/**
 * The options with `gradedSources` for their `reliability` (checked first: a bad grade is an
 * OptionError naming it); as they are without one. The store's `sourcesOfGrades` is what its own
 * relationship filters match (domain/filters.ts withGradedSources), so a listing and an analysis
 * narrowed to the same grades read the same statements.
 */
export async function withGradedSources<T extends { reliability?: unknown }>(store: Pick<GraphStore, 'sourcesOfGrades'>, options: T): Promise<T & { gradedSources?: string[] }> {
  const grades = reliabilityAsked(options);
  if (!grades) return options;
  return { ...options, gradedSources: await store.sourcesOfGrades(grades) };
}

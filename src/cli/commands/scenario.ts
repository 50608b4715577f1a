// cgraph scenario: which conditional commitments become active if conditions hold (--assume) or
// fail (--deny), or commitments are withdrawn (--withdraw), each with the reasons why.
import type { Command } from 'commander';
import type { CommitmentGraph } from '../../analysis/graph-view.ts';
import { scenario, type Scenario } from '../../analysis/scenario.ts';
import type { GraphRelationship } from '../../domain/model.ts';
import { resolveCommitment, resolveNode } from '../graph-names.ts';
import { commaList, SOURCES_HELP, RELIABILITY_HELP, CREDIBILITY_HELP } from '../options.ts';
import { describeRelationship } from '../output.ts';
import { print, printEmpty, withGraph } from '../runtime.ts';
import { withGradedSources } from '../../services/graded-sources.ts';

interface ScenarioFlags {
  assume: string[];
  deny: string[];
  withdraw: string[];
  asOf?: string;
  sources?: string[];
  reliability?: string[];
  credibility?: string[];
  json?: boolean;
}

/** Repeatable but not split at commas: a commitment's words of its action may hold commas. */
const repeated = (value: string, previous: string[] = []) => [...previous, value];

export function registerScenario(program: Command): void {
  program
    .command('scenario')
    .description('which conditional commitments become active if conditions hold (--assume) or fail (--deny), or commitments are withdrawn (--withdraw); withdrawals propagate through dependent commitments')
    .option('--assume <conditions>', 'condition ids or names assumed met (comma-separated, repeatable)', commaList, [])
    .option('--deny <conditions>', 'condition ids or names assumed not met', commaList, [])
    .option('--withdraw <commitment>', 'a commitment assumed withdrawn: its relationship id, or "<actor> <PLEDGED|REFUSED|WARNED> [words of its action]" (repeatable)', repeated, [])
    .option('--as-of <date>', 'only commitments valid on this date are in force')
    .option('--sources <ids>', SOURCES_HELP, commaList)
    .option('--reliability <grades>', RELIABILITY_HELP, commaList)
    .option('--credibility <grades>', CREDIBILITY_HELP, commaList)
    .option('--json', 'print JSON')
    .action(async (opts: ScenarioFlags) => {
      await withGraph(async (graph, store) => {
        const assume = await Promise.all(opts.assume.map((c) => resolveNode(store, c)));
        const deny = await Promise.all(opts.deny.map((c) => resolveNode(store, c)));
        const withdraw = await Promise.all(opts.withdraw.map((c) => resolveCommitment(graph, store, c)));
        const graded = await withGradedSources(store, { sources: opts.sources, reliability: opts.reliability, credibility: opts.credibility });
        const result = scenario(graph, { assume, deny, withdraw, asOf: opts.asOf, ...graded });
        if (isEmpty(result)) return printEmpty({ json: !!opts.json }, `no conditional or withdrawn commitments${opts.asOf ? ` on ${opts.asOf}` : ''}`, scenarioJson(result));
        print({ json: !!opts.json }, scenarioText(graph, result), scenarioJson(result));
      });
    });
}

/** Nothing the assumptions decide: no conditional commitment, none withdrawn. */
const isEmpty = (result: Scenario) => [result.active, result.inactive, result.undetermined, result.withdrawn, result.cycles].every((list) => list.length === 0);

/** Each state's commitments with the reasons they are in it, then the cycles left undetermined. */
function scenarioText(graph: CommitmentGraph, result: Scenario): string {
  const section = (title: string, items: GraphRelationship[]) => [
    `${title} (${items.length}):`,
    ...items.map((c) => {
      const why = result.reasons.filter((r) => r.commitment.id === c.id && r.outcome !== 'LIMIT').map((r) => r.explanation);
      return `  ${describeRelationship(graph, c)}${why.length ? `\n    ${why.join('; ')}` : ''}`;
    }),
  ];
  return [
    ...section('active', result.active),
    ...section('inactive', result.inactive),
    ...section('undetermined', result.undetermined),
    ...section('withdrawn', result.withdrawn),
    ...result.cycles.map((cycle) => `cycle (undetermined): ${cycle.map((c) => describeRelationship(graph, c)).join(' ⇄ ')}`),
  ].join('\n');
}

/** The same by ids, for scripts. */
function scenarioJson(result: Scenario) {
  return {
    active: result.active.map((c) => c.id),
    inactive: result.inactive.map((c) => c.id),
    undetermined: result.undetermined.map((c) => c.id),
    withdrawn: result.withdrawn.map((c) => c.id),
    cycles: result.cycles.map((cycle) => cycle.map((c) => c.id)),
    reasons: result.reasons.map((r) => ({
      commitment: r.commitment.id,
      condition: r.condition.id,
      outcome: r.outcome,
      explanation: r.explanation,
      ...(r.inheritedFrom ? { inheritedFrom: r.inheritedFrom.id } : {}),
      chain: r.chain.map((c) => c.id),
    })),
  };
}

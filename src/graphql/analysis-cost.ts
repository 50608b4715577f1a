// What a request asks of the analysis worker, counted before it runs: each analysis field costs
// by the work behind it, and a request over the budget is refused with ANALYSIS_COST_EXCEEDED.
// docs/api.md "Limits" lists the costs.
import { GraphQLError, Kind, type ArgumentNode, type FieldNode, type ValidationContext, type ValidationRule } from 'graphql';

/** Work units per request; one tensions (10) with a betweenness centrality (10) fits. */
export const MAX_ANALYSIS_COST = 20;

const literal = (field: FieldNode, name: string): ArgumentNode['value'] | undefined => field.arguments?.find((a) => a.name.value === name)?.value;

const CENTRALITY: Record<string, number> = { DEGREE: 1, PAGERANK: 3, EIGENVECTOR: 3, BETWEENNESS: 10 };

/**
 * The cost of one root field. An argument given as a variable counts at its dearest (a
 * betweenness centrality costs ten times a degree).
 */
export function analysisCostOf(field: FieldNode): number {
  switch (field.name.value) {
    case 'shortestPath':
      return 1;
    case 'neighbourhood':
      return 2;
    case 'scenario':
      return 3;
    case 'communities':
      return 5;
    case 'tensions':
      return 10;
    case 'paths': {
      const length = literal(field, 'maxLength');
      return length?.kind === Kind.INT && Number(length.value) <= 4 ? 2 : 5;
    }
    case 'centrality': {
      const metric = literal(field, 'metric');
      return metric?.kind === Kind.ENUM ? (CENTRALITY[metric.value] ?? 10) : 10;
    }
    default:
      return 0;
  }
}

/**
 * The validation rule. The field-count cost limit (graphql-armor) cannot see this: aliases can ask
 * for the same heavy analysis many times with different options, each a cold computation.
 */
export function analysisCostRule(max = MAX_ANALYSIS_COST): ValidationRule {
  return (context: ValidationContext) => {
    let total = 0;
    return {
      Field(node) {
        if (context.getParentType()?.name !== 'Query') return;
        total += analysisCostOf(node);
      },
      Document: {
        leave() {
          if (total > max) {
            context.reportError(
              new GraphQLError(`the analyses this request asks for cost ${total} work units; at most ${max} per request: split it into several requests`, {
                extensions: { code: 'ANALYSIS_COST_EXCEEDED', cost: total, maxCost: max, http: { status: 400 } },
              }),
            );
          }
        },
      },
    };
  };
}

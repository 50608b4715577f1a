// The Subscription fields: each opens a bounded queue on the API's event hub
// (services/graph-events.ts) for the caller; events are resolved with fresh DataLoaders each.
import type { GraphChangedEvent, StatementsAddedEvent, TensionsChangedEvent } from '../services/graph-events.ts';
import { checkDate, relationshipFilter, type RelationshipFilterInput } from './arguments.ts';
import { hydrator } from './analysis-resolvers.ts';
import { hydrate } from '../analysis/refs.ts';
import type { Context } from './context.ts';

/**
 * A subscription refused (SUBSCRIPTION_LIMIT) answers one event carrying the coded error, then
 * ends: thrown from `subscribe`, the error would make graphql-sse refuse the whole request
 * without its code.
 */
async function* refusal(error: unknown): AsyncGenerator<{ refused: unknown }> {
  yield { refused: error };
}

function opened<T>(open: () => AsyncIterable<T>): AsyncIterable<T | { refused: unknown }> {
  try {
    return open();
  } catch (error) {
    return refusal(error);
  }
}

function unlessRefused<T extends object>(event: T | { refused: unknown }): T {
  if ('refused' in event) throw event.refused;
  return event;
}

/** A subscription's context lives as long as it does: each event reads the store afresh. */
function fresh(context: Context): void {
  context.nodes.clearAll();
  context.relationships.clearAll();
  context.pages.clear();
}

export const subscriptions = {
  graphChanged: {
    subscribe: (_: unknown, _args: unknown, context: Context) => opened(() => context.services.events.graphChanged(context.client)),
    resolve: (event: GraphChangedEvent | { refused: unknown }) => unlessRefused(event),
  },
  statementsAdded: {
    subscribe: (_: unknown, args: { filter?: RelationshipFilterInput | null }, context: Context) =>
      opened(() => context.services.events.statementsAdded(context.client, relationshipFilter(args.filter))),
    resolve: (payload: StatementsAddedEvent | { refused: unknown }, _args: unknown, context: Context) => {
      const event = unlessRefused(payload);
      fresh(context);
      for (const fact of event.relationships) context.relationships.prime(fact.id, fact);
      return event;
    },
  },
  tensionsChanged: {
    subscribe: (_: unknown, args: { asOf?: string | null }, context: Context) => opened(() => context.services.events.tensionsChanged(context.client, checkDate(args.asOf, 'asOf') ?? null)),
    resolve: async (payload: TensionsChangedEvent | { refused: unknown }, _args: unknown, context: Context) => {
      const event = unlessRefused(payload);
      fresh(context);
      return { ...event, appeared: await hydrate(event.appeared, hydrator(context)) };
    },
  },
};

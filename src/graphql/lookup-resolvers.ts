// Query.lookup: the actor lookup (ingest/lookup) over the API, with the same text and `first`
// limits as search; a candidate's node is the graph's, read through the request's loader.
import type { NodeKind } from '../domain/model.ts';
import { actorEntry, lookup, type LookupCandidate } from '../ingest/lookup/actor-lookup.ts';
import { parseOptions, SearchOptions, type OptionsInput } from '../analysis/options.ts';
import { DATA_DIR } from '../project-files.ts';
import type { Context } from './context.ts';

export const lookupQueries = {
  lookup: async (_: unknown, args: OptionsInput<typeof SearchOptions>, context: Context): Promise<LookupCandidate[]> => {
    const { text, kinds, first } = parseOptions(SearchOptions, args);
    return lookup(text, { first, kinds: kinds as NodeKind[] | undefined, store: context.services.store, registry: context.services.registry, dataDir: DATA_DIR });
  },
};

export const lookupTypes = {
  LookupCandidate: {
    node: (candidate: LookupCandidate, _: unknown, context: Context) => context.nodes.load(candidate.id),
    // A dossier that names an actor neither the graph nor the registry holds must introduce it, with
    // the fields a draft would write (a later draft's copy then matches it instead of conflicting).
    proposed: async (candidate: LookupCandidate, _: unknown, context: Context) => {
      if (candidate.foundIn.includes('REGISTRY') || (await context.nodes.load(candidate.id))) return null;
      const entry = actorEntry(candidate.id, { registry: context.services.registry, dataDir: DATA_DIR });
      return entry && entry.foundIn !== 'REGISTRY' ? entry.node : null;
    },
  },
};

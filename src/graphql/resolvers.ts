// Resolvers for schema.graphql: thin mappings from the API's shapes onto the store and the
// domain records; nodes referenced by relationships are fetched through per-request DataLoaders.
import type { IResolvers } from '@graphql-tools/utils';
import type { GraphQLResolveInfo } from 'graphql';
import { selects } from './selection.ts';
import { gatesOf } from '../domain/conditions.ts';
import { spansOf, validity } from '../domain/time.ts';
import { factOn, isFact, type Statement } from '../domain/statements.ts';
import { diffVersions } from '../ingest/source-diff.ts';
import type { SourceVersion, VersionStatement } from '../domain/source-version.ts';
import { KIND_LABEL, RelationshipType, isCommitment, isCommitmentType, type Evidence, type GraphNode, type GraphRelationship, type NodeKind } from '../domain/model.ts';
import { DomainError } from '../domain/errors.ts';
import type { RelationshipFilter } from '../domain/filters.ts';
import { ingestDossier } from '../ingest/ingest-dossier.ts';
import { checkDraftOptions, type DraftOptions } from '../ingest/draft/draft.ts';
import type { Page } from '../store/graph-store.ts';
import { allItems } from '../store/pages.ts';
import { checkDate, commitmentFilter, relationshipFilter, type CommitmentFilterInput, type RelationshipFilterInput } from './arguments.ts';
import { authenticated, type Context } from './context.ts';
import { writeMutations } from './write-resolvers.ts';
import { subscriptions } from './subscription-resolvers.ts';
import { badArgument } from './errors.ts';
import { analysisQueries, analysisTypes } from './analysis-resolvers.ts';
import { lookupQueries, lookupTypes } from './lookup-resolvers.ts';
import { nodeWithSides, pageRequest, readAndPrime, readShape, sidePage, whole, type PageArgs, type SideArgs } from './prefetch.ts';
import type { Fact } from '../domain/statements.ts';
import { parseOptions, SearchOptions, type OptionsInput } from '../analysis/options.ts';
import { checkCredibility, gradeMutations, gradeTypes, graded, inFact, quoteIn, quoteOf } from './grade-resolvers.ts';

export const MAX_YAML_CHARS = 2_000_000;

export function toConnection<T>(page: Page<T>) {
  return {
    edges: page.items.map((node, i) => ({ cursor: page.cursors[i], node })),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: page.cursors[0] ?? null,
      endCursor: page.cursors.at(-1) ?? null,
    },
    totalCount: page.totalCount,
  };
}

async function relationshipsPage(context: Context, filter: RelationshipFilter, args: PageArgs & { preferGraded?: boolean | null }, info: GraphQLResolveInfo | undefined) {
  // Resolving again with grades needs every statement: such a listing is read whole.
  const shape = args.preferGraded ? { lean: false } : readShape(info);
  const result = await readAndPrime(context, { listings: [{ filter, page: pageRequest(args, selects(info, 'totalCount')) }], ...shape });
  const page = result.pages[0] as Page<Fact>;
  return toConnection({ ...page, items: await graded(context, page.items, args.preferGraded) });
}

/** `relationship(id, asOf)`: the fact as it stood that day (statements.ts factOn); null when no statement of it is valid then. */
async function relationshipOn(context: Context, id: string, asOf: string): Promise<Fact | null> {
  const fact = await context.relationships.load(id);
  return (fact && factOn(fact, asOf)) ?? null;
}

async function requiredNode(context: Context, id: string): Promise<GraphNode> {
  const node = await context.nodes.load(id);
  if (!node) throw new DomainError('DANGLING_REFERENCE', `node ${id} is referenced but missing; reload its dossier`, { id });
  return node;
}

const nodeRelationships = {
  outgoing: async (node: GraphNode, args: SideArgs, context: Context, info: GraphQLResolveInfo) => toConnection(await sidePage(context, node, 'outgoing', args, info)),
  incoming: async (node: GraphNode, args: SideArgs, context: Context, info: GraphQLResolveInfo) => toConnection(await sidePage(context, node, 'incoming', args, info)),
};

/** Fields every relationship has: its ends, and what its statements make of it (a statement's own claim has no statements). */
const relationshipFields = {
  from: (rel: GraphRelationship, _: unknown, context: Context) => requiredNode(context, rel.from),
  to: (rel: GraphRelationship, _: unknown, context: Context) => requiredNode(context, rel.to),
  validity: (rel: GraphRelationship) => validity(rel),
  periods: (rel: GraphRelationship) => spansOf(rel),
  // A fact read lean (its statements were not selected with it) is read whole when they are asked for after all.
  statements: async (rel: GraphRelationship, _: unknown, context: Context) => {
    if (!isFact(rel)) return [];
    const fact = await whole(context, rel);
    return fact.statements.map((s) => inFact(s, fact));
  },
  // Each quote knows its fact, so that its grades find the statement it supports.
  evidence: (rel: GraphRelationship) => (isFact(rel) ? rel.evidence.map((e) => quoteIn(e, rel)) : rel.evidence),
  sourceCount: (rel: GraphRelationship) => (isFact(rel) ? rel.sourceCount : 0),
  disputed: (rel: GraphRelationship) => isFact(rel) && rel.disputed,
  disagreements: async (rel: GraphRelationship, _: unknown, context: Context) => {
    if (!isFact(rel)) return [];
    const fact = await whole(context, rel);
    // Each statement with its grades (Statement.credibility, reliability): which side the better-graded sources take.
    return fact.disagreements.map((d) => ({ ...d, statements: d.statements.map((id) => fact.statements.find((s) => s.id === id)).filter((s): s is Statement => !!s).map((s) => inFact(s, fact)) }));
  },
};

const MAX_VERSION_STATEMENTS = 500;

export const resolvers: IResolvers = {
  Query: {
    node: (_: unknown, args: { id: string }, context: Context, info: GraphQLResolveInfo) => nodeWithSides(context, args.id, info),
    relationship: async (_: unknown, args: { id: string; asOf?: string | null; preferGraded?: boolean | null }, context: Context, info: GraphQLResolveInfo) => {
      const asOf = checkDate(args.asOf, 'asOf');
      if (args.preferGraded) {
        const fact = asOf ? await relationshipOn(context, args.id, asOf) : await context.relationships.load(args.id);
        return (await graded(context, [fact], true))[0] ?? null;
      }
      if (asOf) return relationshipOn(context, args.id, asOf);
      const shape = readShape(info);
      if (!shape.lean) return context.relationships.load(args.id);
      return (await readAndPrime(context, { relationships: [args.id], ...shape })).relationships.get(args.id) ?? null;
    },
    search: async (_: unknown, args: OptionsInput<typeof SearchOptions>, context: Context) => {
      const { text, kinds, first } = parseOptions(SearchOptions, args);
      return context.services.store.searchNodes(text, kinds, first);
    },
    nodes: async (_: unknown, args: PageArgs & { kind?: NodeKind | null }, context: Context, info: GraphQLResolveInfo) => {
      const page = await context.services.store.listNodes({ kinds: args.kind ? [args.kind] : undefined }, pageRequest(args, selects(info, 'totalCount')));
      for (const node of page.items) context.nodes.prime(node.id, node);
      return toConnection(page);
    },
    commitments: (_: unknown, args: PageArgs & { filter?: CommitmentFilterInput | null; preferGraded?: boolean | null }, context: Context, info: GraphQLResolveInfo) =>
      relationshipsPage(context, commitmentFilter(args.filter), args, info),
    relationships: (_: unknown, args: PageArgs & { filter?: RelationshipFilterInput | null; preferGraded?: boolean | null }, context: Context, info: GraphQLResolveInfo) =>
      relationshipsPage(context, relationshipFilter(args.filter), args, info),
    stats: async (_: unknown, __: unknown, context: Context) => {
      const counts = await context.services.store.counts();
      const sum = (values: (number | undefined)[]) => values.reduce<number>((a, b) => a + (b ?? 0), 0);
      return {
        nodes: sum(Object.values(counts.nodes)),
        relationships: sum(Object.values(counts.relationships)),
        nodesByKind: Object.entries(counts.nodes).map(([kind, count]) => ({ kind, count })).sort((a, b) => a.kind.localeCompare(b.kind)),
        relationshipsByType: Object.entries(counts.relationships).map(([type, count]) => ({ type, count })).sort((a, b) => a.type.localeCompare(b.type)),
      };
    },
    amountTotals: async (_: unknown, args: { filter?: CommitmentFilterInput | null }, context: Context) => {
      const filter = commitmentFilter(args.filter);
      const totals = new Map<string, { donor: string; aidType: string | null; amountEur: number; commitments: number }>();
      for await (const rel of allItems((page) => context.services.store.listRelationships(filter, page))) {
        if (!('amountEur' in rel) || rel.amountEur === undefined) continue;
        const key = `${rel.from}|${rel.aidType ?? ''}`;
        const total = totals.get(key) ?? { donor: rel.from, aidType: rel.aidType ?? null, amountEur: 0, commitments: 0 };
        total.amountEur += rel.amountEur;
        total.commitments++;
        totals.set(key, total);
      }
      return [...totals.values()].sort((a, b) => b.amountEur - a.amountEur || a.donor.localeCompare(b.donor));
    },
    relationshipTypes: () => RelationshipType.options,
    sourceDiff: async (_: unknown, args: { id: string; from?: number | null; to?: number | null }, context: Context) => {
      const versions = await context.services.store.sourceVersions(args.id);
      return diffVersions(args.id, versions, args.from ?? undefined, args.to ?? undefined);
    },
    ...analysisQueries,
    ...lookupQueries,
    draftDossier: (_: unknown, args: { text: string; sourceId?: string | null; url?: string | null; publishedAt?: string | null }, context: Context) => {
      const options: DraftOptions = { ...(args.sourceId ? { sourceId: args.sourceId } : {}), ...(args.url ? { url: args.url } : {}), ...(args.publishedAt ? { publishedAt: args.publishedAt } : {}) };
      checkDraftOptions(options);
      return context.services.drafts.draft(args.text, options);
    },
  },

  Mutation: {
    ...writeMutations,
    ...gradeMutations,
    ingestDossier: async (_: unknown, args: { yaml: string; sourceText: string; allowShrink?: boolean | null }, context: Context) => {
      authenticated(context, 'ingestDossier');
      if (args.yaml.length > MAX_YAML_CHARS || args.sourceText.length > MAX_YAML_CHARS) {
        throw badArgument(`yaml and sourceText take at most ${MAX_YAML_CHARS} characters each`);
      }
      const { report, batch } = await ingestDossier(context.services.store, {
        yamlText: args.yaml,
        sourceText: args.sourceText,
        file: 'ingestDossier(yaml)',
        registry: context.services.registry,
        allowShrink: args.allowShrink ?? false,
      });
      await context.services.versions?.refresh();
      const created = new Set(report.createdIds);
      const allIds = [...batch.nodes.map((n) => n.id), ...batch.relationships.map((r) => r.id)];
      for (const node of batch.nodes) context.nodes.clear(node.id);
      return {
        ...report,
        created: report.createdIds,
        existing: allIds.filter((id) => !created.has(id)),
        relationships: batch.relationships,
      };
    },
    reviewStatement: async (_: unknown, args: { statementId: string; state: Statement['review']['state']; note?: string | null; credibility?: number | null }, context: Context) => {
      const by = authenticated(context, 'reviewStatement');
      if (args.state === 'disputed' && !args.note?.trim()) throw badArgument('a DISPUTED review needs a note that says what is wrong', { argument: 'note' });
      if (args.note && args.note.length > 2000) throw badArgument('note takes at most 2000 characters', { argument: 'note' });
      const credibility = args.credibility === null || args.credibility === undefined ? {} : { credibility: checkCredibility(args.credibility, 'credibility') };
      const review = { state: args.state, by, at: new Date().toISOString(), ...(args.note?.trim() ? { note: args.note.trim() } : {}), ...credibility };
      const fact = await context.services.store.reviewStatement(args.statementId, review);
      await context.services.versions?.refresh();
      if (!fact) throw new DomainError('UNKNOWN_ID', `no relationship has statement ${args.statementId}; take statement ids from Relationship.statements`, { id: args.statementId });
      context.relationships.clear(fact.id).prime(fact.id, fact);
      return fact;
    },
  },
  Subscription: subscriptions,

  Node: {
    __resolveType: (node: GraphNode) => KIND_LABEL[node.kind],
  },
  ...Object.fromEntries(Object.values(KIND_LABEL).map((label) => [label, { ...nodeRelationships }])),
  Condition: {
    ...nodeRelationships,
    subject: (node: GraphNode, _: unknown, context: Context) =>
      node.kind === 'CONDITION' && node.subject && node.conditionKind !== 'commitment' ? context.nodes.load(node.subject) : null,
    dependsOn: (node: GraphNode, _: unknown, context: Context) =>
      node.kind === 'CONDITION' && node.subject && node.conditionKind === 'commitment' ? context.relationships.load(node.subject) : null,
  },

  Relationship: {
    __resolveType: (rel: GraphRelationship) => (isCommitmentType(rel.type) ? 'Commitment' : 'StructuralRelationship'),
  },
  Commitment: {
    ...relationshipFields,
    gates: async (rel: GraphRelationship, _: unknown, context: Context) => {
      if (!isCommitment(rel)) return [];
      const index = await context.services.analysis.conditionIndex();
      return Promise.all(
        gatesOf(rel, index).map(async (gate) => ({
          condition: await requiredNode(context, gate.condition),
          inheritedFrom: gate.inheritedFrom ? await requiredNode(context, gate.inheritedFrom) : null,
        })),
      );
    },
    kind: (rel: GraphRelationship) => rel.type,
    conditions: async (rel: GraphRelationship, _: unknown, context: Context) =>
      Promise.all(('conditions' in rel ? rel.conditions : []).map((id) => requiredNode(context, id))),
    statedBy: async (rel: GraphRelationship, _: unknown, context: Context) =>
      Promise.all(('statedBy' in rel ? rel.statedBy : []).map((id) => requiredNode(context, id))),
  },
  StructuralRelationship: { ...relationshipFields },
  ReviewState: { MACHINE: 'machine', REVIEWED: 'reviewed', DISPUTED: 'disputed' },
  Statement: {
    ...gradeTypes.Statement,
    source: (statement: Statement, _: unknown, context: Context) => requiredNode(context, statement.sourceId),
    evidence: (statement: Statement) => statement.claim.evidence.map((e) => quoteOf(e, statement)),
  },
  Outlet: gradeTypes.Outlet,
  Source: {
    ...nodeRelationships,
    ...gradeTypes.Source,
    // A source read as a reference comes without its article (store/graph-store.ts ReadResult): read it when asked for.
    text: async (node: GraphNode, _: unknown, context: Context) =>
      node.kind === 'SOURCE' && typeof node.text === 'string' ? node.text : ((await context.services.store.getNodes([node.id]))[0] as { text?: string } | null)?.text,
    versions: (node: GraphNode, _: unknown, context: Context) => context.services.store.sourceVersions(node.id),
  },
  SourceVersion: {
    statementCount: (version: SourceVersion) => version.statements.length,
    statements: (version: SourceVersion, args: { first?: number | null }) => {
      const first = args.first ?? 100;
      if (!Number.isInteger(first) || first < 0 || first > MAX_VERSION_STATEMENTS) throw badArgument(`first must be a whole number from 0 to ${MAX_VERSION_STATEMENTS}`, { argument: 'first' });
      return version.statements.slice(0, first);
    },
  },
  SourceDiff: {
    source: (diff: { sourceId: string }, _: unknown, context: Context) => requiredNode(context, diff.sourceId),
  },
  VersionStatement: {
    claim: (statement: VersionStatement) => statement.claim,
  },
  ...analysisTypes,
  ...lookupTypes,
  DraftDossier: { newEntities: (draft: { entities: number }) => draft.entities },
  AmountTotal: {
    donor: (total: { donor: string }, _: unknown, context: Context) => requiredNode(context, total.donor),
  },
  Evidence: {
    ...gradeTypes.Evidence,
    source: (evidence: Evidence, _: unknown, context: Context) => requiredNode(context, evidence.sourceId),
    speaker: (evidence: Evidence, _: unknown, context: Context) => (evidence.speaker ? context.nodes.load(evidence.speaker) : null),
  },
};


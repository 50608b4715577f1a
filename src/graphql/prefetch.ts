// Reading a request's data at once: a root field looks ahead in its selection set and asks the
// store for everything its common shapes need in one read, then primes the request's DataLoaders
// and page map so the nested resolvers ask the store nothing more.
import { valueFromASTUntyped, type FieldNode, type GraphQLObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import type { RelationshipFilter } from '../domain/filters.ts';
import type { GraphNode } from '../domain/model.ts';
import { asOfOf, type Fact } from '../domain/statements.ts';
import { isLean, type Page, type PageRequest, type ReadRequest, type ReadResult } from '../store/graph-store.ts';
import { DomainError } from '../domain/errors.ts';
import { checkDate, checkTypes } from './arguments.ts';
import type { Context } from './context.ts';
import { fieldNamesDeep, fieldsNamed, selects, selectsDeep } from './selection.ts';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export type SideArgs = PageArgs & { types?: string[] | null; asOf?: string | null };
export type Side = 'outgoing' | 'incoming';

/** The store's page request; totalCount is counted only when the query selects it. */
export const pageRequest = (args: PageArgs, withTotal: boolean): PageRequest => ({
  ...(args.first !== null && args.first !== undefined ? { first: args.first } : {}),
  ...(args.after ? { after: args.after } : {}),
  withTotal,
});

export function sideFilter(nodeId: string, side: Side, args: SideArgs): RelationshipFilter {
  const asOf = checkDate(args.asOf, 'asOf');
  return { ...(side === 'outgoing' ? { from: [nodeId] } : { to: [nodeId] }), types: checkTypes(args.types), ...(asOf ? { asOf } : {}) };
}

/** The key a node's side is kept under in a request: the node, the side and its arguments. */
export const sideKey = (nodeId: string, side: Side, args: SideArgs, withTotal: boolean) =>
  JSON.stringify([nodeId, side, args.types ?? null, args.first ?? null, args.after ?? null, args.asOf ?? null, withTotal]);

/**
 * A side field's arguments (types, first, after, asOf: none has a default in the schema), variables
 * substituted. Validation has checked their types; their values are checked where they are used.
 */
function argumentsOf(field: FieldNode, info: GraphQLResolveInfo): SideArgs {
  return Object.fromEntries((field.arguments ?? []).map((arg) => [arg.name.value, valueFromASTUntyped(arg.value, info.variableValues)]));
}

const STATEMENT_FIELDS = new Set(['statements', 'disagreements']);

/** Whether the relationships under the field being resolved may be read lean (it selects no statements or disagreements). */
export const leanFor = (info: GraphQLResolveInfo | undefined): boolean => !!info && !info.fieldNodes.some((node) => selectsDeep(node.selectionSet, STATEMENT_FIELDS, info));

/** Relationship fields that read no stored property of their own (ends and type come with every fact), or other ones than their name. */
const STORED_FOR: Record<string, readonly string[]> = {
  id: [],
  type: [],
  kind: [],
  from: [],
  to: [],
  __typename: [],
  validity: ['spans', 'validFrom', 'validTo', 'statedAt'],
  periods: ['spans', 'validFrom', 'validTo', 'statedAt'],
  gates: ['conditions'],
};

const fieldsBySchema = new WeakMap<GraphQLSchema, ReadonlySet<string>>();

/** The fields of the schema's relationship types. */
function relationshipFieldsOf(schema: GraphQLSchema): ReadonlySet<string> {
  let fields = fieldsBySchema.get(schema);
  if (!fields) {
    fields = new Set(['Commitment', 'StructuralRelationship'].flatMap((name) => Object.keys((schema.getType(name) as GraphQLObjectType).getFields())));
    fieldsBySchema.set(schema, fields);
  }
  return fields;
}

/**
 * How to read the relationships under the field being resolved: lean when it selects no statements
 * or disagreements, and then narrowed to the fact's fields its selection names at any depth (a
 * name another type shares is read too: more than needed, never less). No info: whole.
 */
export function readShape(info: GraphQLResolveInfo | undefined): { lean: boolean; fields?: string[] } {
  if (!info || !leanFor(info)) return { lean: false };
  const relationshipFields = relationshipFieldsOf(info.schema);
  const names = new Set<string>();
  for (const node of info.fieldNodes) fieldNamesDeep(node.selectionSet, info, names);
  const fields = new Set<string>();
  for (const name of names) if (relationshipFields.has(name)) for (const field of STORED_FOR[name] ?? [name]) fields.add(field);
  return { lean: true, fields: [...fields].sort() };
}

/** A fact the relationship loader may keep: whole (not lean) and over all time (not as of a day). */
const keepable = (fact: Fact) => !isLean(fact) && !asOfOf(fact);

/** Primes the request's loaders with what a read returned (lean facts and facts as of a day are not the fact whole: they stay out). */
export function prime(context: Context, result: ReadResult): void {
  for (const [id, node] of result.nodes) context.nodes.prime(id, node);
  for (const [id, fact] of result.relationships) if (keepable(fact)) context.relationships.prime(id, fact);
  for (const page of result.pages) for (const fact of page.items) if (keepable(fact)) context.relationships.prime(fact.id, fact);
}

/** A fact whole: a lean one (read without its statements) is read again. */
export async function whole(context: Context, fact: Fact): Promise<Fact> {
  if (!isLean(fact)) return fact;
  const full = await context.relationships.load(fact.id);
  if (!full) throw new DomainError('DANGLING_REFERENCE', `relationship ${fact.id} disappeared while it was read; ask again`, { id: fact.id });
  return full;
}

/**
 * A read of the store whose answers go to the loaders first (the nodes the relationships name are
 * asked with it). The common shapes: a node with the relationships its outgoing/incoming fields
 * select (nodeWithSides), a filtered page, or a relationship by id — each with the nodes those
 * relationships name (ends, sources, conditions, speakers); one Cypher statement on Neo4j.
 */
export async function readAndPrime(context: Context, request: ReadRequest): Promise<ReadResult> {
  const result = await context.services.store.read({ ...request, references: true });
  prime(context, result);
  return result;
}

/**
 * `node(id)`: the node, and the pages of relationships its outgoing and incoming fields select
 * (each with its own arguments), in one read. Null when there is no such node.
 */
export async function nodeWithSides(context: Context, id: string, info: GraphQLResolveInfo): Promise<GraphNode | null> {
  const sides: { key: string; filter: RelationshipFilter; page: PageRequest }[] = [];
  for (const fieldNode of info.fieldNodes) {
    for (const side of ['outgoing', 'incoming'] as const) {
      for (const field of fieldsNamed(fieldNode.selectionSet, side, info)) {
        const args = argumentsOf(field, info);
        const withTotal = fieldsNamed(field.selectionSet, 'totalCount', info).length > 0;
        const key = sideKey(id, side, args, withTotal);
        if (sides.some((s) => s.key === key)) continue;
        sides.push({ key, filter: sideFilter(id, side, args), page: pageRequest(args, withTotal) });
      }
    }
  }
  const result = await readAndPrime(context, { nodes: [id], listings: sides.map(({ filter, page }) => ({ filter, page })), ...readShape(info) });
  sides.forEach((side, i) => context.pages.set(side.key, result.pages[i] as Page<Fact>));
  // An id a merge retired is found by the store's getNodes (the node that keeps it as an alias);
  // its sides are then read for the kept id (sidePage).
  return result.nodes.get(id) ?? (await context.nodes.load(id));
}

/** A node's outgoing or incoming page: the one its `node` read fetched, or a read of its own (the node came from elsewhere). */
export async function sidePage(context: Context, node: GraphNode, side: Side, args: SideArgs, info: GraphQLResolveInfo): Promise<Page<Fact>> {
  const withTotal = selects(info, 'totalCount');
  const kept = context.pages.get(sideKey(node.id, side, args, withTotal));
  if (kept) return kept;
  const result = await readAndPrime(context, { listings: [{ filter: sideFilter(node.id, side, args), page: pageRequest(args, withTotal) }], ...readShape(info) });
  return result.pages[0] as Page<Fact>;
}

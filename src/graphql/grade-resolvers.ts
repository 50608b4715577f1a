// Grades in the API (docs/dossiers.md "Grading sources"): outlets' reliability through one loader per
// request, a statement's credibility with the derived 1, the grades beside each quote, preferGraded
// resolution and the outlet grade mutation. Grades are read, never written, except by gradeOutlet.
import DataLoader from 'dataloader';
import { Credibility, OutletId, Reliability, type Evidence, type GraphNode } from '../domain/model.ts';
import { credibilityOf, isFact, resolveGraded, type Fact, type GradePreference, type Statement } from '../domain/statements.ts';
import { authenticated, type Context } from './context.ts';
import { badArgument } from './errors.ts';
import { whole } from './prefetch.ts';

const outletLoaders = new WeakMap<Context, DataLoader<string, Reliability | null>>();

/** The request's outlet grades, read once per tick for every outlet asked (kept beside the context, which stays as it is). */
function outletGrades(context: Context): DataLoader<string, Reliability | null> {
  let loader = outletLoaders.get(context);
  if (!loader) {
    loader = new DataLoader(async (outlets) => {
      const grades = await context.services.store.outletGrades(outlets);
      return outlets.map((outlet) => grades.get(outlet) ?? null);
    });
    outletLoaders.set(context, loader);
  }
  return loader;
}

const outletOfNode = (node: GraphNode | Error | null | undefined): string | undefined => (node && !(node instanceof Error) && node.kind === 'SOURCE' ? node.outlet : undefined);

/** Each source's outlet, for the sources of a fact's statements. */
async function outletsOf(context: Context, sourceIds: readonly string[]): Promise<Map<string, string | undefined>> {
  const unique = [...new Set(sourceIds)];
  const nodes = await context.nodes.loadMany(unique);
  return new Map(unique.map((id, i) => [id, outletOfNode(nodes[i])]));
}

async function reliabilityOfSource(context: Context, sourceId: string): Promise<Reliability | null> {
  const outlet = outletOfNode(await context.nodes.load(sourceId));
  return outlet ? outletGrades(context).load(outlet) : null;
}

const FACT = Symbol('fact');
type InFact<T> = T & { [FACT]?: Fact };

/** A statement that knows its fact (for the derived credibility): what Relationship.statements and disagreements hand out. */
export const inFact = (statement: Statement, fact: Fact): InFact<Statement> => ({ ...statement, [FACT]: fact });

/** Reliability and credibility in Admiralty notation: B2, B- (ungraded credibility), -1* (derived 1); null when both are ungraded. */
async function admiraltyCode(context: Context, statement: InFact<Statement>): Promise<string | null> {
  const [{ credibility, derived }, reliability] = await Promise.all([credibilityIn(context, statement), reliabilityOfSource(context, statement.sourceId)]);
  if (credibility === null && reliability === null) return null;
  return `${reliability ?? '-'}${credibility ?? '-'}${derived ? '*' : ''}`;
}

async function credibilityIn(context: Context, statement: InFact<Statement>) {
  const fact = statement[FACT] ?? { statements: [statement] };
  const outlets = await outletsOf(context, fact.statements.map((s) => s.sourceId));
  return credibilityOf(statement, fact, (id) => outlets.get(id));
}

/** A quote that knows the fact it was read with (its statement is found when a grade is asked). */
export const quoteIn = (evidence: Evidence, fact: Fact): InFact<Evidence> => ({ ...evidence, [FACT]: fact });

const STATEMENT = Symbol('statement');
/** A quote of a statement's own claim (Statement.evidence). */
export const quoteOf = (evidence: Evidence, statement: InFact<Statement>) => ({ ...evidence, [STATEMENT]: statement });

/** The statement a quote supports: its own, or in its fact the statement of its source that quotes it. */
async function statementOfQuote(context: Context, evidence: InFact<Evidence> & { [STATEMENT]?: InFact<Statement> }): Promise<InFact<Statement> | undefined> {
  if (evidence[STATEMENT]) return evidence[STATEMENT];
  const fact = evidence[FACT] && (await whole(context, evidence[FACT]));
  if (!fact) return undefined;
  const sameQuote = (e: Evidence) => e.sourceId === evidence.sourceId && e.quote === evidence.quote;
  const statement = fact.statements.find((s) => s.claim.evidence.some(sameQuote)) ?? fact.statements.find((s) => s.sourceId === evidence.sourceId);
  return statement && inFact(statement, fact);
}

/** How a preferGraded request weighs the statements of these facts: their sources' outlet grades read first. */
async function preferenceFor(context: Context, facts: readonly Fact[]): Promise<GradePreference> {
  const sourceIds = facts.flatMap((f) => f.statements.map((s) => s.sourceId));
  const outlets = await outletsOf(context, sourceIds);
  const named = [...new Set([...outlets.values()].filter((o): o is string => !!o))];
  const grades = await outletGrades(context).loadMany(named);
  const gradeOf = new Map(named.map((outlet, i) => [outlet, grades[i] instanceof Error ? null : grades[i]]));
  return { preferGraded: true, reliabilityOf: (id) => gradeOf.get(outlets.get(id) ?? '') ?? undefined };
}

/** Facts resolved again with graded precedence (preferGraded: true); as they are otherwise. */
export async function graded<T extends Fact | null>(context: Context, facts: T[], preferGraded: boolean | null | undefined): Promise<T[]> {
  if (!preferGraded) return facts;
  const present = facts.filter((f): f is NonNullable<T> => !!f && isFact(f));
  const preference = await preferenceFor(context, present);
  return facts.map((f) => (f && isFact(f) ? (resolveGraded(f, preference) as T) : f));
}

/** A credibility argument: a whole number 1–6 (BAD_ARGUMENT otherwise). */
export function checkCredibility(value: number, argument: string): Credibility {
  if (!Credibility.safeParse(value).success) throw badArgument(`${argument} takes credibility grades, whole numbers from 1 (confirmed by other sources) to 6 (cannot be judged); got ${value}`, { argument });
  return value;
}

export const gradeMutations = {
  gradeOutlet: async (_: unknown, args: { outlet: string; reliability?: string | null }, context: Context) => {
    authenticated(context, 'gradeOutlet');
    if (!OutletId.safeParse(args.outlet).success) throw badArgument(`outlet must be a lowercase slug like reuters or tass (a source's \`outlet\`), got "${args.outlet}"`, { argument: 'outlet' });
    const reliability = args.reliability === null || args.reliability === undefined ? null : Reliability.parse(args.reliability);
    await context.services.store.gradeOutlets([{ outlet: args.outlet, reliability }]);
    await context.services.versions?.refresh();
    outletGrades(context).clear(args.outlet);
    return { id: args.outlet, reliability };
  },
};

export const gradeTypes = {
  Outlet: {
    reliability: (outlet: { id: string; reliability?: Reliability | null }, _: unknown, context: Context) =>
      outlet.reliability !== undefined ? outlet.reliability : outletGrades(context).load(outlet.id),
  },
  Statement: {
    credibility: async (statement: InFact<Statement>, _: unknown, context: Context) => (await credibilityIn(context, statement)).credibility,
    credibilityDerived: async (statement: InFact<Statement>, _: unknown, context: Context) => (await credibilityIn(context, statement)).derived,
    reliability: (statement: Statement, _: unknown, context: Context) => reliabilityOfSource(context, statement.sourceId),
    grade: (statement: InFact<Statement>, _: unknown, context: Context) => admiraltyCode(context, statement),
  },
  Evidence: {
    credibility: async (evidence: InFact<Evidence>, _: unknown, context: Context) => {
      const statement = await statementOfQuote(context, evidence);
      return statement ? (await credibilityIn(context, statement)).credibility : null;
    },
    credibilityDerived: async (evidence: InFact<Evidence>, _: unknown, context: Context) => {
      const statement = await statementOfQuote(context, evidence);
      return statement ? (await credibilityIn(context, statement)).derived : false;
    },
    reliability: (evidence: Evidence, _: unknown, context: Context) => reliabilityOfSource(context, evidence.sourceId),
    grade: async (evidence: InFact<Evidence>, _: unknown, context: Context) => {
      const statement = await statementOfQuote(context, evidence);
      return statement ? admiraltyCode(context, statement) : null;
    },
  },
  Source: {
    outlet: (node: GraphNode) => (node.kind === 'SOURCE' && node.outlet ? { id: node.outlet } : null),
  },
};

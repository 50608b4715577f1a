// The commitment-graph model: one zod schema per node kind and relationship type, used by validation,
// both stores, GraphQL (enum parity is tested) and analysis. Records are flat (scalars and lists of
// scalars) so they map onto Neo4j properties; evidence is the one nested value (stored as JSON there).
import { z } from 'zod';
import { isDateExpression } from './time.ts';

export const NodeKind = z.enum([
  'STATE',
  'PERSON',
  'ALLIANCE',
  'TERRITORY',
  'EVENT',
  'AGREEMENT',
  'INITIATIVE',
  'CONDITION',
  'SOURCE',
]);
export type NodeKind = z.infer<typeof NodeKind>;

/** Neo4j label and id prefix of each kind. State, Person and Alliance are also `Actor`s. */
export const KIND_LABEL: Record<NodeKind, string> = {
  STATE: 'State',
  PERSON: 'Person',
  ALLIANCE: 'Alliance',
  TERRITORY: 'Territory',
  EVENT: 'Event',
  AGREEMENT: 'Agreement',
  INITIATIVE: 'Initiative',
  CONDITION: 'Condition',
  SOURCE: 'Source',
};
export const ACTOR_KINDS: readonly NodeKind[] = ['STATE', 'PERSON', 'ALLIANCE'];

const ID_PATTERN: Record<NodeKind, RegExp> = {
  STATE: /^state:[A-Z]{3}$|^state:cow-\d{1,4}$/,
  PERSON: /^person:[a-z0-9]+(?:-[a-z0-9]+)*$/,
  ALLIANCE: /^alliance:[a-z0-9]+(?:-[a-z0-9]+)*$/,
  TERRITORY: /^territory:[a-z0-9]+(?:-[a-z0-9]+)*$/,
  EVENT: /^event:\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/,
  AGREEMENT: /^agreement:[a-z0-9]+(?:-[a-z0-9]+)*$/,
  INITIATIVE: /^initiative:[a-z0-9]+(?:-[a-z0-9]+)*$/,
  CONDITION: /^condition:[a-z0-9]+(?:-[a-z0-9]+)*$/,
  SOURCE: /^source:[a-z0-9]+(?:-[a-z0-9]+)*$/,
};

/** The kind an id names, from its prefix; undefined when the prefix is unknown. */
export function kindOfId(id: string): NodeKind | undefined {
  const prefix = id.slice(0, id.indexOf(':'));
  return NodeKind.options.find((kind) => KIND_LABEL[kind].toLowerCase() === prefix);
}

export function isWellFormedId(kind: NodeKind, id: string): boolean {
  return ID_PATTERN[kind].test(id);
}

/** Calendar date `YYYY-MM-DD`, month `YYYY-MM` or year `YYYY`: sources are often imprecise. */
export const PartialDate = z
  .string()
  .regex(/^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/, 'expected a date YYYY, YYYY-MM or YYYY-MM-DD')
  .refine(isCalendarDate, 'expected a day of the calendar (this month has fewer days)');

/** A real day of the calendar (2026-02-30 is not); years and months are always real. */
export function isCalendarDate(date: string): boolean {
  if (date.length < 10) return true;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date);
}
export type PartialDate = z.infer<typeof PartialDate>;

/** When a relationship was stated or holds: a plain date, or an uncertain one in EDTF (see time.ts). */
export const DateExpression = z
  .string()
  .max(60)
  .refine(isDateExpression, 'expected a date YYYY, YYYY-MM or YYYY-MM-DD, or an EDTF date such as 2025-12~ (about), 2026-01/2026-03 (some time in), 2026-21 (spring)');

export const ConditionKind = z.enum([
  'ceasefire_in_force',
  'peace_agreement',
  'consent_of',
  'participation_of',
  'location',
  'time_after',
  'domestic_approval',
  'negotiations_fail',
  'adversary',
  'conflict',
  'demand',
  'non_provocation',
  // Another commitment holds: the condition's subject is that commitment's relationship id.
  'commitment',
]);
export type ConditionKind = z.infer<typeof ConditionKind>;
/** Condition kinds that limit how a commitment is carried out rather than whether it applies. */
export const LIMIT_CONDITION_KINDS: readonly ConditionKind[] = ['location'];

/** How many aliases a node carries at most (a merge that would pass it is refused, not trimmed). */
export const MAX_ALIASES = 100;

const nodeBase = {
  id: z.string().min(1),
  name: z.string().trim().min(1).max(300),
  aliases: z.array(z.string().trim().min(1).max(200)).max(MAX_ALIASES).default([]),
  note: z.string().max(2000).optional(),
  wikidata: z.string().regex(/^Q\d+$/).optional(),
};

export const StateNode = z.strictObject({
  ...nodeBase,
  kind: z.literal('STATE'),
  iso3: z.string().regex(/^[A-Z]{3}$/).optional(),
  iso2: z.string().regex(/^[A-Z]{2}$/).optional(),
  cowCode: z.number().int().min(1).max(9999).optional(),
  cowAbbrev: z.string().regex(/^[A-Z]{3}$/).optional(),
});
export const PersonNode = z.strictObject({ ...nodeBase, kind: z.literal('PERSON') });
export const AllianceNode = z.strictObject({
  ...nodeBase,
  kind: z.literal('ALLIANCE'),
  atopId: z.number().int().positive().optional(),
  cowAllianceId: z.number().int().positive().optional(),
  founded: PartialDate.optional(),
});
export const TerritoryNode = z.strictObject({ ...nodeBase, kind: z.literal('TERRITORY') });
export const EventNode = z.strictObject({
  ...nodeBase,
  kind: z.literal('EVENT'),
  date: PartialDate,
  location: z.string().max(200).optional(),
  leadersPresent: z.number().int().nonnegative().optional(),
});
export const AgreementNode = z.strictObject({
  ...nodeBase,
  kind: z.literal('AGREEMENT'),
  date: PartialDate.optional(),
  status: z.enum(['proposed', 'negotiating', 'signed', 'in_force', 'lapsed']).optional(),
});
export const InitiativeNode = z.strictObject({
  ...nodeBase,
  kind: z.literal('INITIATIVE'),
  summary: z.string().max(2000).optional(),
});
export const ConditionNode = z.strictObject({
  ...nodeBase,
  kind: z.literal('CONDITION'),
  conditionKind: ConditionKind,
  /** The actor whose consent, participation or approval the condition names; for kind `commitment`, the commitment's relationship id. */
  subject: z.string().optional(),
});
/**
 * Admiralty grades (NATO AJP-2.1, STANAG 2511), docs/dossiers.md "Grading sources". Reliability
 * grades an outlet, credibility a statement. F and 6 mean "cannot be judged", not "worse than E or
 * 5", so grades are members of sets, never compared; an absent grade is ungraded.
 */
export const Reliability = z.enum(['A', 'B', 'C', 'D', 'E', 'F']);
export type Reliability = z.infer<typeof Reliability>;
export const Credibility = z.number().int().min(1).max(6);
export type Credibility = z.infer<typeof Credibility>;
/** The publisher or agency a source comes from, as a stable slug: every source of it shares its grade. */
export const OutletId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'an outlet is a lowercase slug like reuters or tass');
/** An outlet's reliability as one write sets it; null takes the grade away (ungraded). */
/** An outlet's grade as `cgraph export --format jsonl` writes it, one line per graded outlet. */
export const OutletGradeRecord = z.strictObject({ outlet: OutletId, reliability: Reliability });

export interface OutletGrade {
  outlet: string;
  reliability: Reliability | null;
  /** A default (an importer's): written only while the outlet has no grade, so a person's grade stands. */
  ifUngraded?: boolean;
}

export const SourceNode = z.strictObject({
  ...nodeBase,
  kind: z.literal('SOURCE'),
  text: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  url: z.string().url().optional(),
  publisher: z.string().max(200).optional(),
  /** Whose source it is, for grading (OutletId); the grade itself is kept once per outlet by the store. */
  outlet: OutletId.optional(),
  publishedAt: PartialDate.optional(),
});

export const GraphNode = z.discriminatedUnion('kind', [
  StateNode,
  PersonNode,
  AllianceNode,
  TerritoryNode,
  EventNode,
  AgreementNode,
  InitiativeNode,
  ConditionNode,
  SourceNode,
]);
export type GraphNode = z.infer<typeof GraphNode>;
export type NodeOf<K extends NodeKind> = Extract<GraphNode, { kind: K }>;

export const CommitmentKind = z.enum(['PLEDGED', 'REFUSED', 'WARNED']);
export type CommitmentKind = z.infer<typeof CommitmentKind>;

export const StructuralType = z.enum([
  'LEADS',
  'REPRESENTS',
  'MEMBER_OF',
  'ATTENDED',
  'HOSTED',
  'SIGNED',
  'PRODUCED',
  'ESTABLISHES',
  'FOR',
  'PART_OF',
  'RELATIVE_OF',
  'CONDITIONAL_ON',
  // Added beyond DESIGN.md §1 because the seed article asserts them between two entities:
  'NEGOTIATES',
  'ASSESSED',
  'DEMANDED',
  'INVADED',
  'SUPPORTS',
  'STRAINED_RELATIONS_WITH',
  'FOCUSED_ON',
]);
export type StructuralType = z.infer<typeof StructuralType>;

export const RelationshipType = z.enum([...CommitmentKind.options, ...StructuralType.options]);
export type RelationshipType = z.infer<typeof RelationshipType>;

export function isCommitmentType(type: string): type is CommitmentKind {
  return (CommitmentKind.options as readonly string[]).includes(type);
}

/** Which node kinds each relationship type may connect (from → to). */
const ANY_ACTOR: readonly NodeKind[] = ACTOR_KINDS;
const COMMITMENT_TARGETS: readonly NodeKind[] = [...ACTOR_KINDS, 'TERRITORY', 'INITIATIVE', 'AGREEMENT', 'CONDITION'];
export const ENDPOINTS: Record<RelationshipType, { from: readonly NodeKind[]; to: readonly NodeKind[] }> = {
  PLEDGED: { from: ANY_ACTOR, to: COMMITMENT_TARGETS },
  REFUSED: { from: ANY_ACTOR, to: COMMITMENT_TARGETS },
  WARNED: { from: ANY_ACTOR, to: COMMITMENT_TARGETS },
  LEADS: { from: ANY_ACTOR, to: [...ACTOR_KINDS, 'INITIATIVE'] },
  REPRESENTS: { from: ['PERSON'], to: ['STATE', 'ALLIANCE', 'PERSON'] },
  MEMBER_OF: { from: ['STATE', 'ALLIANCE'], to: ['ALLIANCE'] },
  ATTENDED: { from: ANY_ACTOR, to: ['EVENT'] },
  HOSTED: { from: ANY_ACTOR, to: ['EVENT'] },
  SIGNED: { from: ANY_ACTOR, to: ['AGREEMENT'] },
  PRODUCED: { from: ['EVENT'], to: ['AGREEMENT'] },
  ESTABLISHES: { from: ['AGREEMENT'], to: ['INITIATIVE'] },
  FOR: { from: ['INITIATIVE', 'AGREEMENT'], to: ['STATE', 'TERRITORY'] },
  PART_OF: { from: ['TERRITORY', 'INITIATIVE'], to: ['STATE', 'INITIATIVE'] },
  RELATIVE_OF: { from: ['PERSON'], to: ['PERSON'] },
  CONDITIONAL_ON: { from: ['INITIATIVE', 'AGREEMENT'], to: ['CONDITION'] },
  NEGOTIATES: { from: ANY_ACTOR, to: ['AGREEMENT', 'INITIATIVE'] },
  ASSESSED: { from: ANY_ACTOR, to: COMMITMENT_TARGETS },
  DEMANDED: { from: ANY_ACTOR, to: ['INITIATIVE', 'AGREEMENT', 'CONDITION'] },
  INVADED: { from: ['STATE'], to: ['STATE', 'TERRITORY'] },
  SUPPORTS: { from: ANY_ACTOR, to: ANY_ACTOR },
  STRAINED_RELATIONS_WITH: { from: ANY_ACTOR, to: ANY_ACTOR },
  FOCUSED_ON: { from: ANY_ACTOR, to: [...ACTOR_KINDS, 'TERRITORY'] },
};

export const Attribution = z.enum(['direct_quote', 'paraphrase', 'reported', 'inferred']);
export type Attribution = z.infer<typeof Attribution>;

export const Evidence = z.strictObject({
  sourceId: z.string(),
  quote: z.string().min(1).max(5000),
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  attribution: Attribution,
  speaker: z.string().optional(),
  /** Why an inferred or outside fact is recorded; required for `inferred`. */
  note: z.string().max(2000).optional(),
  /** Extra facts that importers carry with their evidence (event code, URL, amounts). */
  url: z.string().max(2000).optional(),
});
export type Evidence = z.infer<typeof Evidence>;

export const Firmness = z.enum(['firm', 'conditional', 'hedged', 'considering', 'formalised']);
export type Firmness = z.infer<typeof Firmness>;
export const CommitmentStatus = z.enum(['announced', 'committed', 'in_force', 'delivered', 'withdrawn']);
export type CommitmentStatus = z.infer<typeof CommitmentStatus>;

export const ReviewState = z.enum(['machine', 'reviewed', 'disputed']);
export type ReviewState = z.infer<typeof ReviewState>;

/** A statement's review: written by a program, checked by a person, or disputed by one (with a note). */
export const Review = z.strictObject({
  state: ReviewState,
  /** Who reviewed (a person, or the name of the API key that wrote it). */
  by: z.string().max(200).optional(),
  /** When (an ISO 8601 timestamp or date). */
  at: z.string().max(40).optional(),
  note: z.string().max(2000).optional(),
  /** The statement's credibility (1–6) as the reviewer, the dossier or the importer graded it; absent: ungraded. */
  credibility: Credibility.optional(),
});
export type Review = z.infer<typeof Review>;

const relationshipBase = {
  /** The fact's id, derived from its type, ends and aspect (relationship-id.ts). */
  id: z.string().regex(/^rel:[0-9a-f]{20}$/),
  from: z.string(),
  to: z.string(),
  /** What separates different facts of one type between the same ends (troops vs funding; an alliance obligation). */
  aspect: z.string().trim().min(1).max(200).optional(),
  /** The statement this record is, as a source states it (stmt:…); derived by the store when absent. Not part of a resolved fact. */
  statement: z.string().regex(/^stmt:[0-9a-f]{20}$/).optional(),
  /** The statement's review, when a record carries it (a JSON lines restore); else the batch's, else machine. */
  review: Review.optional(),
  /** The statement's credibility as its dossier or importer grades it; kept on the statement's review, not part of the claim. */
  credibility: Credibility.optional(),
  summary: z.string().max(2000).optional(),
  validFrom: DateExpression.optional(),
  validTo: DateExpression.optional(),
  note: z.string().max(2000).optional(),
  evidence: z.array(Evidence).min(1).max(200),
};

export const Commitment = z.strictObject({
  ...relationshipBase,
  type: CommitmentKind,
  action: z.string().trim().min(1).max(300),
  claim: z.string().regex(/^claim:[a-z0-9-]+$/).optional(),
  firmness: Firmness,
  conditions: z.array(z.string()).max(50).default([]),
  unresolved: z.array(z.string().min(1).max(500)).max(50).default([]),
  statedBy: z.array(z.string()).max(50).default([]),
  statedAt: DateExpression.optional(),
  status: CommitmentStatus.optional(),
  cameo: z.string().regex(/^\d{2,4}$/).optional(),
  goldstein: z.number().min(-10).max(10).optional(),
  plover: z.string().regex(/^[A-Z_]+$/).optional(),
  /** Importers: an amount (EUR) and what it is for. */
  amountEur: z.number().nonnegative().optional(),
  aidType: z.enum(['military', 'financial', 'humanitarian']).optional(),
});
export type Commitment = z.infer<typeof Commitment>;

export const StructuralRelationship = z.strictObject({
  ...relationshipBase,
  type: StructuralType,
  /** LEADS and REPRESENTS: the role (President, envoy); RELATIVE_OF: the relation; others: a short label. */
  role: z.string().max(200).optional(),
  /** ASSESSED: what was assessed, in a phrase. */
  claim: z.string().max(500).optional(),
});
export type StructuralRelationship = z.infer<typeof StructuralRelationship>;

export const GraphRelationship = z.union([Commitment, StructuralRelationship]);
export type GraphRelationship = Commitment | StructuralRelationship;

export function isCommitment(rel: GraphRelationship): rel is Commitment {
  return isCommitmentType(rel.type);
}

/** One unit of loading: everything one dossier or import contributes. Loaded atomically. */
export interface GraphBatch {
  nodes: GraphNode[];
  /** Statements: each record is a fact as one source states it (see domain/statements.ts). */
  relationships: GraphRelationship[];
  /**
   * The batch states everything its sources assert (a dossier, an import): statements of those
   * sources that it no longer holds are removed. Otherwise statements are only added or replaced.
   */
  complete?: boolean;
  /** The review of its new statements (a dossier's reviewer); else machine. */
  review?: Review;
  /** Outlets this batch grades (a dossier's `source.reliability`); written once per outlet. */
  outletGrades?: OutletGrade[];
}

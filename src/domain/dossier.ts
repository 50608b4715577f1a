// The dossier file format: one YAML file per source, beside the source's verbatim text, listing
// the entities it introduces, every relationship it asserts (each with quotes) and a sentence ledger.
import { z } from 'zod';
import {
  AgreementNode,
  AllianceNode,
  Attribution,
  Commitment,
  ConditionNode,
  EventNode,
  InitiativeNode,
  OutletId,
  PartialDate,
  PersonNode,
  Reliability,
  StateNode,
  StructuralRelationship,
  TerritoryNode,
} from './model.ts';

/**
 * A relationship's local name (for the ledger and for people); its stored id is derived
 * from content (relationship-id.ts).
 */
export const Ref = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a ref is a lowercase slug like gbr-pledges-troops');

/** A quote; its offsets may be left out when it occurs once in the source text. */
export const DossierEvidence = z.strictObject({
  quote: z.string().min(1).max(5000),
  start: z.number().int().nonnegative().optional(),
  end: z.number().int().positive().optional(),
  attribution: Attribution,
  speaker: z.string().optional(),
  note: z.string().max(2000).optional(),
  url: z.string().max(2000).optional(),
});
export type DossierEvidence = z.infer<typeof DossierEvidence>;

/** A relationship a program proposed and no person has checked yet: its statement loads as machine whatever the dossier's `reviewed:` says. */
const MachineMark = z.literal('machine').describe('written by a program (cgraph draft) and not yet checked by a person: delete this line once you have checked the relationship against the article');
const dossierRelationshipExtras = { ref: Ref, review: MachineMark.optional(), evidence: z.array(DossierEvidence).min(1).max(200) };
export const DossierCommitment = Commitment.omit({ id: true, evidence: true, statement: true, review: true }).extend(dossierRelationshipExtras);
export const DossierStructural = StructuralRelationship.omit({ id: true, evidence: true, statement: true, review: true }).extend(dossierRelationshipExtras);
export type DossierCommitment = z.infer<typeof DossierCommitment>;
export type DossierStructural = z.infer<typeof DossierStructural>;

/** Nodes a dossier may introduce; sources are described by the `source` block instead. */
export const DossierEntity = z.discriminatedUnion('kind', [
  StateNode,
  PersonNode,
  AllianceNode,
  TerritoryNode,
  EventNode,
  AgreementNode,
  InitiativeNode,
  ConditionNode,
]);
export type DossierEntity = z.infer<typeof DossierEntity>;

export const DossierSource = z.strictObject({
  id: z.string(),
  name: z.string().min(1).max(300),
  /** The verbatim text, relative to the dossier file. */
  file: z.string().min(1).optional(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  url: z.string().url().optional(),
  publisher: z.string().max(200).optional(),
  /** The publisher or agency as a slug (reuters, tass): every source of it shares its reliability. */
  outlet: OutletId.optional(),
  /** The outlet's reliability A–F (docs/dossiers.md "Grading sources"); loading the dossier grades the outlet. */
  reliability: Reliability.optional(),
  publishedAt: z.string().optional(),
  note: z.string().max(2000).optional(),
});

export const LedgerEntry = z.union([
  z.strictObject({ sentence: z.string().min(1), refs: z.array(Ref).min(1) }),
  z.strictObject({ sentence: z.string().min(1), none: z.string().min(3).max(500) }),
]);
export type LedgerEntry = z.infer<typeof LedgerEntry>;

/** An entity as a dossier writes it: `update: true` changes a known entity on purpose (not stored). */
const withUpdate = <T extends z.ZodObject>(schema: T) => schema.extend({ update: z.boolean().optional() });
export const DossierEntityInput = z.discriminatedUnion('kind', [
  withUpdate(StateNode),
  withUpdate(PersonNode),
  withUpdate(AllianceNode),
  withUpdate(TerritoryNode),
  withUpdate(EventNode),
  withUpdate(AgreementNode),
  withUpdate(InitiativeNode),
  withUpdate(ConditionNode),
]);
export const DossierRelationship = z.union([DossierCommitment, DossierStructural]);

/**
 * The whole dossier, typed in every part: the source of the published JSON Schema
 * (seeds/dossier.schema.json, `cgraph schema`) that editors use while a dossier is written. The
 * validator checks the same parts one by one so each problem gets its line.
 */
/** Who checked the dossier against its article: its statements are `reviewed` by them. */
export const DossierReview = z.strictObject({
  by: z.string().trim().min(1).max(200),
  at: PartialDate,
  note: z.string().max(2000).optional(),
});

export const DossierDocument = z.strictObject({
  source: DossierSource,
  reviewed: DossierReview.optional(),
  entities: z.array(DossierEntityInput).max(100_000).optional(),
  relationships: z.array(DossierRelationship).max(1_000_000).optional(),
  ledger: z.array(LedgerEntry).optional(),
});

/** The JSON Schema of a dossier's input shape, generated from the zod schemas (one source of truth). */
export function dossierJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(DossierDocument, { io: 'input', unrepresentable: 'any' }),
    title: 'commitment-graph dossier',
    description: 'A dossier: the source, the entities it introduces, every relationship it asserts with verbatim quotes, and a sentence ledger. Generated by `cgraph schema` from src/domain/dossier.ts; do not edit.',
  };
}

/** The shared entity registry (seeds/entities.yaml). */
export const RegistryShape = z.strictObject({ entities: z.array(z.unknown()) });

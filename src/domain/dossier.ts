// The dossier file format: one YAML file per source, beside the source's verbatim text, listing
// the entities it introduces, every relationship it asserts (each with quotes) and a sentence
// ledger. Relationships carry a local `ref` (for the ledger and for people); their stored id is
// derived from content (see relationship-id.ts). Offsets may be left out when a quote occurs once.
import { z } from 'zod';
import {
  AgreementNode,
  AllianceNode,
  Attribution,
  Commitment,
  ConditionNode,
  EventNode,
  InitiativeNode,
  PersonNode,
  StateNode,
  StructuralRelationship,
  TerritoryNode,
} from './model.ts';

export const Ref = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a ref is a lowercase slug like gbr-pledges-troops');

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

const dossierRelationshipExtras = { ref: Ref, evidence: z.array(DossierEvidence).min(1).max(200) };
export const DossierCommitment = Commitment.omit({ id: true, evidence: true }).extend(dossierRelationshipExtras);
export const DossierStructural = StructuralRelationship.omit({ id: true, evidence: true }).extend(dossierRelationshipExtras);
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
  publishedAt: z.string().optional(),
  note: z.string().max(2000).optional(),
});

export const LedgerEntry = z.union([
  z.strictObject({ sentence: z.string().min(1), refs: z.array(Ref).min(1) }),
  z.strictObject({ sentence: z.string().min(1), none: z.string().min(3).max(500) }),
]);
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const DossierShape = z.strictObject({
  source: DossierSource,
  entities: z.array(z.unknown()).max(100_000).default([]),
  relationships: z.array(z.unknown()).max(1_000_000).default([]),
  ledger: z.array(LedgerEntry).optional(),
});

/** The shared entity registry (seeds/entities.yaml). */
export const RegistryShape = z.strictObject({ entities: z.array(z.unknown()) });

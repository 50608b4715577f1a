// Stable relationship ids derived from content, so that loading the same statement twice never
// makes two relationships, and ids survive re-ordering of a dossier.
import { createHash } from 'node:crypto';

export interface RelationshipIdentity {
  sourceId: string;
  type: string;
  from: string;
  to: string;
  /** What tells two relationships of one type between the same pair apart: action, role or claim. */
  discriminator: string;
}

export function deriveRelationshipId(identity: RelationshipIdentity): string {
  const content = JSON.stringify([
    identity.sourceId,
    identity.type,
    identity.from,
    identity.to,
    identity.discriminator.trim().toLowerCase(),
  ]);
  return `rel:${createHash('sha256').update(content).digest('hex').slice(0, 20)}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

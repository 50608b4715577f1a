// Stable ids derived from content, so every source that asserts a fact meets on one id and a
// reload or a revision keeps the ids of what it still states.
import { createHash } from 'node:crypto';

const hex20 = (content: unknown) => createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 20);
const fold = (text: string | undefined) => (text ?? '').trim().toLowerCase();

export interface FactIdentity {
  type: string;
  from: string;
  to: string;
  aspect?: string | undefined;
}

/** A fact (one relationship of the graph) is named by its type, its two ends and its aspect. */
export function deriveFactId(identity: FactIdentity): string {
  return `rel:${hex20(['fact', identity.type, identity.from, identity.to, fold(identity.aspect)])}`;
}

/**
 * A statement (one source's assertion of a fact) is named by its source, its fact and a key the
 * source chooses (a dossier's ref, a dataset's phase or row).
 */
export function deriveStatementId(sourceId: string, factId: string, key = ''): string {
  return `stmt:${hex20(['statement', sourceId, factId, fold(key)])}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

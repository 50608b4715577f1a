// Small sources for store tests: a SOURCE node with its text, and a statement of it whose quote is
// verified against that text and keyed like a dossier's ref.
import type { GraphNode, GraphRelationship } from '../../src/domain/model.ts';
import { deriveFactId, deriveStatementId, sha256Hex } from '../../src/domain/relationship-id.ts';

export function sourceNode(id: string, text: string): GraphNode {
  return { id, kind: 'SOURCE', name: id, aliases: [], text, sha256: sha256Hex(text) };
}

/** A statement of `source` quoting `quote` (which must be in `text`), keyed like a dossier's ref. */
export function claim(sourceId: string, text: string, quote: string, fields: Record<string, unknown>, key: string): GraphRelationship {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`fixture quote "${quote}" is not in the text`);
  const id = deriveFactId(fields as never);
  return { ...fields, id, statement: deriveStatementId(sourceId, id, key), evidence: [{ sourceId, quote, start, end: start + quote.length, attribution: 'reported' }] } as GraphRelationship;
}

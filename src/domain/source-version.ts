// A version of a source: what it asserted as of one load. The store keeps every version
// (statement-plan.ts decides when a load makes a new one); the API and `cgraph sources` show them.
import type { GraphRelationship } from './model.ts';

export interface VersionStatement {
  id: string;
  claim: GraphRelationship;
}

export interface SourceVersion {
  sourceId: string;
  /** 1, 2, … in load order. */
  version: number;
  /** sha256 of the source text of this version. */
  sha256: string;
  /** sha256 of the statements (ids and claims) this version asserts: equal content, equal hash. */
  contentHash: string;
  loadedAt: string;
  text: string;
  /** Every statement the source asserts as of this version, in id order. */
  statements: VersionStatement[];
}

// Two claims and their nodes for the store's pure parts (record conversion, the statement and
// upsert planners), and the statement planner's lookups answered from plain lists.
import type { Commitment, GraphNode, StructuralRelationship } from '../../src/domain/model.ts';
import { factsFromClaims, type Fact } from '../../src/domain/statements.ts';
import type { SourceVersion } from '../../src/domain/source-version.ts';
import type { StoredStatements } from '../../src/store/statement-plan.ts';

export const italy: GraphNode = { id: 'state:ITA', kind: 'STATE', name: 'Italy', aliases: ['Italian'] };
export const force: GraphNode = { id: 'initiative:force', kind: 'INITIATIVE', name: 'The force', aliases: [] };
export const refusal: Commitment = {
  id: 'rel:00000000000000000001',
  type: 'REFUSED',
  from: 'state:ITA',
  to: 'initiative:force',
  action: 'send troops',
  firmness: 'firm',
  conditions: [],
  unresolved: [],
  statedBy: [],
  validFrom: '2026-01',
  evidence: [
    { sourceId: 'source:a', quote: 'Italy will not send troops', start: 0, end: 26, attribution: 'reported' },
    { sourceId: 'source:a', quote: 'no troops', start: 40, end: 49, attribution: 'paraphrase' },
  ],
};
export const leads: StructuralRelationship = {
  id: 'rel:00000000000000000002',
  type: 'LEADS',
  from: 'state:ITA',
  to: 'initiative:force',
  role: 'host',
  evidence: [{ sourceId: 'source:b', quote: 'hosts', start: 1, end: 6, attribution: 'direct_quote' }],
};

export const [refusalFact] = factsFromClaims([refusal, leads]) as [Fact, Fact];

/** The planner's lookups over plain lists, as a store would answer them. */
export function storedOf(facts: Fact[] = [], versions: SourceVersion[] = []): StoredStatements {
  return {
    latestVersions: async (ids: readonly string[]) => new Map(versions.filter((v) => ids.includes(v.sourceId)).map((v) => [v.sourceId, v])),
    facts: async (keys: readonly { id: string }[]) => new Map(facts.filter((f) => keys.some((k) => k.id === f.id)).map((f) => [f.id, f])),
  };
}

// Tiny commitment graphs built inline, for the unit tests of one rule at a time: nodes typed by
// their id's prefix, relationships with increasing ids (so their order is the order written).
import { buildGraph, type CommitmentGraph } from '../../src/analysis/graph-view.ts';
import type { Commitment, GraphNode, GraphRelationship, StructuralRelationship } from '../../src/domain/model.ts';
import { factsFromClaims } from '../../src/domain/statements.ts';
import { buildSnapshot } from '../../src/store/snapshot.ts';

const evidence = [{ sourceId: 'source:t', quote: 'q', start: 0, end: 1, attribution: 'reported' as const }];
let counter = 0;
const id = () => `rel:${String(++counter).padStart(20, '0')}`;

export const node = (nodeId: string, extra: Record<string, unknown> = {}): GraphNode => {
  const kind = nodeId.startsWith('state:') ? 'STATE' : nodeId.startsWith('person:') ? 'PERSON' : nodeId.startsWith('alliance:') ? 'ALLIANCE' : nodeId.startsWith('condition:') ? 'CONDITION' : 'INITIATIVE';
  return { id: nodeId, kind, name: nodeId.split(':')[1] ?? nodeId, aliases: [], ...(kind === 'CONDITION' ? { conditionKind: 'ceasefire_in_force' } : {}), ...extra } as GraphNode;
};

export const commitment = (type: Commitment['type'], from: string, to: string, extra: Partial<Commitment> = {}): Commitment => ({
  id: id(), type, from, to, action: `${type.toLowerCase()} ${to}`, firmness: 'firm', conditions: [], unresolved: [], statedBy: [], statedAt: '2026-01-06', evidence, ...extra,
});

export const structural = (type: StructuralRelationship['type'], from: string, to: string, extra: Partial<StructuralRelationship> = {}): StructuralRelationship => ({ id: id(), type, from, to, evidence, ...extra });

export function graphOf(nodes: GraphNode[], relationships: GraphRelationship[]): CommitmentGraph {
  return buildGraph(buildSnapshot(nodes, factsFromClaims(relationships)));
}

/** Five states, an initiative, a coalition, a consent of Russia and a ceasefire: enough for every tension rule. */
export const consentOfRussia = node('condition:consent', { conditionKind: 'consent_of', subject: 'state:RUS' });
export const baseNodes = [node('state:GBR'), node('state:FRA'), node('state:DEU'), node('state:ITA'), node('state:RUS'), node('initiative:force'), node('alliance:coalition'), consentOfRussia, node('condition:ceasefire')];

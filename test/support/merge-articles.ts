// Two small sources that name one person by two ids (person:meloni, person:giorgia-meloni): the
// story the merge tests start from (test/contract/merge-contract.ts, test/api, test/e2e).
import type { GraphBatch, GraphNode } from '../../src/domain/model.ts';
import { deriveFactId } from '../../src/domain/relationship-id.ts';
import { claim, sourceNode } from './quoted-claims.ts';

const ita: GraphNode = { id: 'state:ITA', kind: 'STATE', name: 'Italy', aliases: [] };
const meloni: GraphNode = { id: 'person:meloni', kind: 'PERSON', name: 'Meloni', aliases: ['Signora Meloni'] };
const giorgia: GraphNode = { id: 'person:giorgia-meloni', kind: 'PERSON', name: 'Giorgia Meloni', aliases: [] };
const force: GraphNode = { id: 'initiative:force', kind: 'INITIATIVE', name: 'Multinational force', aliases: [] };



const LEADS_OLD = { type: 'LEADS', from: 'person:meloni', to: 'state:ITA', role: 'Prime Minister' };
const LEADS_NEW = { ...LEADS_OLD, from: 'person:giorgia-meloni' };
const REFUSAL = { type: 'REFUSED', from: 'state:ITA', to: 'initiative:force', action: 'send troops', firmness: 'firm', conditions: [], unresolved: [], statedBy: ['person:meloni'], statedAt: '2026-01-06' };

const textA = 'Meloni, who leads Italy, said Italy would not send troops.';
const textB = 'Italian Prime Minister Giorgia Meloni spoke.';

/** Source A names the person person:meloni; source B names her person:giorgia-meloni. */
export function mergeArticles(): GraphBatch[] {
  return [
    {
      nodes: [sourceNode('source:a', textA), ita, meloni, force],
      relationships: [claim('source:a', textA, 'Meloni, who leads Italy', LEADS_OLD, 'meloni-leads'), claim('source:a', textA, 'Italy would not send troops', REFUSAL, 'ita-refuses')],
      complete: true,
    },
    {
      nodes: [sourceNode('source:b', textB), ita, giorgia],
      relationships: [claim('source:b', textB, 'Italian Prime Minister Giorgia Meloni', LEADS_NEW, 'meloni-leads')],
      complete: true,
    },
  ];
}

export const oldLeadsId = deriveFactId(LEADS_OLD as never);
export const newLeadsId = deriveFactId(LEADS_NEW as never);
export const refusalId = deriveFactId(REFUSAL as never);

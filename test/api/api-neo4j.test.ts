// The API suite on Neo4j, and the check that both stores give identical answers.
import { describe, expect, it } from 'vitest';
import { noNeo4j, storeFactories } from '../support/fixtures.ts';
import { seededApi } from '../support/graphql-client.ts';
import { describeAnalysisApi } from './analysis-suite.ts';
import { describeApi } from './api-suite.ts';
import { describeAsOfApi } from './as-of-suite.ts';
import { describeSourcesApi } from './sources-suite.ts';
import { describeGradesApi } from './grades-suite.ts';
import { describeAnalysisGradesApi } from './analysis-grades-suite.ts';

describeApi('neo4j', storeFactories.neo4j, { skip: noNeo4j() });
describeAnalysisApi('neo4j', storeFactories.neo4j, { skip: noNeo4j() });
describeSourcesApi('neo4j', storeFactories.neo4j, { skip: noNeo4j() });
describeAsOfApi('neo4j', storeFactories.neo4j, { skip: noNeo4j() });
describeGradesApi('neo4j', storeFactories.neo4j, { skip: noNeo4j() });
describeAnalysisGradesApi('neo4j', storeFactories.neo4j, { skip: noNeo4j() });

const DASHBOARD_QUERIES = [
  `{ stats { nodes relationships nodesByKind { kind count } relationshipsByType { type count } } }`,
  `{ commitments(first: 50) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id kind action firmness conditions { id name } statedBy { name } from { id name } to { id name kind } evidence { quote start end attribution speaker { id } } } } } }`,
  `{ relationships(filter: { involving: ["state:USA"] }, first: 50) { totalCount edges { node { id type from { id } to { id } ... on StructuralRelationship { role claim } } } } }`,
  `{ node(id: "alliance:coalition-of-the-willing") { name incoming(first: 50) { totalCount edges { node { type from { id } } } } outgoing { totalCount } } }`,
  `{ search(text: "an") { id kind } }`,
  `{ nodes(kind: CONDITION) { edges { node { id name ... on Condition { conditionKind subject { id } } } } } }`,
];

describe.skipIf(noNeo4j())('both stores answer identically', () => {
  it('gives the same responses to dashboard queries', async () => {
    const memory = await seededApi(await storeFactories.memory());
    const neo = await seededApi(await storeFactories.neo4j());
    try {
      for (const query of DASHBOARD_QUERIES) {
        const [a, b] = await Promise.all([memory.query(query), neo.query(query)]);
        expect(a.errors).toBeUndefined();
        expect(b).toEqual(a);
      }
    } finally {
      await neo.store.close();
    }
  });
});

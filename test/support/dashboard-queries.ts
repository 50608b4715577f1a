// The dashboard's three common queries, as its client sends them: a node with its commitments,
// their ends and evidence; a filtered page with its count; a relationship by id with its
// statements. Tests check how they are read (test/contract/neo4j-reads.test.ts); bench/neo4j-api.ts
// measures them against @neo4j/graphql and hand-written Cypher.
export const DASHBOARD_QUERIES = {
  node: `query($id: ID!) { node(id: $id) { id name outgoing(first: 20, types: ["PLEDGED", "REFUSED", "WARNED"]) { edges { node { id ... on Commitment { kind action firmness to { id name } evidence { quote source { id } } } } } } } }`,
  page: `query($id: ID!) { commitments(filter: { involving: [$id], kinds: [PLEDGED] }, first: 10) { totalCount edges { node { id action from { id name } to { id name } } } pageInfo { hasNextPage endCursor } } }`,
  relationship: `query($id: ID!) { relationship(id: $id) { id type from { id name } to { id name } ... on Commitment { action firmness statements { id source { id } evidence { quote speaker { name } } } } } }`,
} as const;

export type DashboardQuery = keyof typeof DASHBOARD_QUERIES;

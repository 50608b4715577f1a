// The peer: @neo4j/graphql 7.6 over the same database, with type definitions for the stored model
// (entities with their commitments as relationship fields; a commitment's properties on the
// relationship). Run as its own process by bench/neo4j-api.ts: PORT=0 NEO4J_URI=… tsx bench/peers/neo4j-graphql.ts
import { createServer } from 'node:http';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { createYoga } from 'graphql-yoga';
import neo4j from 'neo4j-driver';

export const PEER_TYPE_DEFS = /* GraphQL */ `
  type Entity @node(labels: ["Entity"]) {
    id: ID!
    name: String!
    kind: String!
    pledged: [Entity!]! @relationship(type: "PLEDGED", direction: OUT, properties: "Commitment")
    refused: [Entity!]! @relationship(type: "REFUSED", direction: OUT, properties: "Commitment")
    warned: [Entity!]! @relationship(type: "WARNED", direction: OUT, properties: "Commitment")
    pledgedBy: [Entity!]! @relationship(type: "PLEDGED", direction: IN, properties: "Commitment")
  }
  type Commitment @relationshipProperties {
    id: ID!
    action: String
    firmness: String
    quotes: [String!]!
    "A fact of several statements: their sources; of one: stmtSource (records.ts stores scalars then)."
    stmtSources: [String!]
    stmtSource: String
    speakerIds: [String!]
  }
`;

const driver = neo4j.driver(process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687', process.env.NEO4J_PASSWORD ? neo4j.auth.basic('neo4j', process.env.NEO4J_PASSWORD) : undefined);
const schema = await new Neo4jGraphQL({ typeDefs: PEER_TYPE_DEFS, driver }).getSchema();
const yoga = createYoga({ schema, graphqlEndpoint: '/graphql', logging: false, maskedErrors: false, graphiql: false });
const server = createServer(yoga);
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`ready at http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql`);
});
process.on('SIGTERM', () => server.close(() => void driver.close().then(() => process.exit(0))));

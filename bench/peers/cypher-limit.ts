// The limit: one hand-written Cypher statement per dashboard query, in a managed read transaction,
// its rows sent back as JSON by a bare node:http server — what the API could at best do over Bolt.
// Run as its own process by bench/neo4j-api.ts: PORT=0 NEO4J_URI=… tsx bench/peers/cypher-limit.ts
// POST /<query> with {"id": …}.
import { createServer } from 'node:http';
import neo4j from 'neo4j-driver';
import { LIMIT_STATEMENTS } from './cypher-limit-statements.ts';

const driver = neo4j.driver(process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687', process.env.NEO4J_PASSWORD ? neo4j.auth.basic('neo4j', process.env.NEO4J_PASSWORD) : undefined, { disableLosslessIntegers: true });
const server = createServer((req, res) => {
  const statement = LIMIT_STATEMENTS[(req.url ?? '').slice(1)];
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', async () => {
    try {
      if (!statement) throw new Error(`no statement for ${req.url}`);
      const { id } = JSON.parse(body) as { id: string };
      const session = driver.session({ defaultAccessMode: neo4j.session.READ });
      try {
        const records = await session.executeRead(async (tx) => (await tx.run(statement, { id })).records.map((r) => r.toObject()));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: records }));
      } finally {
        await session.close();
      }
    } catch (error) {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: (error as Error).message }));
    }
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`ready at http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql`);
});
process.on('SIGTERM', () => server.close(() => void driver.close().then(() => process.exit(0))));

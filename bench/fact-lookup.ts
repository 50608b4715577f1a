// What the statement planner's fact lookup costs Neo4j: ids sought in their own type's index (the
// store's statement) beside the same ids sought in every type's index (the statement before), in
// one run, alternating, on a database already loaded (half the ids stored, half misses as a first load has).
// `NEO4J_URI=… [NEO4J_PASSWORD=…] node --import tsx bench/fact-lookup.ts [ids=10000] [rounds=3]`
import neo4j from 'neo4j-driver';
import { RelationshipType } from '../src/domain/model.ts';
import { cypher } from '../src/store/neo4j/cypher-library.ts';

const [ids = 10_000, rounds = 3] = process.argv.slice(2).map(Number);
const CHUNK = 1000;
/** The baseline: each id sought in all types' indexes (a UNION branch per type), as the store did before. */
const everyType = `UNWIND $ids AS id CALL (id) {\n${RelationshipType.options.map((type) => `  MATCH (a:Entity)-[r:${type} {id: id}]->(b:Entity) RETURN r, a, b`).join('\n  UNION ALL\n')}\n}\nRETURN properties(r) AS rel, type(r) AS type, a.id AS from, b.id AS to`;

const uri = process.env.NEO4J_URI;
if (!uri) throw new Error('set NEO4J_URI to a loaded database');
const driver = neo4j.driver(uri, process.env.NEO4J_PASSWORD ? neo4j.auth.basic('neo4j', process.env.NEO4J_PASSWORD) : undefined, { disableLosslessIntegers: true });
const session = driver.session();
try {
  const stored = (await session.run('MATCH ()-[r]->() WHERE r.id IS NOT NULL RETURN r.id AS id, type(r) AS type LIMIT $n', { n: neo4j.int(Math.ceil(ids / 2)) })).records.map((r) => r.toObject() as { id: string; type: string });
  const rows = [...stored, ...stored.map((r, i) => ({ id: `rel:absent-${i}`, type: r.type }))];
  const timed = async (query: string, params: (part: typeof rows) => Record<string, unknown>) => {
    const started = performance.now();
    let found = 0;
    for (let i = 0; i < rows.length; i += CHUNK) found += (await session.run(query, params(rows.slice(i, i + CHUNK)))).records.length;
    return { ms: performance.now() - started, found };
  };
  for (let round = 1; round <= rounds; round++) {
    const before = await timed(everyType, (part) => ({ ids: part.map((r) => r.id) }));
    const own = await timed(cypher('store/get-relationships-by-ids'), (part) => ({ rows: part }));
    if (before.found !== own.found) throw new Error(`the two statements found ${before.found} and ${own.found} facts`);
    console.log(`round ${round}: ${rows.length} ids (${own.found} stored): every type's index ${before.ms.toFixed(0)} ms, own type's index ${own.ms.toFixed(0)} ms, ratio ${(own.ms / before.ms).toFixed(2)}`);
  }
} finally {
  await session.close();
  await driver.close();
}

// What each dashboard query costs Neo4j: the API's one compiled statement (captured as the API sends
// it) and the limit's hand-written one (bench/peers/cypher-limit.ts), each run with PROFILE on the
// same ids, and their db hits, rows and costliest operators printed side by side.
// `NEO4J_URI=… node --import tsx bench/neo4j-profile.ts [id …]` on a database bench/neo4j-api.ts loaded.
import neo4j, { type Session } from 'neo4j-driver';
import { loadConfig } from '../src/config.ts';
import { Neo4jStore } from '../src/store/neo4j/neo4j-store.ts';
import { createServer } from '../src/server.ts';
import { syntheticStateId } from '../src/ingest/generate.ts';
import { DASHBOARD_QUERIES, type DashboardQuery } from '../test/support/dashboard-queries.ts';
import { LIMIT_STATEMENTS } from './peers/cypher-limit-statements.ts';

interface ProfiledPlan {
  operatorType: string;
  dbHits: number;
  rows: number;
  children: ProfiledPlan[];
}

const flatten = (plan: ProfiledPlan): ProfiledPlan[] => [plan, ...plan.children.flatMap(flatten)];

async function profile(session: Session, text: string, params: Record<string, unknown>) {
  const started = performance.now();
  const result = await session.run(`PROFILE ${text}`, params);
  const ms = performance.now() - started;
  const plan = result.summary.profile as unknown as ProfiledPlan;
  const operators = flatten(plan);
  const dbHits = operators.reduce((sum, op) => sum + op.dbHits, 0);
  const top = [...operators].sort((a, b) => b.dbHits - a.dbHits).slice(0, 3).map((op) => `${op.operatorType.replace(/@.*/, '')} ${op.dbHits}`);
  const bytes = JSON.stringify(result.records.map((r) => r.toObject()), (_, v) => (typeof v === 'bigint' ? Number(v) : v)).length;
  return { dbHits, ms: Math.round(ms), bytes, top };
}

const uri = process.env.NEO4J_URI;
if (!uri) throw new Error('set NEO4J_URI');
const config = loadConfig({ ...process.env, CGRAPH_STORE: 'neo4j' });
const store = await Neo4jStore.connect(config.neo4j!);
const captured: { text: string; params: Record<string, unknown> }[] = [];
// The executor is private: its compiled reads are captured on their way to Neo4j.
const executor = (store as unknown as { executor: { readCompiled: (s: { text: string; params: Record<string, unknown> }) => Promise<Record<string, unknown>> } }).executor;
const readCompiled = executor.readCompiled.bind(executor);
executor.readCompiled = (statement) => {
  captured.push(statement);
  return readCompiled(statement);
};
const server = createServer({ store, registry: new Map(), apiKeys: [] }, { production: true });
const driver = neo4j.driver(uri, undefined, { disableLosslessIntegers: true });
const session = driver.session({ defaultAccessMode: neo4j.session.READ });
const relId = (await session.run('MATCH (:Entity)-[r:PLEDGED]->(:Entity) RETURN r.id AS id ORDER BY id SKIP 1000 LIMIT 1')).records[0]?.get('id') as string;
const nodeIds = process.argv.slice(2).length ? process.argv.slice(2) : [0, 30, 150].map(syntheticStateId);
try {
  for (const query of Object.keys(DASHBOARD_QUERIES) as DashboardQuery[]) {
    for (const id of query === 'relationship' ? [relId] : nodeIds) {
      captured.length = 0;
      const response = await server.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: DASHBOARD_QUERIES[query], variables: { id } }) });
      const answer = (await response.json()) as { errors?: unknown[] };
      if (answer.errors) throw new Error(`${query} ${id}: ${JSON.stringify(answer.errors)}`);
      const [api] = captured;
      if (!api || captured.length !== 1) throw new Error(`${query} ${id}: ${captured.length} compiled reads`);
      // Twice each: the first plans and warms the page cache.
      await profile(session, api.text, api.params);
      await profile(session, LIMIT_STATEMENTS[query] as string, { id });
      const a = await profile(session, api.text, api.params);
      const l = await profile(session, LIMIT_STATEMENTS[query] as string, { id });
      console.log(`${query.padEnd(12)} ${id.padEnd(14)} api ${String(a.dbHits).padStart(7)} db hits ${String(a.bytes).padStart(7)} B ${a.ms} ms [${a.top.join(', ')}] | limit ${String(l.dbHits).padStart(7)} db hits ${String(l.bytes).padStart(7)} B ${l.ms} ms [${l.top.join(', ')}]`);
    }
  }
} finally {
  await session.close();
  await driver.close();
  await store.close();
}

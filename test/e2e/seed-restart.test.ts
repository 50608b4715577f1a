// Start-up never rewrites data: the server loads a seed only when the store holds no version of
// its source, so a revision of a seed source (cgraph load) and a review of one of its statements
// (GraphQL) are still what the API answers after a restart — on the data folder and on Neo4j.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { API_KEY } from '../support/graphql-client.ts';
import { FIRST_SEED_DIR, neo4jEnv, noNeo4j, storeFactories, tempDir } from '../support/fixtures.ts';
import { runCli } from '../support/run-cli.ts';
import { startServer, type Running } from '../support/server-process.ts';

const PARIS = 'source:coalition-of-the-willing-paris-summit';
const REVISED_ACTION = 'deploy troops to Ukraine once a ceasefire holds';

/** A corrected dossier of the Paris article: Britain's pledge restated (one statement changes). */
function revisedParisDossier(): string {
  const dir = join(tempDir(), 'paris');
  cpSync(FIRST_SEED_DIR, dir, { recursive: true });
  const file = join(dir, 'dossier.yaml');
  const yaml = readFileSync(file, 'utf8');
  const revised = yaml.replace('    action: deploy troops to Ukraine\n    summary: Britain declared', `    action: ${REVISED_ACTION}\n    summary: Britain declared`);
  expect(revised).not.toBe(yaml);
  writeFileSync(file, revised);
  return file;
}

interface StatementRow {
  id: string;
  source: { id: string };
  review: { state: string };
  claim: { action?: string | null };
}
interface Answer {
  node: { versions: { version: number }[] };
  relationships: { pageInfo: { hasNextPage: boolean }; edges: { node: { type: string; from: { id: string }; to: { id: string }; statements: StatementRow[] } }[] };
}

const PARIS_QUERY = `{
  node(id: "${PARIS}") { ... on Source { versions { version } } }
  relationships(filter: { sources: ["${PARIS}"], reviewStates: [MACHINE, REVIEWED, DISPUTED] }, first: 100) {
    pageInfo { hasNextPage }
    edges { node { type from { id } to { id } statements { id source { id } review { state } claim { ... on Commitment { action } } } } }
  }
}`;

async function graphql<T>(server: Running, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data as T;
}

/** The Paris source's statements, with the one that states Britain's troop pledge. */
function parisStatements(answer: Answer) {
  expect(answer.relationships.pageInfo.hasNextPage).toBe(false);
  const rows = answer.relationships.edges.flatMap(({ node }) => node.statements.filter((s) => s.source.id === PARIS).map((s) => ({ ...s, fact: node })));
  const britishPledge = rows.find((s) => s.fact.type === 'PLEDGED' && s.fact.from.id === 'state:GBR' && s.fact.to.id === 'initiative:multinational-force-ukraine');
  return { rows, britishPledge };
}

let running: Running | undefined;
afterEach(() => {
  running?.child.kill('SIGKILL');
  running = undefined;
});

async function stop(server: Running): Promise<void> {
  server.child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
}

const stores: [name: string, env: () => Record<string, string>, skip: boolean][] = [
  ['the data folder', () => ({ CGRAPH_DATA_DIR: tempDir() }), false],
  ['Neo4j', () => neo4jEnv(), noNeo4j()],
];

for (const [name, storeEnv, skip] of stores) {
  describe.skipIf(skip)(`a restart on ${name}`, () => {
    it('keeps a revision and a review of a seed source', async () => {
      if (name === 'Neo4j') await (await storeFactories.neo4j()).close(); // empty, as a first start finds it
      const env = { ...storeEnv(), CGRAPH_API_KEYS: `tester:${API_KEY}` };

      // First start: the seeds are loaded (version 1); a reviewer disputes one Paris statement.
      running = await startServer(env);
      const first = parisStatements(await graphql<Answer>(running, PARIS_QUERY));
      expect((await graphql<Answer>(running, PARIS_QUERY)).node.versions).toHaveLength(1);
      const disputed = first.rows.find((s) => s.id !== first.britishPledge?.id && s.review.state === 'REVIEWED');
      expect(disputed).toBeDefined();
      await graphql(running, 'mutation($id: ID!) { reviewStatement(statementId: $id, state: DISPUTED, note: "the article does not say this") { id } }', { id: disputed?.id });
      await stop(running);

      // The seed source is revised with the CLI while the server is down (version 2).
      const load = runCli(['load', revisedParisDossier(), '--json'], env);
      expect(load.code, load.stderr).toBe(0);
      expect(JSON.parse(load.stdout)).toMatchObject({ versionsAdded: 1, statementsChanged: 1 });

      // Restart: the seed is not loaded again over the revision, and the dispute stands.
      running = await startServer(env);
      const answer = await graphql<Answer>(running, PARIS_QUERY);
      expect(answer.node.versions.map((v) => v.version)).toEqual([1, 2]);
      const after = parisStatements(answer);
      expect(after.britishPledge?.claim.action).toBe(REVISED_ACTION);
      expect(after.rows.find((s) => s.id === disputed?.id)?.review.state).toBe('DISPUTED');
      expect(after.rows).toHaveLength(first.rows.length);
      await stop(running);
    }, 180_000);
  });
}

describe("cgraph seed (docker-compose's seed step)", () => {
  it('loads a seed only while the store holds no version of its source', async () => {
    const env = { CGRAPH_DATA_DIR: tempDir() };
    const seed = () => {
      const result = runCli(['seed', '--json'], env);
      expect(result.code, result.stderr).toBe(0);
      return JSON.parse(result.stdout) as { loaded: string[]; kept: string[] };
    };
    expect(seed()).toMatchObject({ loaded: [expect.any(String), expect.any(String)], kept: [] });
    expect(runCli(['load', revisedParisDossier()], env).code).toBe(0);
    expect(seed()).toMatchObject({ loaded: [], kept: [expect.any(String), expect.any(String)] });
    const versions = runCli(['versions', PARIS, '--json'], env);
    expect((JSON.parse(versions.stdout) as unknown[]).length).toBe(2);
  }, 120_000);
});

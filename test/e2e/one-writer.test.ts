// One writer per embedded store, through the real interfaces: CLI writers as processes side by
// side, a busy or killed holder, a CLI write while the API serves the folder (it goes through the
// API), and what survives the API's restart.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIRST_SEED_DIR, SECOND_SEED_DIR, tempDir } from '../support/fixtures.ts';
import { runCli, runCliAsync } from '../support/run-cli.ts';
import { startServer, type Running } from '../support/server-process.ts';

const KEY = 'one-writer-test-key-0123456789';
const PARIS = 'source:coalition-of-the-willing-paris-summit';

/** A process that holds the folder's lock and keeps its event loop busy for `busyMs`. */
async function holdLock(dir: string, busyMs: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/lock/hold-lock.ts', dir, String(busyMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  await new Promise<void>((resolve) => child.stdout.on('data', (c: Buffer) => c.toString().includes('held') && resolve()));
  return { child, exited };
}

const stats = (dir: string) => JSON.parse(runCli(['stats', '--json'], { CGRAPH_DATA_DIR: dir }).stdout) as { nodes: Record<string, number>; relationships: Record<string, number> };
const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

describe('two writers on one data folder', () => {
  it('two loads at once: one waits for the other, both exit 0, and nothing is lost', async () => {
    const dir = tempDir();
    const holder = await holdLock(dir, 8000); // both writers start while the folder is held
    const [a, b] = await Promise.all([runCliAsync(['load', FIRST_SEED_DIR, '--json'], { CGRAPH_DATA_DIR: dir }), runCliAsync(['import', 'kiel', '--json'], { CGRAPH_DATA_DIR: dir })]);
    await holder.exited;
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.stderr + b.stderr).toMatch(/waiting for .*held by pid \d+/);
    // The same two writes one after the other hold the same graph.
    const alone = tempDir();
    expect(runCli(['load', FIRST_SEED_DIR], { CGRAPH_DATA_DIR: alone }).code).toBe(0);
    expect(runCli(['import', 'kiel'], { CGRAPH_DATA_DIR: alone }).code).toBe(0);
    expect(stats(dir)).toEqual(stats(alone));
  });

  it('a holder whose event loop is busy keeps its lock: a writer gives up with STORE_LOCKED (exit 3) naming it, and loads once it is gone', async () => {
    const dir = tempDir();
    // Busy far past the writer's wait, however slowly the writer starts on a loaded machine.
    const holder = await holdLock(dir, 20_000);
    const refused = await runCliAsync(['load', FIRST_SEED_DIR, '--wait-s', '1'], { CGRAPH_DATA_DIR: dir });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('STORE_LOCKED');
    expect(refused.stderr).toContain(`pid ${holder.child.pid}`);
    expect(refused.stderr).toContain('test holder');
    await holder.exited;
    expect(runCli(['load', FIRST_SEED_DIR], { CGRAPH_DATA_DIR: dir }).code).toBe(0);
  });

  it('a killed holder leaves a lock whose process is gone: the next writer takes it at once', async () => {
    const dir = tempDir();
    const holder = await holdLock(dir, 60_000);
    holder.child.kill('SIGKILL');
    await holder.exited;
    const load = runCli(['load', FIRST_SEED_DIR, '--wait-s', '1'], { CGRAPH_DATA_DIR: dir });
    expect(load.stderr).not.toContain('STORE_LOCKED');
    expect(load.code).toBe(0);
  });

  it('readers run while a writer holds the folder, and change nothing', async () => {
    const dir = tempDir();
    expect(runCli(['load', FIRST_SEED_DIR], { CGRAPH_DATA_DIR: dir }).code).toBe(0);
    const before = stats(dir);
    const holder = await holdLock(dir, 3000);
    const reader = await runCliAsync(['stats', '--json'], { CGRAPH_DATA_DIR: dir });
    expect(reader.code).toBe(0);
    expect(JSON.parse(reader.stdout)).toEqual(before);
    await holder.exited;
  });
});

describe('a writing command while the API serves the folder', () => {
  let server: Running | undefined;
  afterEach(() => {
    server?.child.kill('SIGKILL');
    server = undefined;
  });

  const gql = async (query: string) => {
    const res = await fetch(`${server?.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    return (await res.json()) as { data: Record<string, unknown>; errors?: unknown[] };
  };

  it('refuses without a key (exit 3, the holder and what to do); with CGRAPH_API_KEY it goes through the API, which sees it at once; all of it survives a restart', async () => {
    const dir = tempDir();
    const env = { CGRAPH_DATA_DIR: dir, CGRAPH_SEEDS_DIR: 'none', CGRAPH_API_KEYS: `analyst:${KEY}` };
    server = await startServer(env);
    const cli = { CGRAPH_DATA_DIR: dir };

    const refused = runCli(['load', FIRST_SEED_DIR], cli);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('STORE_LOCKED');
    expect(refused.stderr).toContain(`${server.url}/graphql`);
    expect(refused.stderr).toContain('CGRAPH_API_KEY');

    const load = runCli(['load', FIRST_SEED_DIR, '--json'], { ...cli, CGRAPH_API_KEY: KEY });
    expect(load.stderr).toContain('sending the write through it');
    expect(load.code).toBe(0);
    expect(JSON.parse(load.stdout)).toMatchObject({ versionsAdded: 1 });
    const loaded = await gql(`{ node(id: "${PARIS}") { id } relationships(first: 1) { edges { node { id statements { id } } } } }`);
    expect(loaded.data.node).toEqual({ id: PARIS });

    const first = (loaded.data.relationships as { edges: { node: { id: string; statements: { id: string }[] } }[] }).edges[0]?.node;
    const statement = first?.statements[0]?.id as string;
    const review = runCli(['review', statement, '--state', 'reviewed', '--json'], { ...cli, CGRAPH_API_KEY: KEY });
    expect(review.code).toBe(0);
    expect(JSON.parse(review.stdout)).toMatchObject({ review: { state: 'reviewed', by: 'analyst' } });

    const kiel = runCli(['import', 'kiel', '--json'], { ...cli, CGRAPH_API_KEY: KEY });
    expect(kiel.code).toBe(0);
    const [imported] = JSON.parse(kiel.stdout) as { relationshipsCreated: number; versionsAdded: number }[];
    expect(imported?.relationshipsCreated).toBeGreaterThan(0);

    // Readers open the folder read-only beside the API and see what it committed.
    const counts = stats(dir);
    const served = await gql('{ stats { nodes relationships } }');
    expect(served.data.stats).toEqual({ nodes: total(counts.nodes), relationships: total(counts.relationships) });

    const jsonl = join(dir, '..', `${Date.now()}-extra.jsonl`);
    writeFileSync(jsonl, runCli(['export', '--format', 'jsonl'], cli).stdout);
    const again = runCli(['load', jsonl, '--json'], { ...cli, CGRAPH_API_KEY: KEY });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ relationshipsCreated: 0, versionsAdded: 0 });

    expect(runCli(['reset', '--yes'], { ...cli, CGRAPH_API_KEY: KEY }).code).toBe(3);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    server = await startServer(env);
    const after = await gql(`{ stats { nodes relationships } relationship(id: "${first?.id}") { statements { id review { state by } } } }`);
    expect(after.data.stats).toEqual(served.data.stats);
    const reviewed = (after.data.relationship as { statements: { id: string; review: { state: string; by: string } }[] }).statements.find((s) => s.id === statement);
    expect(reviewed?.review).toEqual({ state: 'REVIEWED', by: 'analyst' });
  });

  it('an unload goes through the API too', async () => {
    const dir = tempDir();
    expect(runCli(['load', FIRST_SEED_DIR, SECOND_SEED_DIR], { CGRAPH_DATA_DIR: dir }).code).toBe(0);
    server = await startServer({ CGRAPH_DATA_DIR: dir, CGRAPH_SEEDS_DIR: 'none', CGRAPH_API_KEYS: `analyst:${KEY}` });
    const unload = runCli(['unload', PARIS, '--yes', '--json'], { CGRAPH_DATA_DIR: dir, CGRAPH_API_KEY: KEY });
    expect(unload.code).toBe(0);
    expect(JSON.parse(unload.stdout)).toMatchObject({ sourceId: PARIS, nodesRemoved: 1 });
    expect((await gql(`{ node(id: "${PARIS}") { id } }`)).data.node).toBeNull();
  });
});

describe('a data folder that cannot be used', () => {
  it('a file where the folder should be: exit 3 with the path and STORE_UNWRITABLE, no stack trace', () => {
    const file = join(tempDir(), 'not-a-folder');
    writeFileSync(file, 'x');
    for (const args of [['load', FIRST_SEED_DIR], ['stats']]) {
      const result = runCli(args, { CGRAPH_DATA_DIR: file });
      expect(result.code).toBe(3);
      expect(result.stderr).toContain('STORE_UNWRITABLE');
      expect(result.stderr).toContain(file);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

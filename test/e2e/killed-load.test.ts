// A load killed half-way leaves nothing behind (one transaction), and running it again ends with
// exactly the graph of a clean load.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBatches, validateDossiers } from '../../src/ingest/load-dossiers.ts';
import { neo4jEnv, noNeo4j, storeFactories, tempDir } from '../support/fixtures.ts';
import { CGRAPH, runCli } from '../support/run-cli.ts';
import { timeLimit } from '../support/time-limits.ts';

describe.skipIf(noNeo4j())('a killed load', () => {
  it('leaves no half-written dossier, and a re-run equals a clean load', async () => {
    const dir = join(tempDir(), 'synthetic');
    expect(runCli(['generate', '--out', dir, '--commitments', '4000', '--states', '120', '--actors', '150', '--seed', '3']).code).toBe(0);
    const { batches } = await validateDossiers([dir]);

    const store = await storeFactories.neo4j();
    try {
      await loadBatches(store, batches);
      const clean = await store.snapshot();
      await store.reset();

      // Kill the CLI while it is writing (a progress line below 100%). One row per statement keeps
      // the write long enough to be caught in the middle even though statements are pipelined.
      const child = spawn(process.execPath, [CGRAPH, 'load', dir, '--progress'], {
        env: { ...process.env, ...neo4jEnv(), CGRAPH_BATCH_SIZE: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      const killedMidway = await new Promise<boolean>((resolve) => {
        child.stderr.on('data', (chunk) => {
          stderr += chunk;
          const percents = [...stderr.matchAll(/(\d+)%/g)].map((m) => Number(m[1]));
          if (percents.some((p) => p > 0 && p < 100) && child.exitCode === null) {
            child.kill('SIGKILL');
            resolve(true);
          }
        });
        child.on('exit', () => resolve(false));
      });
      expect(killedMidway, `the load finished before it could be killed: ${stderr}`).toBe(true);
      await new Promise((r) => child.on('exit', r));

      // One dossier, one transaction, the registry's nodes in it: nothing at all committed.
      const left = await store.snapshot();
      expect(batches).toHaveLength(1);
      expect(left.edges).toEqual([]);
      expect(left.nodes).toEqual([]);
      expect(runCli(['load', dir], neo4jEnv()).code).toBe(0);
      expect(await store.snapshot()).toEqual(clean);
    } finally {
      await store.close();
    }
  }, timeLimit(240_000));
});

// Every launcher script answers --help and -h with its usage and touches nothing: no Neo4j or
// CoreNLP starts or stops, so the state folders the launchers keep stay as they were.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { timeLimit } from '../support/time-limits.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPTS = ['tools/neo4j-local/start.mjs', 'tools/neo4j-local/stop.mjs', 'tools/corenlp-local/start.mjs', 'tools/corenlp-local/stop.mjs'];
const STATE_DIRS = ['.neo4j-local', '.corenlp-local'];

/** Each state folder's files with their sizes and times: a start writes a state file, a stop removes one. */
function stateFolders(): Record<string, string[]> {
  return Object.fromEntries(
    STATE_DIRS.map((dir) => {
      const path = join(REPO, dir);
      const files = existsSync(path) ? readdirSync(path).map((name) => `${name} ${statSync(join(path, name)).size} ${statSync(join(path, name)).mtimeMs}`) : [];
      return [dir, files.sort()];
    }),
  );
}

describe('launcher scripts: --help starts and stops nothing', () => {
  for (const script of SCRIPTS) {
    for (const flag of ['--help', '-h']) {
      it(`node ${script} ${flag} prints its usage and exits 0 at once`, () => {
        const before = stateFolders();
        const started = Date.now();
        // Starting would take seconds (Maven, the JVM); a usage text takes Node's start-up.
        const result = spawnSync(process.execPath, [join(REPO, script), flag], { encoding: 'utf8', timeout: timeLimit(10_000) });
        const took = Date.now() - started;
        expect(result.status, result.stderr).toBe(0);
        expect(result.stdout).toMatch(/^Usage: npm run (neo4j|nlp):(start|stop)/);
        expect(took).toBeLessThan(timeLimit(3_000));
        expect(stateFolders()).toEqual(before);
      });
    }
  }
});

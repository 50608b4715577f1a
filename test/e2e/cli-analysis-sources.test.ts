// The analysis commands narrowed to sources, as processes on both stores: the two seed reports of
// the Paris summit loaded together; each report alone gives its own tensions, both the whole.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { neo4jEnv, noNeo4j, SEED_DIR, tempDir } from '../support/fixtures.ts';
import { runCli } from '../support/run-cli.ts';
import { timeLimit } from '../support/time-limits.ts';

const FIRST = 'source:coalition-of-the-willing-paris-summit';
const SECOND = 'source:coalition-of-volunteers-signs-declaration';

interface TensionJson {
  kind: string;
  explanation: string;
  relationships: string[];
}

function describeSourcesCli(name: string, env: () => Record<string, string>, skip = false) {
  describe.skipIf(skip)(`cgraph analysis narrowed to sources on ${name}`, () => {
    let vars: Record<string, string>;
    beforeAll(() => {
      vars = env();
      expect(runCli(['reset', '--yes'], vars).code).toBe(0);
      const loaded = runCli(['load', SEED_DIR, '--registry', join(SEED_DIR, 'entities.yaml')], vars);
      expect(loaded.code, loaded.stderr).toBe(0);
    }, timeLimit(120_000));

    it('tensions --sources: one report gives its own tensions, both reports the whole graph\'s', () => {
      const tensions = (...args: string[]): TensionJson[] => {
        const run = runCli(['tensions', '--json', ...args], vars);
        expect(run.code, run.stderr).toBe(0);
        return JSON.parse(run.stdout);
      };
      const whole = tensions();
      expect(whole).toHaveLength(16);
      expect(tensions('--sources', `${FIRST},${SECOND}`)).toEqual(whole);
      // The first report has Russia's warning and refusal; the second only hedged pledges beside firm ones.
      const first = tensions('--sources', FIRST);
      expect(first).toHaveLength(10);
      expect(first.some((t) => t.kind === 'HEDGED_VS_FIRM')).toBe(false);
      const second = tensions('--sources', SECOND);
      expect(second.map((t) => t.kind)).toEqual(['HEDGED_VS_FIRM', 'HEDGED_VS_FIRM']);
      // Germany's pledge, in both reports, reads as the second states it.
      expect(second[0]?.explanation).toContain('deploy German troops in a neighbouring NATO country is hedged');
      expect(whole.filter((t) => t.kind === 'HEDGED_VS_FIRM').map((t) => t.explanation)).not.toContain(second[0]?.explanation);
      expect(tensions('--sources', 'source:nowhere')).toEqual([]);
      const bad = runCli(['tensions', '--sources', 'x'.repeat(301)], vars);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('sources');
    });

    it('central and neighbours --sources count only those reports\' relationships', () => {
      const degree = (...args: string[]) => JSON.parse(runCli(['central', '--metric', 'DEGREE', '--first', '1', '--json', ...args], vars).stdout) as { id: string; score: number }[];
      const [whole] = degree();
      const [second] = degree('--sources', SECOND);
      expect(whole?.id).toBe('initiative:multinational-force-ukraine');
      expect(second?.score).toBeLessThan(whole?.score ?? 0);
      const around = (...args: string[]) => JSON.parse(runCli(['neighbours', 'Meloni', '--json', ...args], vars).stdout) as { nodes: { id: string }[] };
      expect(around().nodes.length).toBeGreaterThan(around('--sources', SECOND).nodes.length);
    });
  });
}

describeSourcesCli('memory', () => ({ CGRAPH_DATA_DIR: tempDir() }));
describeSourcesCli('neo4j', () => neo4jEnv(), noNeo4j());

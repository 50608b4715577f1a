// The CLI's --as-of as a process, on the memory store and on Neo4j: the fact three test reports
// assert (test/fixtures/as-of: September 2025, January 2026 twice) is printed as of 2025-10-01
// with the September report alone — its quote, its statement, sourceCount 1 — by path,
// neighbours and export, and as of 2026-02-01 with all three.
import { beforeAll, describe, expect, it } from 'vitest';
import { neo4jEnv, noNeo4j, tempDir } from '../support/fixtures.ts';
import { runCli } from '../support/run-cli.ts';
import { AS_OF_FIXTURE, JANUARY, NOR_PLEDGE, SEPTEMBER } from '../api/as-of-suite.ts';

interface Rel {
  id: string;
  sourceCount: number;
  evidence: { quote: string }[];
  statements: { sourceId: string }[];
}

const FORCE = 'initiative:test-stabilisation-force';
const quotesOf = (rel: Rel | undefined) => (rel?.evidence ?? []).map((e) => e.quote).sort();

function describeAsOfCli(name: string, env: () => Record<string, string>, skip = false) {
  describe.skipIf(skip)(`cgraph --as-of on ${name}`, () => {
    let vars: Record<string, string>;
    beforeAll(() => {
      vars = env();
      expect(runCli(['reset', '--yes'], vars).code).toBe(0);
      const load = runCli(['load', AS_OF_FIXTURE], vars);
      expect(load.code, load.stderr).toBe(0);
    });

    it('path and neighbours as of October 2025 cite the September report alone; as of February 2026, all three', () => {
      const october = runCli(['path', 'Norway', FORCE, '--as-of', '2025-10-01', '--json'], vars);
      expect(october.code, october.stderr).toBe(0);
      const step = (JSON.parse(october.stdout) as { relationships: Rel[] }).relationships[0];
      expect(step?.id).toBe(NOR_PLEDGE);
      expect(quotesOf(step)).toEqual([SEPTEMBER.quote]);
      expect(step?.statements.map((s) => s.sourceId)).toEqual([SEPTEMBER.source]);
      expect(step?.sourceCount).toBe(1);
      const human = runCli(['path', 'Norway', FORCE, '--as-of', '2025-10-01'], vars).stdout;
      expect(human).toContain(`“${SEPTEMBER.quote}”`);
      for (const j of JANUARY) expect(human).not.toContain(j.quote);

      const february = (JSON.parse(runCli(['path', 'Norway', FORCE, '--as-of', '2026-02-01', '--json'], vars).stdout) as { relationships: Rel[] }).relationships[0];
      expect(quotesOf(february)).toEqual([SEPTEMBER.quote, ...JANUARY.map((j) => j.quote)].sort());
      expect(february?.sourceCount).toBe(3);

      const around = JSON.parse(runCli(['neighbours', 'Norway', '--as-of', '2025-10-01', '--json'], vars).stdout) as { relationships: Rel[] };
      expect(around.relationships.map((r) => [r.id, r.sourceCount, quotesOf(r)])).toEqual([[NOR_PLEDGE, 1, [SEPTEMBER.quote]]]);
    });

    it('export --as-of writes the statements valid that day, not those made later', () => {
      const statementsOn = (day: string) =>
        runCli(['export', '--format', 'jsonl', '--as-of', day], vars)
          .stdout.trim()
          .split('\n')
          .map((line) => JSON.parse(line) as { id: string; evidence?: { sourceId: string }[] })
          .filter((record) => record.id === NOR_PLEDGE)
          .map((record) => record.evidence?.[0]?.sourceId)
          .sort();
      expect(statementsOn('2025-10-01')).toEqual([SEPTEMBER.source]);
      expect(statementsOn('2026-02-01')).toEqual([SEPTEMBER.source, ...JANUARY.map((j) => j.source)].sort());
      expect(statementsOn('2025-08-01')).toEqual([]);
    });
  });
}

describeAsOfCli('memory', () => ({ CGRAPH_DATA_DIR: tempDir() }));
describeAsOfCli('neo4j', () => neo4jEnv(), noNeo4j());

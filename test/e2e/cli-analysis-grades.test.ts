// The analysis commands narrowed to grades, as processes on both stores, over the graded seed
// reports (support/graded-seeds.ts): a grade set answers as the sources it selects do, `cgraph
// grade` is seen by the next command, and bad grades exit 2 naming the flag.
import { beforeAll, describe, expect, it } from 'vitest';
import { neo4jEnv, noNeo4j, tempDir } from '../support/fixtures.ts';
import { FIRST, SECOND, writeGradedSeeds } from '../support/graded-seeds.ts';
import { runCli } from '../support/run-cli.ts';
import { timeLimit } from '../support/time-limits.ts';
import { join } from 'node:path';

function describeGradesCli(name: string, env: () => Record<string, string>, skip = false) {
  describe.skipIf(skip)(`cgraph analysis narrowed to grades on ${name}`, () => {
    let vars: Record<string, string>;
    beforeAll(() => {
      vars = env();
      const seeds = writeGradedSeeds(tempDir('cgraph-graded-seeds-'));
      expect(runCli(['reset', '--yes'], vars).code).toBe(0);
      const loaded = runCli(['load', seeds, '--registry', join(seeds, 'entities.yaml')], vars);
      expect(loaded.code, loaded.stderr).toBe(0);
    }, timeLimit(120_000));

    /** A command's JSON answer (exit 0). */
    const json = (...args: string[]): unknown => {
      const run = runCli([...args, '--json'], vars);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
      return JSON.parse(run.stdout);
    };

    it('every analysis command answers --reliability as --sources of those outlets, and unlike the whole graph', () => {
      // Each run is a process (seconds on a loaded machine, more on Neo4j): the commands whose answers differ.
      const commands = [['tensions'], ['neighbours', 'Meloni', '--depth', '2'], ['central', '--metric', 'DEGREE', '--first', '20'], ['scenario']];
      for (const command of commands) {
        const first = json(...command, '--reliability', 'b');
        expect(first, command.join(' ')).toEqual(json(...command, '--sources', FIRST));
        expect(first, command.join(' ')).not.toEqual(json(...command));
      }
      for (const command of [['tensions'], ['path', 'state:ITA', 'state:RUS']]) expect(json(...command, '--reliability', 'D,E'), command.join(' ')).toEqual(json(...command, '--sources', SECOND));
      expect(json('tensions', '--reliability', 'B')).toHaveLength(10);
      expect(json('path', 'state:ITA', 'state:RUS', '--reliability', 'D')).toBeNull();
    }, timeLimit(150_000));

    it('--credibility reads only statements graded so, one statement meeting every flag', () => {
      const around = (...args: string[]) => (json('neighbours', 'state:RUS', ...args) as { relationships: { id: string; type: string; to: string }[] }).relationships;
      expect(around('--credibility', '4').map((r) => [r.type, r.to])).toEqual([['WARNED', 'initiative:multinational-force-ukraine']]);
      expect(around('--credibility', '4', '--reliability', 'B')).toHaveLength(1);
      expect(around('--credibility', '4', '--reliability', 'D')).toEqual([]);
      expect(around('--credibility', '4', '--sources', SECOND)).toEqual([]);
      expect(around().length).toBeGreaterThan(1);
    });

    it('refuses bad grades with exit 2, naming the flag', () => {
      const refused = [
        ['tensions', '--credibility', '7'],
        ['central', '--credibility', 'x'],
        ['path', 'state:ITA', 'state:RUS', '--reliability', 'G'],
        ['scenario', '--reliability', 'G'],
        ['blocs', '--credibility', '0'],
        ['paths', 'state:ITA', 'state:RUS', '--credibility', '2,9'],
      ];
      for (const args of refused) {
        const run = runCli(args, vars);
        expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(2);
        expect(run.stderr).toContain(args.at(-2) as string);
      }
    });

    it('sees `cgraph grade` in the next command', () => {
      expect(json('tensions', '--reliability', 'D')).toHaveLength(2);
      expect(runCli(['grade', 'allthe-news', 'B'], vars).code).toBe(0);
      expect(json('tensions', '--reliability', 'B')).toEqual(json('tensions'));
      expect(json('tensions', '--reliability', 'D')).toEqual([]);
      expect(runCli(['grade', 'allthe-news', 'D'], vars).code).toBe(0);
    });
  });
}

describeGradesCli('memory', () => ({ CGRAPH_DATA_DIR: tempDir() }));
describeGradesCli('neo4j', () => neo4jEnv(), noNeo4j());

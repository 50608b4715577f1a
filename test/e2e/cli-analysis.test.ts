// The analysis commands as processes, by name or id, on the memory store and on Neo4j.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIRST_SEED_DIR, neo4jEnv, noNeo4j, tempDir } from '../support/fixtures.ts';
import { runCli } from '../support/run-cli.ts';

function describeAnalysisCli(name: string, env: () => Record<string, string>, skip = false) {
  describe.skipIf(skip)(`cgraph analysis on ${name}`, () => {
    let vars: Record<string, string>;
    beforeAll(() => {
      vars = env();
      expect(runCli(['reset', '--yes'], vars).code).toBe(0);
      // The first article alone: these answers are checked against its text.
      expect(runCli(['load', FIRST_SEED_DIR], vars).code).toBe(0);
    });

    it('path: by names, human-readable with quotes, and --json by ids', () => {
      const human = runCli(['path', 'Italy', 'Russia'], vars);
      expect(human.code).toBe(0);
      expect(human.stdout).toContain('2 step(s): Italy → Multinational reassurance force for Ukraine → Russia');
      expect(human.stdout).toContain('“Moscow has repeatedly warned');
      const json = JSON.parse(runCli(['path', 'state:ITA', 'Kremlin', '--json'], vars).stdout);
      expect(json.nodes.map((n: { id: string }) => n.id)).toEqual(['state:ITA', 'initiative:multinational-force-ukraine', 'state:RUS']);
      // No path is an empty answer, not invalid input: exit 0, the message on stderr, null for --json.
      const none = runCli(['path', 'Italy', 'Russia', '--direction', 'OUT'], vars);
      expect(none.code).toBe(0);
      expect(none.stderr).toContain('no path');
      expect(JSON.parse(runCli(['path', 'Italy', 'Russia', '--direction', 'OUT', '--json'], vars).stdout)).toBeNull();
    });

    it('scenario: --deny "Russian consent","peace agreement" makes the troop pledges inactive, inherited from the force', () => {
      const json = JSON.parse(runCli(['scenario', '--assume', 'ceasefire', '--json'], vars).stdout);
      expect(json.active).toHaveLength(0);
      expect(json.undetermined).toHaveLength(7);
      const denied = runCli(['scenario', '--assume', 'ceasefire', '--deny', 'Russian consent,peace agreement', '--json'], vars);
      expect(denied.code, denied.stderr).toBe(0);
      const out = JSON.parse(denied.stdout);
      expect(out.inactive).toHaveLength(5);
      const inherited = out.reasons.filter((r: { outcome: string; inheritedFrom?: string }) => r.outcome === 'DENIED' && r.inheritedFrom === 'initiative:multinational-force-ukraine');
      expect(inherited.length).toBe(10);
      const human = runCli(['scenario', '--assume', 'ceasefire', '--deny', 'Russian consent,peace agreement'], vars).stdout;
      expect(human).toMatch(/United Kingdom -\[PLEDGED \(deploy troops to Ukraine\)\]-> Multinational reassurance force for Ukraine\n.*"Russia consents to the deployment" \(inherited from initiative:multinational-force-ukraine\), which is assumed not met/);
    });

    it('as-of: no seed commitment holds on 2025-12-31, so no path through them and no tension', () => {
      // Before the summit the path cannot walk through Italy's refusal: only undated structure remains.
      const before = JSON.parse(runCli(['path', 'Italy', 'Russia', '--as-of', '2025-12-31', '--json'], vars).stdout);
      expect(before.relationships.map((r: { type: string }) => r.type)).toEqual(['MEMBER_OF', 'SUPPORTS', 'INVADED']);
      const on = JSON.parse(runCli(['path', 'Italy', 'Russia', '--as-of', '2026-01-06', '--json'], vars).stdout);
      expect(on.relationships.map((r: { type: string }) => r.type)).toEqual(['REFUSED', 'WARNED']);
      expect(JSON.parse(runCli(['tensions', '--as-of', '2025-12-31', '--json'], vars).stdout)).toEqual([]);
      expect(JSON.parse(runCli(['tensions', '--as-of', '2026-01-06', '--json'], vars).stdout)).toHaveLength(10);
      // Bounded and filtered: the first two consent tensions, and a line saying how many there are.
      const consent = JSON.parse(runCli(['tensions', '--kind', 'consent_opposed', '--first', '2', '--json'], vars).stdout) as { kind: string }[];
      expect(consent.map((t) => t.kind)).toEqual(['CONSENT_OPPOSED', 'CONSENT_OPPOSED']);
      expect(runCli(['tensions', '--kind', 'CONSENT_OPPOSED', '--first', '2'], vars).stdout).toContain('(2 of 3 tensions; --first shows more)');
      expect(runCli(['tensions', '--kind', 'NOPE'], vars).code).toBe(2);
      const exported = runCli(['export', '--format', 'jsonl', '--as-of', '2025-12-31'], vars).stdout.trim().split('\n').map((l) => JSON.parse(l));
      expect(exported.filter((r: { type?: string }) => ['PLEDGED', 'REFUSED', 'WARNED'].includes(r.type ?? ''))).toEqual([]);
      expect(exported.some((r: { type?: string }) => r.type === 'INVADED')).toBe(true); // valid from 2022-02-24
    });

    it('tensions, central, blocs, neighbours', () => {
      const tensions = runCli(['tensions'], vars);
      expect(tensions.stdout).toContain('[CONSENT_OPPOSED] Germany pledged to support a multinational force');
      expect(JSON.parse(runCli(['tensions', '--json'], vars).stdout)).toHaveLength(10);
      const central = JSON.parse(runCli(['central', '--metric', 'pagerank', '--kinds', 'STATE', '--first', '3', '--json'], vars).stdout);
      expect(central).toHaveLength(3);
      const blocs = JSON.parse(runCli(['blocs', '--seed', '7', '--json'], vars).stdout);
      expect(blocs.flatMap((b: { members: string[] }) => b.members)).toHaveLength(42);
      expect(runCli(['neighbours', 'Meloni'], vars).stdout).toContain('Giorgia Meloni -[LEADS (Prime Minister)]-> Italy');
      const capped = JSON.parse(runCli(['neighbours', 'Meloni', '--depth', '3', '--max-nodes', '4', '--json'], vars).stdout);
      expect(capped.nodes).toHaveLength(4);
      expect(capped.truncated).toBe(true);
      expect(runCli(['neighbours', 'Meloni', '--depth', '3', '--max-nodes', '4'], vars).stdout).toMatch(/^4 nodes, \d+ relationships \(truncated at the caps/);
    });

    it('export writes GEXF for Gephi', () => {
      const out = join(tempDir(), 'graph.gexf');
      const result = runCli(['export', '--format', 'gexf', '--out', out], vars);
      expect(result.code).toBe(0);
      expect(readFileSync(out, 'utf8')).toContain('<gexf');
      expect(result.stderr).toContain('wrote 42 nodes and 74 relationships');
    });

    it('says when a name is unknown or ambiguous (exit 1)', () => {
      const unknown = runCli(['path', 'Atlantis', 'Russia'], vars);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('UNKNOWN_NAME');
      const ambiguous = runCli(['neighbours', 'Donald'], vars);
      expect(ambiguous.code).toBe(1);
      expect(ambiguous.stderr).toContain('AMBIGUOUS_NAME');
    });
  });
}

describeAnalysisCli('memory', () => ({ CGRAPH_DATA_DIR: tempDir() }));
describeAnalysisCli('neo4j', () => neo4jEnv(), noNeo4j());

// Commitments that depend on commitments (conditions of kind commitment), through the real
// interfaces on both stores: `cgraph scenario --withdraw` as a process, and GraphQL `scenario`.
// A withdrawal cascades two levels (US air support → British troops → French logistics) and a
// cycle (Germany ⇄ Poland) is reported, not looped on.
import { describe, expect, it } from 'vitest';
import { loadBatches, validateDossiers } from '../../src/ingest/load-dossiers.ts';
import { eachStore, neo4jEnv, noNeo4j, tempDir } from '../support/fixtures.ts';
import { seededApi } from '../support/graphql-client.ts';
import { runCli } from '../support/run-cli.ts';
import { timeLimit } from '../support/time-limits.ts';

const FIXTURE = 'test/fixtures/dependencies';

function describeDependencies(name: string, env: () => Record<string, string>, skip = false) {
  describe.skipIf(skip)(`dependent commitments on ${name}`, () => {
    it('cgraph scenario --withdraw cascades through two levels and reports the cycle', () => {
      const vars = env();
      expect(runCli(['reset', '--yes'], vars).code).toBe(0);
      expect(runCli(['load', FIXTURE], vars).code).toBe(0);
      const byAction = (out: { reasons: { commitment: string; chain: string[] }[] }, id: string) => out.reasons.find((r) => r.commitment === id);

      const before = JSON.parse(runCli(['scenario', '--json'], vars).stdout);
      expect(before.active).toHaveLength(2);
      expect(before.cycles).toHaveLength(1);
      expect(before.cycles[0]).toHaveLength(2);

      const withdrawn = runCli(['scenario', '--withdraw', 'United States PLEDGED air support', '--json'], vars);
      expect(withdrawn.code, withdrawn.stderr).toBe(0);
      const out = JSON.parse(withdrawn.stdout);
      expect(out.withdrawn).toHaveLength(1);
      expect(out.active).toEqual([]);
      expect(out.inactive).toHaveLength(2);
      // France's logistics fall two levels down, with the chain of reasons back to the withdrawal.
      const french = out.inactive.map((id: string) => byAction(out, id)).find((r: { chain: string[] }) => r.chain.length === 2);
      expect(french.chain[1]).toBe(out.withdrawn[0]);
      expect(french.explanation).toMatch(/which is inactive: depends on United States PLEDGED provide air support .*which is withdrawn/);
      expect(out.undetermined).toEqual(out.cycles[0]);

      const human = runCli(['scenario', '--withdraw', out.withdrawn[0]], vars).stdout;
      const cycle = human.split('\n').find((line: string) => line.startsWith('cycle (undetermined): '));
      expect(cycle).toMatch(/Germany .*⇄ Poland|Poland .*⇄ Germany/);
      expect(runCli(['scenario', '--withdraw', 'United States PLEDGED nothing like this'], vars).code).toBe(1);
    }, timeLimit(120_000));
  });
}

describeDependencies('memory', () => ({ CGRAPH_DATA_DIR: tempDir() }));
describeDependencies('neo4j', () => neo4jEnv(), noNeo4j());

for (const [name, open, skip] of eachStore()) {
  describe.skipIf(skip)(`GraphQL scenario with withdrawals on ${name}`, () => {
    it('propagates a withdrawal, gives each reason its chain, and lists the cycle', async () => {
      const store = await open();
      try {
        await loadBatches(store, (await validateDossiers([FIXTURE])).batches);
        const api = await seededApi(store);
        const ids = await api.query<{ commitments: { edges: { node: { id: string; from: { id: string } } }[] } }>(
          '{ commitments(filter: { sources: ["source:test-dependencies"] }) { edges { node { id from { id } } } } }',
        );
        const idOf = (state: string) => ids.data?.commitments.edges.find((e) => e.node.from.id === state)?.node.id;
        type Answer = { scenario: { inactive: { id: string }[]; withdrawn: { id: string }[]; cycles: { id: string }[][]; reasons: { commitment: { id: string }; outcome: string; chain: { id: string }[] }[] } };
        const res = await api.query<Answer>(
          'query($w: [ID!]) { scenario(withdraw: $w) { inactive { id } withdrawn { id } cycles { id } reasons { commitment { id } outcome chain { id } } } }',
          { w: [idOf('state:USA')] },
        );
        expect(res.errors).toBeUndefined();
        expect(res.data?.scenario.withdrawn.map((c) => c.id)).toEqual([idOf('state:USA')]);
        expect(res.data?.scenario.inactive.map((c) => c.id).sort()).toEqual([idOf('state:FRA'), idOf('state:GBR')].sort());
        const french = res.data?.scenario.reasons.find((r) => r.commitment.id === idOf('state:FRA'));
        expect(french).toMatchObject({ outcome: 'DENIED', chain: [{ id: idOf('state:GBR') }, { id: idOf('state:USA') }] });
        expect(res.data?.scenario.cycles.map((c) => c.map((x) => x.id).sort())).toEqual([[idOf('state:DEU'), idOf('state:POL')].sort()]);
        const bad = await api.query('{ scenario(withdraw: ["state:USA"]) { withdrawn { id } } }');
        expect(bad.errors?.[0]?.extensions?.code).toBe('UNKNOWN_ID');
      } finally {
        await store.close();
      }
    });
  });
}

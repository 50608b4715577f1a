// Sources, versions and reviews through `cgraph` as a process, on both stores: the two seed reports
// of the Paris summit loaded together; a person disputes a statement; the second report is revised
// (a claim dropped, a wording corrected) and reloaded; `cgraph diff` shows what changed; an
// unchanged reload adds nothing; `cgraph unload` removes the second report again.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveFactId } from '../../src/domain/relationship-id.ts';
import { neo4jEnv, noNeo4j, SECOND_SEED_DIR, tempDir, threeRefusals } from '../support/fixtures.ts';
import { runCli } from '../support/run-cli.ts';
import { timeLimit } from '../support/time-limits.ts';

const SECOND = 'source:coalition-of-volunteers-signs-declaration';
const USA_SUPPORT = deriveFactId({ type: 'PLEDGED', from: 'state:USA', to: 'initiative:multinational-force-ukraine' });
const GERMANY = deriveFactId({ type: 'PLEDGED', from: 'state:DEU', to: 'initiative:multinational-force-ukraine' });

const json = (stdout: string) => JSON.parse(stdout);
const lines = (stdout: string) => stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));

function describeSources(name: string, env: () => Record<string, string>, skip = false) {
  describe.skipIf(skip)(`cgraph sources and reviews on ${name}`, () => {
    it('disputes, revises, diffs and unloads, with clear exit codes', () => {
      const vars = env();
      const seeds = join(tempDir(), 'seeds');
      cpSync('seeds', seeds, { recursive: true });
      expect(runCli(['reset', '--yes'], vars).code).toBe(0);
      const loaded = runCli(['load', seeds, '--registry', join(seeds, 'entities.yaml'), '--json'], vars);
      expect(loaded.code, loaded.stderr).toBe(0);
      expect(json(loaded.stdout)).toMatchObject({ statementsAdded: 101, versionsAdded: 2, counts: { relationships: { PLEDGED: 16 } } });

      // Germany's hedged support is in both reports; a person disputes the second report's statement.
      const shared = lines(runCli(['statements', '--min-sources', '2', '--json'], vars).stdout);
      expect(new Set(shared.map((s) => s.relationship)).size).toBe(20);
      const germanySecond = shared.find((s) => s.relationship === GERMANY && s.source === SECOND);
      expect(runCli(['review', germanySecond.statement, '--state', 'disputed'], vars).code).toBe(2); // a dispute needs a note
      const review = runCli(['review', germanySecond.statement, '--state', 'disputed', '--note', 'no troops on Ukrainian soil: not a pledge to the force', '--by', 'ana', '--json'], vars);
      expect(review.code, review.stderr).toBe(0);
      expect(json(review.stdout)).toMatchObject({ relationship: GERMANY, sourceCount: 1, disputed: true, review: { state: 'disputed', by: 'ana' } });
      expect(runCli(['review', 'stmt:00000000000000000000', '--state', 'reviewed'], vars).code).toBe(1);
      expect(lines(runCli(['statements', '--review-state', 'disputed', '--json'], vars).stdout).map((s) => s.statement)).toEqual([germanySecond.statement]);
      expect(runCli(['statements', '--review-state', 'sure'], vars).code).toBe(2);

      // The revision: the US pledge is dropped, Italy's wording corrected; the text is unchanged.
      const file = join(seeds, SECOND_SEED_DIR.split('/').at(-1) as string, 'dossier.yaml');
      const revised = readFileSync(file, 'utf8')
        .replace(/ {2}- ref: usa-pledges-support-for-force\n[\s\S]*?(?= {2}- ref: eu-pledges-aid)/, '')
        .replace('refs: [ ita-refuses-troops, usa-pledges-support-for-force ]', 'refs: [ ita-refuses-troops ]')
        .replace('action: send ground troops\n', 'action: send ground troops to Ukraine\n');
      writeFileSync(file, revised);
      const reloaded = runCli(['load', seeds, '--registry', join(seeds, 'entities.yaml'), '--json'], vars);
      expect(reloaded.code, reloaded.stderr).toBe(0);
      expect(json(reloaded.stdout)).toMatchObject({ statementsAdded: 0, statementsChanged: 1, statementsRemoved: 1, relationshipsRemoved: 1, versionsAdded: 1 });

      const diff = runCli(['diff', SECOND, '--json'], vars);
      expect(diff.code, diff.stderr).toBe(0);
      const changes = json(diff.stdout);
      expect(changes).toMatchObject({ from: 1, to: 2, added: [], sentencesAdded: [], sentencesRemoved: [] });
      expect(changes.removed.map((s: { claim: { id: string } }) => s.claim.id)).toEqual([USA_SUPPORT]);
      expect(changes.changed).toEqual([expect.objectContaining({ properties: ['action'] })]);
      const human = runCli(['diff', SECOND], vars).stdout;
      expect(human).toContain(`- ${changes.removed[0].id} PLEDGED state:USA → initiative:multinational-force-ukraine (support the force in case of a Russian attack, conditional)`);
      expect(human).toMatch(/~ stmt:[0-9a-f]{20} REFUSED state:ITA → initiative:multinational-force-ukraine \(send ground troops to Ukraine, firm\): action changed/);
      expect(runCli(['diff', SECOND, '--from', '9'], vars).code).toBe(1);
      // The dispute of an unchanged statement survives the revision.
      expect(lines(runCli(['statements', '--disputed', '--json'], vars).stdout).find((s) => s.statement === germanySecond.statement)?.review).toMatchObject({ state: 'disputed', by: 'ana' });

      // Unchanged: nothing new.
      const again = runCli(['load', seeds, '--registry', join(seeds, 'entities.yaml'), '--json'], vars);
      expect(json(again.stdout)).toMatchObject({ statementsAdded: 0, statementsChanged: 0, statementsRemoved: 0, versionsAdded: 0, relationshipsUpdated: 0 });
      expect(json(runCli(['versions', SECOND, '--json'], vars).stdout).map((v: { version: number; statements: number }) => [v.version, v.statements])).toEqual([
        [1, 27],
        [2, 26],
      ]);

      // Unload the second report: the first article's 74 relationships remain.
      expect(runCli(['unload', SECOND], vars, '').code).toBe(2);
      const unloaded = runCli(['unload', SECOND, '--yes', '--json'], vars);
      expect(unloaded.code, unloaded.stderr).toBe(0);
      expect(json(unloaded.stdout)).toMatchObject({ statementsRemoved: 26, nodesRemoved: 1 });
      expect(json(runCli(['stats', '--json'], vars).stdout).relationships.PLEDGED).toBe(12);
      expect(runCli(['versions', SECOND], vars).code).toBe(1);
      expect(runCli(['unload', SECOND, '--yes'], vars).code).toBe(1);
    }, timeLimit(180_000));
  });
}

describeSources('memory', () => ({ CGRAPH_DATA_DIR: tempDir() }));
describeSources('neo4j', () => neo4jEnv(), noNeo4j());

describe('cgraph load of a revision that retracts most of its source', () => {
  it('is refused with exit 1 (SOURCE_SHRINK) and writes nothing; --allow-shrink lets it through', () => {
    const env = { CGRAPH_DATA_DIR: tempDir() };
    const source = 'source:test-three-refusals';
    const dossier = (kept: number) => {
      const dir = join(tempDir(), 'three-refusals');
      mkdirSync(dir);
      const { yaml, text } = threeRefusals(source, kept);
      writeFileSync(join(dir, 'dossier.yaml'), yaml);
      writeFileSync(join(dir, 'source.txt'), text);
      return dir;
    };
    const statements = () => json(runCli(['versions', source, '--json'], env).stdout).map((v: { statements: number }) => v.statements);
    expect(runCli(['load', dossier(3)], env).code).toBe(0);
    const revision = dossier(1);
    const refused = runCli(['load', revision], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/SOURCE_SHRINK/);
    expect(statements()).toEqual([3]);
    const allowed = runCli(['load', revision, '--allow-shrink', '--json'], env);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(json(allowed.stdout)).toMatchObject({ statementsRemoved: 2, versionsAdded: 1 });
    expect(statements()).toEqual([3, 1]);
  }, 120_000);
});

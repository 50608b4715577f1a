// Grades through `cgraph` as a process on the embedded store: an import takes its dataset's default
// grades (GDELT: outlet F, statements 6), `cgraph grade` re-grades the outlet and a re-import leaves a
// person's grade alone, `cgraph review --credibility` grades one statement; bad grades exit 2.
import { describe, expect, it } from 'vitest';
import { DATASET_GRADES } from '../../src/ingest/importers/dataset-grades.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { tempDir } from '../support/fixtures.ts';
import { runCli } from '../support/run-cli.ts';

/** What the data folder holds now, read as another process would (read-only). */
async function stored(dataDir: string) {
  const store = new MemoryStore({ dataDir, readOnly: true });
  try {
    const facts = (await store.listRelationships({}, { first: 500 })).items;
    return { grades: await store.outletGrades(['gdelt']), facts, source: facts[0] ? (await store.getNodes([facts[0].statements[0]?.sourceId as string]))[0] : null };
  } finally {
    await store.close();
  }
}

describe('cgraph grades on the embedded store', () => {
  it('imports with the dataset default, grades an outlet and a statement, refuses bad grades', async () => {
    const env = { CGRAPH_DATA_DIR: tempDir() };
    const imported = runCli(['import', 'gdelt', '--json'], env);
    expect(imported.code, imported.stderr).toBe(0);
    let now = await stored(env.CGRAPH_DATA_DIR);
    expect(DATASET_GRADES.gdelt).toMatchObject({ outlet: 'gdelt', reliability: 'F', credibility: 6 });
    expect(now.grades).toEqual(new Map([['gdelt', 'F']]));
    expect(now.source).toMatchObject({ kind: 'SOURCE', outlet: 'gdelt' });
    expect(now.facts.length).toBeGreaterThan(0);
    expect(new Set(now.facts.flatMap((f) => f.statements.map((s) => s.review.credibility)))).toEqual(new Set([6]));

    expect(runCli(['grade', 'gdelt', 'G'], env).code).toBe(2);
    expect(runCli(['grade', 'GDELT Project', 'A'], env).code).toBe(2);
    const graded = runCli(['grade', 'gdelt', 'c', '--json'], env);
    expect(graded.code, graded.stderr).toBe(0);
    expect(JSON.parse(graded.stdout)).toEqual({ outlet: 'gdelt', reliability: 'C' });
    // A new import of the dataset keeps the person's grade: the default is only for an ungraded outlet.
    expect(runCli(['import', 'gdelt'], env).code).toBe(0);
    expect((await stored(env.CGRAPH_DATA_DIR)).grades).toEqual(new Map([['gdelt', 'C']]));

    const statement = now.facts[0]?.statements[0]?.id as string;
    expect(runCli(['review', statement, '--state', 'reviewed', '--credibility', '9'], env).code).toBe(2);
    const reviewed = runCli(['review', statement, '--state', 'reviewed', '--credibility', '2', '--by', 'ana', '--json'], env);
    expect(reviewed.code, reviewed.stderr).toBe(0);
    expect(JSON.parse(reviewed.stdout)).toMatchObject({ statement, review: { state: 'reviewed', by: 'ana', credibility: 2 } });
    now = await stored(env.CGRAPH_DATA_DIR);
    const after = now.facts.flatMap((f) => f.statements).find((s) => s.id === statement);
    expect(after?.review).toMatchObject({ state: 'reviewed', credibility: 2 });
    expect(runCli(['grade', 'gdelt', 'none'], env).code).toBe(0);
    expect((await stored(env.CGRAPH_DATA_DIR)).grades).toEqual(new Map());
  }, 240_000);
});

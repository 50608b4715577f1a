// The Neo4j adapter's pure parts, without a database: record conversion both ways, filter
// parameters, and the upsert planner's rows and report over a statement plan.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UNREAD_BY_ANALYSIS } from '../../src/store/snapshot.ts';
import { Commitment as CommitmentSchema, StructuralRelationship as StructuralSchema } from '../../src/domain/model.ts';
import { CYPHER_DIR } from '../../src/store/neo4j/cypher-library.ts';
import neo4j from 'neo4j-driver';
import type { Commitment, GraphNode, StructuralRelationship } from '../../src/domain/model.ts';
import { factsFromClaims, type Fact } from '../../src/domain/statements.ts';
import { ANALYSIS_ROW, fromNeo4j, labelsOf, nodeFilterParams, relationshipFilterParams, relationshipFromRow, toRelationshipProps, toVersionProps, versionFromRow } from '../../src/store/neo4j/records.ts';
import { planStatements } from '../../src/store/statement-plan.ts';
import type { SourceVersion } from '../../src/domain/source-version.ts';
import { planUpsert } from '../../src/store/neo4j/upsert-plan.ts';

const italy: GraphNode = { id: 'state:ITA', kind: 'STATE', name: 'Italy', aliases: ['Italian'] };
const force: GraphNode = { id: 'initiative:force', kind: 'INITIATIVE', name: 'The force', aliases: [] };
const refusal: Commitment = {
  id: 'rel:00000000000000000001',
  type: 'REFUSED',
  from: 'state:ITA',
  to: 'initiative:force',
  action: 'send troops',
  firmness: 'firm',
  conditions: [],
  unresolved: [],
  statedBy: [],
  validFrom: '2026-01',
  evidence: [
    { sourceId: 'source:a', quote: 'Italy will not send troops', start: 0, end: 26, attribution: 'reported' },
    { sourceId: 'source:a', quote: 'no troops', start: 40, end: 49, attribution: 'paraphrase' },
  ],
};
const leads: StructuralRelationship = {
  id: 'rel:00000000000000000002',
  type: 'LEADS',
  from: 'state:ITA',
  to: 'initiative:force',
  role: 'host',
  evidence: [{ sourceId: 'source:b', quote: 'hosts', start: 1, end: 6, attribution: 'direct_quote' }],
};

const [refusalFact] = factsFromClaims([refusal, leads]) as [Fact, Fact];

/** The planner's lookups over plain maps, as a store would answer them. */
function storedOf(facts: Fact[] = [], versions: SourceVersion[] = []) {
  return {
    latestVersions: async (ids: readonly string[]) => new Map(versions.filter((v) => ids.includes(v.sourceId)).map((v) => [v.sourceId, v])),
    facts: async (ids: readonly string[]) => new Map(facts.filter((f) => ids.includes(f.id)).map((f) => [f.id, f])),
  };
}

describe('record conversion', () => {
  it('stores a fact with its statements as JSON and per-statement lists for Cypher, and reads the same fact back', () => {
    const props = toRelationshipProps(refusalFact);
    expect(props).toMatchObject({ quotes: ['Italy will not send troops', 'no troops'], sourceIds: ['source:a'], stmtSources: ['source:a'], stmtFrom: ['2026-01-01'], stmtReview: ['machine'], sourceCount: 1, disputed: false });
    expect(props).not.toHaveProperty('from');
    // Lists the import tool's CSV cannot say are not stored by either load (stmtTo [''], disagreeOn []);
    // reading them back gives the same fact.
    expect(props).not.toHaveProperty('stmtTo');
    expect(props).not.toHaveProperty('disagreeOn');
    expect(typeof props.evidence).toBe('string');
    expect(typeof props.statements).toBe('string');
    expect(relationshipFromRow({ rel: props, type: 'REFUSED', from: 'state:ITA', to: 'initiative:force' })).toEqual(refusalFact);
  });

  it('stores a source version with its statements as JSON and reads it back', () => {
    const version: SourceVersion = { sourceId: 'source:a', version: 2, sha256: 'a'.repeat(64), contentHash: 'b'.repeat(64), loadedAt: '2026-11-29T00:00:00.000Z', text: 't', statements: [{ id: 'stmt:00000000000000000001', claim: refusal }] };
    const props = toVersionProps(version);
    expect(props.key).toBe('source:a@2');
    expect(versionFromRow({ version: { ...props, version: neo4j.int(2) } })).toEqual(version);
  });

  it('labels actors as Actor too, and converts driver integers at the boundary', () => {
    expect(labelsOf('STATE')).toEqual(['State', 'Actor']);
    expect(labelsOf('CONDITION')).toEqual(['Condition']);
    expect(fromNeo4j({ count: neo4j.int(7), list: [neo4j.int(1), 'x'] })).toEqual({ count: 7, list: [1, 'x'] });
  });

  it('turns empty filter lists into null (no constraint), pads partial dates and defaults review states to the counting ones', () => {
    const params = relationshipFilterParams({ types: [], from: ['state:ITA'], asOf: '2026-02', text: 'TROOPS' });
    expect(params).toMatchObject({ types: null, from: ['state:ITA'], to: null, asOf: '2026-02-01', text: 'troops', reviewStates: ['machine', 'reviewed'], minSources: null, disputed: null });
    expect(nodeFilterParams({})).toEqual({ kinds: null });
  });
});

describe('the upsert planner', () => {
  const now = '2026-11-29T00:00:00.000Z';
  const texts = new Map([['source:a', 'text a'], ['source:b', 'text b']]);

  it('creates what is new, grouped by type, and counts every record', async () => {
    const batch = { nodes: [italy, force], relationships: [refusal, leads] };
    const statements = await planStatements(batch, texts, storedOf(), now);
    const plan = planUpsert(batch, new Map(), statements, new Map());
    expect(plan.report).toMatchObject({ nodesCreated: 2, relationshipsCreated: 2, relationshipsUpdated: 0, statementsAdded: 2, versionsAdded: 2 });
    expect(plan.nodeRows.map((r) => r.labels)).toEqual([['State', 'Actor'], ['Initiative']]);
    expect([...plan.created.keys()].sort()).toEqual(['LEADS', 'REFUSED']);
    expect(plan.versionRows.map((r) => r.key).sort()).toEqual(['source:a@1', 'source:b@1']);
    expect(plan.updated.size).toBe(0);
    expect(plan.unchanged).toBe(0);
    expect(plan.changed).toBe(true);
  });

  it('writes nothing for a batch equal to what is stored', async () => {
    const batch = { nodes: [italy], relationships: [refusal] };
    const first = await planStatements(batch, texts, storedOf(), now);
    const statements = await planStatements(batch, texts, storedOf(first.created, first.versions), now);
    const plan = planUpsert(batch, new Map([[italy.id, italy]]), statements, new Map());
    expect(plan.nodeRows).toEqual([]);
    expect(plan.created.size + plan.updated.size + plan.removed.size + plan.versionRows.length).toBe(0);
    expect(plan.unchanged).toBe(2);
    expect(plan.changed).toBe(false);
    expect(plan.report).toMatchObject({ nodesUnchanged: 1, relationshipsUnchanged: 1, createdIds: [] });
  });

  it('merges aliases onto a stored node and updates the fact of a changed statement in place', async () => {
    const stored = { ...italy, aliases: ['Italia'] };
    const first = await planStatements({ nodes: [], relationships: [refusal] }, texts, storedOf(), now);
    const changed = { ...refusal, firmness: 'hedged' as const };
    const batch = { nodes: [italy], relationships: [changed] };
    const statements = await planStatements(batch, texts, storedOf(first.created, first.versions), now);
    const plan = planUpsert(batch, new Map([[italy.id, stored]]), statements, new Map());
    expect(plan.nodeRows[0]?.props.aliases).toEqual(['Italia', 'Italian']);
    expect(plan.updated.get('REFUSED')?.map((r) => r.props.firmness)).toEqual(['hedged']);
    expect(plan.report).toMatchObject({ nodesUpdated: 1, relationshipsUpdated: 1, statementsChanged: 1, versionsAdded: 1 });
  });

  it('keeps the review and version of a statement whose quotes only moved (the text changed elsewhere)', async () => {
    const reviewed = { ...refusal, review: { state: 'reviewed' as const, by: 'ana' } };
    const first = await planStatements({ nodes: [], relationships: [reviewed] }, texts, storedOf(), now);
    const shifted = { ...refusal, evidence: refusal.evidence.map((e) => ({ ...e, start: e.start + 10, end: e.end + 10 })) };
    const plan = await planStatements({ nodes: [], relationships: [shifted], complete: true }, new Map([['source:a', 'new text a']]), storedOf(first.created, first.versions), now);
    expect(plan.counts).toEqual({ statementsAdded: 0, statementsChanged: 0, statementsRemoved: 0 });
    const [statement] = plan.updated[0]?.statements ?? [];
    expect(statement).toMatchObject({ review: { state: 'reviewed', by: 'ana' }, sourceVersion: 1, claim: { evidence: [{ start: 10 }, { start: 50 }] } });
    expect(plan.versions.map((v) => v.version)).toEqual([2]);
  });

  it('removes, by its ends, a fact whose last statement a complete batch no longer makes', async () => {
    const first = await planStatements({ nodes: [], relationships: [refusal] }, texts, storedOf(), now);
    const source: GraphNode = { id: 'source:a', kind: 'SOURCE', name: 'A', aliases: [], text: 'text a', sha256: first.versions[0]?.sha256 as string };
    const batch = { nodes: [source], relationships: [], complete: true };
    // Its only statement goes: the source is emptied, which a load must allow (the shrink guard).
    await expect(planStatements(batch, texts, storedOf(first.created, first.versions), now)).rejects.toMatchObject({ code: 'SOURCE_SHRINK' });
    const statements = await planStatements(batch, texts, storedOf(first.created, first.versions), now, { allowShrink: true });
    const plan = planUpsert(batch, new Map([[source.id, source]]), statements, new Map([[refusalFact.id, refusalFact]]));
    expect(plan.removed.get('REFUSED')).toEqual([{ id: refusal.id, from: refusal.from, to: refusal.to, props: {} }]);
    expect(plan.report).toMatchObject({ relationshipsRemoved: 1, statementsRemoved: 1, versionsAdded: 1 });
  });
});

describe('the analysis read', () => {
  it('reads every stored property analysis keeps, in the order records.ts expects', () => {
    // A fact's own properties (both schemas) but its identity, what analysis never reads, and
    // what belongs to statements (statement, review).
    const skipped = new Set(['id', 'type', 'from', 'to', 'evidence', 'statement', 'review', ...UNREAD_BY_ANALYSIS]);
    const kept = new Set([...Object.keys(CommitmentSchema.shape), ...Object.keys(StructuralSchema.shape)].filter((key) => !skipped.has(key)));
    expect(new Set(ANALYSIS_ROW)).toEqual(kept);
    const text = readFileSync(join(CYPHER_DIR, 'store', 'all-relationships-for-analysis.cypher'), 'utf8');
    const listed = [...text.slice(text.indexOf('RETURN')).matchAll(/\br\.(\w+)/g)].map((m) => m[1]);
    expect(listed).toEqual(['id', 'spans', 'sourceCount', 'disputed', 'statementIds', 'statements', ...ANALYSIS_ROW]);
  });
});

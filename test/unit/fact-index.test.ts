// The embedded store's indexed listing against the definition: for many filters over generated
// data (skewed degrees, conditions, dates; some facts disputed), every page read through the
// indexes, cursor after cursor, equals the brute-force answer (every fact through
// matchesRelationshipFilter, sorted by id), and so does totalCount.
import { describe, expect, it } from 'vitest';
import { buildConditionIndex } from '../../src/domain/conditions.ts';
import { matchesRelationshipFilter, type RelationshipFilter } from '../../src/domain/filters.ts';
import type { GraphBatch, GraphNode, GraphRelationship } from '../../src/domain/model.ts';
import type { Fact } from '../../src/domain/statements.ts';
import { generateRecords } from '../../src/ingest/generate.ts';
import { deriveFactId } from '../../src/domain/relationship-id.ts';
import { seededRandom } from '../../src/domain/seeded-random.ts';
import { allItems } from '../../src/store/pages.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';

async function generatedStore() {
  const batch: GraphBatch = { nodes: [], relationships: [] };
  for (const record of generateRecords({ states: 30, actors: 40, commitments: 3000, seed: 11 })) {
    if ('kind' in record) batch.nodes.push(record as GraphNode);
    else batch.relationships.push(record as GraphRelationship);
  }
  const store = new MemoryStore();
  await store.upsert(batch);
  return store;
}

describe('indexed listing of the embedded store', () => {
  it('pages and counts every filter exactly as the definition does, with every fact holding (counts from the lists) and with some disputed', async () => {
    const store = await generatedStore();
    await checkFilters(store);
    // A small write into a larger store (ids spliced into the long lists rather than merged).
    const pledges = (await store.listRelationships({ types: ['PLEDGED'] }, { first: 3 })).items;
    const added = pledges.map((f, i) => {
      const { statements: _s, sourceCount: _c, disagreements: _d, spans: _p, statementSpans: _t, disputed: _u, ...claim } = f;
      const aspect = `added ${i}`;
      return { ...claim, aspect, id: deriveFactId({ type: claim.type, from: claim.from, to: claim.to, aspect }) } as GraphRelationship;
    });
    const report = await store.upsert({ nodes: [], relationships: added });
    expect(report.relationshipsCreated).toBe(3);
    await checkFilters(store);
    // Some facts stop counting (a disputed statement): listings without a review filter leave them out.
    const firstPage = await store.listRelationships({ types: ['REFUSED'] }, { first: 7 });
    for (const fact of firstPage.items) await store.reviewStatement(fact.statements[0]?.id as string, { state: 'disputed', by: 't', at: '2026-11-29T00:00:00Z', note: 'test' });
    await checkFilters(store);
  });
});

async function checkFilters(store: MemoryStore): Promise<void> {
  {
    const everything: Fact[] = [];
    for await (const fact of allItems((page) => store.listRelationships({ reviewStates: ['machine', 'reviewed', 'disputed'] }, page))) everything.push(fact);
    expect(everything.length).toBeGreaterThan(3000);
    const index = buildConditionIndex(everything.filter((f) => f.sourceCount > 0));

    const random = seededRandom(3);
    const pick = <T>(items: readonly T[], n: number) => Array.from({ length: n }, () => items[Math.floor(random() * items.length)] as T);
    const ends = [...new Set(everything.flatMap((f) => [f.from, f.to]))].sort();
    const sources = [...new Set(everything.flatMap((f) => f.statements.map((s) => s.sourceId)))].sort();
    const conditions = [...new Set(everything.flatMap((f) => ('conditions' in f ? f.conditions : [])))].sort();
    const types = ['PLEDGED', 'REFUSED', 'WARNED', 'LEADS', 'MEMBER_OF'];
    const filters: RelationshipFilter[] = [{}, { types: ['REFUSED'] }, { disputed: true }, { reviewStates: ['disputed'] }];
    for (let i = 0; i < 60; i++) {
      const filter: RelationshipFilter = {};
      if (random() < 0.4) filter.from = pick(ends, 1 + Math.floor(random() * 2));
      if (random() < 0.3) filter.to = pick(ends, 1);
      if (random() < 0.4) filter.involving = pick(ends, 1 + Math.floor(random() * 2));
      if (random() < 0.5) filter.types = pick(types, 1 + Math.floor(random() * 2));
      if (random() < 0.2) filter.sources = pick(sources, 1);
      if (random() < 0.2) filter.conditions = pick(conditions, 1);
      if (random() < 0.2) filter.firmness = ['hedged'];
      if (random() < 0.2) filter.asOf = `20${10 + Math.floor(random() * 15)}`;
      filters.push(filter);
    }
    for (const filter of filters) {
      const expected = everything.filter((f) => matchesRelationshipFilter(f, filter, index)).map((f) => f.id);
      const got: string[] = [];
      let after: string | undefined;
      let total: number | undefined;
      for (let guard = 0; guard < 1000; guard++) {
        const page = await store.listRelationships(filter, { first: 37, ...(after ? { after } : {}) });
        total ??= page.totalCount;
        got.push(...page.items.map((f) => f.id));
        expect(page.hasPreviousPage).toBe(after !== undefined);
        if (!page.hasNextPage) break;
        after = page.cursors.at(-1);
      }
      expect({ filter, ids: got, total }).toEqual({ filter, ids: expected, total: expected.length });
      const uncounted = await store.listRelationships(filter, { first: 5, withTotal: false });
      expect(uncounted.totalCount).toBeUndefined();
      expect(uncounted.items.map((f) => f.id)).toEqual(expected.slice(0, 5));
    }
  }
}

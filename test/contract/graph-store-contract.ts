// The GraphStore contract: one suite, run against every adapter (memory, Neo4j). Expected
// values are either named facts of the seed article or recomputed from the seed batches. Tests
// that write open their own store; the reads share one seeded store that nothing writes to.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { ValidationError } from '../../src/domain/errors.ts';
import { matchesRelationshipFilter, type RelationshipFilter } from '../../src/domain/filters.ts';
import { buildConditionIndex } from '../../src/domain/conditions.ts';
import type { GraphNode, GraphRelationship } from '../../src/domain/model.ts';
import { factsFromClaims } from '../../src/domain/statements.ts';
import { loadBatches } from '../../src/ingest/load-dossiers.ts';
import type { GraphStore } from '../../src/store/graph-store.ts';
import { buildGraph } from '../../src/analysis/graph-view.ts';
import { neighbourhood } from '../../src/analysis/neighbourhood.ts';
import { seedBatches, type StoreFactory } from '../support/fixtures.ts';

/** The seed's nodes, and its facts as a first load makes them (statements of version 1, with the dossier's review). */
function seedRecords() {
  const nodes = new Map<string, GraphNode>();
  const claims: GraphRelationship[] = [];
  for (const batch of seedBatches()) {
    for (const node of batch.nodes) nodes.set(node.id, { ...node, aliases: [...new Set([...(nodes.get(node.id)?.aliases ?? []), ...node.aliases])] } as GraphNode);
    claims.push(...batch.relationships.map((r) => (batch.review ? { ...r, review: batch.review } : r)));
  }
  return { nodes, relationships: new Map(factsFromClaims(claims).map((fact) => [fact.id, fact])) };
}

async function collectAll<T>(fetch: (after?: string) => Promise<{ items: T[]; cursors: string[]; hasNextPage: boolean }>): Promise<T[]> {
  const all: T[] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await fetch(after);
    all.push(...page.items);
    if (!page.hasNextPage) return all;
    after = page.cursors.at(-1);
  }
  throw new Error('pagination did not end');
}

export function describeGraphStoreContract(name: string, makeStore: StoreFactory, options: { skip?: boolean } = {}): void {
  describe.skipIf(options.skip)(`GraphStore contract: ${name}`, () => {
    const seed = seedRecords();

    /** A fresh store of this adapter, closed when the test ends; seeded when asked. */
    async function openStore({ seeded }: { seeded: boolean }): Promise<GraphStore> {
      const store = await makeStore();
      onTestFinished(() => store.close());
      if (seeded) await loadBatches(store, seedBatches());
      return store;
    }

    it('starts empty', async () => {
      const store = await openStore({ seeded: false });
      expect(await store.counts()).toEqual({ nodes: {}, relationships: {} });
      expect((await store.snapshot()).nodes).toEqual([]);
      expect(await store.getNodes(['state:GBR'])).toEqual([null]);
    });

    it('loads the seeds, reporting what it created', async () => {
      const store = await openStore({ seeded: false });
      const report = await loadBatches(store, seedBatches());
      expect(report.nodesCreated).toBe(seed.nodes.size);
      expect(report.relationshipsCreated).toBe(seed.relationships.size);
      const counts = await store.counts();
      expect(Object.values(counts.relationships).reduce((a, b) => a + (b ?? 0), 0)).toBe(seed.relationships.size);
      expect(counts.relationships.PLEDGED).toBe([...seed.relationships.values()].filter((r) => r.type === 'PLEDGED').length);
      expect(counts.nodes.STATE).toBe(10);
    });

    it('loading the same seeds again changes nothing and keeps the version', async () => {
      const store = await openStore({ seeded: true });
      const before = await store.snapshot();
      const version = await store.version();
      const report = await loadBatches(store, seedBatches());
      expect(report.nodesCreated + report.nodesUpdated + report.relationshipsCreated + report.relationshipsUpdated).toBe(0);
      expect(report.relationshipsUnchanged).toBe(seed.relationships.size);
      expect(await store.snapshot()).toEqual(before);
      expect(await store.version()).toBe(version);
    });

    describe('reading the seeded graph (one store, loaded once, never written)', () => {
      let store: GraphStore;
      beforeAll(async () => {
        store = await makeStore();
        await loadBatches(store, seedBatches());
      });
      afterAll(async () => {
        await store?.close();
      });

      it('snapshots hold exactly the seed records', async () => {
        const snapshot = await store.snapshot();
        expect(snapshot.nodes.map((n) => n.key)).toEqual([...seed.nodes.keys()].sort());
        for (const edge of snapshot.edges) {
          expect(edge.attributes).toEqual(seed.relationships.get(edge.key));
          expect([edge.source, edge.target]).toEqual([edge.attributes.from, edge.attributes.to]);
        }
      });

      it('looks nodes and relationships up by id, in order, with null for unknown ids', async () => {
        const [gbr, missing, ita] = await store.getNodes(['state:GBR', 'state:XXX', 'state:ITA']);
        expect(gbr).toEqual(seed.nodes.get('state:GBR'));
        expect(missing).toBeNull();
        expect(ita?.name).toBe('Italy');
        const someId = [...seed.relationships.keys()][3] as string;
        expect(await store.getRelationships(['rel:00000000000000000000', someId])).toEqual([null, seed.relationships.get(someId)]);
      });

      it('pages through nodes with no gaps or repeats', async () => {
        const all = await collectAll((after) => store.listNodes({}, { first: 7, ...(after ? { after } : {}) }));
        expect(all.map((n) => n.id)).toEqual([...seed.nodes.keys()].sort());
        const first = await store.listNodes({}, { first: 7 });
        expect(first.totalCount).toBe(seed.nodes.size);
        expect(first.hasPreviousPage).toBe(false);
        expect(first.hasNextPage).toBe(true);
        const second = await store.listNodes({}, { first: 7, after: first.cursors.at(-1) as string });
        expect(second.hasPreviousPage).toBe(true);
        const persons = await store.listNodes({ kinds: ['PERSON'] }, { first: 100 });
        expect(persons.totalCount).toBe(10);
        expect(persons.items.every((n) => n.kind === 'PERSON')).toBe(true);
      });

      it('rejects a cursor it did not issue', async () => {
        await expect(store.listNodes({}, { after: 'not a cursor!' })).rejects.toMatchObject({ code: 'BAD_CURSOR' });
        await expect(store.listNodes({}, { first: 100_000 })).rejects.toMatchObject({ code: 'BAD_PAGE_SIZE' });
      });

      it('searches names and aliases case-insensitively, exact matches first', async () => {
        expect((await store.searchNodes('britain', undefined, 5))[0]?.id).toBe('state:GBR');
        expect((await store.searchNodes('UK', ['STATE'], 5))[0]?.id).toBe('state:GBR');
        expect((await store.searchNodes('kremlin', undefined, 5)).map((n) => n.id)).toEqual(['state:RUS']);
        const zel = await store.searchNodes('zelensk', ['PERSON'], 5);
        expect(zel.map((n) => n.id)).toEqual(['person:volodymyr-zelenskyy']);
        expect(await store.searchNodes('   ', undefined, 5)).toEqual([]);
      });

      const filterCases: [string, RelationshipFilter, number | undefined][] = [
        ['Italy refused', { types: ['REFUSED'], from: ['state:ITA'] }, 1],
        ['pledges gated by a ceasefire, own or inherited from the force (Germany)', { types: ['PLEDGED'], conditions: ['condition:ceasefire-in-force'] }, 5],
        ['pledges gated by Russian consent: inherited from the force, and through PART_OF by its military hubs', { types: ['PLEDGED'], conditions: ['condition:consent-of-rus'] }, 5],
        ['hedged commitments', { firmness: ['hedged'] }, 1],
        ['text "unacceptable"', { text: 'UNACCEPTABLE' }, 2],
        ['everything involving Russia', { involving: ['state:RUS'] }, undefined],
        ['to the multinational force', { to: ['initiative:multinational-force-ukraine'] }, undefined],
        ['from the seed source', { sources: ['source:coalition-of-the-willing-paris-summit'] }, 74],
        ['from an unknown source', { sources: ['source:nothing'] }, 0],
        ['valid on 2022-01-01 (before the invasion)', { asOf: '2022-01-01', types: ['INVADED'] }, 0],
        ['valid in 2023', { asOf: '2023', types: ['INVADED'] }, 1],
        ['warnings and refusals by Russia', { types: ['WARNED', 'REFUSED'], from: ['state:RUS'] }, 3],
      ];
      for (const [label, filter, expected] of filterCases) {
        it(`filters relationships: ${label}`, async () => {
          const index = buildConditionIndex(seed.relationships.values());
          const oracle = [...seed.relationships.values()].filter((r) => matchesRelationshipFilter(r, filter, index)).map((r) => r.id).sort();
          if (expected !== undefined) expect(oracle).toHaveLength(expected);
          const all = await collectAll((after) => store.listRelationships(filter, { first: 5, ...(after ? { after } : {}) }));
          expect(all.map((r) => r.id)).toEqual(oracle);
          const page = await store.listRelationships(filter, { first: 5 });
          expect(page.totalCount).toBe(oracle.length);
        });
      }

      it("gives the one neighbourhood function (src/analysis) the same answer from either store's snapshot", async () => {
        const graph = buildGraph(await store.snapshot());
        const one = neighbourhood(graph, 'state:ITA', { depth: 1 });
        expect(one.nodes.map((n) => n.id)).toEqual(
          ['alliance:coalition-of-the-willing', 'initiative:multinational-force-ukraine', 'person:giorgia-meloni', 'state:ITA'].sort(),
        );
        expect(one.relationships.every((r) => one.nodes.some((n) => n.id === r.from) && one.nodes.some((n) => n.id === r.to))).toBe(true);
        const typed = neighbourhood(graph, 'state:ITA', { depth: 2, types: ['REFUSED'] });
        expect(typed.nodes.map((n) => n.id)).toEqual(['initiative:multinational-force-ukraine', 'state:ITA', 'state:POL']);
        expect(typed.relationships).toHaveLength(2);
        expect(() => neighbourhood(graph, 'state:XXX', { depth: 2 })).toThrowError(expect.objectContaining({ code: 'UNKNOWN_ID' }));
      });
    });

    it('refuses a batch with a dangling relationship and writes none of it', async () => {
      const store = await openStore({ seeded: true });
      const before = await store.snapshot();
      const good = { id: 'state:NOR', kind: 'STATE', name: 'Norway', aliases: [] } as GraphNode;
      const dangling = {
        ...(seed.relationships.values().next().value as GraphRelationship),
        id: 'rel:aaaaaaaaaaaaaaaaaaaa',
        to: 'state:ZZZ',
      };
      await expect(store.upsert({ nodes: [good], relationships: [dangling] })).rejects.toBeInstanceOf(ValidationError);
      await expect(store.upsert({ nodes: [{ ...good, name: '' }], relationships: [] })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await store.snapshot()).toEqual(before);
    });

    it('updates a node, merging aliases, and bumps the version', async () => {
      const store = await openStore({ seeded: true });
      const version = await store.version();
      const gbr = seed.nodes.get('state:GBR') as GraphNode;
      const report = await store.upsert({ nodes: [{ ...gbr, aliases: ['Blighty'] }], relationships: [] });
      expect(report).toMatchObject({ nodesUpdated: 1, nodesCreated: 0 });
      const [stored] = await store.getNodes(['state:GBR']);
      expect(stored?.aliases).toEqual([...gbr.aliases, 'Blighty']);
      expect(await store.version()).not.toBe(version);
    });

    it('resets to empty', async () => {
      const store = await openStore({ seeded: true });
      await store.reset();
      expect(await store.counts()).toEqual({ nodes: {}, relationships: {} });
    });
  });
}

// The analysis graph as the API sends it to the worker (packed-graph.ts): through the structured
// clone with its buffers transferred, every relationship of the seeds comes back as its lean record,
// at the same ends, in the same order; and any records and ends do (a property).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGraph, forEachRelationship, relationshipAt } from '../../src/analysis/graph-view.ts';
import { packGraph, unpackGraph, type PackedGraph } from '../../src/analysis/packed-graph.ts';
import type { GraphNode, GraphRelationship } from '../../src/domain/model.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { allSeedBatches } from '../support/fixtures.ts';

/** What the worker receives: the message as postMessage clones it, its buffers moved (left empty here). */
function sent(snapshot: Parameters<typeof packGraph>[0]): { graph: PackedGraph; transfer: ArrayBuffer[] } {
  const { packed, transfer } = packGraph(snapshot);
  return { graph: structuredClone(packed, { transfer }), transfer };
}

function edgesOf(graph: ReturnType<typeof buildGraph>): { key: string; source: string; target: string; attributes: GraphRelationship }[] {
  const edges: { key: string; source: string; target: string; attributes: GraphRelationship }[] = [];
  forEachRelationship(graph, (key, attributes, source, target) => edges.push({ key, source, target, attributes }));
  return edges;
}

describe('packed analysis graph', () => {
  it('gives back every relationship of the seeds as the store’s analysis snapshot has it, the buffers transferred', async () => {
    const store = new MemoryStore();
    for (const batch of allSeedBatches()) await store.upsert(batch);
    const snapshot = await store.analysisSnapshot();
    expect(snapshot.edges.length).toBeGreaterThan(20);
    // What the API packs: the same records, taken lazily, fixed when asked for (a write after them does not show).
    const records = await store.analysisRecords();
    await store.reset();
    const { graph: message, transfer } = sent(records);
    // Moved, not copied: the sender's buffers are detached.
    expect(transfer.length).toBeGreaterThan(4);
    for (const buffer of transfer) expect(buffer.byteLength).toBe(0);
    const graph = unpackGraph(message);
    expect(edgesOf(graph)).toStrictEqual(snapshot.edges.map((e) => ({ key: e.key, source: e.source, target: e.target, attributes: e.attributes })));
    for (const edge of snapshot.edges) expect(relationshipAt(graph, edge.key)).toStrictEqual(edge.attributes);
    expect(graph.nodes()).toEqual(snapshot.nodes.map((n) => n.key));
    expect(graph.export()).toStrictEqual(buildGraph(snapshot).export());
    await store.close();
  });

  it('names the edge whose end is not a node', () => {
    const nodes = [{ key: 'state:A', attributes: { id: 'state:A' } as GraphNode }];
    const edges = [{ key: 'rel:1', source: 'state:A', target: 'state:B', attributes: { id: 'rel:1', type: 'PLEDGED' } as unknown as GraphRelationship }];
    expect(() => packGraph({ nodes, edges })).toThrow(/rel:1.*state:B/);
  });

  it('gives back any records at any ends, and takes rows added after it arrived (live writes)', () => {
    const key = fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('rel:ü', 'rel:🙂', 'r'.repeat(200)));
    const value = fc.oneof(fc.string(), fc.nat({ max: 70_000 }), fc.double(), fc.boolean(), fc.constant([]), fc.array(fc.constantFrom('source:a', 'condition:b'), { maxLength: 3 }));
    const attributes = fc.dictionary(fc.constantFrom('type', 'action', 'note', 'firmness', 'sourceCount', 'credibility', 'goldstein', 'disputed', 'conditions', 'sourceIds', 'evidence', 'other'), value);
    const edge = fc.record({ key, source: fc.nat({ max: 5 }), target: fc.nat({ max: 5 }), attributes });
    fc.assert(
      fc.property(fc.uniqueArray(edge, { selector: (e) => e.key, maxLength: 40 }), fc.option(edge), (drawn, later) => {
        const nodes = [0, 1, 2, 3, 4, 5].map((i) => ({ key: `node:${i}`, attributes: { id: `node:${i}` } as GraphNode }));
        const edges = drawn.map((e) => ({ key: e.key, source: `node:${e.source}`, target: `node:${e.target}`, attributes: { id: e.key, ...e.attributes } as unknown as GraphRelationship }));
        const graph = unpackGraph(sent({ nodes, edges }).graph);
        expect(edgesOf(graph)).toStrictEqual(edges);
        if (later && !graph.hasEdge(later.key)) {
          const rel = { ...later.attributes, id: later.key } as unknown as GraphRelationship;
          const row = graph.columns.add(rel, later.key, 'node:0', 'node:1');
          expect(row).toBe(edges.length);
          expect(graph.columns.relationship(row, later.key, 'node:0', 'node:1')).toStrictEqual(rel);
        }
      }),
      { numRuns: 200 },
    );
  });
});

// Analyses narrowed to some sources or grades: only what the statements they select assert takes
// part, on the whole graph and on the lean one the worker holds (sources kept as interned ids) alike.
import { describe, expect, it } from 'vitest';
import { addEdges, buildGraph, forEachRelationship, relationshipAt, relationshipFrom, sourcesOf, type CommitmentGraph } from '../../src/analysis/graph-view.ts';
import { findTensions } from '../../src/analysis/tensions.ts';
import { allPaths, shortestPath } from '../../src/analysis/paths.ts';
import { neighbourhood } from '../../src/analysis/neighbourhood.ts';
import { centrality } from '../../src/analysis/centrality.ts';
import { communities } from '../../src/analysis/communities.ts';
import { scenario } from '../../src/analysis/scenario.ts';
import type { GraphNode, GraphRelationship } from '../../src/domain/model.ts';
import { factsFromClaims } from '../../src/domain/statements.ts';
import { buildSnapshot, leanNode, leanRelationship } from '../../src/store/snapshot.ts';
import { baseNodes, commitment, graphOf } from '../support/small-graph.ts';

const from = (sourceId: string) => ({ evidence: [{ sourceId, quote: 'q', start: 0, end: 1, attribution: 'reported' as const }] });

/** The graph as the analysis worker builds it: lean records, cloned as a message, into the columns. */
function leanGraphOf(nodes: GraphNode[], relationships: GraphRelationship[]): CommitmentGraph {
  const snapshot = buildSnapshot(nodes, factsFromClaims(relationships));
  const graph = buildGraph({ nodes: snapshot.nodes.map((n) => ({ key: n.key, attributes: leanNode(n.attributes) })), edges: [] });
  addEdges(graph, structuredClone(snapshot.edges.map((e) => ({ ...e, attributes: leanRelationship(e.attributes) }))));
  return graph;
}

const bothForms = [
  ['whole', graphOf],
  ['lean', leanGraphOf],
] as const;

describe.each(bothForms)('analyses narrowed to sources (%s graph)', (_form, build) => {
  it('tensions: only what those sources assert collides; without sources, everything', () => {
    const pledge = commitment('PLEDGED', 'state:DEU', 'initiative:force', from('source:a'));
    const refusal = commitment('REFUSED', 'state:DEU', 'initiative:force', from('source:b'));
    const graph = build(baseNodes, [pledge, refusal]);
    const kinds = (sources?: string[]) => findTensions(graph, { sources }).map((t) => t.kind);
    expect(kinds()).toEqual(['PLEDGED_AND_REFUSED']);
    expect(kinds(['source:a', 'source:b'])).toEqual(['PLEDGED_AND_REFUSED']);
    expect(kinds(['source:a'])).toEqual([]);
    expect(kinds(['source:nowhere'])).toEqual([]);
    expect(findTensions(graph, { sources: [] })).toEqual(findTensions(graph));
  });

  it('a fact two sources state is read as the asked sources state it', () => {
    const id = 'rel:fra-pledge-two-sources';
    const hedged = commitment('PLEDGED', 'state:FRA', 'initiative:force', { id, firmness: 'hedged', ...from('source:a') });
    const firm = commitment('PLEDGED', 'state:FRA', 'initiative:force', { id, firmness: 'firm', statedAt: '2026-01-07', ...from('source:b') });
    const gbr = commitment('PLEDGED', 'state:GBR', 'initiative:force', from('source:a'));
    const graph = build(baseNodes, [hedged, firm, gbr]);
    const fact = relationshipAt(graph, id);
    expect([...sourcesOf(fact)].sort()).toEqual(['source:a', 'source:b']);
    expect(relationshipFrom(fact, { sources: ['source:a'] })).toMatchObject({ firmness: 'hedged', sourceCount: 1 });
    expect(relationshipFrom(fact, { sources: ['source:b'] })).toMatchObject({ firmness: 'firm', sourceCount: 1 });
    expect(relationshipFrom(fact, { sources: ['source:c'] })).toBeUndefined();
    expect(findTensions(graph, { sources: ['source:a'] }).map((t) => t.relationships.map((r) => r.id))).toEqual([[id, gbr.id]]);
    expect(findTensions(graph, { sources: ['source:b'] })).toEqual([]);
  });

  it('walks and rankings use only relationships those sources assert', () => {
    const viaA = [commitment('PLEDGED', 'state:ITA', 'initiative:force', from('source:a')), commitment('WARNED', 'state:RUS', 'initiative:force', from('source:a'))];
    const viaB = [commitment('PLEDGED', 'state:ITA', 'alliance:coalition', from('source:b')), commitment('WARNED', 'state:RUS', 'alliance:coalition', from('source:b'))];
    const graph = build(baseNodes, [...viaA, ...viaB]);
    const ids = (rels: GraphRelationship[] | undefined) => rels?.map((r) => r.id);
    expect(ids(shortestPath(graph, 'state:ITA', 'state:RUS', { sources: ['source:b'] })?.relationships)).toEqual(viaB.map((r) => r.id));
    expect(shortestPath(graph, 'state:ITA', 'state:RUS', { sources: ['source:c'] })).toBeNull();
    expect(allPaths(graph, 'state:ITA', 'state:RUS')).toHaveLength(2);
    expect(allPaths(graph, 'state:ITA', 'state:RUS', { sources: ['source:a'] }).map((p) => ids(p.relationships))).toEqual([viaA.map((r) => r.id)]);
    expect(neighbourhood(graph, 'state:ITA', { sources: ['source:a'] }).nodes.map((n) => n.id).sort()).toEqual(['initiative:force', 'state:ITA']);
    const ranked = centrality(graph, { metric: 'DEGREE', sources: ['source:a'], first: 3 });
    expect(ranked[0]?.node.id).toBe('initiative:force');
    expect(ranked.find((s) => s.node.id === 'alliance:coalition')?.score ?? 0).toBe(0);
    const blocs = communities(graph, { sources: ['source:b'] });
    expect(blocs.some((b) => b.members.some((m) => m.id === 'initiative:force') && b.members.length > 1)).toBe(false);
  });

  it('scenario: only commitments those sources assert are listed', () => {
    const gatedA = commitment('PLEDGED', 'state:GBR', 'initiative:force', { conditions: ['condition:ceasefire'], ...from('source:a') });
    const gatedB = commitment('PLEDGED', 'state:FRA', 'initiative:force', { conditions: ['condition:ceasefire'], ...from('source:b') });
    const graph = build(baseNodes, [gatedA, gatedB]);
    expect(scenario(graph, { assume: ['condition:ceasefire'] }).active.map((c) => c.id)).toEqual([gatedA.id, gatedB.id]);
    expect(scenario(graph, { assume: ['condition:ceasefire'], sources: ['source:b'] }).active.map((c) => c.id)).toEqual([gatedB.id]);
  });
});

/** A claim of `sourceId` whose statement the dossier graded `credibility`. */
const graded = (sourceId: string, credibility?: number) => ({ ...from(sourceId), review: { state: 'machine' as const, ...(credibility ? { credibility } : {}) } });
/** What the store finds for reliability [D]: the sources of outlets graded D (here: source:b's). */
const D_SOURCES = ['source:b'];

describe.each(bothForms)('analyses narrowed to grades (%s graph)', (_form, build) => {
  it('reads a fact as its statements with the asked grades make it; one statement meets sources and grades together', () => {
    const id = 'rel:fra-pledge-graded';
    const hedged = commitment('PLEDGED', 'state:FRA', 'initiative:force', { id, firmness: 'hedged', ...graded('source:a', 2) });
    const firm = commitment('PLEDGED', 'state:FRA', 'initiative:force', { id, firmness: 'firm', statedAt: '2026-01-07', ...graded('source:b', 5) });
    const graph = build(baseNodes, [hedged, firm]);
    const fact = relationshipAt(graph, id);
    expect(relationshipFrom(fact, { credibility: [2] })).toMatchObject({ firmness: 'hedged', sourceCount: 1 });
    expect(relationshipFrom(fact, { credibility: [5, 6] })).toMatchObject({ firmness: 'firm', sourceCount: 1 });
    expect(relationshipFrom(fact, { credibility: [1] })).toBeUndefined();
    expect(relationshipFrom(fact, { reliability: ['D'], gradedSources: D_SOURCES })).toMatchObject({ firmness: 'firm' });
    expect(relationshipFrom(fact, { reliability: ['D'], gradedSources: [] })).toBeUndefined();
    // source:a's statement is 2, source:b's is 5: no one statement is both a's and 5.
    expect(relationshipFrom(fact, { sources: ['source:a'], credibility: [5] })).toBeUndefined();
    expect(relationshipFrom(fact, { credibility: [2], reliability: ['D'], gradedSources: D_SOURCES })).toBeUndefined();
    expect(() => relationshipFrom(fact, { reliability: ['D'] })).toThrow(/gradedSources/);
  });

  it('walks, rankings, blocs, scenario and tensions with grades answer as with the sources those grades select', () => {
    const viaA = [commitment('PLEDGED', 'state:ITA', 'initiative:force', graded('source:a', 2)), commitment('WARNED', 'state:RUS', 'initiative:force', graded('source:a', 2))];
    const viaB = [commitment('PLEDGED', 'state:ITA', 'alliance:coalition', graded('source:b', 3)), commitment('WARNED', 'state:RUS', 'alliance:coalition', graded('source:b', 3))];
    const ungraded = commitment('PLEDGED', 'state:GBR', 'initiative:force', { conditions: ['condition:ceasefire'], ...graded('source:c') });
    const gated = commitment('PLEDGED', 'state:FRA', 'initiative:force', { conditions: ['condition:ceasefire'], ...graded('source:b', 3) });
    const refusal = commitment('REFUSED', 'state:FRA', 'initiative:force', graded('source:a', 2));
    const graph = build(baseNodes, [...viaA, ...viaB, ungraded, gated, refusal]);
    const bySources = { sources: ['source:b'] };
    const byGrades = [{ credibility: [3] }, { reliability: ['d'], gradedSources: D_SOURCES }, { credibility: [3, 4], reliability: ['D'], gradedSources: D_SOURCES }];
    for (const grades of byGrades) {
      expect(shortestPath(graph, 'state:ITA', 'state:RUS', grades)).toEqual(shortestPath(graph, 'state:ITA', 'state:RUS', bySources));
      expect(allPaths(graph, 'state:ITA', 'state:RUS', grades)).toEqual(allPaths(graph, 'state:ITA', 'state:RUS', bySources));
      expect(neighbourhood(graph, 'state:ITA', grades)).toEqual(neighbourhood(graph, 'state:ITA', bySources));
      expect(centrality(graph, { metric: 'DEGREE', first: 20, ...grades })).toEqual(centrality(graph, { metric: 'DEGREE', first: 20, ...bySources }));
      expect(communities(graph, grades)).toEqual(communities(graph, bySources));
      expect(scenario(graph, { assume: ['condition:ceasefire'], ...grades })).toEqual(scenario(graph, { assume: ['condition:ceasefire'], ...bySources }));
      expect(findTensions(graph, grades)).toEqual(findTensions(graph, bySources));
    }
    // And they differ from the whole graph's answers.
    expect(allPaths(graph, 'state:ITA', 'state:RUS')).toHaveLength(2);
    expect(allPaths(graph, 'state:ITA', 'state:RUS', { credibility: [3] })).toHaveLength(1);
    expect(scenario(graph, { assume: ['condition:ceasefire'], credibility: [3] }).active.map((c) => c.id)).toEqual([gated.id]);
    expect(scenario(graph, { assume: ['condition:ceasefire'] }).active.map((c) => c.id).sort()).toEqual([ungraded.id, gated.id].sort());
    expect(findTensions(graph).map((t) => t.kind)).toContain('PLEDGED_AND_REFUSED');
    expect(findTensions(graph, { credibility: [2] }).map((t) => t.kind)).not.toContain('PLEDGED_AND_REFUSED');
    // Grades an ungraded statement never meets.
    expect(shortestPath(graph, 'state:ITA', 'state:RUS', { credibility: [6] })).toBeNull();
  });
});

describe('the lean graph keeps a lone statement\'s credibility', () => {
  it('on the record (a claim record\'s field) and no field when ungraded', () => {
    const gradedOne = commitment('PLEDGED', 'state:DEU', 'initiative:force', graded('source:a', 4));
    const plain = commitment('PLEDGED', 'state:GBR', 'initiative:force', graded('source:a'));
    const graph = leanGraphOf(baseNodes, [gradedOne, plain]);
    expect(relationshipAt(graph, gradedOne.id)).toMatchObject({ credibility: 4, sourceIds: ['source:a'] });
    expect(relationshipAt(graph, plain.id)).not.toHaveProperty('credibility');
  });
});

describe('the grade options', () => {
  it('are checked like every list option: reliability A-F, credibility 1-6', () => {
    const graph = graphOf(baseNodes, []);
    expect(() => findTensions(graph, { credibility: [7] })).toThrowError(expect.objectContaining({ code: 'BAD_ARGUMENT', option: 'credibility' }));
    expect(() => centrality(graph, { credibility: ['x'] as never })).toThrowError(expect.objectContaining({ code: 'BAD_ARGUMENT', option: 'credibility' }));
    expect(() => shortestPath(graph, 'state:ITA', 'state:RUS', { reliability: ['G'], gradedSources: [] })).toThrowError(expect.objectContaining({ code: 'BAD_ARGUMENT', option: 'reliability' }));
  });
});

describe('the sources option', () => {
  it('is checked like every list option: ids, at most 200', () => {
    const graph = graphOf(baseNodes, []);
    expect(() => findTensions(graph, { sources: [''] })).toThrowError(expect.objectContaining({ code: 'BAD_ARGUMENT', option: 'sources' }));
    expect(() => findTensions(graph, { sources: Array.from({ length: 201 }, (_, i) => `source:${i}`) })).toThrowError(expect.objectContaining({ code: 'BAD_ARGUMENT', option: 'sources' }));
  });

  it('the lean graph shares one list per distinct set of sources', () => {
    const graph = leanGraphOf(baseNodes, [commitment('PLEDGED', 'state:DEU', 'initiative:force', from('source:a')), commitment('PLEDGED', 'state:GBR', 'initiative:force', from('source:a'))]);
    const lists: (readonly string[])[] = [];
    forEachRelationship(graph, (_e, rel) => lists.push(sourcesOf(rel)));
    const [first, second] = lists;
    expect(first).toEqual(['source:a']);
    expect(second).toBe(first);
  });
});

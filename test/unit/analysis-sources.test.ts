// Analyses narrowed to some sources: only what statements of those sources assert takes part, on
// the whole graph and on the lean one the worker holds (sources kept as interned ids) alike.
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
    expect(relationshipFrom(fact, ['source:a'])).toMatchObject({ firmness: 'hedged', sourceCount: 1 });
    expect(relationshipFrom(fact, ['source:b'])).toMatchObject({ firmness: 'firm', sourceCount: 1 });
    expect(relationshipFrom(fact, ['source:c'])).toBeUndefined();
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

// Named answers on the seed graph: a path, a neighbourhood, scenarios, the tensions the article
// implies, blocs, centrality and exports; unknown ids give coded errors and no path gives null.
import { describe, expect, it } from 'vitest';
import { parse as parseGexf } from 'graphology-gexf';
import { MultiDirectedGraph } from 'graphology';
import { centrality } from '../../src/analysis/centrality.ts';
import { communities } from '../../src/analysis/communities.ts';
import { exportGraph } from '../../src/analysis/export.ts';
import { buildGraph } from '../../src/analysis/graph-view.ts';
import { neighbourhood } from '../../src/analysis/neighbourhood.ts';
import { allPaths, shortestPath } from '../../src/analysis/paths.ts';
import { scenario } from '../../src/analysis/scenario.ts';
import { findTensions } from '../../src/analysis/tensions.ts';
import { buildSnapshot } from '../../src/store/snapshot.ts';
import { factsFromClaims } from '../../src/domain/statements.ts';
import { seedBatches } from '../support/fixtures.ts';

const seedNodes = new Map(seedBatches().flatMap((b) => b.nodes.map((n) => [n.id, n] as const)));
const graph = buildGraph(buildSnapshot(seedNodes.values(), factsFromClaims(seedBatches().flatMap((b) => b.relationships))));
const froms = (items: { from: string; action?: string }[]) => items.map((c) => `${c.from}: ${c.action}`).sort();

describe('analysis of the seed graph', () => {
  it('connects Italy to Russia through the force Italy refused and Russia warned against', () => {
    const path = shortestPath(graph, 'state:ITA', 'state:RUS', { direction: 'ANY' });
    expect(path?.nodes.map((n) => n.id)).toEqual(['state:ITA', 'initiative:multinational-force-ukraine', 'state:RUS']);
    expect(path?.relationships.map((r) => r.type)).toEqual(['REFUSED', 'WARNED']);
    expect(path?.relationships[1]?.evidence[0]?.quote).toContain('unacceptable');
  });

  it('gives null when no path exists in the view, and coded errors for unknown ids', () => {
    expect(shortestPath(graph, 'state:ITA', 'state:RUS', { direction: 'OUT' })).toBeNull();
    expect(shortestPath(graph, 'state:ITA', 'state:RUS', { direction: 'ANY', types: ['SIGNED'] })).toBeNull();
    expect(() => shortestPath(graph, 'state:XXX', 'state:RUS', { direction: 'ANY' })).toThrowError(expect.objectContaining({ code: 'UNKNOWN_ID' }));
    expect(() => allPaths(graph, 'state:ITA', 'state:RUS', { maxLength: 9, direction: 'ANY' })).toThrowError(expect.objectContaining({ code: 'BAD_ARGUMENT' }));
  });

  it('lists several routes from Italy to Russia, shortest first', () => {
    const paths = allPaths(graph, 'state:ITA', 'state:RUS', { maxLength: 3, direction: 'ANY', limit: 50 });
    expect(paths[0]?.length).toBe(2);
    expect(paths.length).toBeGreaterThan(3);
    expect(paths.some((p) => p.nodes.some((n) => n.id === 'alliance:coalition-of-the-willing'))).toBe(true);
  });

  it("returns Italy's neighbourhood", () => {
    const one = neighbourhood(graph, 'state:ITA', { depth: 1 });
    expect(one.nodes.map((n) => n.id)).toEqual(['alliance:coalition-of-the-willing', 'initiative:multinational-force-ukraine', 'person:giorgia-meloni', 'state:ITA']);
    expect(one.relationships.map((r) => r.type).sort()).toEqual(['LEADS', 'MEMBER_OF', 'REFUSED']);
  });

  it('keeps the troop and hub pledges open when only a ceasefire holds: they also need a peace agreement and Russian consent (inherited from the force)', () => {
    const result = scenario(graph, { assume: ['condition:ceasefire-in-force'] });
    expect(result.active).toEqual([]);
    expect(result.inactive).toEqual([]);
    expect(froms(result.undetermined)).toEqual([
      'alliance:coalition-of-the-willing: plan ceasefire monitoring under American leadership',
      'person:volodymyr-zelenskyy: discuss the matter directly with Trump',
      'state:DEU: support a multinational force',
      'state:FRA: deploy troops to Ukraine',
      'state:FRA: establish military hubs across Ukraine',
      'state:GBR: deploy troops to Ukraine',
      'state:GBR: establish military hubs across Ukraine',
    ]);
    const limit = result.reasons.find((r) => r.condition.id === 'condition:behind-contact-line');
    expect(limit?.outcome).toBe('LIMIT');
  });

  it('activates them when the ceasefire, the peace agreement and Russian consent all hold', () => {
    const result = scenario(graph, { assume: ['condition:ceasefire-in-force', 'condition:peace-agreement', 'condition:consent-of-rus'] });
    expect(froms(result.active)).toEqual([
      'state:DEU: support a multinational force',
      'state:FRA: deploy troops to Ukraine',
      'state:FRA: establish military hubs across Ukraine',
      'state:GBR: deploy troops to Ukraine',
      'state:GBR: establish military hubs across Ukraine',
    ]);
  });

  it('makes the British and French troop pledges inactive when the peace agreement or Russian consent is denied, saying the condition was inherited', () => {
    for (const denied of ['condition:peace-agreement', 'condition:consent-of-rus']) {
      const result = scenario(graph, { assume: ['condition:ceasefire-in-force'], deny: [denied] });
      expect(froms(result.inactive)).toContain('state:GBR: deploy troops to Ukraine');
      expect(froms(result.inactive)).toContain('state:FRA: deploy troops to Ukraine');
      const why = result.reasons.filter((r) => r.outcome === 'DENIED' && r.commitment.from === 'state:GBR' && r.commitment.to === 'initiative:multinational-force-ukraine');
      expect(why).toHaveLength(1);
      expect(why[0]?.inheritedFrom?.id).toBe('initiative:multinational-force-ukraine');
      expect(why[0]?.explanation).toContain('(inherited from initiative:multinational-force-ukraine)');
    }
  });

  it('keeps them inactive when the ceasefire is denied, and refuses contradictory or unknown assumptions', () => {
    const result = scenario(graph, { assume: ['condition:us-leadership-of-monitoring'], deny: ['condition:ceasefire-in-force'] });
    expect(result.inactive).toHaveLength(5);
    expect(froms(result.active)).toEqual(['alliance:coalition-of-the-willing: plan ceasefire monitoring under American leadership']);
    expect(result.reasons.filter((r) => r.outcome === 'DENIED')).toHaveLength(5);
    expect(() => scenario(graph, { assume: ['condition:ceasefire-in-force'], deny: ['condition:ceasefire-in-force'] })).toThrowError(expect.objectContaining({ code: 'BAD_ARGUMENT' }));
    expect(() => scenario(graph, { assume: ['condition:nothing'] })).toThrowError(expect.objectContaining({ code: 'UNKNOWN_ID' }));
    expect(() => scenario(graph, { assume: ['state:GBR'] })).toThrowError(expect.objectContaining({ code: 'BAD_ARGUMENT' }));
  });

  it('finds the tensions the article implies', () => {
    const tensions = findTensions(graph);
    const byKind = (kind: string) => tensions.filter((t) => t.kind === kind);
    // Russia warned against the force whose deployment needs its consent.
    const consent = byKind('CONSENT_OPPOSED');
    expect(consent.map((t) => t.relationships[0]?.from).sort()).toEqual(['state:DEU', 'state:FRA', 'state:GBR']);
    for (const t of consent) {
      expect(t.relationships.map((r) => r.type)).toEqual(['PLEDGED', 'CONDITIONAL_ON', 'WARNED']);
      expect(t.relationships[1]?.to).toBe('condition:consent-of-rus');
      expect(t.relationships[2]?.from).toBe('state:RUS');
    }
    // The pledges wait for a ceasefire that Russia dismissed (Germany's through the force it supports).
    expect(byKind('CONDITION_REFUSED').map((t) => t.relationships[0]?.from).sort()).toEqual(['state:DEU', 'state:FRA', 'state:FRA', 'state:GBR', 'state:GBR']);
    // Italy and Poland refuse what fellow coalition members pledged.
    const members = byKind('MEMBER_REFUSES');
    expect(members.map((t) => t.relationships[0]?.from).sort()).toEqual(['state:ITA', 'state:POL']);
    expect(members[0]?.relationships.filter((r) => r.type === 'PLEDGED').map((r) => r.from).sort()).toEqual(['state:DEU', 'state:FRA', 'state:GBR']);
    // Germany's hedge stands beside conditional pledges, not firm ones: no HEDGED_VS_FIRM.
    expect(byKind('HEDGED_VS_FIRM')).toEqual([]);
    expect(byKind('PLEDGED_AND_REFUSED')).toEqual([]);
    // Every seed commitment was stated on 2026-01-06: nothing collides the day before.
    expect(findTensions(graph, { asOf: '2026-01-05' })).toEqual([]);
    expect(findTensions(graph, { asOf: '2026-01-06' })).toHaveLength(tensions.length);
  });

  it('finds blocs reproducibly for a seed, covering every node once', () => {
    const a = communities(graph, { seed: 7 });
    expect(communities(graph, { seed: 7 })).toEqual(a);
    const members = a.flatMap((c) => c.members.map((m) => m.id));
    expect(members.sort()).toEqual(graph.nodes().sort());
    const blocOf = (id: string) => a.find((c) => c.members.some((m) => m.id === id))?.id;
    expect(blocOf('person:keir-starmer')).toBe(blocOf('state:GBR'));
  });

  it('ranks the multinational force as the most between, and scores every metric', () => {
    expect(centrality(graph, { metric: 'BETWEENNESS', first: 1 })[0]?.node.id).toBe('initiative:multinational-force-ukraine');
    const states = centrality(graph, { metric: 'PAGERANK', kinds: ['STATE'], first: 10 });
    expect(states.every((s) => s.node.kind === 'STATE')).toBe(true);
    expect(states[0]?.score).toBeGreaterThanOrEqual(states.at(-1)?.score as number);
    expect(centrality(graph, { metric: 'DEGREE', first: 3 })).toHaveLength(3);
    expect(centrality(graph, { metric: 'EIGENVECTOR', first: 3 })).toHaveLength(3);
  });

  it('exports GEXF that graphology reads back, GraphML and JSON with every node and relationship', () => {
    const gexf = parseGexf(MultiDirectedGraph, exportGraph(graph, 'gexf'));
    expect([gexf.order, gexf.size]).toEqual([graph.order, graph.size]);
    expect(gexf.getNodeAttribute('state:ITA', 'label')).toBe('Italy');
    const graphml = exportGraph(graph, 'graphml');
    expect(graphml.match(/<node /g)).toHaveLength(graph.order);
    expect(graphml.match(/<edge /g)).toHaveLength(graph.size);
    const json = JSON.parse(exportGraph(graph, 'json'));
    expect([json.nodes.length, json.edges.length]).toEqual([graph.order, graph.size]);
  });
});

// The graph: a graphology multigraph drawn by sigma (WebGL), laid out by ForceAtlas2 in a web
// worker (a Blob URL: the CSP allows worker-src blob:). Filters and highlights go through sigma's
// reducers, so a change redraws without rebuilding anything.
import Graph from 'graphology';
import Sigma from 'sigma';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import { NodeBorderProgram } from '@sigma/node-border';
import { NodeSquareProgram } from '@sigma/node-square';
import type { EdgeRecord, LiveEdgeRecord, NodeRef } from './api.ts';
import { FRESH_COLOUR } from './live-changes.ts';

/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
export const EDGE_COLOURS: Record<string, string> = { PLEDGED: '#0072B2', REFUSED: '#D55E00', WARNED: '#CC79A7' };
export const STRUCTURAL_COLOUR = '#C9CED6';
export const NODE_COLOURS: Record<string, string> = {
  STATE: '#56B4E9',
  PERSON: '#E69F00',
  ALLIANCE: '#009E73',
  INITIATIVE: '#F0E442',
  AGREEMENT: '#CC79A7',
  CONDITION: '#999999',
  EVENT: '#8C6D31',
  TERRITORY: '#7F7F7F',
  SOURCE: '#BBBBBB',
};

/** Shape by kind, so that kind is not told by colour alone: actors round (persons ringed), the rest square. */
export const NODE_SHAPES: Record<string, 'circle' | 'border' | 'square'> = {
  STATE: 'circle',
  ALLIANCE: 'circle',
  PERSON: 'border',
  INITIATIVE: 'square',
  AGREEMENT: 'square',
  CONDITION: 'square',
  EVENT: 'square',
  TERRITORY: 'square',
  SOURCE: 'square',
};

export interface Visibility {
  /** Edge ids shown. */
  edges: Set<string>;
}

export interface Highlight {
  nodes: Set<string>;
  edges: Set<string>;
}

const nodeSize = (degree: number) => 3 + Math.min(14, Math.log2(1 + degree) * 2.2);

function nodeAttributes(n: NodeRef, degree: number): Record<string, unknown> {
  return { size: nodeSize(degree), label: n.name, kind: n.kind, color: NODE_COLOURS[n.kind] ?? '#999999', type: NODE_SHAPES[n.kind] ?? 'circle', borderColor: '#5a4300' };
}

function edgeAttributes(e: EdgeRecord): Record<string, unknown> {
  const commitment = e.type in EDGE_COLOURS;
  return { type: 'arrow', relType: e.type, commitment, firmness: e.firmness ?? null, color: EDGE_COLOURS[e.type] ?? STRUCTURAL_COLOUR, size: commitment ? 2 : 0.8, label: e.action ?? e.type };
}

/**
 * Nodes are coloured by kind and sized by degree; commitments by type (colours that stay apart for
 * colour-blind readers), structural relationships muted and hideable.
 */
export class GraphView {
  readonly graph = new Graph({ multi: true, type: 'directed', allowSelfLoops: true });
  private readonly sigma: Sigma;
  private layout: FA2Layout | undefined;
  private visible: Set<string> | undefined;
  private visibleNodes: Set<string> | undefined;
  private highlight: Highlight | undefined;
  private hovered: string | undefined;
  /** Commitments a scenario colours: id → active, inactive or undetermined. */
  private scenario: Map<string, string> | undefined;
  /** Relationships a live update added or changed, drawn apart until `clearFresh`. */
  private readonly fresh = new Set<string>();

  constructor(
    private readonly container: HTMLElement,
    nodes: readonly NodeRef[],
    edges: readonly EdgeRecord[],
    handlers: { node: (id: string) => void; edge: (id: string) => void; stage: () => void },
  ) {
    const degree = new Map<string, number>();
    for (const e of edges) {
      degree.set(e.from.id, (degree.get(e.from.id) ?? 0) + 1);
      degree.set(e.to.id, (degree.get(e.to.id) ?? 0) + 1);
    }
    // Start on a circle (reproducible), then let ForceAtlas2 spread it.
    const connected = nodes.filter((n) => degree.has(n.id));
    connected.forEach((n, i) => {
      const angle = (2 * Math.PI * i) / Math.max(1, connected.length);
      const d = degree.get(n.id) ?? 0;
      this.graph.addNode(n.id, { x: Math.cos(angle) * 100, y: Math.sin(angle) * 100, ...nodeAttributes(n, d) });
    });
    for (const e of edges) {
      if (!this.graph.hasNode(e.from.id) || !this.graph.hasNode(e.to.id)) continue;
      this.graph.addDirectedEdgeWithKey(e.id, e.from.id, e.to.id, edgeAttributes(e));
    }
    // A first layout before the first frame, so that a big graph is never drawn as a circle: a
    // number of ForceAtlas2 iterations that keeps this under about half a second; the worker then refines it.
    if (this.graph.order > 1) {
      const iterations = Math.max(15, Math.min(150, Math.round(400_000 / (this.graph.size + this.graph.order))));
      forceAtlas2.assign(this.graph, { iterations, settings: { ...forceAtlas2.inferSettings(this.graph), barnesHutOptimize: this.graph.order > 500 } });
    }
    this.sigma = new Sigma(this.graph, container, {
      renderEdgeLabels: false,
      enableEdgeEvents: true,
      defaultEdgeType: 'arrow',
      labelDensity: 0.6,
      labelGridCellSize: 90,
      labelRenderedSizeThreshold: 7,
      labelFont: 'system-ui, sans-serif',
      zIndex: true,
      nodeProgramClasses: { border: NodeBorderProgram, square: NodeSquareProgram },
      nodeReducer: (node, data) => this.reduceNode(node, data),
      edgeReducer: (edge, data) => this.reduceEdge(edge, data),
    });
    this.sigma.on('clickNode', ({ node }) => handlers.node(node));
    this.sigma.on('clickEdge', ({ edge }) => handlers.edge(edge));
    this.sigma.on('clickStage', () => handlers.stage());
    this.sigma.on('enterNode', ({ node }) => {
      this.hovered = node;
      this.sigma.refresh({ skipIndexation: true });
    });
    this.sigma.on('leaveNode', () => {
      this.hovered = undefined;
      this.sigma.refresh({ skipIndexation: true });
    });
  }

  /** ForceAtlas2 in a worker for `ms`, then stops; `done` runs once the layout settles. */
  startLayout(ms: number, done: () => void): void {
    if (this.graph.order === 0) return done();
    const settings = forceAtlas2.inferSettings(this.graph);
    this.layout = new FA2Layout(this.graph, { settings: { ...settings, barnesHutOptimize: this.graph.order > 500 } });
    this.layout.start();
    setTimeout(() => {
      // Killed, not stopped: a stopped layout's worker would respawn on every live addition.
      this.layout?.kill();
      this.layout = undefined;
      // The frame stays too: sigma would otherwise rescale to take in nodes added live beyond it.
      this.sigma.setCustomBBox(this.sigma.getBBox());
      this.container.dataset.layout = 'settled';
      done();
    }, ms);
  }

  /**
   * Relationships a live update brought: new ones added (a new node placed by `place`, next to its
   * neighbours, so that nothing already drawn moves), known ones given their new attributes; both
   * drawn as fresh. The caller applies the filters after (visibility decides what shows).
   */
  upsertRelationships(edges: readonly LiveEdgeRecord[], place: (newIds: string[]) => Map<string, { x: number; y: number }>): void {
    const newNodes = [...new Set(edges.flatMap((e) => [e.from, e.to]).filter((n) => !this.graph.hasNode(n.id)).map((n) => n.id))];
    const positions = place(newNodes);
    for (const e of edges) {
      for (const n of [e.from, e.to]) {
        if (this.graph.hasNode(n.id)) continue;
        const p = positions.get(n.id) ?? { x: 0, y: 0 };
        this.graph.addNode(n.id, { ...p, ...nodeAttributes(n, 1) });
      }
      if (this.graph.hasEdge(e.id)) this.graph.mergeEdgeAttributes(e.id, edgeAttributes(e));
      else this.graph.addDirectedEdgeWithKey(e.id, e.from.id, e.to.id, edgeAttributes(e));
      this.fresh.add(e.id);
    }
    for (const id of newNodes) this.graph.setNodeAttribute(id, 'size', nodeSize(this.graph.degree(id)));
  }

  /** Relationships gone; a node left with none goes too (the graph draws connected nodes only). */
  removeRelationships(ids: readonly string[]): void {
    for (const id of ids) {
      if (!this.graph.hasEdge(id)) continue;
      const ends = this.graph.extremities(id);
      this.graph.dropEdge(id);
      this.fresh.delete(id);
      for (const n of ends) if (this.graph.hasNode(n) && this.graph.degree(n) === 0) this.graph.dropNode(n);
    }
  }

  clearFresh(): void {
    this.fresh.clear();
    this.sigma.refresh({ skipIndexation: true });
  }

  /** Where a node is in the layout's coordinates; undefined when it is not drawn. */
  nodePosition(id: string): { x: number; y: number } | undefined {
    if (!this.graph.hasNode(id)) return undefined;
    const { x, y } = this.graph.getNodeAttributes(id) as { x: number; y: number };
    return { x, y };
  }

  /** Where a node is on the screen (pixels in the graph's box); undefined when it is not drawn. */
  viewportPosition(id: string): { x: number; y: number } | undefined {
    const at = this.nodePosition(id);
    return at && this.sigma.graphToViewport(at);
  }

  /** The layout's extent and middle: where a node with no drawn neighbour goes beside. */
  extent(): { spread: number; centre: { x: number; y: number } } {
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    this.graph.forEachNode((_n, a) => {
      minX = Math.min(minX, a.x as number);
      maxX = Math.max(maxX, a.x as number);
      minY = Math.min(minY, a.y as number);
      maxY = Math.max(maxY, a.y as number);
    });
    if (minX === Infinity) return { spread: 100, centre: { x: 0, y: 0 } };
    return { spread: Math.max(maxX - minX, maxY - minY, 1), centre: { x: (minX + maxX) / 2, y: (minY + maxY) / 2 } };
  }

  /** How an edge is drawn now (colour, size, hidden), through the same reducer sigma uses: for tests and tools. */
  edgeDisplay(id: string): { color: string; size: number; hidden: boolean } | undefined {
    if (!this.graph.hasEdge(id)) return undefined;
    const shown = this.reduceEdge(id, this.graph.getEdgeAttributes(id));
    return { color: shown.color as string, size: shown.size as number, hidden: shown.hidden === true };
  }

  setVisibility(visible: Set<string>): void {
    this.visible = visible;
    const nodes = new Set<string>();
    for (const id of visible) {
      if (!this.graph.hasEdge(id)) continue;
      nodes.add(this.graph.source(id));
      nodes.add(this.graph.target(id));
    }
    this.visibleNodes = nodes;
    this.container.dataset.visibleEdges = String([...visible].filter((id) => this.graph.hasEdge(id)).length);
    this.container.dataset.visibleNodes = String(nodes.size);
    this.sigma.refresh({ skipIndexation: true });
  }

  setHighlight(highlight: Highlight | undefined): void {
    this.highlight = highlight;
    this.sigma.refresh({ skipIndexation: true });
  }

  setScenario(outcomes: Map<string, string> | undefined): void {
    this.scenario = outcomes;
    this.sigma.refresh({ skipIndexation: true });
  }

  /** The node's neighbourhood (itself, its neighbours, their edges) as a highlight. */
  neighbourhood(node: string): Highlight {
    const nodes = new Set([node]);
    const edges = new Set<string>();
    if (!this.graph.hasNode(node)) return { nodes, edges };
    this.graph.forEachEdge(node, (edge, _a, source, target) => {
      if (this.visible && !this.visible.has(edge)) return;
      edges.add(edge);
      nodes.add(source);
      nodes.add(target);
    });
    return { nodes, edges };
  }

  focus(node: string): void {
    const display = this.sigma.getNodeDisplayData(node);
    if (display) void this.sigma.getCamera().animate({ x: display.x, y: display.y, ratio: 0.6 }, { duration: 400 });
  }

  resetCamera(): void {
    void this.sigma.getCamera().animatedReset({ duration: 300 });
  }

  onAfterRender(callback: () => void): void {
    this.sigma.once('afterRender', callback);
  }

  private reduceNode(node: string, data: Record<string, unknown>): Record<string, unknown> {
    const out = { ...data };
    if (this.visibleNodes && !this.visibleNodes.has(node)) return { ...out, hidden: true };
    const focus = this.hovered ? this.neighbourhood(this.hovered) : this.highlight;
    if (focus && !focus.nodes.has(node)) return { ...out, color: '#E4E7EB', label: '', zIndex: 0 };
    if (focus) return { ...out, zIndex: 1, highlighted: this.highlight?.nodes.has(node) ?? false, forceLabel: true };
    return out;
  }

  private reduceEdge(edge: string, data: Record<string, unknown>): Record<string, unknown> {
    const out = { ...data };
    if (this.visible && !this.visible.has(edge)) return { ...out, hidden: true };
    const focus = this.hovered ? this.neighbourhood(this.hovered) : this.highlight;
    const outcome = this.scenario?.get(edge);
    if (outcome) out.color = outcome === 'active' ? '#009E73' : outcome === 'inactive' ? '#7F7F7F' : '#F0E442';
    if (this.fresh.has(edge) && !outcome) Object.assign(out, { color: FRESH_COLOUR, size: (out.size as number) * 1.5, zIndex: 1 });
    if (focus && !focus.edges.has(edge)) return { ...out, color: '#EEF0F3', zIndex: 0 };
    if (focus) return { ...out, size: (out.size as number) * 1.8, zIndex: 1 };
    return out;
  }
}

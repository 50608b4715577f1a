// The reference dashboard: loads the graph through the public GraphQL API, draws it, and wires
// the filters (reflected in the URL), the search, the timeline, the details panel, the path
// finder, the scenario controls, the tensions list and the table view.
import { ApiError, DETAILS_PAGE, loadEdges, loadNodes, loadSources, nodeDetails, relationshipDetails, relationshipIds, scenario, search, shortestPath, tensions, type CommitmentDetail, type EdgeRecord, type EvidenceRecord, type NodeRef, type TensionRecord } from './api.ts';
import { byId, clear, h } from './dom.ts';
import { gradeChoices } from './grades.ts';
import { GraphView } from './graph-view.ts';
import { LiveUpdates } from './live.ts';
import { diffSources, sourcesMayHaveMoved, type GraphChange } from './live-changes.ts';
import { commitmentCard, groupedCommitments, openSourceDialog, pathSteps, tensionItems } from './panels.ts';
import { CREDIBILITY, FIRMNESS, KINDS, RELIABILITY, readState, statementFilter, statementFilterKey, writeState, dayRange, type StatementFilter, type ViewState } from './state.ts';

declare global {
  interface Window {
    /** Timings the benchmark reads: first render, the last filter change, the last live change from its event to drawn (ms). */
    cgraphTimings?: { firstRenderMs?: number; scriptToRenderMs?: number; lastFilterMs?: number; lastLiveMs?: number; edges?: number; nodes?: number };
  }
}

const started = performance.now();
window.cgraphTimings = {};
const state: ViewState = readState(location.search);
let view: GraphView;
let nodes: NodeRef[] = [];
let edges: EdgeRecord[] = [];
const nodeById = new Map<string, NodeRef>();
const edgeById = new Map<string, EdgeRecord>();
/** Relationship ids that one statement of the chosen sources, date and grades asserts: asked of the API once per filter. */
const filteredIds = new Map<string, Promise<Set<string>>>();
let span: { first: string; last: string } | undefined;
let live: LiveUpdates | undefined;

const status = (text: string) => (byId('status').textContent = text);
const dialog = () => byId<HTMLDialogElement>('source-dialog');
const openSource = (e: EvidenceRecord) => void openSourceDialog(dialog(), e);

function saveUrl(): void {
  history.replaceState(null, '', `${location.pathname}${writeState(state)}`);
}

/**
 * The relationships the statement criteria select, from the API in one filter: the API's rule is
 * that one statement meets them together (a source's statement valid that day with these grades),
 * which intersecting separate answers would not keep.
 */
function idsFor(filter: StatementFilter): Promise<Set<string>> {
  const key = statementFilterKey(filter);
  let ids = filteredIds.get(key);
  if (!ids) {
    ids = relationshipIds(filter);
    filteredIds.set(key, ids);
    // A failed answer is not kept: the next change of filter asks again.
    ids.catch(() => filteredIds.delete(key));
  }
  return ids;
}

/** Applications of the filters begun: an answer that arrives after a newer one began is dropped. */
let filterRuns = 0;

/**
 * Which relationships the filters let through: kinds, firmness and structure (properties of the
 * fact) here; the statement criteria from the API, or `known` (the last answer) while it is asked again.
 */
async function applyFilters(known?: Set<string>): Promise<void> {
  const t0 = performance.now();
  const run = ++filterRuns;
  const filter = statementFilter(state);
  const selected = filter ? (known ?? (await idsFor(filter))) : undefined;
  // A later application began while this one waited for the API: its filter is the page's now.
  if (run !== filterRuns) return;
  live?.follow(state.asOf);
  const visible = new Set<string>();
  for (const e of edges) {
    const commitment = (KINDS as readonly string[]).includes(e.type);
    if (commitment ? !state.kinds.has(e.type) || (e.firmness && !state.firmness.has(e.firmness)) : !state.structural) continue;
    if (selected && !selected.has(e.id)) continue;
    visible.add(e.id);
  }
  // Listening first: sigma may draw the change at once.
  view.onAfterRender(() => {
    (window.cgraphTimings ??= {}).lastFilterMs = performance.now() - t0;
  });
  view.setVisibility(visible);
  saveUrl();
  renderTable(visible);
  const grades = [filter?.reliability?.join('/'), filter?.credibility?.join('/')].filter(Boolean).join(', ');
  status(`${visible.size.toLocaleString()} of ${edges.length.toLocaleString()} relationships shown${state.asOf ? ` on ${state.asOf}` : ''}${grades ? ` graded ${grades}` : ''}`);
}

// --- selection and details ---------------------------------------------------------------------

async function selectNode(id: string): Promise<void> {
  state.selected = id;
  saveUrl();
  view.setHighlight(view.neighbourhood(id));
  view.focus(id);
  const panel = byId('details');
  clear(panel, h('p', { class: 'muted' }, 'Loading…'));
  const data = await nodeDetails(id, state.asOf);
  const node = data?.node;
  if (!node) return clear(panel, h('p', {}, `Nothing is known of ${id}.`));
  const commitments = [...node.outgoing.edges, ...node.incoming.edges].map((e) => e.node);
  const more = node.outgoing.pageInfo.hasNextPage || node.incoming.pageInfo.hasNextPage;
  clear(
    panel,
    h('header', { class: 'details-head' }, h('span', { class: 'kind-chip', 'data-kind': node.kind }, node.kind.toLowerCase()), h('h2', {}, node.name)),
    node.aliases.length ? h('p', { class: 'muted' }, `Also: ${node.aliases.slice(0, 8).join(', ')}`) : null,
    commitments.length ? null : h('p', { class: 'muted' }, 'No pledge, refusal or warning involves it.'),
    ...groupedCommitments(commitments, openSource, (rid) => void selectRelationship(rid)),
    more ? h('p', { class: 'muted' }, `The first ${DETAILS_PAGE} each way are shown; the table below lists every commitment shown on the graph.`) : null,
  );
}

async function selectRelationship(id: string): Promise<void> {
  state.selected = id;
  saveUrl();
  const edge = edgeById.get(id);
  if (edge) view.setHighlight({ nodes: new Set([edge.from.id, edge.to.id]), edges: new Set([id]) });
  const panel = byId('details');
  const detail = await relationshipDetails(id, state.asOf);
  if (!detail) return clear(panel, h('p', {}, state.asOf ? `Nothing stated ${id} as of ${state.asOf}.` : `No relationship ${id}.`));
  clear(panel, h('header', { class: 'details-head' }, h('span', { class: 'kind-chip' }, detail.type.toLowerCase()), h('h2', {}, `${detail.from.name} → ${detail.to.name}`)), commitmentCard(detail as CommitmentDetail, openSource, () => undefined));
}

/** The details panel again after the date changed: its evidence is that day's. */
function refreshDetails(): void {
  if (state.selected?.startsWith('rel:')) void selectRelationship(state.selected);
  else if (state.selected) void selectNode(state.selected);
}

function clearSelection(): void {
  state.selected = null;
  saveUrl();
  view.setHighlight(undefined);
  clear(byId('details'), h('p', { class: 'muted' }, 'Select an actor or a line, or search for one, to see its commitments and the evidence behind them.'));
}

// --- controls --------------------------------------------------------------------------------------

function wireFilters(): void {
  for (const kind of KINDS) {
    const box = byId<HTMLInputElement>(`filter-kind-${kind}`);
    box.checked = state.kinds.has(kind);
    box.addEventListener('change', () => {
      if (box.checked) state.kinds.add(kind);
      else state.kinds.delete(kind);
      void applyFilters();
    });
  }
  const structural = byId<HTMLInputElement>('filter-structural');
  structural.checked = state.structural;
  structural.addEventListener('change', () => {
    state.structural = structural.checked;
    void applyFilters();
  });
  const firmness = byId('filter-firmness');
  for (const grade of FIRMNESS) {
    const box = h('input', { type: 'checkbox', id: `filter-firmness-${grade}`, 'data-testid': `filter-firmness-${grade}`, checked: state.firmness.has(grade) });
    box.addEventListener('change', () => {
      if (box.checked) state.firmness.add(grade);
      else state.firmness.delete(grade);
      void applyFilters();
    });
    firmness.append(h('label', {}, box, ` ${grade}`));
  }
  const sources = byId<HTMLSelectElement>('filter-sources');
  for (const source of nodes.filter((n) => n.kind === 'SOURCE')) sources.append(sourceOption(source));
  sources.addEventListener('change', () => {
    state.sources = [...sources.selectedOptions].map((o) => o.value).filter(Boolean);
    // An unloaded source stays listed only while chosen.
    for (const option of sourceOptions()) if (option.dataset.gone && !option.selected) option.remove();
    void applyFilters();
  });
  wireGrades();
}

/** The grade filter: ticked grades narrow to statements graded so; none ticked is no filter. */
function wireGrades(): void {
  const pick = (chosen: Set<string>) => (grade: string, on: boolean) => {
    if (on) chosen.add(grade);
    else chosen.delete(grade);
    void applyFilters();
  };
  byId('filter-reliability').append(...gradeChoices('reliability', RELIABILITY, state.reliability, pick(state.reliability)));
  byId('filter-credibility').append(...gradeChoices('credibility', CREDIBILITY, state.credibility, pick(state.credibility)));
  byId('grades-clear').addEventListener('click', () => {
    state.reliability.clear();
    state.credibility.clear();
    for (const box of document.querySelectorAll<HTMLInputElement>('.grades input')) box.checked = false;
    void applyFilters();
  });
}

const sourceOptions = () => [...byId<HTMLSelectElement>('filter-sources').options];
const sourceOption = (source: NodeRef) => h('option', { value: source.id, selected: state.sources.includes(source.id) }, source.name);

/**
 * The source list follows the API's sources: a new one is added; an unloaded one goes, or, while
 * the analyst has it chosen, stays marked as unloaded (dropping it would silently widen the view
 * to every source) until it is unchosen or loaded again.
 */
async function syncSources(): Promise<void> {
  const current = await loadSources();
  const options = new Map(sourceOptions().map((o) => [o.value, o]));
  const { added, gone, back } = diffSources(
    [...options.values()].map((o) => ({ id: o.value, gone: o.dataset.gone === 'true' })),
    current,
  );
  const select = byId<HTMLSelectElement>('filter-sources');
  for (const source of added) select.append(sourceOption(source));
  for (const id of gone) {
    const option = options.get(id) as HTMLOptionElement;
    if (!option.selected) option.remove();
    else {
      option.dataset.gone = 'true';
      option.textContent = `${option.textContent ?? id} (unloaded)`;
    }
  }
  for (const id of back) {
    const option = options.get(id) as HTMLOptionElement;
    delete option.dataset.gone;
    option.textContent = current.find((s) => s.id === id)?.name ?? id;
  }
}

const DAY = 86_400_000;
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function wireTimeline(): void {
  const slider = byId<HTMLInputElement>('as-of');
  const label = byId('as-of-label');
  const all = byId<HTMLButtonElement>('as-of-all');
  const dates = edges.flatMap((e) => e.periods.flatMap((p) => [p.from && dayRange(p.from)[0], p.to && dayRange(p.to)[1]])).filter((d): d is string => !!d && /^\d{4}-\d{2}-\d{2}$/.test(d)).sort();
  if (!dates.length) {
    slider.disabled = true;
    label.textContent = 'no dates in the data';
    return;
  }
  span = { first: dates[0] as string, last: dates[dates.length - 1] as string };
  const first = Date.parse(span.first);
  slider.min = '0';
  slider.max = String(Math.round((Date.parse(span.last) - first) / DAY));
  const show = () => {
    label.textContent = state.asOf ? `as of ${state.asOf}` : `all dates (${span?.first} – ${span?.last})`;
    all.disabled = !state.asOf;
  };
  if (state.asOf) slider.value = String(Math.round((Date.parse(dayRange(state.asOf)[0]) - first) / DAY));
  else slider.value = slider.max;
  let timer: number | undefined;
  slider.addEventListener('input', () => {
    state.asOf = toDay(first + Number(slider.value) * DAY);
    show();
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void applyFilters().then(refreshTensions).then(refreshDetails), 120);
  });
  all.addEventListener('click', () => {
    state.asOf = null;
    slider.value = slider.max;
    show();
    void applyFilters().then(refreshTensions).then(refreshDetails);
  });
  show();
}

function wireSearch(): void {
  const input = byId<HTMLInputElement>('search');
  const list = byId('search-results');
  let results: NodeRef[] = [];
  let timer: number | undefined;
  const choose = (node: NodeRef) => {
    clear(list);
    input.value = node.name;
    void selectNode(node.id);
  };
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      results = input.value.trim() ? await search(input.value.trim()) : [];
      clear(
        list,
        ...results.map((node) => {
          const item = h('li', { role: 'option' }, h('button', { type: 'button' }, node.name, h('span', { class: 'muted' }, ` ${node.kind.toLowerCase()}`)));
          item.querySelector('button')?.addEventListener('click', () => choose(node));
          return item;
        }),
      );
    }, 150);
  });
  input.addEventListener('keydown', async (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    window.clearTimeout(timer);
    const best = (input.value.trim() ? await search(input.value.trim()) : [])[0];
    if (best) choose(best);
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === '/' && document.activeElement?.tagName !== 'INPUT') {
      event.preventDefault();
      input.focus();
    }
    if (event.key === 'Escape') clearSelection();
  });
}

async function resolveActor(text: string): Promise<NodeRef | undefined> {
  const exact = nodes.find((n) => n.id === text || n.name.toLowerCase() === text.trim().toLowerCase());
  return exact ?? (await search(text.trim()))[0];
}

function wirePathFinder(): void {
  const form = byId<HTMLFormElement>('path-form');
  const result = byId('path-result');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const [from, to] = await Promise.all([resolveActor(byId<HTMLInputElement>('path-from').value), resolveActor(byId<HTMLInputElement>('path-to').value)]);
    if (!from || !to) return clear(result, h('p', { class: 'error' }, `No actor named “${!from ? byId<HTMLInputElement>('path-from').value : byId<HTMLInputElement>('path-to').value}”.`));
    const types = [...state.kinds, ...(state.structural ? edges.map((e) => e.type).filter((t) => !(KINDS as readonly string[]).includes(t)) : [])];
    const path = await shortestPath(from.id, to.id, state.asOf, [...new Set(types)]);
    if (!path) return clear(result, h('p', {}, `No path from ${from.name} to ${to.name} with these filters.`));
    view.setHighlight({ nodes: new Set(path.nodes.map((n) => n.id)), edges: new Set(path.relationships.map((r) => r.id)) });
    view.resetCamera();
    clear(result, h('p', {}, `${from.name} → ${to.name}: ${path.length} step${path.length === 1 ? '' : 's'}`), pathSteps(path, openSource, (id) => void selectRelationship(id)));
  });
}

async function refreshTensions(): Promise<void> {
  const list = byId('tensions');
  try {
    const { items, total } = await tensions(state.asOf);
    clear(list, ...tensionItems(items, (t: TensionRecord) => highlightTension(t)));
    byId('tensions-count').textContent = String(total);
  } catch (error) {
    clear(list, h('li', { class: 'muted' }, error instanceof ApiError && error.codes.includes('ANALYSIS_TIMEOUT') ? 'Still computing; try again shortly.' : 'Tensions could not be loaded.'));
  }
}

function highlightTension(t: TensionRecord): void {
  const ids = new Set(t.relationships.map((r) => r.id));
  const nodesOf = new Set<string>();
  for (const id of ids) {
    const e = edgeById.get(id);
    if (e) nodesOf.add(e.from.id).add(e.to.id);
  }
  view.setHighlight({ nodes: nodesOf, edges: ids });
  view.resetCamera();
}

function wireScenario(): void {
  const conditions = nodes.filter((n) => n.kind === 'CONDITION').sort((a, b) => a.name.localeCompare(b.name));
  const container = byId('scenario-conditions');
  for (const c of conditions) {
    const select = h('select', { 'aria-label': c.name, 'data-condition': c.id }, h('option', { value: '' }, 'unknown'), h('option', { value: 'assume', selected: state.assume.includes(c.id) }, 'holds'), h('option', { value: 'deny', selected: state.deny.includes(c.id) }, 'fails'));
    container.append(h('label', { class: 'condition' }, h('span', {}, c.name), select));
  }
  const run = byId<HTMLButtonElement>('scenario-run');
  const summary = byId('scenario-result');
  run.addEventListener('click', async () => {
    state.assume = [...container.querySelectorAll<HTMLSelectElement>('select')].filter((s) => s.value === 'assume').map((s) => s.dataset.condition as string);
    state.deny = [...container.querySelectorAll<HTMLSelectElement>('select')].filter((s) => s.value === 'deny').map((s) => s.dataset.condition as string);
    saveUrl();
    const result = await scenario(state.assume, state.deny, state.asOf);
    const outcomes = new Map<string, string>();
    for (const c of result.active) outcomes.set(c.id, 'active');
    for (const c of result.inactive) outcomes.set(c.id, 'inactive');
    for (const c of result.undetermined) outcomes.set(c.id, 'undetermined');
    view.setScenario(outcomes);
    const coloured = result.active.length + result.inactive.length + result.undetermined.length;
    const total = result.counts.active + result.counts.inactive + result.counts.undetermined;
    clear(summary, h('p', {}, `${result.counts.active} active · ${result.counts.inactive} inactive · ${result.counts.undetermined} undetermined`), coloured < total ? h('p', { class: 'muted' }, `The first ${coloured} of ${total} are coloured on the graph (the API's query cost allows 1,000 of each).`) : null, h('ul', { class: 'reasons' }, ...result.reasons.slice(0, 20).map((r) => h('li', {}, `${r.condition.name}: ${r.outcome.toLowerCase()} — ${r.explanation}`))));
  });
  byId('scenario-clear').addEventListener('click', () => {
    for (const s of container.querySelectorAll<HTMLSelectElement>('select')) s.value = '';
    state.assume = [];
    state.deny = [];
    saveUrl();
    view.setScenario(undefined);
    clear(summary);
  });
}

/** The table view: the commitments shown (involving the selection, when there is one), as rows. */
function renderTable(visible: Set<string>): void {
  const body = byId('table-body');
  const rows = edges.filter((e) => visible.has(e.id) && (KINDS as readonly string[]).includes(e.type) && (!state.selected || e.from.id === state.selected || e.to.id === state.selected)).slice(0, 200);
  clear(
    body,
    ...rows.map((e) => {
      const button = h('button', { type: 'button', class: 'link' }, 'details');
      button.addEventListener('click', () => void selectRelationship(e.id));
      return h('tr', {}, h('td', {}, nodeById.get(e.from.id)?.name ?? e.from.id), h('td', { 'data-kind': e.type }, e.type.toLowerCase()), h('td', {}, nodeById.get(e.to.id)?.name ?? e.to.id), h('td', {}, e.action ?? ''), h('td', {}, e.firmness ?? ''), h('td', {}, button));
    }),
  );
  byId('table-count').textContent = `${rows.length}${rows.length === 200 ? '+' : ''}`;
}

async function main(): Promise<void> {
  status('Loading the graph…');
  [nodes, edges] = await Promise.all([loadNodes(), loadEdges()]);
  for (const n of nodes) nodeById.set(n.id, n);
  for (const e of edges) edgeById.set(e.id, e);
  const container = byId('graph');
  view = new GraphView(container, nodes, edges, { node: (id) => void selectNode(id), edge: (id) => void selectRelationship(id), stage: clearSelection });
  wireFilters();
  wireTimeline();
  wireSearch();
  wirePathFinder();
  wireScenario();
  await applyFilters();
  view.onAfterRender(() => {
    // From navigation (performance.now's origin): loading, data, building and the first frame.
    window.cgraphTimings = { ...window.cgraphTimings, firstRenderMs: performance.now(), scriptToRenderMs: performance.now() - started, edges: edges.length, nodes: view.graph.order };
    container.dataset.ready = 'true';
  });
  view.startLayout(Math.min(6000, 1500 + view.graph.order), () => view.resetCamera());
  if (state.selected?.startsWith('rel:')) void selectRelationship(state.selected);
  else if (state.selected) void selectNode(state.selected);
  else clearSelection();
  void refreshTensions();
  live = new LiveUpdates({ view, nodeById, edgeById, refilter: afterLiveChange, refreshTensions: () => void refreshTensions() });
  live.start(state.asOf);
}

/**
 * A live change updated the maps: the lists follow them, the API's filtered answers are stale and
 * asked again with the whole filter (a change may move facts it does not name in or out of it: a
 * re-graded outlet names none), details shown of what it touched are read again, and the source
 * list follows when the change may have moved it.
 */
async function afterLiveChange(touched: ReadonlySet<string>, change: GraphChange): Promise<void> {
  nodes = [...nodeById.values()];
  edges = [...edgeById.values()];
  const filter = statementFilter(state);
  const answered = filter ? filteredIds.get(statementFilterKey(filter)) : undefined;
  filteredIds.clear();
  // What the change removed goes now, with the filter's last answer; what it added or changed
  // waits for the API's new answer (a new statement shape can take Neo4j seconds to plan).
  const last = await answered?.catch(() => undefined);
  if (last) await applyFilters(last);
  const listed = new Set(sourceOptions().map((o) => o.value));
  await Promise.all([applyFilters(), sourcesMayHaveMoved(change, (id) => listed.has(id)) ? syncSources() : undefined]);
  if (state.selected && touched.has(state.selected)) refreshDetails();
}

main().catch((error: unknown) => status(`The dashboard could not load: ${(error as Error).message}`));

// The review page: an article drafted through draftDossier, its candidates' quotes marked in the
// text, each candidate accepted, rejected or edited, and the accepted ones ingested with the
// analyst's API key (kept in sessionStorage, never in the URL) as the dossier review-yaml builds.
import { byId, clear, h } from './dom.ts';
import { draftDossier, ingestDossier, lookupActor, ReviewApiError, type ApiFailure, type DraftCandidate, type DraftResult, type LookupResult } from './review-api.ts';
import { COMMITMENT_TYPES, FIRMNESS_GRADES, reviewedDossier, type ChosenEntity, type Decision, type RelationshipEdit } from './review-yaml.ts';

const KEY_STORAGE = 'cgraph.apiKey';

interface Review {
  /** The text as drafted: the dossier's sha256 and offsets are of this text, whatever the text area holds now. */
  text: string;
  draft: DraftResult;
  decisions: Decision[];
  edits: Map<string, RelationshipEdit>;
  chosen: Map<string, ChosenEntity>;
}

let review: Review | undefined;

const status = (text: string) => (byId('status').textContent = text);
const today = () => new Date().toISOString().slice(0, 10);
const optional = (id: string) => byId<HTMLInputElement>(id).value.trim() || undefined;

// --- drafting ------------------------------------------------------------------------------------

async function draft(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const text = byId<HTMLTextAreaElement>('article').value;
  status('Drafting…');
  clear(byId('ingest-result'));
  try {
    const result = await draftPatiently(text, { sourceId: optional('source-id'), url: optional('source-url'), publishedAt: optional('source-published') });
    review = { text, draft: result, decisions: result.candidates.map(() => 'open'), edits: new Map(), chosen: new Map() };
    status(`Drafted: ${result.candidates.length} candidate(s) in ${result.sentences} sentence(s)`);
    clear(
      byId('draft-info'),
      h('p', { 'data-testid': 'drafter', 'data-drafter': result.drafter }, `Drafted by the ${result.drafter} drafter: ${result.candidates.length} candidate(s), ${result.newEntities} new entit${result.newEntities === 1 ? 'y' : 'ies'}.`),
      result.warnings.length ? h('ul', { class: 'warnings', 'data-testid': 'draft-warnings' }, ...result.warnings.map((w) => h('li', {}, w))) : null,
    );
    renderArticle();
    renderCandidates();
    refreshDossier();
  } catch (error) {
    review = undefined;
    status('The draft failed');
    clear(byId('draft-info'), failureList(error));
  }
}

/** The draft, asked again while the API is busy or past its time budget (it keeps the draft it was making). */
async function draftPatiently(text: string, source: Parameters<typeof draftDossier>[1]): Promise<DraftResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await draftDossier(text, source);
    } catch (error) {
      const code = error instanceof ReviewApiError ? error.failures[0]?.code : undefined;
      if (attempt >= 5 || (code !== 'DRAFT_TIMEOUT' && code !== 'DRAFT_BUSY')) throw error;
      status(`Still drafting (${code}); asking again…`);
      await new Promise((resolve) => setTimeout(resolve, 1500 * attempt));
    }
  }
}

/** A .txt file's text into the text area (read here; nothing leaves the page until Draft). */
async function readFile(): Promise<void> {
  const file = byId<HTMLInputElement>('article-file').files?.[0];
  if (!file) return;
  byId<HTMLTextAreaElement>('article').value = await file.text();
  status(`Read ${file.name}: press Draft`);
}

// --- the article with its quotes ------------------------------------------------------------------

/** The text cut at every quote's start and end; each piece a quote covers is a mark naming its candidates. */
function renderArticle(): void {
  if (!review) return;
  const { text, draft: result } = review;
  const cuts = [...new Set([0, text.length, ...result.candidates.flatMap((c) => [c.start, c.end])])].sort((a, b) => a - b);
  const pieces: (Node | string)[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [from, to] = [cuts[i] as number, cuts[i + 1] as number];
    const covering = result.candidates.flatMap((c, index) => (c.start <= from && to <= c.end ? [index] : []));
    const piece = text.slice(from, to);
    pieces.push(covering.length ? h('mark', { 'data-candidates': covering.join(' ') }, piece) : piece);
  }
  clear(byId('article-view'), ...pieces);
}

/** Marks candidate `index`'s quote as the current one and scrolls it into view. */
function showQuote(index: number): void {
  const view = byId('article-view');
  let first: Element | undefined;
  for (const mark of view.querySelectorAll('mark')) {
    const mine = (mark.getAttribute('data-candidates') ?? '').split(' ').includes(String(index));
    mark.classList.toggle('current', mine);
    if (mine) first ??= mark;
  }
  first?.scrollIntoView({ block: 'center' });
}

// --- candidates -----------------------------------------------------------------------------------

const valueOf = (candidate: DraftCandidate, key: 'type' | 'from' | 'to' | 'firmness'): string => review?.edits.get(candidate.ref)?.[key] ?? candidate[key];
const conditionsOf = (candidate: DraftCandidate): string[] => review?.edits.get(candidate.ref)?.conditions ?? candidate.conditions;

function edit(candidate: DraftCandidate, change: RelationshipEdit): void {
  if (!review) return;
  review.edits.set(candidate.ref, { ...review.edits.get(candidate.ref), ...change });
  syncRef(candidate.ref);
  refreshDossier();
}

/** Candidates of one relationship share its edits: their controls show the same values. */
function syncRef(ref: string): void {
  for (const item of byId('candidates').querySelectorAll<HTMLElement>(`li[data-ref="${CSS.escape(ref)}"]`)) {
    const candidate = review?.draft.candidates[Number(item.dataset.index)];
    if (!candidate) continue;
    for (const key of ['type', 'from', 'to', 'firmness'] as const) {
      const control = item.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-field="${key}"]`);
      if (control && control.value !== valueOf(candidate, key)) control.value = valueOf(candidate, key);
    }
    const conditions = item.querySelector<HTMLInputElement>('[data-field="conditions"]');
    if (conditions && document.activeElement !== conditions) conditions.value = conditionsOf(candidate).join(', ');
  }
}

function decide(index: number, decision: Decision, item: HTMLElement): void {
  if (!review) return;
  review.decisions[index] = review.decisions[index] === decision ? 'open' : decision;
  item.dataset.decision = review.decisions[index];
  for (const button of item.querySelectorAll<HTMLButtonElement>('button[data-decision]')) button.setAttribute('aria-pressed', String(button.dataset.decision === review.decisions[index]));
  refreshDossier();
}

const select = (label: string, id: string, field: string, options: readonly string[], value: string, onChange: (value: string) => void) => {
  const control = h('select', { id, 'data-field': field, 'data-testid': `edit-${field}` }, ...options.map((o) => h('option', { value: o, selected: o === value }, o)));
  control.addEventListener('change', () => onChange(control.value));
  return [h('label', { for: id }, label), control];
};

/** An actor or object: an id typed, or a name looked up (Enter or Find) and chosen from the API's lookup. */
function endControl(candidate: DraftCandidate, index: number, field: 'from' | 'to', label: string): Node[] {
  const id = `candidate-${index}-${field}`;
  const input = h('input', { id, 'data-field': field, 'data-testid': `edit-${field}`, value: valueOf(candidate, field), autocomplete: 'off', 'aria-describedby': `${id}-hint` });
  const results = h('ul', { class: 'lookup-results', 'data-testid': `lookup-${field}`, 'aria-label': `Actors named like the ${label.toLowerCase()}` });
  const find = async () => {
    const text = input.value.trim();
    if (!text) return;
    try {
      const found = await lookupActor(text);
      clear(results, found.length ? null : h('li', { class: 'muted' }, `Nothing is named like "${text}"; type an id (kind:slug) instead.`), ...found.map((c) => h('li', {}, choice(c))));
    } catch (error) {
      clear(results, h('li', {}, failureList(error)));
    }
  };
  const choice = (c: LookupResult) => {
    const button = h('button', { type: 'button', class: 'small', 'data-id': c.id }, `${c.name} — ${c.id} (${c.kind.toLowerCase()}, ${c.foundIn.join(', ').toLowerCase().replace(/_/g, ' ')})`);
    button.addEventListener('click', () => {
      // An actor only the country tables or the dictionary know must be introduced by the dossier, as a draft would.
      if (c.proposed) review?.chosen.set(c.id, c.proposed);
      input.value = c.id;
      clear(results);
      edit(candidate, { [field]: c.id });
      input.focus();
    });
    return button;
  };
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void find();
  });
  input.addEventListener('change', () => {
    if (input.value.includes(':')) edit(candidate, { [field]: input.value.trim() });
  });
  const button = h('button', { type: 'button', class: 'small', 'data-testid': `find-${field}` }, 'Find');
  button.addEventListener('click', () => void find());
  return [h('label', { for: id }, label), h('div', { class: 'end-input' }, input, h('span', { id: `${id}-hint`, class: 'visually-hidden' }, 'An id, or a name: press Enter or Find to look it up'), button), results];
}

function candidateItem(candidate: DraftCandidate, index: number): HTMLElement {
  const item = h('li', { class: 'candidate', 'data-testid': 'candidate', 'data-index': String(index), 'data-ref': candidate.ref, 'data-decision': review?.decisions[index] ?? 'open' });
  const quote = h('button', { type: 'button', class: 'link', 'data-testid': 'candidate-quote' }, `“${candidate.quote}”`);
  quote.addEventListener('click', () => showQuote(index));
  const decision = (value: Decision, label: string) => {
    const button = h('button', { type: 'button', 'data-decision': value, 'data-testid': value === 'accepted' ? 'accept' : 'reject', 'aria-pressed': 'false', class: 'small' }, label);
    button.addEventListener('click', () => decide(index, value, item));
    return button;
  };
  const conditionsId = `candidate-${index}-conditions`;
  const conditions = h('input', { id: conditionsId, 'data-field': 'conditions', 'data-testid': 'edit-conditions', value: conditionsOf(candidate).join(', '), autocomplete: 'off', placeholder: 'condition:… ids, comma-separated' });
  conditions.addEventListener('change', () => edit(candidate, { conditions: conditions.value.split(',').map((c) => c.trim()).filter(Boolean) }));
  item.append(
    h('p', {}, 'Drafted: ', h('strong', {}, `${candidate.from} ${candidate.type.toLowerCase()} ${candidate.to}`), h('span', { class: 'muted' }, ` · cue “${candidate.cue}”, confidence ${candidate.confidence.toFixed(2)}, ${candidate.attribution.replace('_', ' ')}`)),
    h('p', {}, quote),
    h('div', { role: 'group', 'aria-label': `Decision on candidate ${index + 1}` }, decision('accepted', 'Accept'), ' ', decision('rejected', 'Reject')),
    h(
      'div',
      { class: 'edits' },
      ...select('Type', `candidate-${index}-type`, 'type', COMMITMENT_TYPES, valueOf(candidate, 'type'), (type) => edit(candidate, { type })),
      ...endControl(candidate, index, 'from', 'Actor (from)'),
      ...endControl(candidate, index, 'to', 'Object (to)'),
      ...select('Firmness', `candidate-${index}-firmness`, 'firmness', FIRMNESS_GRADES, valueOf(candidate, 'firmness'), (firmness) => edit(candidate, { firmness })),
      h('label', { for: conditionsId }, 'Conditions'),
      conditions,
    ),
  );
  return item;
}

function renderCandidates(): void {
  const candidates = review?.draft.candidates ?? [];
  byId('candidates-count').textContent = String(candidates.length);
  clear(byId('candidates'), ...candidates.map(candidateItem), candidates.length ? null : h('li', { class: 'muted' }, 'The drafter found no pledge, refusal or warning in this text.'));
}

// --- the dossier and the ingest -------------------------------------------------------------------

/** The dossier as it would be ingested now (empty until something is accepted). */
function currentDossier(): string | undefined {
  if (!review || !review.decisions.includes('accepted')) return undefined;
  const reviewer = byId<HTMLInputElement>('reviewer').value.trim() || 'the reviewer';
  return reviewedDossier({ draftYaml: review.draft.yaml, candidates: review.draft.candidates, decisions: review.decisions, edits: review.edits, reviewer: { by: reviewer, at: today() }, entities: [...review.chosen.values()] }).yaml;
}

function refreshDossier(): void {
  byId<HTMLTextAreaElement>('dossier-yaml').value = currentDossier() ?? '';
  const accepted = review?.decisions.filter((d) => d === 'accepted').length ?? 0;
  const rejected = review?.decisions.filter((d) => d === 'rejected').length ?? 0;
  if (review) status(`${accepted} accepted · ${rejected} rejected · ${review.decisions.length - accepted - rejected} open`);
}

async function ingest(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const result = byId('ingest-result');
  const yaml = currentDossier();
  if (!review || !yaml) return clear(result, h('p', { class: 'error' }, 'Draft an article and accept at least one candidate first: only accepted candidates are ingested.'));
  const key = byId<HTMLInputElement>('api-key').value.trim();
  clear(result, h('p', { class: 'muted' }, 'Ingesting…'));
  try {
    const report = await ingestDossier(yaml, review.text, key);
    clear(
      result,
      h('p', { 'data-testid': 'ingest-ok' }, `Ingested: ${report.relationshipsCreated} relationship(s) created, ${report.relationshipsUpdated} updated, ${report.relationshipsUnchanged} unchanged; ${report.statementsAdded} statement(s) added.`),
      h('ul', {}, ...report.relationships.map((r) => h('li', { 'data-id': r.id }, `${r.from.name} ${r.type.toLowerCase()} ${r.to.name} (${r.id})`))),
    );
    status('Ingested');
  } catch (error) {
    clear(result, failureList(error));
    status('The ingest was refused');
  }
}

/** An API error as the analyst acts on it: code, message, and each problem with where it is. */
function failureList(error: unknown): HTMLElement {
  const failures: ApiFailure[] = error instanceof ReviewApiError ? error.failures : [{ code: 'ERROR', message: (error as Error).message, problems: [] }];
  return h(
    'ul',
    { class: 'error', 'data-testid': 'failures' },
    ...failures.map((f) =>
      h('li', { 'data-code': f.code }, h('strong', {}, f.code), `: ${f.message}`, f.problems.length ? h('ul', {}, ...f.problems.map((p) => h('li', { 'data-code': p.code }, h('code', {}, p.code), ` at ${p.path ?? 'the dossier'}${p.line ? ` (line ${p.line} of the dossier below)` : ''}: ${p.message}`))) : null),
    ),
  );
}

function wireKey(): void {
  const input = byId<HTMLInputElement>('api-key');
  input.value = sessionStorage.getItem(KEY_STORAGE) ?? '';
  input.addEventListener('change', () => {
    if (input.value.trim()) sessionStorage.setItem(KEY_STORAGE, input.value.trim());
    else sessionStorage.removeItem(KEY_STORAGE);
  });
}

byId<HTMLFormElement>('draft-form').addEventListener('submit', (event) => void draft(event));
byId<HTMLFormElement>('ingest-form').addEventListener('submit', (event) => void ingest(event));
byId<HTMLInputElement>('article-file').addEventListener('change', () => void readFile());
byId<HTMLInputElement>('reviewer').addEventListener('change', refreshDossier);
wireKey();
status('Paste an article or choose a .txt file, then Draft');

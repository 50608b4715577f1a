// The view's state, mirrored in the URL so that a view can be shared: kinds, firmness, structural
// relationships, sources, grades, the as-of date, the selection and the scenario; and the API filter
// its statement criteria make. Pure (tested apart from the DOM).

export const KINDS = ['PLEDGED', 'REFUSED', 'WARNED'] as const;
export const FIRMNESS = ['firm', 'conditional', 'hedged', 'considering', 'formalised'] as const;
/** The Admiralty grades (docs/dossiers.md "Grading sources"): sets, never ranges — F and 6 are not worse than E and 5. */
export const RELIABILITY = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export const CREDIBILITY = ['1', '2', '3', '4', '5', '6'] as const;

export interface ViewState {
  kinds: Set<string>;
  firmness: Set<string>;
  structural: boolean;
  sources: string[];
  /** Outlet grades and statement grades to keep; empty: no grade filter (ungraded data shows too). */
  reliability: Set<string>;
  credibility: Set<string>;
  asOf: string | null;
  selected: string | null;
  assume: string[];
  deny: string[];
}

export function defaultState(): ViewState {
  return { kinds: new Set(KINDS), firmness: new Set(FIRMNESS), structural: true, sources: [], reliability: new Set(), credibility: new Set(), asOf: null, selected: null, assume: [], deny: [] };
}

const list = (value: string | null) => (value ? value.split(',').filter(Boolean) : []);

export function readState(search: string): ViewState {
  const params = new URLSearchParams(search);
  const state = defaultState();
  if (params.has('kinds')) state.kinds = new Set(list(params.get('kinds')).filter((k) => (KINDS as readonly string[]).includes(k)));
  if (params.has('firmness')) state.firmness = new Set(list(params.get('firmness')).filter((f) => (FIRMNESS as readonly string[]).includes(f)));
  if (params.get('structural') === '0') state.structural = false;
  state.sources = list(params.get('sources'));
  state.reliability = new Set(list(params.get('reliability')).filter((g) => (RELIABILITY as readonly string[]).includes(g)));
  state.credibility = new Set(list(params.get('credibility')).filter((g) => (CREDIBILITY as readonly string[]).includes(g)));
  const asOf = params.get('asOf');
  state.asOf = asOf && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(asOf) ? asOf : null;
  state.selected = params.get('sel');
  state.assume = list(params.get('assume'));
  state.deny = list(params.get('deny'));
  return state;
}

export function writeState(state: ViewState): string {
  const params = new URLSearchParams();
  if (state.kinds.size !== KINDS.length) params.set('kinds', [...state.kinds].join(','));
  if (state.firmness.size !== FIRMNESS.length) params.set('firmness', [...state.firmness].join(','));
  if (!state.structural) params.set('structural', '0');
  if (state.sources.length) params.set('sources', state.sources.join(','));
  if (state.reliability.size) params.set('reliability', RELIABILITY.filter((g) => state.reliability.has(g)).join(','));
  if (state.credibility.size) params.set('credibility', CREDIBILITY.filter((g) => state.credibility.has(g)).join(','));
  if (state.asOf) params.set('asOf', state.asOf);
  if (state.selected) params.set('sel', state.selected);
  if (state.assume.length) params.set('assume', state.assume.join(','));
  if (state.deny.length) params.set('deny', state.deny.join(','));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The part of the API's RelationshipFilter that one statement must meet (sources, date, grades). */
export interface StatementFilter {
  sources?: string[];
  asOf?: string;
  reliability?: string[];
  credibility?: number[];
}

/**
 * The view's statement criteria as one API filter, so that the API applies them together (one
 * statement from these sources, valid that day, with these grades); undefined when there is none.
 * Sorted, so that equal filters have equal keys (statementFilterKey).
 */
export function statementFilter(state: ViewState): StatementFilter | undefined {
  const filter: StatementFilter = {};
  if (state.sources.length) filter.sources = [...state.sources].sort();
  if (state.asOf) filter.asOf = state.asOf;
  if (state.reliability.size) filter.reliability = RELIABILITY.filter((g) => state.reliability.has(g));
  if (state.credibility.size) filter.credibility = CREDIBILITY.filter((g) => state.credibility.has(g)).map(Number);
  return Object.keys(filter).length ? filter : undefined;
}

export const statementFilterKey = (filter: StatementFilter): string => JSON.stringify([filter.sources ?? [], filter.asOf ?? '', filter.reliability ?? [], filter.credibility ?? []]);

/** A partial date as the first and last day it may mean: 2026 → 2026-01-01 … 2026-12-31. */
export function dayRange(date: string): [string, string] {
  if (/^\d{4}$/.test(date)) return [`${date}-01-01`, `${date}-12-31`];
  if (/^\d{4}-\d{2}$/.test(date)) return [`${date}-01`, `${date}-31`];
  return [date.slice(0, 10), date.slice(0, 10)];
}

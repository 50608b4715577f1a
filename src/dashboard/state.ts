// The view's state, mirrored in the URL so that a view can be shared: which commitment kinds and
// firmness grades show, whether structural relationships show, the sources, the as-of date, the
// selection and the scenario. Reading and writing it are pure (tested apart from the DOM).

export const KINDS = ['PLEDGED', 'REFUSED', 'WARNED'] as const;
export const FIRMNESS = ['firm', 'conditional', 'hedged', 'considering', 'formalised'] as const;

export interface ViewState {
  kinds: Set<string>;
  firmness: Set<string>;
  structural: boolean;
  sources: string[];
  asOf: string | null;
  selected: string | null;
  assume: string[];
  deny: string[];
}

export function defaultState(): ViewState {
  return { kinds: new Set(KINDS), firmness: new Set(FIRMNESS), structural: true, sources: [], asOf: null, selected: null, assume: [], deny: [] };
}

const list = (value: string | null) => (value ? value.split(',').filter(Boolean) : []);

export function readState(search: string): ViewState {
  const params = new URLSearchParams(search);
  const state = defaultState();
  if (params.has('kinds')) state.kinds = new Set(list(params.get('kinds')).filter((k) => (KINDS as readonly string[]).includes(k)));
  if (params.has('firmness')) state.firmness = new Set(list(params.get('firmness')).filter((f) => (FIRMNESS as readonly string[]).includes(f)));
  if (params.get('structural') === '0') state.structural = false;
  state.sources = list(params.get('sources'));
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
  if (state.asOf) params.set('asOf', state.asOf);
  if (state.selected) params.set('sel', state.selected);
  if (state.assume.length) params.set('assume', state.assume.join(','));
  if (state.deny.length) params.set('deny', state.deny.join(','));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A partial date as the first and last day it may mean: 2026 → 2026-01-01 … 2026-12-31. */
export function dayRange(date: string): [string, string] {
  if (/^\d{4}$/.test(date)) return [`${date}-01-01`, `${date}-12-31`];
  if (/^\d{4}-\d{2}$/.test(date)) return [`${date}-01`, `${date}-31`];
  return [date.slice(0, 10), date.slice(0, 10)];
}

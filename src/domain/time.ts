// Time, once: dates as sources give them and the rule that says when a relationship holds.
// Dates are compared as intervals of days, never as strings; docs/model.md "Time" is the policy.
import edtf from 'edtf';

/** A span of whole days, both ends included (YYYY-MM-DD). */
export interface DayInterval {
  start: string;
  end: string;
}

const SIMPLE = /^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Parsed expressions: parsing EDTF is slow (a general grammar) and data repeats its dates. */
const parsedIntervals = new Map<string, DayInterval | undefined>();
const MAX_PARSED = 100_000;

/**
 * The days a date expression can mean; undefined when it is not one. A date is a calendar date, a
 * month or a year (2026-01-06, 2026-01, 2026), or an uncertain or approximate one in EDTF
 * (ISO 8601-2: `2025-12~` about December 2025, `2026-01/2026-03` some time in the first quarter,
 * `2026-21` spring 2026), parsed by the maintained `edtf` package.
 */
export function dayInterval(expression: string): DayInterval | undefined {
  if (parsedIntervals.has(expression)) return parsedIntervals.get(expression);
  const interval = parseInterval(expression);
  if (parsedIntervals.size >= MAX_PARSED) parsedIntervals.clear();
  parsedIntervals.set(expression, interval);
  return interval;
}

function parseInterval(expression: string): DayInterval | undefined {
  if (!expression || expression.length > 60) return undefined;
  try {
    const parsed = edtf(expression);
    if (!Number.isFinite(parsed.min) || !Number.isFinite(parsed.max)) return undefined;
    const interval = Object.freeze({ start: day(parsed.min), end: day(parsed.max) });
    // edtf rolls impossible days over (2026-02-30 → March): a plain date must name a real day.
    if (SIMPLE.test(expression) && !interval.start.startsWith(expression)) return undefined;
    return interval;
  } catch {
    return undefined;
  }
}

export const isDateExpression = (value: string): boolean => dayInterval(value) !== undefined;

/** Whether the expression is a plain date (YYYY, YYYY-MM, YYYY-MM-DD) rather than an EDTF one. */
export const isPlainDate = (value: string): boolean => SIMPLE.test(value) && isDateExpression(value);

export interface Dated {
  validFrom?: string;
  validTo?: string;
  statedAt?: string;
  status?: string;
  /** A resolved fact's exact intervals (statements.ts): when given, they decide, not the dates above. */
  spans?: readonly Validity[];
}

/** When a relationship holds: its first and last day, either open. */
export interface Validity {
  from?: string;
  to?: string;
}

/**
 * When it holds, as one interval: a fact's hull of its spans; else from `validFrom`, else from
 * `statedAt` (a commitment does not exist before it was made), else since always, from the first
 * day its date can mean; until the last day `validTo` can mean, else open. A withdrawn commitment
 * must give `validTo` (WITHDRAWN_WITHOUT_END otherwise), so it ends there. Every as-of operation uses this and
 * `isValidOn`.
 */
export function validity(rel: Dated): Validity {
  if (rel.spans) {
    const spans = rel.spans;
    const from = spans.length && spans.every((s) => s.from) ? spans.map((s) => s.from as string).sort()[0] : undefined;
    const to = spans.length && spans.every((s) => s.to) ? spans.map((s) => s.to as string).sort().at(-1) : undefined;
    return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  }
  const since = rel.validFrom ?? rel.statedAt;
  const from = since ? dayInterval(since)?.start : undefined;
  const to = rel.validTo ? dayInterval(rel.validTo)?.end : undefined;
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

/** The first day an as-of date names (an as-of of 2026 means 2026-01-01). */
export function asOfDay(asOf: string): string {
  const interval = dayInterval(asOf);
  if (!interval) throw new RangeError(`"${asOf}" is not a date`);
  return interval.start;
}

export function holdsOn(span: Validity, dayOf: string): boolean {
  return (!span.from || span.from <= dayOf) && (!span.to || span.to >= dayOf);
}

/** Every interval it holds in: a fact's spans, else its one interval. */
export const spansOf = (rel: Dated): readonly Validity[] => rel.spans ?? [validity(rel)];

/** True when the relationship holds on `asOf`. */
export function isValidOn(rel: Dated, asOf: string): boolean {
  const day = asOfDay(asOf);
  return spansOf(rel).some((span) => holdsOn(span, day));
}

const spansMeet = (x: Validity, y: Validity) => (!x.from || !y.to || x.from <= y.to) && (!y.from || !x.to || y.from <= x.to);

/** True when two relationships hold on at least one common day. */
export function overlaps(a: Dated, b: Dated): boolean {
  const ys = spansOf(b);
  return spansOf(a).some((x) => ys.some((y) => spansMeet(x, y)));
}

const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The union of intervals, as few as possible, ordered: overlapping or adjacent ones are merged. */
export function mergeSpans(spans: readonly Validity[]): Validity[] {
  const sorted = [...spans].sort((a, b) => (a.from ?? '').localeCompare(b.from ?? ''));
  const merged: Validity[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && (!last.to || !span.from || span.from <= nextDay(last.to))) {
      if (!last.to || !span.to) delete last.to;
      else if (span.to > last.to) last.to = span.to;
    } else merged.push({ ...(span.from ? { from: span.from } : {}), ...(span.to ? { to: span.to } : {}) });
  }
  return merged;
}

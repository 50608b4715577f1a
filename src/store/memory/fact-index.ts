// The embedded store's indexes over facts: every id in order, and postings by each end, by type
// and by the sources of their statements, kept up to date by each write.
import { buildConditionIndex, gatesOf, type ConditionIndex } from '../../domain/conditions.ts';
import { matchesRelationshipFilter, type RelationshipFilter } from '../../domain/filters.ts';
import { isCommitmentType } from '../../domain/model.ts';
import type { Fact } from '../../domain/statements.ts';
import { Postings, SortedIds, unionAfter } from './sorted-ids.ts';

type Key = [key: string, id: string];

const sourcesOf = (fact: Fact) => [...new Set(fact.statements.map((s) => s.sourceId))];

export interface Listing {
  items: Fact[];
  /** One more match exists after the page. */
  more: boolean;
  /** Every match, when asked for. */
  total: number | undefined;
}

/**
 * Ids never change (a fact's type and ends are part of its id), so postings are only added and
 * removed. A listing reads the smallest posting list its filter allows, in id order after the
 * cursor, and checks the whole filter (domain/filters.ts, the one definition) on each candidate until
 * the page is full: O(log n + candidates read). The gates of commitments by condition (inherited ones
 * included) come from the structure and are built once per version, on the first listing that asks
 * for a condition.
 */
export class FactIndex {
  private readonly all = new SortedIds();
  private readonly byFrom = new Postings();
  private readonly byTo = new Postings();
  private readonly byType = new Postings();
  /** By end and type (`end type`): a node's commitments of some kinds without reading its others. */
  private readonly byFromType = new Postings();
  private readonly byToType = new Postings();
  private readonly bySource = new Postings();
  /** Facts no statement counts for (all disputed): they are in no listing without a review filter. */
  private notHolding = 0;
  private readonly notHoldingByType = new Map<string, number>();
  private derived: { conditions: ConditionIndex; gated: Postings } | undefined;

  constructor(private readonly facts: ReadonlyMap<string, Fact>) {}

  /** The postings keyed by what a fact's id is made of (its ends and type), which no write changes. */
  private byIdentity(): [Postings, (f: Fact) => string][] {
    return [
      [this.byFrom, (f) => f.from],
      [this.byTo, (f) => f.to],
      [this.byType, (f) => f.type],
      [this.byFromType, (f) => endType(f.from, f.type)],
      [this.byToType, (f) => endType(f.to, f.type)],
    ];
  }

  /** Call after the facts map holds the new facts (`before`: what each replaced, if anything). */
  added(changes: readonly { fact: Fact; before: Fact | undefined }[]): void {
    const fresh = changes.filter((c) => !c.before).map((c) => c.fact);
    this.all.add(fresh.map((f) => f.id));
    for (const [postings, keyOf] of this.byIdentity()) postings.add(fresh.map((f): Key => [keyOf(f), f.id]));
    const sourcesGone: Key[] = [];
    const sourcesNew: Key[] = [];
    for (const { fact, before } of changes) {
      const now = sourcesOf(fact);
      const was = before ? sourcesOf(before) : [];
      for (const s of was) if (!now.includes(s)) sourcesGone.push([s, fact.id]);
      for (const s of now) if (!was.includes(s)) sourcesNew.push([s, fact.id]);
      this.countNotHolding(fact.type, (fact.sourceCount > 0 ? 0 : 1) - (before && before.sourceCount === 0 ? 1 : 0));
    }
    this.bySource.remove(sourcesGone);
    this.bySource.add(sourcesNew);
    this.derived = undefined;
  }

  /** Call with the facts as they were before they left the map. */
  removed(facts: readonly Fact[]): void {
    if (!facts.length) return;
    this.all.remove(facts.map((f) => f.id));
    for (const [postings, keyOf] of this.byIdentity()) postings.remove(facts.map((f): Key => [keyOf(f), f.id]));
    this.bySource.remove(facts.flatMap((f) => sourcesOf(f).map((s): Key => [s, f.id])));
    for (const f of facts) if (f.sourceCount === 0) this.countNotHolding(f.type, -1);
    this.derived = undefined;
  }

  private countNotHolding(type: string, delta: number): void {
    if (!delta) return;
    this.notHolding += delta;
    this.notHoldingByType.set(type, (this.notHoldingByType.get(type) ?? 0) + delta);
  }

  /** Facts some statement counts for, by type: what `stats` counts. */
  holdingByType(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const type of this.byType.keys()) {
      const n = (this.byType.get(type)?.size ?? 0) - (this.notHoldingByType.get(type) ?? 0);
      if (n > 0) counts.set(type, n);
    }
    return counts;
  }

  /** Every fact id, in order. */
  ids(): readonly string[] {
    return this.all.values();
  }

  /** Inheritance structure (CONDITIONAL_ON, PART_OF) and commitments by gating condition, for this version. */
  private derive() {
    if (this.derived) return this.derived;
    const structural = ['CONDITIONAL_ON', 'PART_OF'].flatMap((t) => [...(this.byType.get(t)?.values() ?? [])]);
    const conditions = buildConditionIndex(structural.map((id) => this.facts.get(id) as Fact).filter((f) => f.sourceCount > 0));
    const gated = new Postings();
    const entries: Key[] = [];
    for (const type of this.byType.keys()) {
      if (!isCommitmentType(type)) continue;
      for (const id of this.byType.get(type)?.values() ?? []) {
        for (const gate of gatesOf(this.facts.get(id) as Fact, conditions)) entries.push([gate.condition, id]);
      }
    }
    gated.add(entries);
    this.derived = { conditions, gated };
    return this.derived;
  }

  conditionIndex(): ConditionIndex {
    return this.derive().conditions;
  }

  /** The narrowest candidate lists the filter allows: ids in any of the lists may match; none outside them can. */
  private candidates(filter: RelationshipFilter): { lists: SortedIds[]; exact: boolean } {
    const options: { lists: SortedIds[]; criteria: (keyof RelationshipFilter)[] }[] = [];
    const lists = (postings: Postings, keys: readonly string[] | undefined) => (keys ?? []).map((k) => postings.get(k)).filter((l): l is SortedIds => !!l);
    // An end with types reads the (end, type) lists: exactly the matches of both criteria.
    const types = filter.types?.length ? filter.types : undefined;
    const ends = (byEnd: Postings, byEndType: Postings, ids: readonly string[]) => (types ? lists(byEndType, ids.flatMap((id) => types.map((t) => endType(id, t)))) : lists(byEnd, ids));
    const withTypes = (criterion: keyof RelationshipFilter): (keyof RelationshipFilter)[] => (types ? [criterion, 'types'] : [criterion]);
    if (filter.from?.length) options.push({ lists: ends(this.byFrom, this.byFromType, filter.from), criteria: withTypes('from') });
    if (filter.to?.length) options.push({ lists: ends(this.byTo, this.byToType, filter.to), criteria: withTypes('to') });
    if (filter.involving?.length) {
      options.push({ lists: [...ends(this.byFrom, this.byFromType, filter.involving), ...ends(this.byTo, this.byToType, filter.involving)], criteria: withTypes('involving') });
    }
    if (types) options.push({ lists: lists(this.byType, types), criteria: ['types'] });
    if (filter.sources?.length) options.push({ lists: lists(this.bySource, filter.sources), criteria: ['sources'] });
    if (filter.conditions?.length) options.push({ lists: lists(this.derive().gated, filter.conditions), criteria: ['conditions'] });
    if (!options.length) return { lists: [this.all], exact: this.onlyCriteria(filter, []) };
    const size = (o: { lists: SortedIds[] }) => o.lists.reduce((n, l) => n + l.size, 0);
    const best = options.reduce((a, b) => (size(b) < size(a) ? b : a));
    // Lists of ends and types hold exactly the facts that meet those criteria: with no other
    // criterion, the matches are their (distinct) ids, counted without reading a fact. Sources and
    // conditions are per statement and per gate: always checked.
    const idOnly = !best.criteria.includes('sources') && !best.criteria.includes('conditions');
    return { lists: best.lists, exact: idOnly && this.onlyCriteria(filter, best.criteria) };
  }

  private onlyCriteria(filter: RelationshipFilter, allowed: readonly string[]): boolean {
    if (this.notHolding > 0) return false;
    return Object.entries(filter).every(([key, value]) => allowed.includes(key) || value === undefined || (Array.isArray(value) && value.length === 0));
  }

  /** Up to `size` matches after `after`, whether there are more, and the total when asked for. */
  list(filter: RelationshipFilter, size: number, after: string | undefined, withTotal: boolean): Listing {
    const { lists, exact } = this.candidates(filter);
    const index = filter.conditions?.length ? this.conditionIndex() : undefined;
    const matches = (id: string) => matchesRelationshipFilter(this.facts.get(id) as Fact, filter, index);
    const found: Fact[] = [];
    let more = false;
    for (const id of unionAfter(lists, after)) {
      if (!matches(id)) continue;
      if (found.length === size) {
        more = true;
        break;
      }
      found.push(this.facts.get(id) as Fact);
    }
    let total: number | undefined;
    if (withTotal) {
      if (exact && lists.length === 1) total = (lists[0] as SortedIds).size;
      else if (exact) {
        // Lists may share ids (a self-loop is in both an end's lists): count each once.
        total = 0;
        for (const _id of unionAfter(lists, undefined)) total++;
      } else {
        total = 0;
        for (const id of unionAfter(lists, undefined)) if (matches(id)) total++;
      }
    }
    return { items: found, more, total };
  }
}

const endType = (end: string, type: string) => `${end}\u0000${type}`;

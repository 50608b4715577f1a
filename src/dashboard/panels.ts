// The panels beside the graph: the details of a node or relationship, the path finder's steps and
// the tensions list (the table of the current selection is main.ts's).
import type { CommitmentDetail, EvidenceRecord, PathRecord, TensionRecord } from './api.ts';
import { sourceText } from './api.ts';
import { clear, h } from './dom.ts';
import { gradeBadge } from './grades.ts';

const VERB: Record<string, string> = { PLEDGED: 'pledged', REFUSED: 'refused', WARNED: 'warned' };
const KIND_TITLE: Record<string, string> = { PLEDGED: 'Pledges', REFUSED: 'Refusals', WARNED: 'Warnings' };

export function badge(text: string, className: string): HTMLElement {
  return h('span', { class: `badge ${className}` }, text);
}

function dates(c: CommitmentDetail): string {
  const parts: string[] = [];
  if (c.statedAt) parts.push(`stated ${c.statedAt}`);
  if (c.validity.from || c.validity.to) parts.push(`holds ${c.validity.from ?? '…'} – ${c.validity.to ?? '…'}`);
  return parts.join(' · ');
}

function evidenceItem(e: EvidenceRecord, openSource: (e: EvidenceRecord) => void): HTMLElement {
  const link = h('button', { type: 'button', class: 'link', title: `Open ${e.source.name} at this quote` }, `${e.source.name} ↗`);
  link.addEventListener('click', () => openSource(e));
  return h('li', { class: 'evidence' }, h('blockquote', {}, `“${e.quote}”`), h('div', { class: 'meta' }, gradeBadge(e.grade), ' ', e.speaker ? `${e.speaker.name} · ` : '', e.attribution ? `${e.attribution.replace('_', ' ')} · ` : '', link));
}

/**
 * A commitment with its action, firmness, conditions own and inherited, dates, the sources'
 * statements and the evidence with a link that opens the source text at the quote (grouped by kind:
 * groupedCommitments).
 */
export function commitmentCard(c: CommitmentDetail, openSource: (e: EvidenceRecord) => void, select: (id: string) => void): HTMLElement {
  const title = h('button', { type: 'button', class: 'link strong', title: 'Select on the graph' }, `${c.from.name} ${VERB[c.type] ?? c.type} ${c.to.name}`);
  title.addEventListener('click', () => select(c.id));
  const statements = c.statements.map((s) => `${s.source.name} (${s.review.state.toLowerCase()})`).join(', ');
  return h(
    'article',
    { class: `card kind-${c.type}`, 'data-relationship': c.id },
    h('header', {}, h('span', { class: 'swatch', 'data-kind': c.type }), title),
    c.action ? h('p', { class: 'action' }, c.action) : null,
    h('p', { class: 'tags' }, c.firmness ? badge(c.firmness, `firmness-${c.firmness}`) : null, c.disputed ? badge('disputed', 'disputed') : null, badge(`${c.sourceCount} source${c.sourceCount === 1 ? '' : 's'}`, 'sources')),
    c.gates.length
      ? h('p', { class: 'conditions' }, 'Conditions: ', ...c.gates.flatMap((g, i) => [i ? '; ' : '', g.condition.name, g.inheritedFrom ? h('span', { class: 'inherited' }, ` (from ${g.inheritedFrom.name})`) : '']))
      : null,
    dates(c) ? h('p', { class: 'dates' }, dates(c)) : null,
    c.disagreements.length ? h('p', { class: 'disagreements' }, 'Sources disagree on ', c.disagreements.map((d) => `${d.property} (${d.values.join(' vs ')})`).join('; ')) : null,
    statements ? h('p', { class: 'statements' }, `Statements: ${statements}`) : null,
    h('ul', { class: 'evidence-list' }, ...c.evidence.map((e) => evidenceItem(e, openSource))),
  );
}

/** Commitments grouped by kind, pledges first. */
export function groupedCommitments(commitments: CommitmentDetail[], openSource: (e: EvidenceRecord) => void, select: (id: string) => void): HTMLElement[] {
  const sections: HTMLElement[] = [];
  for (const kind of ['PLEDGED', 'REFUSED', 'WARNED']) {
    const items = commitments.filter((c) => c.type === kind);
    if (!items.length) continue;
    sections.push(h('section', { class: 'group' }, h('h3', {}, `${KIND_TITLE[kind]} (${items.length})`), ...items.map((c) => commitmentCard(c, openSource, select))));
  }
  return sections;
}

export function pathSteps(path: PathRecord, openSource: (e: EvidenceRecord) => void, select: (id: string) => void): HTMLElement {
  return h(
    'ol',
    { class: 'path-steps' },
    ...path.relationships.map((r) => {
      const e = r.evidence[0];
      const step = h('li', {}, h('strong', {}, `${r.from.name} —${r.type}→ ${r.to.name}`));
      if (e) step.append(h('blockquote', {}, `“${e.quote}”`), h('div', { class: 'meta' }, e.source.name));
      const show = h('button', { type: 'button', class: 'link' }, 'details');
      show.addEventListener('click', () => select(r.id));
      step.append(show);
      if (e) {
        const open = h('button', { type: 'button', class: 'link' }, 'source ↗');
        open.addEventListener('click', () => openSource(e));
        step.append(' · ', open);
      }
      return step;
    }),
  );
}

export function tensionItems(items: TensionRecord[], select: (t: TensionRecord) => void): HTMLElement[] {
  return items.map((t) => {
    const button = h('button', { type: 'button', class: 'tension' }, h('span', { class: 'badge tension-kind' }, t.kind.replace(/_/g, ' ').toLowerCase()), ' ', t.explanation);
    button.addEventListener('click', () => select(t));
    return h('li', {}, button);
  });
}

/** The source text in a dialog, the quote marked and scrolled into view. */
export async function openSourceDialog(dialog: HTMLDialogElement, e: EvidenceRecord): Promise<void> {
  const source = await sourceText(e.source.id);
  if (!source) return;
  const text = source.text;
  const body = h('div', { class: 'source-text' }, text.slice(0, e.start), h('mark', { id: 'quote-mark' }, text.slice(e.start, e.end)), text.slice(e.end));
  const close = h('button', { type: 'button', class: 'close', 'aria-label': 'Close' }, '×');
  close.addEventListener('click', () => dialog.close());
  clear(dialog, h('header', {}, h('h2', {}, source.name), source.url ? h('a', { href: source.url, rel: 'noopener noreferrer', target: '_blank' }, 'original ↗') : null, close), body);
  dialog.showModal();
  dialog.querySelector('#quote-mark')?.scrollIntoView({ block: 'center' });
}

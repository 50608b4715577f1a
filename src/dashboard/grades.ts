// The Admiralty grades in words: the badge beside a quote (Evidence.grade: "B2", the outlet's
// reliability and the statement's credibility), its meaning on hover, and the grade filter's choices.
import { h } from './dom.ts';

/** What each outlet grade means (docs/dossiers.md "Grading sources"). */
export const RELIABILITY_MEANING: Record<string, string> = {
  A: 'completely reliable',
  B: 'usually reliable',
  C: 'fairly reliable',
  D: 'not usually reliable',
  E: 'unreliable',
  F: 'reliability cannot be judged',
};
/** What each statement grade means. */
export const CREDIBILITY_MEANING: Record<string, string> = {
  '1': 'confirmed by other sources',
  '2': 'probably true',
  '3': 'possibly true',
  '4': 'doubtful',
  '5': 'improbable',
  '6': 'truth cannot be judged',
};

/** What "B2", "-1*" (a derived 1) or null say, in words. */
export function gradeTitle(grade: string | null): string {
  const [reliability = '-', credibility = '-'] = grade ?? '--';
  const outlet = reliability === '-' ? 'outlet ungraded' : `outlet ${reliability}: ${RELIABILITY_MEANING[reliability] ?? '?'}`;
  const statement = credibility === '-' ? 'statement ungraded' : `statement ${credibility}: ${CREDIBILITY_MEANING[credibility] ?? '?'}${grade?.endsWith('*') ? ' (derived: another outlet states it too)' : ''}`;
  return `${outlet}; ${statement}`;
}

export const gradeBadge = (grade: string | null): HTMLElement => h('span', { class: `grade${grade ? '' : ' ungraded'}`, 'data-testid': 'grade', title: gradeTitle(grade) }, grade ?? 'ungraded');

/**
 * One tickable grade per checkbox, its meaning in the label as the badge's title words it;
 * `onChange` hears the grade and whether it is ticked now.
 */
export function gradeChoices(half: 'reliability' | 'credibility', grades: readonly string[], ticked: ReadonlySet<string>, onChange: (grade: string, on: boolean) => void): HTMLElement[] {
  const meaning = half === 'reliability' ? RELIABILITY_MEANING : CREDIBILITY_MEANING;
  const whose = half === 'reliability' ? 'outlet' : 'statement';
  return grades.map((grade) => {
    const box = h('input', { type: 'checkbox', id: `filter-${half}-${grade}`, 'data-testid': `filter-${half}-${grade}`, value: grade, checked: ticked.has(grade) });
    box.addEventListener('change', () => onChange(grade, box.checked));
    return h('label', { class: 'grade-choice', title: `${whose} ${grade}: ${meaning[grade] ?? '?'}` }, box, ' ', h('span', { class: 'grade' }, grade), ' ', meaning[grade] ?? '');
  });
}

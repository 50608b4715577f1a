// The Admiralty grade beside a quote (Evidence.grade: "B2", the outlet's reliability and the
// statement's credibility), with what each half means on hover; "ungraded" when neither is graded.
import { h } from './dom.ts';

const RELIABILITY: Record<string, string> = {
  A: 'completely reliable',
  B: 'usually reliable',
  C: 'fairly reliable',
  D: 'not usually reliable',
  E: 'unreliable',
  F: 'reliability cannot be judged',
};
const CREDIBILITY: Record<string, string> = {
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
  const outlet = reliability === '-' ? 'outlet ungraded' : `outlet ${reliability}: ${RELIABILITY[reliability] ?? '?'}`;
  const statement = credibility === '-' ? 'statement ungraded' : `statement ${credibility}: ${CREDIBILITY[credibility] ?? '?'}${grade?.endsWith('*') ? ' (derived: another outlet states it too)' : ''}`;
  return `${outlet}; ${statement}`;
}

export const gradeBadge = (grade: string | null): HTMLElement => h('span', { class: `grade${grade ? '' : ' ungraded'}`, 'data-testid': 'grade', title: gradeTitle(grade) }, grade ?? 'ungraded');

// Test dossiers (text written for the tests) whose source names a graded outlet and whose
// statements carry credibilities: the data the grade filters select from.

export interface GradedRefusal {
  iso: string;
  name: string;
  /** The statement's credibility (1–6); absent: ungraded. */
  credibility?: number;
}

/** A source of `outlet` (graded `reliability`, A–F) reporting that these states refused a test force, one sentence each. */
export function gradedRefusals(sourceId: string, outlet: string, reliability: string, refusals: readonly GradedRefusal[]): { yaml: string; text: string } {
  const text = `${refusals.map((r) => `${r.name} refused to join the graded test force.`).join(' ')}\n`;
  const yaml = [
    'source:',
    `  id: "${sourceId}"`,
    `  name: "A graded test report (${outlet})"`,
    '  file: source.txt',
    `  outlet: ${outlet}`,
    `  reliability: ${reliability}`,
    'entities:',
    ...refusals.map((r) => `  - { id: "state:${r.iso}", kind: STATE, name: ${r.name} }`),
    '  - { id: "initiative:graded-test-force", kind: INITIATIVE, name: A graded test force }',
    'relationships:',
    ...refusals.flatMap((r) => [
      `  - ref: ${r.iso.toLowerCase()}-refuses`,
      '    type: REFUSED',
      `    from: state:${r.iso}`,
      '    to: initiative:graded-test-force',
      '    action: join the graded test force',
      '    firmness: firm',
      '    statedAt: 2026-01-06',
      ...(r.credibility === undefined ? [] : [`    credibility: ${r.credibility}`]),
      '    evidence:',
      `      - { quote: ${r.name} refused to join the graded test force., attribution: reported }`,
    ]),
  ].join('\n');
  return { yaml, text };
}

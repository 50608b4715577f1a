// Messages that are true: for each code whose message gives advice, a test applies exactly that
// advice to the dossier that triggered it and gets a valid dossier.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRegistry } from '../../src/ingest/dossier-files.ts';
import { validateDossier } from '../../src/ingest/validate-dossier.ts';
import { SEED_DOSSIER, SEED_SOURCE } from '../support/fixtures.ts';

const yamlText = readFileSync(SEED_DOSSIER, 'utf8');
const sourceText = readFileSync(SEED_SOURCE, 'utf8');
const knownNodes = readRegistry().nodes;
const problemsOf = (text: string) => validateDossier({ yamlText: text, sourceText, file: 'dossier.yaml', knownNodes }).problems;
const only = (text: string, code: string) => {
  const problems = problemsOf(text);
  expect(problems.map((p) => p.code)).toEqual([code]);
  return problems[0]?.message ?? '';
};

describe('advice that leads to a valid dossier', () => {
  it('QUOTE_MISMATCH: "set start: X and end: Y"', () => {
    const broken = yamlText.replace('start: 5224\n        end: 5379', 'start: 5000\n        end: 5155');
    const advice = /set start: (\d+) and end: (\d+)/.exec(only(broken, 'QUOTE_MISMATCH'));
    expect(advice).not.toBeNull();
    expect(problemsOf(broken.replace('start: 5000\n        end: 5155', `start: ${advice?.[1]}\n        end: ${advice?.[2]}`))).toEqual([]);
  });

  it('UNKNOWN_ID: "did you mean …?"', () => {
    const broken = yamlText.replace('    from: state:ITA\n', '    from: state:ITX\n');
    const advice = /did you mean (\S+) \(/.exec(only(broken, 'UNKNOWN_ID'));
    expect(advice?.[1]).toBe('state:ITA');
    expect(problemsOf(broken.replace('    from: state:ITX\n', `    from: ${advice?.[1]}\n`))).toEqual([]);
  });

  it('LEDGER_UNKNOWN_SENTENCE for two sentences in one entry: "give each its own entry"', () => {
    const first = 'However, unity was not absolute.';
    const second = 'Italian Prime Minister Giorgia Meloni and Polish Prime Minister Donald Tusk said their countries would not contribute troops to any mission inside Ukraine.';
    const merged = yamlText.replace(`  - sentence: ${first}\n    refs:\n      - deu-member-of-coalition\n      - ita-member-of-coalition\n      - pol-member-of-coalition\n  - sentence: ${second}\n`, `  - sentence: ${first} ${second}\n`);
    const problems = problemsOf(merged);
    const advice = problems.find((p) => p.code === 'LEDGER_UNKNOWN_SENTENCE')?.message ?? '';
    const sentences = [...advice.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    expect(sentences).toEqual([first, second]);
    // Following it: one entry per sentence (the refs as they were).
    const fixed = merged.replace(`  - sentence: ${first} ${second}\n`, `  - sentence: ${sentences[0]}\n    refs:\n      - deu-member-of-coalition\n      - ita-member-of-coalition\n      - pol-member-of-coalition\n  - sentence: ${sentences[1]}\n`);
    expect(problemsOf(fixed)).toEqual([]);
  });

  it('LEDGER_UNKNOWN_SENTENCE for part of a sentence or a typo: "use that whole sentence" / "the closest sentence is"', () => {
    const part = yamlText.replace('  - sentence: However, unity was not absolute.\n', '  - sentence: However, unity was not\n');
    const partial = problemsOf(part);
    expect(partial.map((p) => p.code).sort()).toEqual(['LEDGER_SENTENCE_MISSING', 'LEDGER_UNKNOWN_SENTENCE']);
    const whole = /the sentence "([^"]+)"; use that whole sentence/.exec(partial.find((p) => p.code === 'LEDGER_UNKNOWN_SENTENCE')?.message ?? '');
    expect(problemsOf(part.replace('  - sentence: However, unity was not\n', `  - sentence: ${whole?.[1]}\n`))).toEqual([]);
    const typo = yamlText.replace('  - sentence: However, unity was not absolute.\n', '  - sentence: However, unity wasn’t absolute.\n');
    const problems = problemsOf(typo);
    expect(problems.map((p) => p.code).sort()).toEqual(['LEDGER_SENTENCE_MISSING', 'LEDGER_UNKNOWN_SENTENCE']);
    const closest = /the closest sentence is "([^"]+)"/.exec(problems.find((p) => p.code === 'LEDGER_UNKNOWN_SENTENCE')?.message ?? '');
    expect(problemsOf(typo.replace('  - sentence: However, unity wasn’t absolute.\n', `  - sentence: ${closest?.[1]}\n`))).toEqual([]);
  });
});

// The dossier validator: the seed is valid, and each kind of damage gives its own code, line and path.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readRegistry } from '../../src/ingest/dossier-files.ts';
import { validateDossier } from '../../src/ingest/validate-dossier.ts';
import { SEED_DOSSIER, SEED_SOURCE } from '../support/fixtures.ts';

const yamlText = readFileSync(SEED_DOSSIER, 'utf8');
const sourceText = readFileSync(SEED_SOURCE, 'utf8');
const knownNodes = readRegistry('seeds/entities.yaml').nodes;
const validate = (text: string, source = sourceText) => validateDossier({ yamlText: text, sourceText: source, file: 'dossier.yaml', knownNodes });

/** The 1-based line of the first occurrence of `needle` at or after line `from`. */
function lineOf(text: string, needle: string, from = 1): number {
  const lines = text.split('\n');
  const index = lines.findIndex((line, i) => i + 1 >= from && line.includes(needle));
  if (index < 0) throw new Error(`"${needle}" not found`);
  return index + 1;
}

describe('validateDossier', () => {
  it('accepts the seed dossier and builds its batch', () => {
    const result = validate(yamlText);
    expect(result.problems).toEqual([]);
    expect(result.batch?.relationships).toHaveLength(74);
    expect(result.computedOffsets).toEqual([]);
    const ids = result.batch?.relationships.map((r) => r.id) ?? [];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('derives the same ids again (stable, content-derived)', () => {
    const a = validate(yamlText).batch?.relationships.map((r) => r.id);
    const b = validate(yamlText).batch?.relationships.map((r) => r.id);
    expect(a).toEqual(b);
    expect(validate(yamlText).refs.get('gbr-pledges-force')).toMatch(/^rel:[0-9a-f]{20}$/);
  });

  it('makes each entry a statement of its fact: one fact per dossier entry, aspects named on all or none of a pair, a reviewer when given', () => {
    const result = validate(yamlText);
    const statements = result.batch?.relationships.map((r) => r.statement) ?? [];
    expect(new Set(statements).size).toBe(74);
    expect(statements.every((s) => /^stmt:[0-9a-f]{20}$/.test(s ?? ''))).toBe(true);
    expect(result.batch).toMatchObject({ complete: true, review: { state: 'reviewed', by: 'commitment-graph maintainers' } });
    const twin = `relationships:
  - ref: ita-refuses-again
    type: REFUSED
    from: state:ITA
    to: initiative:multinational-force-ukraine
    action: send troops
    firmness: firm
    evidence:
      - quote: Italy's Prime Minister Giorgia Meloni
        attribution: reported
`;
    const duplicated = validate(yamlText.replace('relationships:\n', twin));
    expect(duplicated.problems).toContainEqual(expect.objectContaining({ code: 'DUPLICATE_RELATIONSHIP', message: expect.stringContaining('give each an aspect') }));
    const oneAspect = validate(yamlText.replace('relationships:\n', twin.replace('    action: send troops\n', '    aspect: naval escorts\n    action: send troops\n')));
    expect(oneAspect.problems.map((p) => p.code)).toContain('ASPECT_INCONSISTENT');
    expect(oneAspect.problems.map((p) => p.code)).not.toContain('DUPLICATE_RELATIONSHIP');
  });

  it('changing one character of any quote fails with that relationship\'s path and line', () => {
    const dossier = parse(yamlText) as { relationships: { evidence: { quote: string }[] }[] };
    let checked = 0;
    dossier.relationships.forEach((rel, i) => {
      rel.evidence.forEach((evidence, j) => {
        const quote = evidence.quote;
        const at = Math.floor(quote.length / 2);
        const changed = quote.slice(0, at) + (quote[at] === 'x' ? 'y' : 'x') + quote.slice(at + 1);
        // Replace this occurrence only: the n-th "quote: …" line with this text.
        const lines = yamlText.split('\n');
        const quoteLines = lines.map((l, n) => (l.trim() === `- quote: ${quote}` || l.trim() === `- quote: "${quote}"` ? n : -1)).filter((n) => n >= 0);
        const target = quoteLines[dossier.relationships.slice(0, i).flatMap((r) => r.evidence).concat(rel.evidence.slice(0, j)).filter((e) => e.quote === quote).length] as number;
        lines[target] = (lines[target] as string).replace(quote, changed);
        const result = validate(lines.join('\n'));
        expect(result.batch).toBeUndefined();
        expect(result.problems).toHaveLength(1);
        expect(result.problems[0]).toMatchObject({
          code: 'QUOTE_MISMATCH',
          path: `relationships[${i}].evidence[${j}].quote`,
          line: target + 1,
          file: 'dossier.yaml',
        });
        checked++;
      });
    });
    expect(checked).toBeGreaterThan(90);
  });

  it('reports an unknown id with its line', () => {
    const text = yamlText.replace('    from: state:ITA\n', '    from: state:ITX\n');
    const problems = validate(text).problems;
    expect(problems).toContainEqual(expect.objectContaining({ code: 'UNKNOWN_ID', line: lineOf(text, 'from: state:ITX') }));
  });

  it('reports a duplicate entity id', () => {
    const text = yamlText.replace('  - id: condition:peace-agreement', '  - id: condition:ceasefire-in-force');
    const problems = validate(text).problems;
    expect(problems).toContainEqual(expect.objectContaining({ code: 'DUPLICATE_ID', path: 'entities[10].id', line: lineOf(text, '- id: condition:ceasefire-in-force', lineOf(text, '- id: condition:ceasefire-in-force') + 1) }));
  });

  it('reports a bad enum value', () => {
    const text = yamlText.replace('firmness: hedged', 'firmness: lukewarm');
    const problems = validate(text).problems;
    expect(problems).toEqual([expect.objectContaining({ code: 'BAD_ENUM', line: lineOf(text, 'firmness: lukewarm'), path: expect.stringMatching(/^relationships\[\d+\]\.firmness$/) })]);
  });

  it('reports malformed YAML with its line', () => {
    const text = yamlText.replace('    type: PLEDGED\n', '    type: [PLEDGED\n');
    const problems = validate(text).problems;
    expect(problems[0]).toMatchObject({ code: 'YAML_SYNTAX', file: 'dossier.yaml' });
    expect(problems[0]?.line).toBeGreaterThan(80);
  });

  it('reports duplicate keys', () => {
    const text = yamlText.replace('    firmness: hedged\n', '    firmness: hedged\n    firmness: firm\n');
    expect(validate(text).problems[0]).toMatchObject({ code: 'YAML_DUPLICATE_KEY', line: lineOf(text, 'firmness: firm') });
  });

  it('computes offsets for a quote that occurs once, and refuses one that occurs twice', () => {
    const text = yamlText.replace(/\n {8}start: 0\n {8}end: 113\n/, '\n');
    const result = validate(text);
    expect(result.problems).toEqual([]);
    expect(result.computedOffsets).toEqual([{ path: ['relationships', 0, 'evidence', 0], start: 0, end: 113 }]);
    const ambiguous = text.replace(
      '- quote: Britain and France have declared their readiness to deploy troops to Ukraine following any future peace agreement\n',
      '- quote: Britain\n',
    );
    expect(validate(ambiguous).problems).toContainEqual(expect.objectContaining({ code: 'QUOTE_AMBIGUOUS', path: 'relationships[0].evidence[0].quote' }));
  });

  it('refuses a changed source text by its hash and its quotes', () => {
    const problems = validate(yamlText, sourceText.replace('Britain', 'Britannia')).problems;
    expect(problems.map((p) => p.code)).toContain('SOURCE_HASH_MISMATCH');
    expect(problems.map((p) => p.code)).toContain('QUOTE_MISMATCH');
  });

  it('needs the ledger to cover every sentence with existing refs', () => {
    const missing = yamlText.replace(/ {2}- sentence: However, unity was not absolute\.\n(?: {4}.*\n)+?(?= {2}- sentence)/, '');
    expect(validate(missing).problems).toEqual([expect.objectContaining({ code: 'LEDGER_SENTENCE_MISSING' })]);
    const unknownRef = yamlText.replace('      - zelenskyy-warns-coalition\n', '      - zelenskyy-warns-nobody\n');
    expect(validate(unknownRef).problems).toContainEqual(expect.objectContaining({ code: 'UNKNOWN_REF' }));
  });

  it('refuses an endpoint of the wrong kind and an inferred quote without a note', () => {
    const wrongKind = yamlText.replace('    from: person:emmanuel-macron\n    to: state:FRA\n', '    from: person:emmanuel-macron\n    to: event:2026-01-06-paris-summit\n');
    expect(validate(wrongKind).problems).toContainEqual(expect.objectContaining({ code: 'BAD_ENDPOINT' }));
    const noNote = yamlText.replace(/\n {8}note: The summit was held in Paris and hosted by the French President\./, '');
    expect(validate(noNote).problems).toContainEqual(expect.objectContaining({ code: 'NOTE_REQUIRED' }));
  });

  it('runs every stage: a bad source block, a schema problem, a quote problem and a ledger problem are all reported, by line', () => {
    const text = yamlText
      .replace('  sha256: d165386d35ab6f92f18547a737e74c337c05ad67d436f0e337d4213fa6d77fe0\n', '  sha256: d165386d35ab6f92f18547a737e74c337c05ad67d436f0e337d4213fa6d77fe1\n  colour: red\n')
      .replace('firmness: hedged', 'firmness: lukewarm')
      .replace('- quote: Britain and France have declared their readiness to deploy troops to Ukraine following any future peace agreement\n', '- quote: Britain and France have declared their readiness to deploy troops to Ukraine following any future peace agreements\n')
      .replace('  - sentence: However, unity was not absolute.', '  - sentence: However, unity was absolute.');
    const problems = validate(text).problems;
    expect(problems.map((p) => p.code).sort()).toEqual(['BAD_ENUM', 'LEDGER_SENTENCE_MISSING', 'LEDGER_UNKNOWN_SENTENCE', 'QUOTE_MISMATCH', 'SOURCE_HASH_MISMATCH', 'UNKNOWN_FIELD']);
    const lines = problems.map((p) => p.line ?? 0);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it('checks the quotes of a relationship whose other fields fail the schema', () => {
    // The first relationship gets a bad firmness and a changed quote: both are reported.
    const text = yamlText
      .replace('    firmness: conditional\n', '    firmness: maybe\n')
      .replace('- quote: Britain and France have declared their readiness to deploy troops to Ukraine following any future peace agreement\n', '- quote: Britain and France have declared their readiness to deploy troops to Ukraine after any future peace agreement\n');
    const problems = validate(text).problems;
    expect(problems).toContainEqual(expect.objectContaining({ code: 'BAD_ENUM', path: 'relationships[0].firmness' }));
    expect(problems).toContainEqual(expect.objectContaining({ code: 'QUOTE_MISMATCH', path: 'relationships[0].evidence[0].quote' }));
  });

  it('resolves a condition of kind commitment to the relationship its ref names, and refuses an unknown ref', () => {
    const fixture = readFileSync('test/fixtures/dependencies/dossier.yaml', 'utf8');
    const text = readFileSync('test/fixtures/dependencies/source.txt', 'utf8');
    const ok = validateDossier({ yamlText: fixture, sourceText: text, file: 'd.yaml', knownNodes });
    expect(ok.problems).toEqual([]);
    const condition = ok.batch?.nodes.find((n) => n.id === 'condition:test-us-air-support-holds');
    expect(condition).toMatchObject({ conditionKind: 'commitment', subject: ok.refs.get('usa-air-support') });
    const broken = validateDossier({ yamlText: fixture.replace('subject: usa-air-support', 'subject: usa-air-supprt'), sourceText: text, file: 'd.yaml', knownNodes });
    expect(broken.problems).toEqual([expect.objectContaining({ code: 'UNKNOWN_REF', path: 'entities[1].subject' })]);
    const withdrawn = validateDossier({ yamlText: fixture.replace('    statedAt: 2026-02~\n', '    statedAt: 2026-02~\n    status: withdrawn\n'), sourceText: text, file: 'd.yaml', knownNodes });
    expect(withdrawn.problems.map((p) => p.code)).toEqual(['WITHDRAWN_WITHOUT_END']);
  });
});

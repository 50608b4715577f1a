// Generators of bad dossiers, each invalid by construction: wrong types, unknown ids, broken
// quotes, YAML bombs, duplicate keys, huge strings and unicode edge cases.
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { NEW_DOSSIER, NEW_SOURCE } from '../api/api-suite.ts';

export const GOOD_DOSSIER = NEW_DOSSIER;
export const GOOD_SOURCE = NEW_SOURCE;

type Dossier = { relationships: Record<string, unknown>[] } & Record<string, unknown>;
const base = () => parse(NEW_DOSSIER) as Dossier;
const edit = (change: (d: Dossier) => void) => {
  const d = base();
  change(d);
  return stringify(d);
};

const EDGE_CHARACTERS = ['\u200d', '\ufeff', '\u202e', '\u0301', '💥', '\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}', '\u0000', '\u2028', 'İ', 'ß'];

export const badDossier = fc.oneof(
  fc
    .record({
      field: fc.constantFrom('type', 'from', 'to', 'action', 'firmness', 'evidence'),
      value: fc.oneof(fc.integer(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 })),
    })
    .map(({ field, value }) => ({ kind: 'wrong type', yaml: edit((d) => void ((d.relationships[0] as Record<string, unknown>)[field] = value)) })),
  fc
    .record({ field: fc.constantFrom('from', 'to'), slug: fc.stringMatching(/^[a-z]{1,12}$/) })
    .map(({ field, slug }) => ({ kind: 'unknown id', yaml: edit((d) => void ((d.relationships[0] as Record<string, unknown>)[field] = `state:zz-${slug}`)) })),
  fc.string({ minLength: 1, maxLength: 20 }).map((suffix) => ({
    kind: 'broken quote',
    yaml: edit((d) => {
      const evidence = (d.relationships[0] as { evidence: { quote: string }[] }).evidence[0] as { quote: string };
      evidence.quote = `${evidence.quote}${suffix}§`;
    }),
  })),
  fc.integer({ min: 3, max: 9 }).map((levels) => {
    const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]`);
    return { kind: 'yaml bomb', yaml: `${lines.join('\n')}\n${NEW_DOSSIER}` };
  }),
  fc.constantFrom('type: PLEDGED', 'from: state:POL', 'firmness: firm').map((line) => ({
    kind: 'duplicate key',
    yaml: NEW_DOSSIER.replace(`    ${line}\n`, `    ${line}\n    ${line}\n`),
  })),
  fc.integer({ min: 301, max: 200_000 }).map((n) => ({ kind: 'huge string', yaml: edit((d) => void ((d.relationships[0] as Record<string, unknown>).action = 'x'.repeat(n))) })),
  fc.record({ at: fc.nat(), ch: fc.constantFrom(...EDGE_CHARACTERS) }).map(({ at, ch }) => ({
    kind: 'unicode edge',
    yaml: edit((d) => {
      const evidence = (d.relationships[0] as { evidence: { quote: string }[] }).evidence[0] as { quote: string };
      const i = at % evidence.quote.length;
      evidence.quote = evidence.quote.slice(0, i) + ch + evidence.quote.slice(i);
    }),
  })),
);

// The nearest id an unknown one may be a slip for: by its words, by a name it begins, by a few
// edits; this dossier's own entities first; the validator's UNKNOWN_ID advice names it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GraphNode } from '../../src/domain/model.ts';
import { readRegistry } from '../../src/ingest/dossier-files.ts';
import { candidateOf, nearestId } from '../../src/ingest/nearest-id.ts';
import { validateDossier } from '../../src/ingest/validate-dossier.ts';
import { SEED_DOSSIER, SEED_SOURCE } from '../support/fixtures.ts';

const node = (id: string, kind: GraphNode['kind'], name: string, aliases: string[] = []) => ({ id, kind, name, aliases }) as GraphNode;
const meloni = node('person:giorgia-meloni', 'PERSON', 'Giorgia Meloni');
const japan = node('state:JPN', 'STATE', 'Japan', ['Nippon']);
const jamaica = node('state:JAM', 'STATE', 'Jamaica');
const italy = node('state:ITA', 'STATE', 'Italy');
const nato = node('alliance:nato', 'ALLIANCE', 'North Atlantic Treaty Organization', ['NATO']);
const candidates = [meloni, jamaica, japan, italy, nato].map(candidateOf);

describe('nearestId', () => {
  it('matches the words of the id among a longer id or name (person:meloni → person:giorgia-meloni)', () => {
    expect(nearestId('person:meloni', candidates)?.id).toBe('person:giorgia-meloni');
    expect(nearestId('person:giorgia', candidates)?.id).toBe('person:giorgia-meloni');
  });

  it('prefers a name the id begins to one edit on a short code (state:JAP → Japan, not Jamaica), and takes an alias as a name', () => {
    expect(nearestId('state:JAP', candidates)?.id).toBe('state:JPN');
    expect(nearestId('state:nippon', candidates)?.id).toBe('state:JPN');
    expect(nearestId('alliance:north-atlantic-treaty-organisation', candidates)?.id).toBe('alliance:nato');
  });

  it('allows one edit in a short code and two in a longer slug, of the same kind prefix and an allowed kind', () => {
    expect(nearestId('state:ITX', candidates)?.id).toBe('state:ITA');
    expect(nearestId('person:giorgia-melonni', candidates)?.id).toBe('person:giorgia-meloni');
    expect(nearestId('state:QQQ', candidates)).toBeUndefined();
    expect(nearestId('person:ITA', candidates)).toBeUndefined();
    expect(nearestId('state:ITX', candidates, ['ALLIANCE'])).toBeUndefined();
    expect(nearestId('no-prefix', candidates)).toBeUndefined();
  });

  it('gives a tie to the candidate listed first', () => {
    const other = node('person:marco-meloni', 'PERSON', 'Marco Meloni');
    expect(nearestId('person:meloni', [other, meloni].map(candidateOf))?.id).toBe('person:marco-meloni');
    expect(nearestId('person:meloni', [meloni, other].map(candidateOf))?.id).toBe('person:giorgia-meloni');
  });
});

describe('UNKNOWN_ID advice', () => {
  const yamlText = readFileSync(SEED_DOSSIER, 'utf8');
  const sourceText = readFileSync(SEED_SOURCE, 'utf8');
  const knownNodes = readRegistry('seeds/entities.yaml').nodes;
  const validate = (text: string, nearby?: () => Iterable<{ node: GraphNode; names: readonly string[] }>) =>
    validateDossier({ yamlText: text, sourceText, file: 'dossier.yaml', knownNodes, ...(nearby ? { nearby } : {}) });
  const unknown = (text: string, nearby?: Parameters<typeof validate>[1]) => validate(text, nearby).problems.filter((p) => p.code === 'UNKNOWN_ID');

  it('names an entity of the same dossier, and one of the registry', () => {
    const own = yamlText.replace('entities:\n', 'entities:\n  - id: person:jane-example-doe\n    kind: PERSON\n    name: Jane Example Doe\n').replace('statedBy: [ person:giorgia-meloni ]', 'statedBy: [ person:doe ]');
    expect(unknown(own)).toEqual([expect.objectContaining({ message: expect.stringContaining('did you mean person:jane-example-doe (Jane Example Doe)?') })]);
    const registry = yamlText.replace('statedBy: [ person:giorgia-meloni ]', 'statedBy: [ person:meloni ]');
    expect(unknown(registry)).toEqual([expect.objectContaining({ message: expect.stringContaining('did you mean person:giorgia-meloni (Giorgia Meloni)?') })]);
  });

  it('names an id the caller adds nearby (the country tables), asked for only when an id is unknown', () => {
    let asked = 0;
    const tables = () => {
      asked++;
      return [candidateOf(japan)];
    };
    expect(validate(yamlText, tables).problems).toEqual([]);
    expect(asked).toBe(0);
    const text = yamlText.replace('    from: state:ITA\n', '    from: state:JAP\n');
    expect(unknown(text, tables)).toEqual([expect.objectContaining({ message: expect.stringContaining('did you mean state:JPN (Japan)?') })]);
    expect(asked).toBeGreaterThan(0);
    expect(unknown(text)[0]?.message).not.toContain('did you mean');
  });
});

describe('exact fixes', () => {
  it('a wrong Goldstein value or PLOVER type of a CAMEO code is CODE_MISMATCH with the value to write', () => {
    const yamlText = readFileSync(SEED_DOSSIER, 'utf8');
    const text = yamlText.replace('    goldstein: 6.0\n    plover: AGREE\n', '    goldstein: -4.4\n    plover: THREATEN\n');
    const result = validateDossier({ yamlText: text, sourceText: readFileSync(SEED_SOURCE, 'utf8'), file: 'dossier.yaml', knownNodes: readRegistry('seeds/entities.yaml').nodes });
    expect(result.problems.map((p) => [p.code, p.path])).toEqual([
      ['CODE_MISMATCH', 'relationships[0].goldstein'],
      ['CODE_MISMATCH', 'relationships[0].plover'],
    ]);
    expect(result.exactFixes).toEqual([
      { path: ['relationships', 0, 'goldstein'], value: 6 },
      { path: ['relationships', 0, 'plover'], value: 'AGREE' },
    ]);
  });
});

// The review page's dossier builder on a real draft (the rules drafter, in-process): what it keeps,
// what it edits, and that the validator accepts the result with the accepted relationships reviewed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reviewedDossier, type ChosenEntity, type Decision, type RelationshipEdit } from '../../src/dashboard/review-yaml.ts';
import { readRegistry } from '../../src/ingest/dossier-files.ts';
import { draftContext, draftDossier } from '../../src/ingest/draft/draft.ts';
import { validateDossier } from '../../src/ingest/validate-dossier.ts';
import { DATA_DIR } from '../../src/project-files.ts';

const TEXT = readFileSync('test/fixtures/review/article.txt', 'utf8');
const registry = readRegistry();
const draft = draftDossier(TEXT, {}, draftContext(registry, DATA_DIR));
const REVIEWER = { by: 'A. Analyst', at: '2026-12-07' };

/** The candidate's index whose quote and type match. */
function indexOf(quoteStart: string, from: string): number {
  const index = draft.candidates.findIndex((c) => c.quote.startsWith(quoteStart) && c.from === from);
  expect(index, `${from}: ${quoteStart}`).toBeGreaterThanOrEqual(0);
  return index;
}

function review(decide: (index: number) => Decision, edits = new Map<string, RelationshipEdit>(), entities: ChosenEntity[] = []) {
  const { yaml, accepted } = reviewedDossier({ draftYaml: draft.yaml, candidates: draft.candidates, decisions: draft.candidates.map((_, i) => decide(i)), edits, reviewer: REVIEWER, entities });
  const result = validateDossier({ yamlText: yaml, sourceText: TEXT, file: 'reviewed.yaml', knownNodes: registry.nodes });
  return { yaml, accepted, result };
}

const ends = (r: { type: string; from: string; to: string }) => `${r.from} ${r.type} ${r.to}`;

describe('reviewedDossier', () => {
  it('the draft has the candidates these tests decide on', () => {
    expect(draft.candidates.map(ends)).toEqual(expect.arrayContaining(['state:DEU PLEDGED initiative:send-air-defence-systems-to-ukraine', 'state:POL REFUSED initiative:contribute-troops-to-any-mission-inside-ukraine', 'state:RUS WARNED state:UKR', 'state:FRA PLEDGED state:UKR']));
  });

  it('keeps only the accepted candidates, edited, reviewed by the person; drops what only the rejected ones named', () => {
    const poland = indexOf('Poland', 'state:POL');
    const france = indexOf('France', 'state:FRA');
    const edits = new Map([[draft.candidates[france]!.ref, { firmness: 'firm', conditions: [] }]]);
    const { yaml, result } = review((i) => (i === poland || draft.candidates[i]!.from === 'state:UKR' ? 'rejected' : 'accepted'), edits);
    expect(result.problems).toEqual([]);
    const batch = result.batch!;
    expect(batch.review).toMatchObject({ state: 'reviewed', by: 'A. Analyst', at: '2026-12-07' });
    expect(batch.relationships.map(ends).sort()).toEqual(['state:DEU PLEDGED initiative:send-air-defence-systems-to-ukraine', 'state:FRA PLEDGED state:UKR', 'state:RUS WARNED state:UKR']);
    expect(batch.relationships.find((r) => r.from === 'state:FRA')).toMatchObject({ firmness: 'firm', conditions: [] });
    expect(yaml).not.toContain('review: machine');
    expect(yaml).not.toContain('initiative:contribute-troops');
    expect(yaml).not.toContain('condition:a-ceasefire-holds');
    // The refused sentence stays in the ledger, now saying why it asserts nothing.
    expect(yaml).toMatch(/- sentence: Poland refused[^\n]*\n\s+none: the reviewer accepted no relationship/);
  });

  it('leaves open candidates out, and refuses a review that accepts nothing', () => {
    const russia = indexOf('Russia', 'state:RUS');
    const { result, accepted } = review((i) => (i === russia ? 'accepted' : 'open'));
    expect(result.problems).toEqual([]);
    expect(result.batch?.relationships.map(ends)).toEqual(['state:RUS WARNED state:UKR']);
    expect(accepted).toEqual([draft.candidates[russia]!.ref]);
    expect(() => review(() => 'rejected')).toThrow(/accept at least one/);
  });

  it('a changed type drops the codes of the old one and renames the drafted verb', () => {
    const germany = indexOf('ROME', 'state:DEU');
    const { yaml, result } = review((i) => (i === germany ? 'accepted' : 'rejected'), new Map([[draft.candidates[germany]!.ref, { type: 'WARNED' }]]));
    expect(result.problems).toEqual([]);
    expect(result.batch?.relationships[0]).toMatchObject({ type: 'WARNED', action: 'warned' });
    expect(yaml).not.toMatch(/cameo: "030"/);
  });

  it('an actor chosen from the country tables is introduced as an entity; without it the id is unknown', () => {
    const germany = indexOf('ROME', 'state:DEU');
    const edits = new Map([[draft.candidates[germany]!.ref, { from: 'state:JPN' }]]);
    const decide = (i: number): Decision => (i === germany ? 'accepted' : 'rejected');
    const chosen = review(decide, edits, [{ id: 'state:JPN', kind: 'STATE', name: 'Japan', aliases: [], iso3: 'JPN', iso2: 'JP', cowCode: 740, note: null }]);
    expect(chosen.result.problems).toEqual([]);
    expect(chosen.result.batch?.relationships[0]?.from).toBe('state:JPN');
    expect(chosen.result.batch?.nodes.find((n) => n.id === 'state:JPN')).toMatchObject({ kind: 'STATE', name: 'Japan', iso3: 'JPN', iso2: 'JP', cowCode: 740 });
    expect(chosen.yaml).not.toContain('note: null');
    expect(review(decide, edits).result.problems.map((p) => p.code)).toEqual(['UNKNOWN_ID']);
  });
});

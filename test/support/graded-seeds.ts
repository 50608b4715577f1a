// The two seed articles as dossiers that grade their outlets and some statements, for the tests
// of analyses narrowed to grades (API and CLI): the Paris report's outlet B with France's pledge 2
// and Russia's warning against the force 4, the declaration's outlet D with France's pledge 3.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { FIRST_SEED_DIR, SECOND_SEED_DIR } from './fixtures.ts';

export const FIRST = 'source:coalition-of-the-willing-paris-summit';
export const SECOND = 'source:coalition-of-volunteers-signs-declaration';

/** Each seed folder, its source, its outlet's grade and the credibility of some relationships (by ref). */
export const GRADED_SEEDS = [
  { dir: FIRST_SEED_DIR, sourceId: FIRST, outlet: 'paris-wire', reliability: 'B', credibility: { 'fra-pledges-force': 2, 'russia-warns-against-force': 4 } },
  { dir: SECOND_SEED_DIR, sourceId: SECOND, outlet: 'allthe-news', reliability: 'D', credibility: { 'fra-pledges-force': 3 } },
] as const;

type GradedSeed = (typeof GRADED_SEEDS)[number];

/** A seed's dossier graded (y) with its source text (t), as the ingestDossier mutation takes them. */
export function gradedDossier({ dir, sourceId, outlet, reliability, credibility }: GradedSeed): { y: string; t: string; textFile: string } {
  const original = readFileSync(join(dir, 'dossier.yaml'), 'utf8');
  let yaml = original.replace(`  id: ${sourceId}\n`, `  id: ${sourceId}\n  outlet: ${outlet}\n  reliability: ${reliability}\n`);
  for (const [ref, grade] of Object.entries(credibility)) yaml = yaml.replace(`  - ref: ${ref}\n`, `  - ref: ${ref}\n    credibility: ${grade}\n`);
  if (yaml === original) throw new Error(`the seed dossier in ${dir} changed: its grades could not be set`);
  const textFile = original.match(/^ {2}file: (.+)$/m)?.[1] as string;
  return { y: yaml, t: readFileSync(join(dir, textFile), 'utf8'), textFile };
}

/** Both graded dossiers written as a seeds folder under `root` (for `cgraph load`), with the registry. */
export function writeGradedSeeds(root: string): string {
  for (const seed of GRADED_SEEDS) {
    const { y, textFile } = gradedDossier(seed);
    const dir = join(root, basename(seed.dir));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'dossier.yaml'), y);
    copyFileSync(join(seed.dir, textFile), join(dir, textFile));
  }
  copyFileSync(join(FIRST_SEED_DIR, '..', 'entities.yaml'), join(root, 'entities.yaml'));
  return root;
}

// The published JSON Schema of the dossier format: generated from the zod schemas (the committed
// copy is the generator's output), every dossier names it, the dossiers pass it, and the mistakes
// an editor should flag while typing fail it.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { dossierJsonSchema } from '../../src/domain/dossier.ts';
import { findDossiers } from '../../src/ingest/dossier-files.ts';

const SCHEMA_FILE = 'seeds/dossier.schema.json';
const committed = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
// Formats (uri) are the validator's business; the schema is for editors' completion and checks.
const validate = new Ajv2020({ strict: false, validateFormats: false, allErrors: true }).compile(committed);
const DOSSIERS = [...findDossiers(['seeds']), 'test/fixtures/dependencies/dossier.yaml'];
const seed = readFileSync('seeds/paris-summit-2026-01-06/dossier.yaml', 'utf8');
const errorsOf = (yaml: string) => (validate(parse(yaml)) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`));

describe('the dossier JSON Schema', () => {
  it('is generated from the zod schemas: the committed copy equals cgraph schema', () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(dossierJsonSchema())));
  });

  it('is named by every dossier, and every dossier passes it', () => {
    expect(DOSSIERS.length).toBeGreaterThanOrEqual(2);
    for (const file of DOSSIERS) {
      const text = readFileSync(file, 'utf8');
      expect(text.split('\n')[0], file).toMatch(/^# yaml-language-server: \$schema=(\.\.\/)+(seeds\/)?dossier\.schema\.json$/);
      expect(errorsOf(text), file).toEqual([]);
    }
  });

  it('flags a misspelt field, a bad enum value and a missing quote', () => {
    expect(errorsOf(seed.replace('    firmness: hedged\n', '    firmnes: hedged\n'))).not.toEqual([]);
    expect(errorsOf(seed.replace('firmness: hedged', 'firmness: lukewarm'))).not.toEqual([]);
    expect(errorsOf(seed.replace('      - quote: Britain and France have declared their readiness to deploy troops to Ukraine following any future peace agreement\n', '      - attribution_note: none\n'))).not.toEqual([]);
    expect(errorsOf(seed.replace('    type: PLEDGED\n', '    type: PROMISED\n'))).not.toEqual([]);
  });
});

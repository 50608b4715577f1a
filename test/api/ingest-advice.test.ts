// ingestDossier's advice on an id that names nothing, in-process over the API's HTTP handler: it
// names the nearest id from the same places `cgraph validate --against-store` searches (the store
// by name, the country tables), so the API and the CLI suggest the same fix.
import { readFileSync } from 'node:fs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { API_KEY, codes, seededApi } from '../support/graphql-client.ts';

const DIR = 'seeds/coalition-of-volunteers-declaration-2026-01-06';
const YAML = readFileSync(`${DIR}/dossier.yaml`, 'utf8');
const TEXT = readFileSync(`${DIR}/coalition-of-volunteers-signs-declaration.txt`, 'utf8');
const INGEST = 'mutation($yaml: String!, $text: String!) { ingestDossier(yaml: $yaml, sourceText: $text) { relationshipsCreated } }';

async function problemsFor(yaml: string): Promise<{ code: string; path?: string; message: string }[]> {
  const api = await seededApi(new MemoryStore());
  onTestFinished(() => api.store.close());
  const res = await api.query(INGEST, { yaml, text: TEXT }, { authorization: `Bearer ${API_KEY}` });
  expect(codes(res)).toEqual(['VALIDATION_FAILED']);
  return (res.errors?.[0]?.extensions?.problems ?? []) as { code: string; path?: string; message: string }[];
}

describe('ingestDossier: advice on an unknown id', () => {
  it('names a stored initiative by its words, and a state only the country tables know by a name it begins', async () => {
    const edited = YAML.replace('to: initiative:multinational-force-ukraine', 'to: initiative:multinational-force').replace('statedBy: [ person:emmanuel-macron ]', 'statedBy: [ state:JAP ]');
    expect(edited).not.toBe(YAML);
    const unknown = (await problemsFor(edited)).filter((p) => p.code === 'UNKNOWN_ID');
    expect(unknown.find((p) => p.message.startsWith('"initiative:multinational-force"'))?.message).toContain('did you mean initiative:multinational-force-ukraine (Multinational reassurance force for Ukraine)?');
    expect(unknown.find((p) => p.message.startsWith('"state:JAP"'))?.message).toContain('did you mean state:JPN (Japan)?');
  });

  it('suggests nothing for an id nothing resembles', async () => {
    const unknown = (await problemsFor(YAML.replace('to: initiative:multinational-force-ukraine', 'to: initiative:zzqx-wvvk'))).filter((p) => p.code === 'UNKNOWN_ID');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).not.toContain('did you mean');
  });
});

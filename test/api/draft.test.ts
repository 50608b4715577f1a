// draftDossier over the API: a draft of an article, written nowhere, that ingestDossier (with its
// API key) then loads as it is, its statements unreviewed; bad input is coded; the time budget
// answers DRAFT_TIMEOUT and keeps the draft for the next ask.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRegistry } from '../../src/ingest/dossier-files.ts';
import { DraftService } from '../../src/services/draft-service.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { eachStore } from '../support/fixtures.ts';
import { API_KEY, codes, seededApi } from '../support/graphql-client.ts';

const TEXT = readFileSync('test/fixtures/draft-eval/bloomberg-turkey-bases-iraq-2008/article.txt', 'utf8');
const DRAFT = `query($text: String!, $sourceId: ID, $url: String, $publishedAt: String) {
  draftDossier(text: $text, sourceId: $sourceId, url: $url, publishedAt: $publishedAt) {
    yaml sentences newEntities
    candidates { type from to quote start end sentence firmness conditions cue confidence attribution speaker review ref }
  }
}`;
const INGEST = 'mutation($yaml: String!, $text: String!) { ingestDossier(yaml: $yaml, sourceText: $text) { relationshipsCreated created } }';

interface DraftReply {
  draftDossier: {
    yaml: string;
    sentences: number;
    newEntities: number;
    candidates: { type: string; from: string; to: string; quote: string; start: number; end: number; review: string; confidence: number }[];
  };
}

for (const [name, open, skip] of eachStore()) {
  describe.skipIf(skip)(`draftDossier on ${name}`, () => {
    it('drafts without writing; ingestDossier loads the draft as it is, unreviewed', async () => {
      const store = await open();
      try {
        const api = await seededApi(store);
        const version = await store.version();
        const res = await api.query<DraftReply>(DRAFT, { text: TEXT, sourceId: 'source:bloomberg-turkey-bases', url: 'http://www.pidnews.com/2008/03/05/turkey-refuses-to-close-bases-in-northern-iraq-vatan-says/', publishedAt: '2008-03-05' });
        expect(res.errors).toBeUndefined();
        const draft = res.data?.draftDossier;
        expect(draft?.sentences).toBe(3);
        expect(draft?.candidates).toContainEqual(expect.objectContaining({ type: 'REFUSED', from: 'state:TUR', review: 'MACHINE' }));
        for (const c of draft?.candidates ?? []) expect(TEXT.slice(c.start, c.end)).toBe(c.quote);
        expect(draft?.yaml).toContain('id: source:bloomberg-turkey-bases');
        expect(await store.version()).toBe(version);

        const unauthenticated = await api.query(INGEST, { yaml: draft?.yaml, text: TEXT });
        expect(codes(unauthenticated)).toEqual(['UNAUTHENTICATED']);
        const ingested = await api.query<{ ingestDossier: { relationshipsCreated: number; created: string[] } }>(INGEST, { yaml: draft?.yaml, text: TEXT }, { authorization: `Bearer ${API_KEY}` });
        expect(ingested.errors).toBeUndefined();
        expect(ingested.data?.ingestDossier.relationshipsCreated).toBeGreaterThan(0);
        expect(ingested.data?.ingestDossier.created).toContain('state:TUR');
        const statements = await api.query<{ commitments: { edges: { node: { type: string; from: { id: string }; statements: { review: { state: string } }[] } }[] } }>(
          '{ commitments(filter: { sources: ["source:bloomberg-turkey-bases"] }) { edges { node { type from { id } statements { review { state } } } } } }',
        );
        expect(statements.errors).toBeUndefined();
        const nodes = statements.data?.commitments.edges.map((e) => e.node) ?? [];
        expect(nodes).toContainEqual(expect.objectContaining({ type: 'REFUSED', from: { id: 'state:TUR' } }));
        expect(nodes.flatMap((n) => n.statements.map((s) => s.review.state)).every((state) => state === 'MACHINE')).toBe(true);
      } finally {
        await store.close();
      }
    });
  });
}

describe('draftDossier input and limits', () => {
  it('codes bad input: empty, no sentence, bad options', async () => {
    const api = await seededApi(new MemoryStore());
    expect(codes(await api.query(DRAFT, { text: '   ' }))).toEqual(['DRAFT_EMPTY']);
    expect(codes(await api.query(DRAFT, { text: '12 — 14 %' }))).toEqual(['DRAFT_NO_SENTENCES']);
    expect(codes(await api.query(DRAFT, { text: 'Binary\u0000\u0001\u0002\u0003' }))).toEqual(['DRAFT_BINARY']);
    expect(codes(await api.query(DRAFT, { text: TEXT, publishedAt: 'soon' }))).toEqual(['DRAFT_BAD_OPTION']);
    expect(codes(await api.query(DRAFT, { text: TEXT, sourceId: 'not a source' }))).toEqual(['DRAFT_BAD_OPTION']);
    expect(codes(await api.query(DRAFT, { text: TEXT, url: 'nowhere' }))).toEqual(['DRAFT_BAD_OPTION']);
  });

  it('answers DRAFT_TIMEOUT past the budget and keeps the draft for the same text', async () => {
    // A 1 ms budget: the worker has not even started by then (order, not wall-clock thresholds).
    const drafts = new DraftService(readRegistry().nodes, { budgetMs: 1 });
    try {
      const api = await seededApi(new MemoryStore(), { drafts });
      const first = await api.query(DRAFT, { text: TEXT });
      expect(codes(first)).toEqual(['DRAFT_TIMEOUT']);
      let answer = first;
      for (let attempt = 0; attempt < 120 && codes(answer).length; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        answer = await api.query(DRAFT, { text: TEXT });
      }
      expect(answer.errors).toBeUndefined();
      expect((answer.data as DraftReply | undefined)?.draftDossier.candidates.length).toBeGreaterThan(0);
    } finally {
      await drafts.close();
    }
  });
});

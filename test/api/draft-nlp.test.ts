// draftDossier and CoreNLP over the API: the parse when a server is named, the simpler rules (said
// in warnings) when none is, NLP_UNAVAILABLE (503, retry after) while the API's own server starts.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRegistry } from '../../src/ingest/dossier-files.ts';
import { FALLBACK_WARNING } from '../../src/ingest/draft/parse-draft.ts';
import { DATA_DIR } from '../../src/project-files.ts';
import { DraftService } from '../../src/services/draft-service.ts';
import { NlpService, type NlpLauncher } from '../../src/services/nlp-service.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { corenlpForTests } from '../support/corenlp.ts';
import { codes, seededApi } from '../support/graphql-client.ts';

const TEXT = readFileSync('test/fixtures/draft-eval/bloomberg-turkey-bases-iraq-2008/article.txt', 'utf8');
const DRAFT = 'query($text: String!) { draftDossier(text: $text) { drafter warnings sentences candidates { type from quote start end } } }';

interface Reply {
  draftDossier: { drafter: string; warnings: string[]; sentences: number; candidates: { type: string; from: string; quote: string; start: number; end: number }[] };
}

/** A draft service on an NLP service, and an API over a seeded memory store using it. */
async function apiWith(nlp: NlpService) {
  const drafts = new DraftService(readRegistry().nodes, {}, DATA_DIR, nlp);
  const api = await seededApi(new MemoryStore(), { drafts });
  return { api, close: () => drafts.close() };
}

describe('draftDossier with CoreNLP', () => {
  let url: string | null = null;
  beforeAll(async () => {
    url = await corenlpForTests();
  });

  it('drafts from the parse when the NLP service names a server', async (context) => {
    if (!url) return context.skip();
    const { api, close } = await apiWith(new NlpService({ url, mode: 'auto' }));
    try {
      const res = await api.query<Reply>(DRAFT, { text: TEXT });
      expect(res.errors).toBeUndefined();
      expect(res.data?.draftDossier).toMatchObject({ drafter: 'parse', warnings: [], sentences: 3 });
      for (const c of res.data?.draftDossier.candidates ?? []) expect(TEXT.slice(c.start, c.end)).toBe(c.quote);
    } finally {
      await close();
    }
  });
});

describe('draftDossier without CoreNLP', () => {
  it('drafts with the simpler rules and says so', async () => {
    const { api, close } = await apiWith(new NlpService({ url: undefined, mode: 'off' }));
    try {
      const res = await api.query<Reply>(DRAFT, { text: TEXT });
      expect(res.errors).toBeUndefined();
      expect(res.data?.draftDossier).toMatchObject({ drafter: 'rules', warnings: [FALLBACK_WARNING] });
      expect(res.data?.draftDossier.candidates).toContainEqual(expect.objectContaining({ type: 'REFUSED', from: 'state:TUR' }));
    } finally {
      await close();
    }
  });

  describe('while the API starts its own server', () => {
    // A launcher whose start never settles: the server is "starting" for the whole test.
    const launcher: NlpLauncher = { runningState: () => undefined, start: () => new Promise(() => {}), stop: async () => true };
    const nlp = new NlpService({ url: undefined, mode: 'start' }, launcher);
    let handle: Awaited<ReturnType<typeof apiWith>>;
    beforeAll(async () => {
      nlp.begin();
      handle = await apiWith(nlp);
    });
    afterAll(() => handle.close());

    it('answers NLP_UNAVAILABLE with HTTP 503 and a time to ask again', async () => {
      const res = await handle.api.query(DRAFT, { text: TEXT });
      expect(codes(res)).toEqual(['NLP_UNAVAILABLE']);
      expect(res.status).toBe(503);
      expect((res.errors?.[0]?.extensions as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds).toBeGreaterThan(0);
    });
  });
});

// The CoreNLP client against a real Stanford CoreNLP server (CGRAPH_NLP_URL, or one the launcher
// starts for the run): the enhanced++ subject of a coordinated verb, offsets that round-trip through
// accents and an emoji, and NLP_UNAVAILABLE where nothing listens.
import { beforeAll, describe, expect, it } from 'vitest';
import { annotate } from '../../src/ingest/nlp/corenlp-client.ts';
import { localCoreNlp } from '../../src/services/local-services.ts';
import { CORENLP_START_LIMIT_MS, corenlpForTests } from '../support/corenlp.ts';
import { timeLimit } from '../support/time-limits.ts';

describe('the CoreNLP client on a real server', () => {
  let url: string | null = null;
  beforeAll(async () => {
    url = await corenlpForTests();
  }, CORENLP_START_LIMIT_MS);

  it('finds nsubj(send, Germany) in the enhanced++ dependencies of a coordinated verb', async ({ skip }) => {
    if (!url) return skip('no CoreNLP server');
    const [sentence] = await annotate(['Germany welcomed the plan and will send two air-defence systems.'], { url, timeoutMs: timeLimit(30_000) });
    const word = (index: number) => sentence?.tokens[index - 1]?.text ?? 'ROOT';
    const named = sentence?.dependencies.map((d) => `${d.dep}(${word(d.governor)}, ${word(d.dependent)})`);
    expect(named).toContain('nsubj(send, Germany)');
    expect(sentence?.tokens[0]).toMatchObject({ text: 'Germany', ner: 'COUNTRY', pos: 'NNP' });
    expect(sentence?.tokens.find((t) => t.text === 'systems')?.lemma).toBe('system');
  });

  it('gives offsets that slice each sentence back into its tokens, through accents, an emoji and a line break', async ({ skip }) => {
    if (!url) return skip('no CoreNLP server');
    const sentences = ['Zoë Müller 😀 met President Macron in Paris\non Tuesday.', '', '“Señor Pérez” said Kyiv’s air-defence 🛡️ needs were urgent.'];
    const annotated = await annotate(sentences, { url, timeoutMs: timeLimit(30_000) });
    expect(annotated.map((s) => s.text)).toEqual(sentences);
    expect(annotated[1]?.tokens).toEqual([]);
    for (const sentence of annotated) {
      for (const token of sentence.tokens) expect(sentence.text.slice(token.start, token.end)).toBe(token.text);
    }
    expect(annotated[0]?.tokens.map((t) => t.text)).toEqual(expect.arrayContaining(['Zoë', 'Müller', '😀', 'Paris', 'Tuesday']));
    expect(annotated[2]?.tokens.map((t) => t.text)).toEqual(expect.arrayContaining(['Señor', 'Pérez', 'Kyiv']));
  });

  it('answers NLP_UNAVAILABLE on a port where nothing listens', async () => {
    const port = await localCoreNlp.freePort();
    await expect(annotate(['A sentence.'], { url: `http://127.0.0.1:${port}` })).rejects.toMatchObject({ code: 'NLP_UNAVAILABLE' });
  });
});

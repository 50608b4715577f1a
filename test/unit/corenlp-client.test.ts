// The CoreNLP client's mapping, on an answer captured from the real server
// (test/fixtures/corenlp/three-sentences.json: a plain sentence, a blank one, and one with accents,
// an emoji and a line break inside), and its errors against fake servers on 127.0.0.1.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { annotate, annotatedSentences, requestProperties, requestText, type AnnotatedSentence, type CoreNlpResponse } from '../../src/ingest/nlp/corenlp-client.ts';
import { DomainError } from '../../src/domain/errors.ts';

const fixture = JSON.parse(readFileSync('test/fixtures/corenlp/three-sentences.json', 'utf8')) as { sentences: string[]; response: CoreNlpResponse };

describe('annotatedSentences', () => {
  const [plain, blank, accented] = annotatedSentences(fixture.sentences, fixture.response) as [AnnotatedSentence, AnnotatedSentence, AnnotatedSentence];

  it('gives one result per sentence sent, a blank one without tokens', () => {
    expect(annotatedSentences(fixture.sentences, fixture.response)).toHaveLength(3);
    expect(blank).toEqual({ text: '', tokens: [], dependencies: [] });
  });

  it('maps offsets into each sentence, so that slicing the sentence gives the token', () => {
    for (const sentence of [plain, accented]) {
      for (const token of sentence.tokens) expect(sentence.text.slice(token.start, token.end)).toBe(token.text);
    }
    expect(plain.tokens[0]).toMatchObject({ index: 1, text: 'Germany', start: 0, end: 7, pos: 'NNP', lemma: 'Germany', ner: 'COUNTRY' });
  });

  it('counts offsets in UTF-16 units as JavaScript does: an emoji is two, an accented letter one', () => {
    const emoji = accented.tokens.find((t) => t.text === '😀');
    expect(emoji && emoji.end - emoji.start).toBe(2);
    const zoe = accented.tokens[0];
    expect(zoe).toMatchObject({ text: 'Zoë', start: 0, end: 3, ner: 'PERSON' });
    const paris = accented.tokens.find((t) => t.text === 'Paris');
    expect(paris).toMatchObject({ start: accented.text.indexOf('Paris'), ner: 'CITY' });
  });

  it('keeps a sentence with a line break inside as one sentence', () => {
    expect(accented.text).toContain('\n');
    expect(accented.tokens.map((t) => t.text)).toContain('Tuesday');
  });

  it('gives the enhanced++ dependencies by token index, nsubj(send, Germany) among them', () => {
    const word = (index: number) => plain.tokens[index - 1]?.text ?? 'ROOT';
    const named = plain.dependencies.map((d) => `${d.dep}(${word(d.governor)}, ${word(d.dependent)})`);
    expect(named).toContain('nsubj(send, Germany)');
    expect(named).toContain('nsubj(welcomed, Germany)');
    expect(plain.dependencies.find((d) => d.dep === 'ROOT')).toEqual({ dep: 'ROOT', governor: 0, dependent: 2 });
  });

  it('refuses an answer that split one sentence in two (a server run without ssplit.eolonly)', () => {
    const first = fixture.response.sentences[0]!;
    const split = { sentences: [{ ...first, tokens: first.tokens.slice(0, 7) }, { ...first, tokens: first.tokens.slice(7) }] };
    expect(() => annotatedSentences([fixture.sentences[0]!], split)).toThrow(expect.objectContaining({ code: 'NLP_FAILED' }));
  });
});

describe('the request', () => {
  it('sends one sentence a line, line breaks inside a sentence made spaces of the same length', () => {
    const text = requestText(['One\r\ntwo.', 'Three.']);
    expect(text).toBe('One  two.\nThree.');
    expect(text.length).toBe('One\r\ntwo.'.length + 1 + 'Three.'.length);
  });

  it('asks for JSON and for sentences at line ends only', () => {
    expect(requestProperties()).toMatchObject({ outputFormat: 'json', 'ssplit.eolonly': 'true', annotators: expect.stringContaining('depparse') });
  });
});

describe('annotate against fake servers', () => {
  let server: Server | undefined;
  // A slow handler would hold close() until it answers: its connections are cut first.
  function closeServer(): Promise<void> {
    if (!server?.listening) return Promise.resolve();
    server.closeAllConnections();
    return new Promise((done) => server!.close(() => done()));
  }
  afterEach(closeServer);

  function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
    server = createServer(handler);
    return new Promise((done) => server!.listen(0, '127.0.0.1', () => done(`http://127.0.0.1:${(server!.address() as { port: number }).port}`)));
  }

  async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
    try {
      await promise;
      return undefined;
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      return (error as DomainError).code;
    }
  }

  it('posts the text with the properties as a URL parameter and maps the answer', async () => {
    let seen = { properties: '', body: '' };
    const url = await serve((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        seen = { properties: new URL(request.url!, 'http://x').searchParams.get('properties') ?? '', body };
        response.end(JSON.stringify(fixture.response));
      });
    });
    const result = await annotate(fixture.sentences, { url });
    expect(JSON.parse(seen.properties)).toEqual(requestProperties());
    expect(seen.body).toBe(requestText(fixture.sentences));
    expect(result).toEqual(annotatedSentences(fixture.sentences, fixture.response));
  });

  it('answers NLP_FAILED when the server answers other than 200, or not JSON', async () => {
    const failing = await serve((_request, response) => {
      response.statusCode = 500;
      response.end('java.lang.RuntimeException: no such annotator');
    });
    expect(await codeOf(annotate(['A sentence.'], { url: failing }))).toBe('NLP_FAILED');
    await closeServer();
    const garbled = await serve((_request, response) => response.end('<html>not CoreNLP</html>'));
    expect(await codeOf(annotate(['A sentence.'], { url: garbled }))).toBe('NLP_FAILED');
  });

  it('answers NLP_TIMEOUT when the server takes longer than timeoutMs, or says it timed out', async () => {
    const slow = await serve((_request, response) => void setTimeout(() => response.end('{"sentences":[]}'), 2000));
    expect(await codeOf(annotate(['A sentence.'], { url: slow, timeoutMs: 100 }))).toBe('NLP_TIMEOUT');
    await closeServer();
    const timedOut = await serve((_request, response) => {
      response.statusCode = 500;
      response.end('CoreNLP request timed out. Your document may be too long.');
    });
    expect(await codeOf(annotate(['A sentence.'], { url: timedOut }))).toBe('NLP_TIMEOUT');
  });

  it("rethrows the caller's own abort as it is", async () => {
    const slow = await serve((_request, response) => void setTimeout(() => response.end('{"sentences":[]}'), 2000));
    const controller = new AbortController();
    const pending = annotate(['A sentence.'], { url: slow, signal: controller.signal });
    controller.abort(new Error('stopped by the caller'));
    await expect(pending).rejects.toThrow('stopped by the caller');
  });

  it('answers NLP_UNAVAILABLE when nothing listens at the URL', async () => {
    const url = await serve((_request, response) => response.end());
    await closeServer();
    expect(await codeOf(annotate(['A sentence.'], { url }))).toBe('NLP_UNAVAILABLE');
  });

  it('sends nothing for no sentences', async () => {
    expect(await annotate([], { url: 'http://127.0.0.1:1' })).toEqual([]);
  });
});

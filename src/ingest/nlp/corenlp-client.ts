// The HTTP client of a Stanford CoreNLP server at a given URL (starting or finding one is the
// services' job): sentences in, one per line so that our own splitter decides sentences; tokens
// with offsets into each sentence, parts of speech, lemmas, entities and enhanced++ dependencies out.
import { DomainError } from '../../domain/errors.ts';

/** The annotators the drafter reads; the server preloads them (tools/corenlp-local/server.properties). */
export const CORENLP_ANNOTATORS = 'tokenize,ssplit,pos,lemma,ner,depparse';

/** A token; `start`/`end` are UTF-16 offsets into its sentence (as String.prototype.slice counts), `index` is 1-based as in dependencies. */
export interface NlpToken {
  index: number;
  /** The sentence's text at [start, end). */
  text: string;
  /** CoreNLP's normalised form (e.g. `-LRB-` for `(`). */
  word: string;
  start: number;
  end: number;
  pos: string;
  lemma: string;
  /** The entity class (PERSON, COUNTRY, …), or `O` for none. */
  ner: string;
}

/** An enhanced++ dependency between 1-based token indices; `governor` 0 is the root. */
export interface NlpDependency {
  dep: string;
  governor: number;
  dependent: number;
}

export interface AnnotatedSentence {
  text: string;
  tokens: NlpToken[];
  dependencies: NlpDependency[];
}

export interface AnnotateOptions {
  /** The server, e.g. http://127.0.0.1:9000 (CGRAPH_NLP_URL). */
  url: string;
  /** How long the whole request may take (default 30000 ms). */
  timeoutMs?: number;
  /** Cancels the request (the caller's own abort, rethrown as is). */
  signal?: AbortSignal;
  /** Settings over the drafter's (bench/corenlp.ts compares NER settings with them). */
  properties?: Record<string, string>;
}

/** What CoreNLP's JSON output holds of what we read. */
interface CoreNlpToken {
  index: number;
  word: string;
  originalText: string;
  lemma: string;
  pos: string;
  ner: string;
  characterOffsetBegin: number;
  characterOffsetEnd: number;
}
interface CoreNlpDependency {
  dep: string;
  governor: number;
  dependent: number;
}
interface CoreNlpSentence {
  index: number;
  tokens: CoreNlpToken[];
  enhancedPlusPlusDependencies?: CoreNlpDependency[];
}
export interface CoreNlpResponse {
  sentences: CoreNlpSentence[];
}

const DEFAULT_TIMEOUT_MS = 30_000;
// Every character the tokenizer may take for a line end; each is one UTF-16 unit, so a space in its place keeps offsets.
const LINE_BREAK = /[\r\n\u0085\u2028\u2029]/g;

/** The request body: one sentence a line, line breaks inside a sentence made spaces (so a line is a sentence). */
export function requestText(sentences: string[]): string {
  return sentences.map((s) => s.replace(LINE_BREAK, ' ')).join('\n');
}

/** The properties sent with every request: what the mapping below relies on, whatever the server's defaults. */
export function requestProperties(): Record<string, string> {
  return { annotators: CORENLP_ANNOTATORS, outputFormat: 'json', 'ssplit.eolonly': 'true', 'tokenize.whitespace': 'false', 'tokenize.language': 'en' };
}

/**
 * Maps CoreNLP's answer back onto the sentences sent: its offsets count into the joined text, so
 * each sentence's start is taken off; a blank sentence (CoreNLP gives it none) gets no tokens.
 */
export function annotatedSentences(sentences: string[], response: CoreNlpResponse): AnnotatedSentence[] {
  let offset = 0;
  const placed = sentences.map((text) => {
    const sentence = { start: offset, result: { text, tokens: [] as NlpToken[], dependencies: [] as NlpDependency[] } };
    offset += text.length + 1;
    return sentence;
  });
  for (const answered of response.sentences) {
    const first = answered.tokens[0];
    if (!first) continue;
    // The last sentence starting at or before the first token is the one it came from.
    const at = placed.findLastIndex(({ start }) => start <= first.characterOffsetBegin);
    const target = placed[at];
    if (!target) throw new DomainError('NLP_FAILED', `CoreNLP answered a token at offset ${first.characterOffsetBegin}, outside the text sent`, {});
    if (target.result.tokens.length) {
      throw new DomainError('NLP_FAILED', `CoreNLP split sentence ${at + 1} in two; it must be run with ssplit.eolonly=true`, { sentence: at });
    }
    target.result.tokens = answered.tokens.map((token) => tokenIn(target.result.text, target.start, token));
    target.result.dependencies = (answered.enhancedPlusPlusDependencies ?? []).map(({ dep, governor, dependent }) => ({ dep, governor, dependent }));
  }
  return placed.map(({ result }) => result);
}

function tokenIn(sentence: string, sentenceStart: number, token: CoreNlpToken): NlpToken {
  const start = token.characterOffsetBegin - sentenceStart;
  const end = token.characterOffsetEnd - sentenceStart;
  return { index: token.index, text: sentence.slice(start, end), word: token.word, start, end, pos: token.pos, lemma: token.lemma, ner: token.ner };
}

/**
 * Annotates `sentences` (English) with the server at `url`. Throws DomainError NLP_UNAVAILABLE when
 * nothing answers there, NLP_TIMEOUT past `timeoutMs`, NLP_FAILED when it answers other than 200 or not JSON.
 */
export async function annotate(sentences: string[], { url, timeoutMs = DEFAULT_TIMEOUT_MS, signal, properties }: AnnotateOptions): Promise<AnnotatedSentence[]> {
  if (!sentences.length) return [];
  const endpoint = new URL(url);
  endpoint.searchParams.set('properties', JSON.stringify({ ...requestProperties(), ...properties }));
  const timeout = AbortSignal.timeout(timeoutMs);
  let response: Response;
  let body: string;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      body: requestText(sentences),
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    body = await response.text();
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (timeout.aborted) throw timedOut(url, timeoutMs);
    throw new DomainError('NLP_UNAVAILABLE', `no CoreNLP server answers at ${url} (${causeOf(error)}); start one with \`npm run nlp:start\`, or set CGRAPH_NLP_URL to one that runs`, { url });
  }
  if (response.status !== 200) {
    // CoreNLP's own per-request timeout answers 500 with this text.
    if (/timed out/i.test(body)) throw timedOut(url, timeoutMs);
    throw new DomainError('NLP_FAILED', `CoreNLP at ${url} answered ${response.status}: ${body.slice(0, 300)}`, { url, status: response.status });
  }
  let parsed: CoreNlpResponse;
  try {
    parsed = JSON.parse(body) as CoreNlpResponse;
  } catch {
    throw new DomainError('NLP_FAILED', `CoreNLP at ${url} answered something other than JSON: ${body.slice(0, 300)}`, { url, status: response.status });
  }
  if (!Array.isArray(parsed?.sentences)) throw new DomainError('NLP_FAILED', `CoreNLP at ${url} answered JSON without sentences`, { url });
  return annotatedSentences(sentences, parsed);
}

function timedOut(url: string, timeoutMs: number): DomainError {
  return new DomainError('NLP_TIMEOUT', `CoreNLP at ${url} did not answer within ${timeoutMs} ms; send fewer sentences at once, or give it more time`, { url, timeoutMs });
}

/** fetch's TypeError says "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND) is in its cause. */
function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

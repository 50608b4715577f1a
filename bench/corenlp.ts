// `npm run bench:nlp [-- --rounds N --heap MB]`: warm milliseconds per article of the CoreNLP
// server for several NER settings, over test/fixtures/draft-eval/*/article.txt split by our own
// splitter; CGRAPH_NLP_URL when set, else a server of its own (launcher name "bench"). Printed, never asserted.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { annotate } from '../src/ingest/nlp/corenlp-client.ts';
import { splitSentences } from '../src/ingest/sentences.ts';
import { PROJECT_ROOT } from '../src/project-files.ts';
import * as launcher from '../tools/corenlp-local/launcher.mjs';

const EVAL_DIR = join(PROJECT_ROOT, 'test', 'fixtures', 'draft-eval');
const option = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const rounds = option('--rounds', 3);
const heapMb = option('--heap', launcher.DEFAULT_HEAP_MB);

const ALL_NER_MODELS = ['english.all.3class.distsim.crf.ser.gz', 'english.muc.7class.distsim.crf.ser.gz', 'english.conll.4class.distsim.crf.ser.gz'].map((m) => `edu/stanford/nlp/models/ner/${m}`).join(',');
const THREE_CLASS = 'edu/stanford/nlp/models/ner/english.all.3class.distsim.crf.ser.gz';

/** The settings compared; each is sent over the server's own (tools/corenlp-local/server.properties). */
const SETTINGS: { name: string; properties: Record<string, string> }[] = [
  { name: 'defaults: 3 CRF models, SUTime, numeric, fine-grained', properties: { 'ner.model': ALL_NER_MODELS, 'ner.useSUTime': 'true', 'ner.applyNumericClassifiers': 'true', 'ner.applyFineGrained': 'true' } },
  { name: 'lean (server.properties): 3-class CRF, fine-grained', properties: {} },
  { name: 'lean + numeric and SUTime (DATE, MONEY, …)', properties: { 'ner.model': THREE_CLASS, 'ner.useSUTime': 'true', 'ner.applyNumericClassifiers': 'true', 'ner.applyFineGrained': 'true' } },
  { name: 'lean without fine-grained (no COUNTRY, CITY, TITLE)', properties: { 'ner.model': THREE_CLASS, 'ner.applyFineGrained': 'false' } },
  { name: 'no NER: tokenize, pos, lemma, depparse', properties: { annotators: 'tokenize,ssplit,pos,lemma,depparse' } },
];

const articles = readdirSync(EVAL_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => {
    const text = readFileSync(join(EVAL_DIR, d.name, 'article.txt'), 'utf8');
    return { name: d.name, sentences: splitSentences(text).map((s) => s.text), words: text.split(/\s+/).filter(Boolean).length };
  });

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

/** The server's resident memory now and at its peak (MB), when it runs here. */
function memoryOf(pid: number | undefined): string {
  if (!pid) return 'n/a';
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const mb = (field: string) => Math.round(Number(/\d+/.exec(status.split('\n').find((l) => l.startsWith(field)) ?? '')?.[0]) / 1024);
    return `${mb('VmRSS')} MB (peak ${mb('VmHWM')} MB)`;
  } catch {
    return 'n/a';
  }
}

let url = process.env.CGRAPH_NLP_URL;
let pid: number | undefined;
let started = false;
if (!url) {
  const state = await launcher.start({ name: 'bench', port: await launcher.freePort(), heapMb });
  url = state.uri;
  pid = state.pid;
  started = true;
  console.log(`CoreNLP started in ${state.startupMs} ms with a ${heapMb} MB heap (annotators preloaded); resident ${memoryOf(pid)}`);
}
const words = articles.reduce((sum, a) => sum + a.words, 0);
console.log(`${articles.length} articles, ${words} words, median ${percentile(articles.map((a) => a.words), 0.5)} words; ${rounds} rounds after one warm-up round per setting\n`);
console.log('| NER setting | median ms/article | p90 ms/article | ms per 400 words (median) | server RSS after |');
console.log('|---|---|---|---|---|');
try {
  for (const setting of SETTINGS) {
    const perArticle: number[] = [];
    const per400: number[] = [];
    for (let round = 0; round <= rounds; round++) {
      for (const article of articles) {
        const t0 = performance.now();
        await annotate(article.sentences, { url, timeoutMs: 120_000, properties: setting.properties });
        const ms = performance.now() - t0;
        if (round === 0) continue; // warm-up: annotators load and the JIT compiles
        perArticle.push(ms);
        per400.push((ms * 400) / article.words);
      }
    }
    const fmt = (n: number) => n.toFixed(0);
    console.log(`| ${setting.name} | ${fmt(percentile(perArticle, 0.5))} | ${fmt(percentile(perArticle, 0.9))} | ${fmt(percentile(per400, 0.5))} | ${memoryOf(pid)} |`);
  }
} finally {
  if (started) await launcher.stop({ name: 'bench' });
}

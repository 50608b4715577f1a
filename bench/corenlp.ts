// `npm run bench:nlp [-- --rounds N --heap MB --only TEXT]`: warm milliseconds per article of the CoreNLP
// server for several NER settings, over test/fixtures/draft-eval/*/article.txt split by our own
// splitter, in wall time and in the server's CPU time (less bent by a busy machine); CGRAPH_NLP_URL
// when set, else a server of its own (launcher name "bench"). Printed, never asserted.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { annotate } from '../src/ingest/nlp/corenlp-client.ts';
import { demonyms } from '../src/ingest/lookup/actor-forms.ts';
import { splitSentences } from '../src/ingest/sentences.ts';
import { DATA_DIR, PROJECT_ROOT } from '../src/project-files.ts';
import * as launcher from '../tools/corenlp-local/launcher.mjs';

const EVAL_DIR = join(PROJECT_ROOT, 'test', 'fixtures', 'draft-eval');
const option = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const rounds = option('--rounds', 3);
const heapMb = option('--heap', launcher.DEFAULT_HEAP_MB);
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

const ALL_NER_MODELS = ['english.all.3class.distsim.crf.ser.gz', 'english.muc.7class.distsim.crf.ser.gz', 'english.conll.4class.distsim.crf.ser.gz'].map((m) => `edu/stanford/nlp/models/ner/${m}`).join(',');
const THREE_CLASS = 'edu/stanford/nlp/models/ner/english.all.3class.distsim.crf.ser.gz';

/**
 * CoreNLP's fine-grained lists without their 533,000 city names (the cased list of big cities kept):
 * what a gazetteer of countries, nationalities and titles costs. Written from the models jar to a
 * temporary file (never committed: the lists are CoreNLP's); null without unzip.
 */
function gazetteerWithoutCities(): string | null {
  const jar = join(launcher.toolDir, 'target', 'lib', 'stanford-corenlp-4.5.10-models.jar');
  const list = (name: string) => spawnSync('unzip', ['-p', jar, `edu/stanford/nlp/models/kbp/english/gazetteers/${name}`], { encoding: 'utf8', maxBuffer: 64 << 20 }).stdout ?? '';
  const caseless = list('regexner_caseless.tab').split('\n').filter((line) => line && line.split('\t')[1] !== 'CITY');
  if (!caseless.length) return null;
  const caselessFile = join(tmpdir(), 'corenlp-bench-caseless-no-cities.tab');
  const casedFile = join(tmpdir(), 'corenlp-bench-cased.tab');
  writeFileSync(caselessFile, caseless.join('\n') + '\n');
  writeFileSync(casedFile, list('regexner_cased.tab'));
  return `ignorecase=true,validpospattern=(NN|JJ|ADD).*,${caselessFile};${casedFile}`;
}
const noCities = gazetteerWithoutCities();

/**
 * A RegexNER list of the project's own (the country tables' names and capitals, demonyms derived as
 * the drafter does, a few titles): what fine-grained NER costs with a list of our size.
 */
function projectGazetteer(): { mapping: string; entries: number } {
  const rows = parse(readFileSync(join(DATA_DIR, 'entities', 'datahub_country-codes.csv'), 'utf8'), { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
  const entries = new Map<string, string>();
  // A RegexNER pattern is tokens, each a regular expression.
  const pattern = (name: string) => name.replace(/([,()])/g, ' $1 ').trim().split(/\s+/).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join(' ');
  const add = (name: string | undefined, label: string) => {
    if (name?.trim() && !entries.has(pattern(name))) entries.set(pattern(name), label);
  };
  for (const row of rows) {
    add(row['CLDR display name'], 'COUNTRY');
    add(row.official_name_en, 'COUNTRY');
    add(row.Capital, 'CITY');
    for (const demonym of demonyms(row['CLDR display name'] ?? '')) add(demonym, 'NATIONALITY');
  }
  const names = join(tmpdir(), 'corenlp-bench-project-names.tab');
  writeFileSync(names, [...entries].map(([p, label]) => `${p}\t${label}`).join('\n') + '\n');
  // Titles in any case (as CoreNLP's caseless list has them), in a list of their own.
  const titles = join(tmpdir(), 'corenlp-bench-project-titles.tab');
  const titleList = ['president', 'prime minister', 'foreign minister', 'defence minister', 'defense minister', 'secretary of state', 'chancellor', 'king', 'minister', 'secretary-general', 'ambassador', 'spokesperson'];
  writeFileSync(titles, titleList.map((t) => `${pattern(t)}\tTITLE`).join('\n') + '\n');
  // With one list CoreNLP reads the options as file names: they hold only in the `a;b` form.
  return { mapping: `ignorecase=true,${titles};${names}`, entries: entries.size + titleList.length };
}
const ours = projectGazetteer();

/** The settings compared; each is sent over the server's own (tools/corenlp-local/server.properties). */
const SETTINGS: { name: string; properties: Record<string, string> }[] = [
  { name: 'defaults: 3 CRF models, SUTime, numeric, fine-grained', properties: { 'ner.model': ALL_NER_MODELS, 'ner.useSUTime': 'true', 'ner.applyNumericClassifiers': 'true', 'ner.applyFineGrained': 'true' } },
  { name: 'lean (server.properties): 3-class CRF, fine-grained', properties: {} },
  { name: 'lean + numeric and SUTime (DATE, MONEY, …)', properties: { 'ner.model': THREE_CLASS, 'ner.useSUTime': 'true', 'ner.applyNumericClassifiers': 'true', 'ner.applyFineGrained': 'true' } },
  ...(noCities ? [{ name: 'lean, fine-grained lists without the 533k caseless city names', properties: { 'ner.fine.regexner.mapping': noCities } }] : []),
  { name: `lean, fine-grained from a list of the project's own (${ours.entries} entries)`, properties: { 'ner.fine.regexner.mapping': ours.mapping } },
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

/** The server's CPU time so far (user + system), in ms; /proc counts in ticks of 10 ms. */
function cpuMsOf(pid: number | undefined): number {
  if (!pid) return NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The heap the server keeps after a full collection: what it needs, not what it was allowed. */
function liveHeapOf(pid: number | undefined): string {
  if (!pid) return 'n/a';
  spawnSync('jcmd', [String(pid), 'GC.run'], { encoding: 'utf8' });
  const info = spawnSync('jcmd', [String(pid), 'GC.heap_info'], { encoding: 'utf8' }).stdout ?? '';
  const used = /used (\d+)K/.exec(info);
  return used ? `${Math.round(Number(used[1]) / 1024)} MB` : 'n/a';
}

let url = process.env.CGRAPH_NLP_URL;
// A server npm run nlp:start runs here: its process is known, so its CPU and memory can be read.
let pid: number | undefined = url && launcher.runningState()?.uri === url ? launcher.runningState()?.pid : undefined;
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
console.log('| NER setting | wall ms/article (median · p90) | server CPU ms/article (median) | per 400 words: wall · CPU ms (median) | server RSS after |');
console.log('|---|---|---|---|---|');
try {
  for (const setting of SETTINGS.filter((s) => !only || s.name.includes(only))) {
    const perArticle: number[] = [];
    const cpuPerArticle: number[] = [];
    const per400: number[] = [];
    const cpuPer400: number[] = [];
    for (let round = 0; round <= rounds; round++) {
      for (const article of articles) {
        const cpu0 = cpuMsOf(pid);
        const t0 = performance.now();
        await annotate(article.sentences, { url, timeoutMs: 120_000, properties: setting.properties });
        const ms = performance.now() - t0;
        const cpuMs = cpuMsOf(pid) - cpu0;
        if (round === 0) continue; // warm-up: annotators load and the JIT compiles
        perArticle.push(ms);
        per400.push((ms * 400) / article.words);
        cpuPerArticle.push(cpuMs);
        cpuPer400.push((cpuMs * 400) / article.words);
      }
    }
    const fmt = (n: number) => n.toFixed(0);
    const med = (values: number[]) => fmt(percentile(values, 0.5));
    console.log(`| ${setting.name} | ${med(perArticle)} · ${fmt(percentile(perArticle, 0.9))} | ${med(cpuPerArticle)} | ${med(per400)} · ${med(cpuPer400)} | ${memoryOf(pid)} |`);
  }
  console.log(`\nheap in use after a full collection: ${liveHeapOf(pid)}; load average now ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
} finally {
  if (started) await launcher.stop({ name: 'bench' });
}

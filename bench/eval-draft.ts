// `npm run eval:draft`: both drafters — today's rules and the parse drafter on CoreNLP — against
// the hand-written answer keys of test/fixtures/draft-eval (see its README), in the same run.
// The parse drafter needs a server: CGRAPH_NLP_URL, else one started for the run and stopped after.
// Per article and overall: precision and recall of
// (type, committing actor) pairs whose quote falls in a sentence the key quotes, matched one to
// one, and the same with the object too; milliseconds per article and per 400 words. The overall
// figures are those of the articles no rule was tuned on (split.json `evaluate`); the tuning
// articles and the seed article (where the rules were developed) are shown apart. Figures are
// printed (and written with --json), never asserted: the machine is shared and noisy.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { draftContext, draftDossier, type Draft } from '../src/ingest/draft/draft.ts';
import { annotateForDraft, draftFromParse } from '../src/ingest/draft/parse-draft.ts';
import { splitSentences } from '../src/ingest/sentences.ts';
import { localCoreNlp } from '../src/services/local-services.ts';
import { commitmentsOf, compareDraft, f1, nodesOf, parseDossier, ratio, score, type ErrorClasses, type Scores } from '../src/ingest/draft/evaluate.ts';
import { readRegistry } from '../src/ingest/dossier-files.ts';
import { DATA_DIR, PROJECT_ROOT } from '../src/project-files.ts';

const EVAL_DIR = join(PROJECT_ROOT, 'test', 'fixtures', 'draft-eval');
const SEED_DIR = join(PROJECT_ROOT, 'seeds', 'paris-summit-2026-01-06');
const json = process.argv.includes('--json');

interface Row extends Scores {
  article: string;
  drafter: 'rules' | 'parse';
  split: 'evaluate' | 'tune' | 'seed';
  words: number;
  ms: number;
  errors?: ErrorClasses;
}

const split = JSON.parse(readFileSync(join(EVAL_DIR, 'split.json'), 'utf8')) as { tune: string[]; evaluate: string[] };
const context = draftContext(readRegistry(), DATA_DIR);
const articles: { name: string; dir: string; text: string; split: Row['split'] }[] = [
  ...readdirSync(EVAL_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => ({ name: d.name, dir: join(EVAL_DIR, d.name), text: readFileSync(join(EVAL_DIR, d.name, 'article.txt'), 'utf8'), split: (split.tune.includes(d.name) ? 'tune' : 'evaluate') as Row['split'] })),
  { name: 'seed: paris-summit', dir: SEED_DIR, text: readFileSync(join(SEED_DIR, 'coalition-of-the-willing-paris-summit.txt'), 'utf8'), split: 'seed' },
];
// A CoreNLP server for the parse drafter: the one named, else one started for this run.
let started: string | undefined;
let nlpUrl = process.env.CGRAPH_NLP_URL;
if (!nlpUrl) {
  const state = localCoreNlp.runningState() ?? (await localCoreNlp.start({ name: 'eval-draft', port: await localCoreNlp.freePort() }));
  nlpUrl = state.uri;
  if (!localCoreNlp.runningState()) started = 'eval-draft';
}
const url = nlpUrl;
const drafters: Record<Row['drafter'], (text: string) => Promise<Draft>> = {
  rules: async (text) => draftDossier(text, {}, context),
  // Annotation is part of the parse drafter's time: a warm server, a request per article.
  parse: async (text) => {
    const sentences = splitSentences(text);
    const parsed = await annotateForDraft(sentences, url);
    return draftFromParse(text, sentences, parsed, {}, context);
  },
};
// Warm up once (the NLP models, the dictionaries and the country tables load on first use), then time each article.
for (const draft of Object.values(drafters)) await draft((articles[0] as (typeof articles)[number]).text);

const rows: Row[] = [];
for (const article of articles) {
  const key = parseDossier(readFileSync(join(article.dir, 'dossier.yaml'), 'utf8'));
  for (const [drafter, draftWith] of Object.entries(drafters) as [Row['drafter'], (text: string) => Promise<Draft>][]) {
    const runs = drafter === 'parse' ? 3 : 5;
    const began = performance.now();
    let draft = await draftWith(article.text);
    for (let i = 1; i < runs; i++) draft = await draftWith(article.text);
    const ms = (performance.now() - began) / runs;
    const drafted = parseDossier(draft.yaml);
    const [found, keyed] = [commitmentsOf(drafted, article.text), commitmentsOf(key, article.text)];
    const { scores, errors } = compareDraft(found, keyed, nodesOf(drafted), nodesOf(key));
    rows.push({ article: article.name, drafter, split: article.split, words: article.text.split(/\s+/).filter(Boolean).length, ms, ...scores, errors });
  }
}
if (started) await localCoreNlp.stop({ name: started });

const sum = (list: Row[]) => list.reduce((a, r) => ({ draft: a.draft + r.draft, key: a.key + r.key, matched: a.matched + r.matched, matchedWithObject: a.matchedWithObject + r.matchedWithObject, words: a.words + r.words, ms: a.ms + r.ms }), { draft: 0, key: 0, matched: 0, matchedWithObject: 0, words: 0, ms: 0 });
const figures = (s: ReturnType<typeof sum> | Row) => {
  const p = ratio(s.matched, s.draft);
  const r = ratio(s.matched, s.key);
  const po = ratio(s.matchedWithObject, s.draft);
  const ro = ratio(s.matchedWithObject, s.key);
  return { precision: p, recall: r, f1: f1(p, r), precisionWithObject: po, recallWithObject: ro, f1WithObject: f1(po, ro) };
};
const ERROR_LABELS: [keyof ErrorClasses, string][] = [
  ['missedPredicate', 'missed'],
  ['actor', 'actor'],
  ['type', 'type'],
  ['actorAndType', 'both'],
  ['sentence', 'sentence'],
  ['object', 'object'],
  ['extraOutsideKey', 'extra'],
];
const errorSum = (list: Row[]): ErrorClasses => {
  const total = Object.fromEntries(ERROR_LABELS.map(([k]) => [k, 0])) as unknown as ErrorClasses;
  for (const row of list) for (const [k] of ERROR_LABELS) total[k] += row.errors?.[k] ?? 0;
  return total;
};
const fmt = (n: number) => n.toFixed(2);
const line = (name: string, s: ReturnType<typeof sum> | Row, articlesCount = 1) => {
  const f = figures(s);
  return `${name.padEnd(46)} ${String(s.key).padStart(4)} ${String(s.draft).padStart(6)}   ${fmt(f.precision)}  ${fmt(f.recall)}  ${fmt(f.f1)}   ${fmt(f.precisionWithObject)}  ${fmt(f.recallWithObject)}  ${fmt(f.f1WithObject)}  ${(s.ms / articlesCount).toFixed(1).padStart(7)}  ${((s.ms / Math.max(1, s.words)) * 400).toFixed(1).padStart(8)}`;
};
const groups = (['evaluate', 'tune', 'seed'] as const).flatMap((g) => (['rules', 'parse'] as const).map((drafter) => ({ g, drafter, list: rows.filter((r) => r.split === g && r.drafter === drafter) })));
if (json) {
  const overall = (drafter: Row['drafter'], g: Row['split']) => {
    const list = rows.filter((r) => r.split === g && r.drafter === drafter);
    return { ...sum(list), ...figures(sum(list)), errors: errorSum(list) };
  };
  console.log(JSON.stringify({ rows: rows.map((r) => ({ ...r, ...figures(r) })), overall: { rules: overall('rules', 'evaluate'), parse: overall('parse', 'evaluate') }, tune: { rules: overall('rules', 'tune'), parse: overall('parse', 'tune') } }, null, 2));
} else {
  console.log(`${'article'.padEnd(46)} ${'key'.padStart(4)} ${'draft'.padStart(6)}   P     R     F1     P+obj R+obj F1+obj  ms/art  ms/400w`);
  for (const { g, drafter, list } of groups) {
    console.log(`-- ${g === 'evaluate' ? 'evaluation articles (no rule tuned on them)' : g === 'tune' ? 'tuning articles' : 'development (the seed article)'}: ${drafter === 'rules' ? "today's rules" : 'the parse drafter (CoreNLP)'}`);
    for (const row of list) console.log(line(row.article, row));
    if (list.length > 1) console.log(line(`overall (${g}, ${drafter})`, sum(list), list.length));
  }
  console.log('\nSide by side (overall):');
  for (const { g, drafter, list } of groups) if (list.length > 1) console.log(line(`${g}: ${drafter}`, sum(list), list.length));
  console.log('\nP, R: (type, committing actor) with the quote in a sentence the key quotes, one to one; +obj: the object too.');
  console.log('\nErrors by class (counts only; the same matching as the scores):');
  console.log(`${''.padEnd(22)} ${ERROR_LABELS.map(([, label]) => label.padStart(10)).join(' ')}`);
  for (const { g, drafter, list } of groups) if (list.length > 1) console.log(`${`${g}: ${drafter}`.padEnd(22)} ${ERROR_LABELS.map(([k]) => String(errorSum(list)[k]).padStart(10)).join(' ')}`);
  console.log('missed: no candidate in the key\'s sentence; actor / type / both: a candidate there, wrong; sentence: right one quoted from the next sentence; object: matched, other object; extra: candidates where the key quotes nothing.');
}

// How far two people keying independently agree: the second key scored against the first, as a draft is.
const twice = articles.filter((a) => existsSync(join(a.dir, 'second-key.yaml')));
const agreement = twice.map((article) => {
  const first = parseDossier(readFileSync(join(article.dir, 'dossier.yaml'), 'utf8'));
  const second = parseDossier(readFileSync(join(article.dir, 'second-key.yaml'), 'utf8'));
  const scores = score(commitmentsOf(second, article.text), commitmentsOf(first, article.text), nodesOf(second), nodesOf(first));
  return { article: article.name, drafter: 'rules', split: article.split, words: 0, ms: 0, ...scores } satisfies Row;
});
if (agreement.length > 0) {
  if (json) console.log(JSON.stringify({ agreement: { articles: agreement.length, ...sum(agreement), ...figures(sum(agreement)) } }));
  else {
    console.log(`\n-- agreement of two independent keys (${agreement.length} articles keyed twice; "key" = first, "draft" = second)`);
    const untimed = (text: string) => text.replace(/\s+\S+\s+\S+$/, '');
    for (const row of agreement) console.log(untimed(line(row.article, row)));
    console.log(untimed(line('overall (agreement)', sum(agreement), agreement.length)));
  }
}

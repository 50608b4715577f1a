// cgraph draft <article.txt | folder>: a draft dossier for a person to review, from CoreNLP's
// parse when a server runs (or Java can start one for the run), else by the simpler rules.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { DomainError } from '../../domain/errors.ts';
import { DOSSIER_FILE, readRegistry } from '../../ingest/dossier-files.ts';
import { loadConfig, type NlpConfig } from '../../config.ts';
import { checkArticle, checkDraftOptions, draftContext, withSchemaLine, type Draft, type DraftOptions } from '../../ingest/draft/draft.ts';
import { draftArticle } from '../../ingest/draft/parse-draft.ts';
import { localCoreNlp } from '../../services/local-services.ts';
import { configuredOrRunningNlp } from '../../services/nlp-service.ts';
import { DATA_DIR, DEFAULT_REGISTRY_FILE, SEEDS_DIR } from '../../project-files.ts';
import { print, progressBar, usageError } from '../runtime.ts';

/** The largest file `cgraph draft` reads (bytes): reports are kilobytes; this refuses dumps and binaries early. */
export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

interface DraftCommandOptions {
  sourceId?: string;
  url?: string;
  published?: string;
  out?: string;
  registry: string;
  dataDir: string;
  force?: boolean;
  json?: boolean;
}

function articlesAt(path: string): string[] {
  if (!existsSync(path)) throw new DomainError('FILE_NOT_FOUND', `${path} does not exist; give an article's text file or a folder of .txt files`, { file: path });
  if (!statSync(path).isDirectory()) return [path];
  const files = readdirSync(path)
    .filter((f) => extname(f).toLowerCase() === '.txt')
    .sort()
    .map((f) => join(path, f));
  if (!files.length) throw new DomainError('FILE_NOT_FOUND', `${path} holds no .txt article; put each article's plain text in its own .txt file`, { file: path });
  return files;
}

function readArticle(file: string): string {
  const size = statSync(file).size;
  if (size > MAX_ARTICLE_BYTES) throw new DomainError('DRAFT_TOO_LARGE', `${file} is ${size} bytes; a draft reads one article of at most ${MAX_ARTICLE_BYTES} bytes`, { file });
  const bytes = readFileSync(file);
  if (bytes.includes(0)) throw new DomainError('DRAFT_BINARY', `${file} is not plain text (it holds NUL bytes); convert the article to UTF-8 text first`, { file });
  return bytes.toString('utf8');
}

const say = (message: string) => process.stderr.write(`cgraph draft: ${message}\n`);

function javaRuns(): boolean {
  return spawnSync(process.env.JAVA ?? 'java', ['-version'], { stdio: 'ignore' }).status === 0;
}

/**
 * The CoreNLP server a run drafts with: CGRAPH_NLP_URL, else the one `npm run nlp:start` runs, else
 * one started for this run when Java is there (stopped after); none with CGRAPH_NLP=off or no Java.
 */
async function coreNlpForRun(nlp: NlpConfig): Promise<{ url?: string; stop?: () => Promise<unknown> }> {
  const server = configuredOrRunningNlp(nlp);
  if (server) return { url: server.url };
  if (nlp.mode === 'off' || !javaRuns()) return {};
  const name = `draft-${process.pid}`;
  say('starting CoreNLP for this run (a minute or so; `npm run nlp:start` keeps one running between runs)');
  try {
    const state = await localCoreNlp.start({ name, port: await localCoreNlp.freePort() });
    return { url: state.uri, stop: () => localCoreNlp.stop({ name }) };
  } catch (error) {
    say(`CoreNLP did not start (${(error as Error).message.split('\n')[0]})`);
    return {};
  }
}

/**
 * The verbatim text and a dossier.yaml that `cgraph validate` accepts as it is, every statement
 * `machine`. All articles are drafted (and checked by the validator) before anything is written, and
 * each draft folder appears whole (written beside, then renamed): a bad input leaves nothing behind.
 */
export function registerDraft(program: Command): void {
  program
    .command('draft')
    .description('draft a dossier from an article (or a folder of .txt articles): proposed PLEDGED/REFUSED/WARNED with verified quotes, for a person to review')
    .argument('<article>', 'the article as plain UTF-8 text, or a folder of .txt articles')
    .option('--source-id <id>', 'the source id (source:<slug>); default: from the headline (one article only)')
    .option('--url <url>', "the article's address (one article only)")
    .option('--published <date>', 'when it was published: YYYY, YYYY-MM or YYYY-MM-DD')
    .option('--out <dir>', 'the draft folder (with a folder of articles: one sub-folder per article)', 'drafts')
    .option('--registry <file>', 'the entity registry actors resolve against', DEFAULT_REGISTRY_FILE)
    .option('--data-dir <dir>', 'the folder with the country tables (entities/, cow/) and codes (cameo/, plover/)', DATA_DIR)
    .option('--force', 'replace a draft folder that exists')
    .option('--json', 'print the candidates as JSON lines: {type, from, to, quote, start, end, sentence, firmness, conditions, cue, confidence}')
    .action(async (article: string, opts: DraftCommandOptions) => {
      const files = articlesAt(article);
      const many = statSync(article).isDirectory();
      if (many && (opts.sourceId || opts.url)) throw usageError('--source-id and --url name one article; draft a folder without them (ids come from each headline) or draft each article on its own');
      const options: DraftOptions = { ...(opts.sourceId ? { sourceId: opts.sourceId } : {}), ...(opts.url ? { url: opts.url } : {}), ...(opts.published ? { publishedAt: opts.published } : {}) };
      try {
        checkDraftOptions(options);
      } catch (error) {
        const option = (error as DomainError).details?.option as string | undefined;
        const flag = option === 'publishedAt' ? '--published' : option === 'sourceId' ? '--source-id' : `--${option ?? 'option'}`;
        throw usageError(`${flag}: ${(error as Error).message.replace(/^\w+: /, '')}`);
      }
      const context = draftContext(readRegistry(opts.registry), resolve(opts.dataDir));
      // Every article is drafted and validated before a file is written.
      const drafts: { file: string; text: string; draft: Draft; folder: string }[] = [];
      const texts = files.map((file) => ({ file, text: readArticle(file) }));
      // Every article is checked before a server is sought: an empty file should not wait for a JVM.
      for (const { file, text } of texts) {
        try {
          checkArticle(text);
        } catch (error) {
          if (error instanceof DomainError) throw new DomainError(error.code, `${file}: ${error.message}`, { ...error.details, file });
          throw error;
        }
      }
      const nlp = await coreNlpForRun(loadConfig().nlp);
      const warnings = new Set<string>();
      const bar = progressBar('drafting');
      try {
        for (const [index, { file, text }] of texts.entries()) {
          let draft: Draft;
          try {
            const drafted = await draftArticle(text, { ...options, file: basename(file) }, context, { ...(nlp.url ? { nlpUrl: nlp.url } : {}) });
            draft = drafted.draft;
            for (const warning of drafted.warnings) warnings.add(warning);
          } catch (error) {
            if (error instanceof DomainError) throw new DomainError(error.code, `${file}: ${error.message}`, { ...error.details, file });
            throw error;
          }
          drafts.push({ file, text, draft, folder: many ? join(opts.out as string, basename(file, extname(file))) : (opts.out as string) });
          bar.update(index + 1, files.length);
        }
      } finally {
        bar.stop();
        await nlp.stop?.();
      }
      for (const warning of warnings) say(`warning: ${warning}`);
      for (const { folder } of drafts) {
        if (existsSync(join(folder, DOSSIER_FILE)) && !opts.force) throw new DomainError('DRAFT_EXISTS', `${join(folder, DOSSIER_FILE)} exists; review and keep it, or pass --force to replace it`, { file: folder });
      }
      for (const { file, text, draft, folder } of drafts) {
        const staging = join(dirname(resolve(folder)), `.${basename(folder)}.draft-${process.pid}`);
        rmSync(staging, { recursive: true, force: true });
        mkdirSync(staging, { recursive: true });
        writeFileSync(join(staging, basename(file)), text);
        writeFileSync(join(staging, DOSSIER_FILE), withSchemaLine(draft.yaml, relative(resolve(folder), join(SEEDS_DIR, 'dossier.schema.json'))));
        if (existsSync(folder)) rmSync(folder, { recursive: true, force: true });
        renameSync(staging, folder);
      }
      if (opts.json) {
        for (const { draft, folder } of drafts) {
          for (const c of draft.candidates) {
            const { type, from, to, quote, start, end, sentence, firmness, conditions, cue, confidence, rule, attribution, speaker, review, ref } = c;
            process.stdout.write(`${JSON.stringify({ type, from, to, quote, start, end, sentence, firmness, conditions, cue, confidence, ...(rule ? { rule } : {}), attribution, ...(speaker ? { speaker } : {}), review, ref, dossier: join(folder, DOSSIER_FILE) })}\n`);
          }
        }
        return;
      }
      print(
        { json: false },
        drafts
          .map(({ draft, folder }) => `wrote ${join(folder, DOSSIER_FILE)}: ${draft.candidates.length} candidate(s) in ${new Set(draft.candidates.map((c) => c.ref)).size} commitment(s), ${(draft.dossier.relationships as unknown[]).length} relationship(s) in all, ${draft.entities.length} new entit${draft.entities.length === 1 ? 'y' : 'ies'}, ${draft.sentences} sentences — review it, then \`cgraph validate ${folder}\``)
          .join('\n'),
        null,
      );
    });
}

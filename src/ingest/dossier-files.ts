// Dossiers on disk: find them, read each with its source text and the shared registry, validate,
// and (for --fix, --fix-offsets) write the fixes it states back into the YAML without touching the rest.
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { isMap, isNode, isScalar, type Pair, type YAMLMap } from 'yaml';
import { ValidationError } from '../domain/errors.ts';
import type { GraphNode } from '../domain/model.ts';
import { DEFAULT_REGISTRY_FILE } from '../project-files.ts';
import { validateDossier, validateRegistry, type DossierInput, type DossierResult } from './validate-dossier.ts';
import { readUtf8File } from './utf8-text.ts';
import { formatPath, parseYamlWithPositions, problemAt } from './yaml-document.ts';

export const DOSSIER_FILE = 'dossier.yaml';

export interface Registry {
  file: string;
  nodes: Map<string, GraphNode>;
}

/** Reads and checks an entity registry; a missing file is REGISTRY_NOT_FOUND, never an empty registry. */
export function readRegistry(file: string = DEFAULT_REGISTRY_FILE): Registry {
  if (!existsSync(file)) {
    throw new ValidationError(
      [{ code: 'REGISTRY_NOT_FOUND', file, message: `no entity registry at ${file}; pass --registry FILE (the project's is ${relative(process.cwd(), DEFAULT_REGISTRY_FILE) || DEFAULT_REGISTRY_FILE})` }],
      file,
    );
  }
  const { problems, nodes } = validateRegistry(readText(file), file);
  if (problems.length) throw new ValidationError(problems, file);
  return { file, nodes };
}

function readText(file: string): string {
  try {
    return readUtf8File(file);
  } catch (error) {
    if (error instanceof ValidationError) throw error; // INVALID_UTF8, with its line and column
    throw new ValidationError([{ code: 'FILE_UNREADABLE', file, message: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }]);
  }
}

/** Dossier files named by `paths`: a dossier file itself, or a folder searched for dossier.yaml files. */
export function findDossiers(paths: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === DOSSIER_FILE) found.push(full);
    }
  };
  for (const path of paths) {
    if (!existsSync(path)) throw new ValidationError([{ code: 'FILE_NOT_FOUND', file: path, message: `${path} does not exist` }]);
    if (statSync(path).isDirectory()) walk(path);
    else found.push(path);
  }
  return found;
}

/** The source id a dossier file declares (`source.id`); undefined when it cannot be read or names none (validation says why). */
export function dossierSourceId(file: string): string | undefined {
  let text: string;
  try {
    text = readText(file);
  } catch {
    return undefined;
  }
  const value = parseYamlWithPositions(text, file).value;
  const id = value && typeof value === 'object' ? (value as { source?: { id?: unknown } }).source?.id : undefined;
  return typeof id === 'string' ? id : undefined;
}

export interface DossierFileResult extends DossierResult {
  file: string;
  sourceFile?: string;
}

/**
 * Validate one dossier file with its source text (named by `source.file`, relative to the
 * dossier); `nearby` adds ids an unknown one may be a slip for (see DossierInput).
 */
export function validateDossierFile(file: string, knownNodes: ReadonlyMap<string, GraphNode>, knownFrom?: ReadonlyMap<string, string>, nearby?: DossierInput['nearby']): DossierFileResult {
  let yamlText: string;
  try {
    yamlText = readText(file);
  } catch (error) {
    // A dossier that cannot be read is its own problem: the other dossiers are still checked.
    if (!(error instanceof ValidationError)) throw error;
    return unreadDossier(file, error.problems);
  }
  const pre = parseYamlWithPositions(yamlText, file);
  const sourceName = pre.value && typeof pre.value === 'object' ? (pre.value as { source?: { file?: unknown } }).source?.file : undefined;
  if (pre.problems.length === 0 && typeof sourceName !== 'string') {
    return {
      file,
      problems: [problemAt(pre, ['source'], 'MISSING_FIELD', 'source.file must name the source text beside the dossier')],
      refs: new Map(),
      computedOffsets: [],
      parsed: pre,
      unknownIds: [],
      codeProposals: [],
      exactFixes: [],
    };
  }
  const sourceFile = typeof sourceName === 'string' ? join(dirname(file), sourceName) : undefined;
  let sourceText = '';
  if (sourceFile) {
    if (!existsSync(sourceFile)) {
      return {
        file,
        sourceFile,
        problems: [problemAt(pre, ['source', 'file'], 'SOURCE_NOT_FOUND', `${sourceFile} does not exist; put the verbatim text beside the dossier`)],
        refs: new Map(),
        computedOffsets: [],
        parsed: pre,
        unknownIds: [],
        codeProposals: [],
        exactFixes: [],
      };
    }
    try {
      sourceText = readText(sourceFile);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return { ...unreadDossier(file, error.problems), sourceFile, parsed: pre };
    }
  }
  return { file, ...(sourceFile ? { sourceFile } : {}), ...validateDossier({ yamlText, sourceText, file, knownNodes, ...(knownFrom ? { knownFrom } : {}), ...(nearby ? { nearby } : {}) }) };
}

/** The result for a dossier whose file (or source text) could not be read as text: its problems, nothing to load. */
function unreadDossier(file: string, problems: DossierFileResult['problems']): DossierFileResult {
  return { file, problems, refs: new Map(), computedOffsets: [], parsed: parseYamlWithPositions('', file), unknownIds: [], codeProposals: [], exactFixes: [] };
}

export interface DossierChange {
  file: string;
  line: number;
  path: string;
  change: string;
}

interface TextEdit {
  at: number;
  remove: number;
  insert: string;
}

/** Applies edits to the file's text (from the end backwards, so offsets stay valid) and writes it atomically. */
function editFile(file: string, text: string, edits: TextEdit[]): void {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.at - a.at)) out = out.slice(0, e.at) + e.insert + out.slice(e.at + e.remove);
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, out);
  renameSync(tmp, file);
}

type YamlPair = Pair<unknown, unknown>;

function pairOf(item: YAMLMap, key: string): YamlPair | undefined {
  return item.items.find((p) => isScalar(p.key) && p.key.value === key) as YamlPair | undefined;
}

/**
 * An edit that adds `key: value` lines after `after` in a block map (with its indentation), or
 * `, key: value` in a flow map: the rest of the text stays as it was.
 */
function insertAfter(text: string, item: YAMLMap, after: YamlPair, fields: [string, string][]): TextEdit | undefined {
  if (!isScalar(after.key) || !isNode(after.value) || !after.key.range || !after.value.range) return undefined;
  const valueEnd = after.value.range[1];
  if (item.flow) return { at: valueEnd, remove: 0, insert: fields.map(([k, v]) => `, ${k}: ${v}`).join('') };
  const keyStart = after.key.range[0];
  const indent = ' '.repeat(keyStart - (text.lastIndexOf('\n', keyStart - 1) + 1));
  // After the line the value ends on (a block scalar's range already ends past its newline).
  const lineEnd = text[valueEnd - 1] === '\n' ? valueEnd : text.indexOf('\n', valueEnd) + 1 || text.length;
  return { at: lineEnd, remove: 0, insert: fields.map(([k, v]) => `${indent}${k}: ${v}\n`).join('') };
}

/**
 * Writes computed offsets into the dossier's evidence items by editing the text where the numbers
 * stand (or adding start/end lines after the quote): every other byte — comments, folded text,
 * quoting, order — stays as it was. Returns what changed, each with its line.
 */
export function writeComputedOffsets(result: DossierFileResult): DossierChange[] {
  if (result.computedOffsets.length === 0) return [];
  const text = readFileSync(result.file, 'utf8');
  const edits: TextEdit[] = [];
  const changes: DossierChange[] = [];
  for (const { path, start, end, previous } of result.computedOffsets) {
    const item = result.parsed.doc.getIn(path, true);
    if (!isMap(item)) continue;
    const [startPair, endPair, quotePair] = [pairOf(item, 'start'), pairOf(item, 'end'), pairOf(item, 'quote')];
    if (startPair && endPair && isScalar(startPair.value) && isScalar(endPair.value) && startPair.value.range && endPair.value.range) {
      for (const [value, next] of [[startPair.value, start], [endPair.value, end]] as const) {
        const range = value.range as [number, number, number];
        edits.push({ at: range[0], remove: range[1] - range[0], insert: String(next) });
      }
    } else {
      const edit = !startPair && !endPair && quotePair ? insertAfter(text, item, quotePair, [['start', String(start)], ['end', String(end)]]) : undefined;
      if (!edit) continue;
      edits.push(edit);
    }
    changes.push({
      file: result.file,
      line: result.parsed.lineCounter.linePos(item.range?.[0] ?? 0).line,
      path: formatPath(path),
      change: previous ? `start ${previous.start} → ${start}, end ${previous.end} → ${end}` : `added start ${start}, end ${end}`,
    });
  }
  editFile(result.file, text, edits);
  return changes;
}

/** Writes the proposed CAMEO code, Goldstein value and PLOVER type after each commitment's action line. */
export function writeCodeProposals(result: DossierFileResult): DossierChange[] {
  if (result.codeProposals.length === 0) return [];
  const text = readFileSync(result.file, 'utf8');
  const edits: TextEdit[] = [];
  const changes: DossierChange[] = [];
  for (const proposal of result.codeProposals) {
    const item = result.parsed.doc.getIn(proposal.path, true);
    const action = isMap(item) ? pairOf(item, 'action') : undefined;
    if (!isMap(item) || !action) continue;
    const fields: [string, string][] = [['cameo', JSON.stringify(proposal.cameo)]];
    if (proposal.goldstein !== undefined && !pairOf(item, 'goldstein')) fields.push(['goldstein', String(proposal.goldstein)]);
    if (proposal.plover && !pairOf(item, 'plover')) fields.push(['plover', proposal.plover]);
    const edit = insertAfter(text, item, action, fields);
    if (!edit) continue;
    edits.push(edit);
    changes.push({ file: result.file, line: result.parsed.lineCounter.linePos(item.range?.[0] ?? 0).line, path: formatPath(proposal.path), change: `added ${fields.map(([k, v]) => `${k} ${v}`).join(', ')}` });
  }
  editFile(result.file, text, edits);
  return changes;
}

/** A scalar's new text: a number as it is, a string in the quotes the old value used (none if it used none). */
function scalarText(old: string, value: string | number): string {
  if (typeof value === 'number') return String(value);
  const quote = old[0] === '"' || old[0] === "'" ? old[0] : '';
  return quote === '"' ? JSON.stringify(value) : `${quote}${value}${quote}`;
}

/**
 * Writes each exact fix (a Goldstein value or PLOVER type the CAMEO code states) over the value it
 * replaces, in the value's own quoting; the line, its comment and every other byte stay.
 */
export function writeExactFixes(result: DossierFileResult): DossierChange[] {
  if (result.exactFixes.length === 0) return [];
  const text = readFileSync(result.file, 'utf8');
  const edits: TextEdit[] = [];
  const changes: DossierChange[] = [];
  for (const { path, value } of result.exactFixes) {
    const node = result.parsed.doc.getIn(path, true);
    if (!isScalar(node) || !node.range) continue;
    const [start, end] = node.range;
    const old = text.slice(start, end);
    edits.push({ at: start, remove: end - start, insert: scalarText(old, value) });
    const key = path[path.length - 1];
    changes.push({ file: result.file, line: result.parsed.lineCounter.linePos(start).line, path: formatPath(path.slice(0, -1)), change: `${String(key)} ${old} → ${value}` });
  }
  editFile(result.file, text, edits);
  return changes;
}

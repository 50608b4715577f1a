// Dossiers on disk: find them, read each with its source text and the shared registry, validate,
// and (for --fix-offsets) write computed offsets back into the YAML without touching the rest.
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isMap, isScalar } from 'yaml';
import { ValidationError } from '../domain/errors.ts';
import type { GraphNode } from '../domain/model.ts';
import { validateDossier, validateRegistry, type DossierResult } from './validate-dossier.ts';
import { parseYamlWithPositions, problemAt } from './yaml-document.ts';

export const REGISTRY_FILE = 'entities.yaml';
export const DOSSIER_FILE = 'dossier.yaml';

export interface Registry {
  file: string;
  nodes: Map<string, GraphNode>;
}

export function readRegistry(file: string): Registry {
  const { problems, nodes } = validateRegistry(readText(file), file);
  if (problems.length) throw new ValidationError(problems, file);
  return { file, nodes };
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ValidationError([{ code: 'FILE_UNREADABLE', file, message: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }]);
  }
}

/** The registry that governs a dossier: the nearest entities.yaml in its folder or above it. */
export function findRegistryFor(path: string): string | undefined {
  let dir = statSync(path).isDirectory() ? resolve(path) : dirname(resolve(path));
  for (;;) {
    const candidate = join(dir, REGISTRY_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
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

export interface DossierFileResult extends DossierResult {
  file: string;
  sourceFile?: string;
}

/** Validate one dossier file with its source text (named by `source.file`, relative to the dossier). */
export function validateDossierFile(file: string, knownNodes: ReadonlyMap<string, GraphNode>): DossierFileResult {
  const yamlText = readText(file);
  const pre = parseYamlWithPositions(yamlText, file);
  const sourceName = pre.value && typeof pre.value === 'object' ? (pre.value as { source?: { file?: unknown } }).source?.file : undefined;
  if (pre.problems.length === 0 && typeof sourceName !== 'string') {
    return {
      file,
      problems: [problemAt(pre, ['source'], 'MISSING_FIELD', 'source.file must name the source text beside the dossier')],
      refs: new Map(),
      computedOffsets: [],
      parsed: pre,
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
      };
    }
    sourceText = readFileSync(sourceFile, 'utf8');
  }
  return { file, ...(sourceFile ? { sourceFile } : {}), ...validateDossier({ yamlText, sourceText, file, knownNodes }) };
}

/** Write computed offsets (start, end) into the dossier's evidence items; comments and order stay. */
export function writeComputedOffsets(result: DossierFileResult): number {
  if (result.computedOffsets.length === 0) return 0;
  const doc = result.parsed.doc;
  for (const { path, start, end } of result.computedOffsets) {
    const item = doc.getIn(path, true);
    if (!isMap(item)) continue;
    item.set('start', doc.createNode(start));
    item.set('end', doc.createNode(end));
    const quote = item.get('quote', true);
    if (isScalar(quote) && quote.type === 'PLAIN' && /^[“"'‘]/.test(String(quote.value))) quote.type = 'QUOTE_DOUBLE';
  }
  const tmp = `${result.file}.tmp-${process.pid}`;
  writeFileSync(tmp, doc.toString({ lineWidth: 0 }));
  renameSync(tmp, result.file);
  return result.computedOffsets.length;
}

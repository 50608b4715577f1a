// Dossiers on disk: find them, read each with its source text and the shared registry, validate,
// and (for --fix-offsets) write computed offsets back into the YAML without touching the rest.
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { isMap, isScalar } from 'yaml';
import { ValidationError } from '../domain/errors.ts';
import type { GraphNode } from '../domain/model.ts';
import { DEFAULT_REGISTRY_FILE } from '../project-files.ts';
import { validateDossier, validateRegistry, type DossierResult } from './validate-dossier.ts';
import { parseYamlWithPositions, problemAt } from './yaml-document.ts';

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
    return readFileSync(file, 'utf8');
  } catch (error) {
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
      unknownIds: [],
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

// YAML parsing that keeps positions, so every problem can name its file, line and path.
// Duplicate keys are errors, and alias expansion is bounded (no billion-laughs).
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { Problem } from '../domain/errors.ts';

export type PathSegment = string | number;

export interface ParsedYaml {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The plain value, or undefined when the YAML could not be parsed. */
  value: unknown;
  problems: Problem[];
}

export const MAX_YAML_BYTES = 20 * 1024 * 1024;

export function parseYamlWithPositions(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  if (Buffer.byteLength(text, 'utf8') > MAX_YAML_BYTES) {
    const doc = parseDocument('', { lineCounter });
    return {
      file,
      doc,
      lineCounter,
      value: undefined,
      problems: [{ code: 'YAML_TOO_LARGE', file, line: 1, column: 1, message: `the document is larger than ${MAX_YAML_BYTES} bytes; split it` }],
    };
  }
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const problems: Problem[] = doc.errors.map((error) => {
    const pos = lineCounter.linePos(error.pos[0]);
    return {
      code: error.code === 'DUPLICATE_KEY' ? 'YAML_DUPLICATE_KEY' : 'YAML_SYNTAX',
      file,
      line: pos.line,
      column: pos.col,
      message: `${error.message.split('\n')[0]}; fix the YAML at this line`,
    };
  });
  let value: unknown;
  if (problems.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      problems.push({
        code: 'YAML_ALIAS_LIMIT',
        file,
        line: 1,
        column: 1,
        message: `${(error as Error).message}; expand fewer aliases`,
      });
    }
  }
  return { file, doc, lineCounter, value, problems };
}

/** The 1-based line and column of the deepest node on `path` that exists in the document. */
export function locate(parsed: ParsedYaml, path: readonly PathSegment[]): { line: number; column: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? parsed.doc.contents : parsed.doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) {
      const pos = parsed.lineCounter.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return { line: 1, column: 1 };
}

export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>(
    (out, segment) => (typeof segment === 'number' ? `${out}[${segment}]` : out ? `${out}.${segment}` : segment),
    '',
  );
}

/** A problem at `path` in `parsed`, with its line and column filled in. */
export function problemAt(parsed: ParsedYaml, path: readonly PathSegment[], code: string, message: string): Problem {
  return { code, file: parsed.file, ...locate(parsed, path), path: formatPath(path), message };
}

// The Cypher library: every statement lives in cypher/<area>/<verb>-<noun>.cypher with `// @param`
// header lines. Files are read once; code asks for statements by name and never builds Cypher.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CYPHER_DIR = fileURLToPath(new URL('../../../cypher/', import.meta.url));

export interface CypherStatement {
  name: string;
  /** Declared by `// @param name …` header lines. */
  params: string[];
  /** The statement text; several only for `// @statements` files (schema). */
  statements: string[];
  text: string;
}

function listCypherFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return listCypherFiles(full);
    return entry.name.endsWith('.cypher') ? [full] : [];
  });
}

export function parseCypherFile(name: string, text: string): CypherStatement {
  const params = [...text.matchAll(/^\/\/\s*@param\s+(\w+)/gm)].map((m) => m[1] as string);
  const body = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .trim();
  const multiple = /^\/\/\s*@statements\b/m.test(text);
  const statements = multiple
    ? body
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean)
    : [body];
  return { name, params, statements, text: body };
}

export function loadCypherLibrary(dir: string = CYPHER_DIR): Map<string, CypherStatement> {
  const library = new Map<string, CypherStatement>();
  for (const file of listCypherFiles(dir).sort()) {
    const name = relative(dir, file).replace(/\.cypher$/, '');
    library.set(name, parseCypherFile(name, readFileSync(file, 'utf8')));
  }
  return library;
}

/** The parameters a statement's body uses ($name). */
export function usedParams(statement: CypherStatement): string[] {
  return [...new Set([...statement.text.matchAll(/\$(\w+)/g)].map((m) => m[1] as string))].sort();
}

let cached: Map<string, CypherStatement> | undefined;

export function cypher(name: string): string {
  cached ??= loadCypherLibrary();
  const statement = cached.get(name);
  if (!statement) throw new Error(`no Cypher statement "${name}" in ${CYPHER_DIR}`);
  return statement.text;
}

export function cypherStatements(name: string): string[] {
  cached ??= loadCypherLibrary();
  const statement = cached.get(name);
  if (!statement) throw new Error(`no Cypher statement "${name}" in ${CYPHER_DIR}`);
  return statement.statements;
}

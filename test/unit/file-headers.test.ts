// Two rules a newcomer can rely on: every source file opens with at most three comment lines on what
// it is for (detail sits on the code it explains, policy in docs/), and no code, schema or doc names
// an issue number (the CHANGELOG says what changed and when).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAX_HEADER_LINES = 3;

/** Where an issue number must not appear: everything but the CHANGELOG, which keeps the history. */
const NO_ISSUE_NUMBERS = ['src', 'bench', 'tools', 'cypher', 'docs', '.ci', 'schema.graphql', 'README.md'];
const SKIPPED_DIRS = new Set(['node_modules', 'target', '.git']);

/** "issue 17", "Issue #3", "issues 4", "(issue 19's table)". */
const ISSUE_NUMBER = /\bissues? ?#?\d+/i;

/** Every file under `path` (a file or a folder), as paths relative to the project. */
function filesUnder(path: string): string[] {
  const full = join(ROOT, path);
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full, { withFileTypes: true })
    .filter((entry) => !SKIPPED_DIRS.has(entry.name))
    .flatMap((entry) => filesUnder(join(path, entry.name)));
}

/** How many lines the file opens with that are comments: `//` lines and a leading `/* … *\/` block. */
function headerLines(text: string): number {
  const lines = text.split('\n');
  let count = 0;
  let inBlock = false;
  for (const line of lines) {
    const trimmed = line.trim();
    if (inBlock) {
      count++;
      if (trimmed.includes('*/')) inBlock = false;
    } else if (trimmed.startsWith('//')) count++;
    else if (trimmed.startsWith('/*')) {
      count++;
      inBlock = !trimmed.includes('*/');
    } else break;
  }
  return count;
}

/** Each line of a text file that names an issue number, as `path:line: text`; binary files have none. */
function issueNumbersIn(path: string): string[] {
  const bytes = readFileSync(join(ROOT, path));
  if (bytes.includes(0)) return [];
  return bytes
    .toString('utf8')
    .split('\n')
    .flatMap((line, i) => (ISSUE_NUMBER.test(line) ? [`${path}:${i + 1}: ${line.trim()}`] : []));
}

const sourceFiles = filesUnder('src').filter((file) => /\.(ts|mjs)$/.test(file));
const longHeaders = sourceFiles.filter((file) => headerLines(readFileSync(join(ROOT, file), 'utf8')) > MAX_HEADER_LINES);

describe('file headers', () => {
  it('counts the comment lines a file opens with', () => {
    expect(headerLines('// one\n// two\nimport x from "y";\n// later\n')).toBe(2);
    expect(headerLines('// one\n// two\n// three\n// four\nconst a = 1;\n')).toBe(4);
    expect(headerLines('/**\n * a\n * b\n */\nexport {};\n')).toBe(4);
    expect(headerLines('/* one line */\n// two\ncode\n')).toBe(2);
    expect(headerLines('import x from "y";\n// not a header\n')).toBe(0);
  });

  it('finds the source files it checks', () => {
    expect(sourceFiles.length).toBeGreaterThan(100);
    expect(sourceFiles).toEqual(expect.arrayContaining(['src/main.ts', 'src/store/statement-plan.ts', 'src/dashboard/panels.ts']));
  });

  it(`every file under src/ opens with at most ${MAX_HEADER_LINES} comment lines on what it is for`, () => {
    expect(longHeaders).toEqual([]);
  });

});

describe('issue numbers', () => {
  it('recognises an issue number however it is written', () => {
    for (const text of ['(issue 17)', 'Issue #3', "issue 19's own table", 'see issues 4 and 5']) expect(text).toMatch(ISSUE_NUMBER);
    for (const text of ['an issue with 3 parts', 'tissue 4', 'issued 2026']) expect(text).not.toMatch(ISSUE_NUMBER);
  });

  it('no code, schema, bench or doc names one (CHANGELOG.md keeps the history)', () => {
    const files = NO_ISSUE_NUMBERS.flatMap(filesUnder);
    expect(files).toEqual(expect.arrayContaining(['schema.graphql', 'docs/model.md', 'bench/README.md']));
    expect(files.flatMap(issueNumbersIn)).toEqual([]);
  });
});

// No Cypher is built from strings anywhere: every statement the code runs comes from cypher/ by
// name, only the Neo4j adapter imports the driver, and labels/types come from allow-lists.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}
const files = sourceFiles('src').map((file) => ({ file, text: readFileSync(file, 'utf8') }));
const CYPHER_WORDS = /\b(MATCH|MERGE|CREATE|DETACH|DELETE|UNWIND|RETURN|SET)\b\s*[([:a-z$]/;

describe('Cypher safety', () => {
  it('finds no template or concatenated Cypher in src/', () => {
    const offenders: string[] = [];
    for (const { file, text } of files) {
      for (const template of text.matchAll(/`[^`]*`/gs)) if (CYPHER_WORDS.test(template[0])) offenders.push(`${file}: ${template[0].slice(0, 60)}`);
      for (const literal of text.matchAll(/'[^'\n]*'|"[^"\n]*"/g)) if (CYPHER_WORDS.test(literal[0]) && /\b(MATCH|MERGE|UNWIND)\b/.test(literal[0])) offenders.push(`${file}: ${literal[0]}`);
    }
    expect(offenders).toEqual([]);
  });

  it('runs only statements from the library', () => {
    const calls: string[] = [];
    for (const { file, text } of files) {
      for (const call of text.matchAll(/\.(run|executeQuery)\(\s*([^,)]+)/g)) calls.push(`${file}: ${call[2]?.trim()}`);
    }
    expect(calls.length).toBeGreaterThan(10);
    expect(calls.filter((c) => !/: (cypher\('[a-z]+\/[a-z-]+'|cypher\(statement(\.[a-z]+)?|statement(\.text)?)$/.test(c))).toEqual([]);
  });

  it('imports neo4j-driver only in src/store/neo4j/', () => {
    const importers = files.filter(({ text }) => /from 'neo4j-driver'/.test(text)).map(({ file }) => file);
    expect(importers.length).toBeGreaterThan(0);
    expect(importers.every((file) => file.startsWith(join('src', 'store', 'neo4j')))).toBe(true);
  });

  it('passes relationship types to Cypher only after the allow-list check', () => {
    const planner = readFileSync('src/store/neo4j/upsert-plan.ts', 'utf8');
    expect(planner).toContain('RelationshipType.parse(fact.type)');
    expect(planner).toMatch(/labelsOf\(merged\.kind\)/);
  });
});

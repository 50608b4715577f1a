// Every article the project holds: the .txt files of seeds/ and test/fixtures/, two folders deep.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every .txt article directly in a folder or one level of sub-folders down. */
function articlesUnder(root: string): string[] {
  return readdirSync(root, { withFileTypes: true }).flatMap((entry) => {
    const path = join(root, entry.name);
    if (entry.isFile()) return entry.name.endsWith('.txt') ? [path] : [];
    return entry.isDirectory() ? readdirSync(path).filter((name) => name.endsWith('.txt')).map((name) => join(path, name)) : [];
  });
}

/** The seeds' and fixtures' articles (the evaluation set among them), sorted, each once. */
export function projectArticles(): string[] {
  const found = ['seeds', 'test/fixtures'].flatMap((root) => [
    ...articlesUnder(root),
    ...readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .flatMap((e) => articlesUnder(join(root, e.name))),
  ]);
  return [...new Set(found)].sort();
}

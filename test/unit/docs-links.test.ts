// The README and docs/ link to each other and into the tree by relative paths: every such link
// must name a file that exists and, with a #fragment, a heading that file has (GitHub's anchors),
// so moving a section or renaming a file cannot leave a newcomer at a dead end.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOCS = [join(ROOT, 'README.md'), ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join(ROOT, 'docs', f))];

/** The text outside fenced code blocks (a link-like string in an example is not a link). */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '');
}

/** Link and image targets: `[text](target)` and `![alt](target)`, without titles. */
function linkTargets(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1] as string);
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens; repeats get -1, -2, … */
function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const match of prose(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = (match[1] as string)
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    anchors.add(n ? `${slug}-${n}` : slug);
    seen.set(slug, n + 1);
  }
  return anchors;
}

/** Every relative link of a Markdown file that does not resolve, as `file: target (why)`. */
function brokenLinks(file: string): string[] {
  const broken: string[] = [];
  const text = readFileSync(file, 'utf8');
  for (const target of linkTargets(text)) {
    if (isExternal(target)) continue;
    const [path, fragment] = target.split('#') as [string, string | undefined];
    const linked = path ? resolve(dirname(file), decodeURIComponent(path)) : file;
    const where = `${relative(ROOT, file)}: ${target}`;
    if (!existsSync(linked)) broken.push(`${where} (no such file)`);
    else if (fragment !== undefined) {
      if (statSync(linked).isDirectory() || !linked.endsWith('.md')) broken.push(`${where} (a fragment on something that is not Markdown)`);
      else if (!headingAnchors(readFileSync(linked, 'utf8')).has(fragment)) broken.push(`${where} (no heading with that anchor)`);
    }
  }
  return broken;
}

describe('README and docs/ links', () => {
  it('finds the docs it checks, and links in them', () => {
    expect(DOCS.map((f) => relative(ROOT, f))).toEqual(expect.arrayContaining(['README.md', 'docs/architecture.md', 'docs/model.md', 'docs/api.md', 'docs/cli.md']));
    expect(linkTargets(readFileSync(join(ROOT, 'README.md'), 'utf8')).filter((t) => !isExternal(t)).length).toBeGreaterThan(5);
  });

  it('resolves every relative link to a file, and every fragment to one of its headings', () => {
    expect(DOCS.flatMap(brokenLinks)).toEqual([]);
  });

  it('makes anchors as GitHub does', () => {
    const anchors = headingAnchors("# A\n## First loads with Neo4j's import tool\n## Configuration (environment)\n```\n# not a heading\n```\n## A\n");
    expect([...anchors]).toEqual(['a', 'first-loads-with-neo4js-import-tool', 'configuration-environment', 'a-1']);
  });

  it('finds links a checker could miss: images, titles, and none inside code', () => {
    const targets = linkTargets('![x](a.png) [y](b.md "title") [`z`](c.md#d)\n```\n[no](e.md)\n```\n');
    expect(targets).toEqual(['a.png', 'b.md', 'c.md#d']);
  });
});

// The Neo4j Browser guide (cypher/browser/guide.html): written from the saved queries of the
// Cypher library, and up to date with them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GUIDE_FILE, renderGuide } from '../../src/operations/browser-guide.ts';
import { loadCypherLibrary } from '../../src/store/neo4j/cypher-library.ts';

const library = loadCypherLibrary();

describe('the Neo4j Browser guide', () => {
  it('is the one written from the saved queries (npm run browser:guide), and holds every one of them', () => {
    const guide = renderGuide();
    expect(readFileSync(GUIDE_FILE, 'utf8'), 'cypher/browser/guide.html is stale: run npm run browser:guide').toBe(guide);
    for (const [name, statement] of library) {
      if (!name.startsWith('browser/')) continue;
      const escaped = statement.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      expect(guide, name).toContain(`<pre class="pre-scrollable code runnable">${escaped}</pre>`);
      for (const param of statement.params) expect(guide, `${name} sets $${param}`).toMatch(new RegExp(`:param ${param} =&gt; `));
    }
  });
});

// The Neo4j Browser guide (cypher/browser/guide.html), written from the saved queries so that the
// guide and cypher/browser/*.cypher never differ. `npm run browser:guide` writes it; a test keeps
// the committed file equal to this.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CYPHER_DIR, loadCypherLibrary, type CypherStatement } from '../store/neo4j/cypher-library.ts';

export const GUIDE_FILE = join(CYPHER_DIR, 'browser', 'guide.html');

/** The saved queries as written (comments included), by name. */
export function readBrowserSources(): Map<string, string> {
  const dir = join(CYPHER_DIR, 'browser');
  return new Map(
    readdirSync(dir)
      .filter((f) => f.endsWith('.cypher'))
      .sort()
      .map((f) => [f.replace(/\.cypher$/, ''), readFileSync(join(dir, f), 'utf8')]),
  );
}

interface Chapter {
  title: string;
  text: string;
  queries: string[];
}

/** The seed story, in the order an analyst new to the graph would ask. */
const STORY: Chapter[] = [
  {
    title: 'Who pledged what',
    text: 'Britain and France pledged troops for after a ceasefire; Germany would rather base its own in neighbouring countries. Each pledge carries its firmness, its conditions and the quotes it rests on.',
    queries: ['list-pledges'],
  },
  {
    title: 'Who refused',
    text: 'Italy and Poland will not send troops into Ukraine; Russia dismissed a temporary ceasefire. The second query finds the pledges that wait on a condition someone has refused.',
    queries: ['list-refusals', 'find-refused-conditions'],
  },
  {
    title: 'What waits on a ceasefire',
    text: 'Set the condition, then list the pledges that depend on it (own conditions and those of the initiative they serve).',
    queries: ['list-pledges-on-condition'],
  },
  {
    title: 'How Italy is connected to Russia',
    text: 'One shortest path in either direction, then Italy and everything within two hops, as a picture: states in blue, persons in orange, alliances in green, initiatives in light blue; pledges green, refusals red, warnings orange.',
    queries: ['find-shortest-path', 'show-actor-neighbourhood'],
  },
  {
    title: 'Tensions',
    text: 'A pledge to an initiative that needs someone’s consent, where that someone warned against it or refused it.',
    queries: ['find-tensions'],
  },
  {
    title: 'The summit',
    text: 'Who hosted and attended the Paris summit, and who signed what it produced.',
    queries: ['list-attendees-and-signatories'],
  },
  {
    title: 'Many sources: statements, corroboration, reviews',
    text: 'Each relationship is a fact that one or more sources state. A source’s statements carry their review state (machine, reviewed, disputed); a fact holds while some statement a person has not disputed asserts it.',
    queries: ['list-source-statements', 'list-corroborated-facts', 'list-disputed-facts'],
  },
  {
    title: 'Grades: reliability and credibility',
    text: 'Analysts’ grades (Admiralty, NATO AJP-2.1): an outlet’s reliability A–F, held once on its :Outlet node, which every source of it shares; each statement’s credibility 1–6 in the list stmtCredibility (stmtGrade where a fact has one statement). F and 6 mean “cannot be judged”, not “worst”; no grade is ungraded.',
    queries: ['list-graded-statements'],
  },
];

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The description of a saved query: its comment lines, without @param lines. */
function description(raw: string): string {
  return raw
    .split('\n')
    .filter((line) => line.startsWith('//') && !/^\/\/\s*@/.test(line))
    .map((line) => line.replace(/^\/\/\s?/, ''))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `:param name => value` examples named in a saved query's comments. */
function paramExamples(raw: string): string[] {
  return [...raw.matchAll(/:param (\w+) => ('[^']*'|\d+)/g)].map((m) => `:param ${m[1]} => ${m[2]}`);
}

function queryBlock(name: string, statement: CypherStatement, raw: string): string {
  const params = paramExamples(raw);
  const missing = statement.params.filter((p) => !params.some((line) => line.startsWith(`:param ${p} `)));
  if (missing.length) throw new Error(`cypher/browser/${name}.cypher uses ${missing.join(', ')} without an example (write ":param ${missing[0]} => …" in its comment)`);
  return [
    `        <h4>${escape(name)}</h4>`,
    `        <p>${escape(description(raw))}</p>`,
    ...(params.length ? [`        <pre class="pre-scrollable code runnable">${escape(params.join('\n'))}</pre>`] : []),
    `        <pre class="pre-scrollable code runnable">${escape(statement.text)}</pre>`,
  ].join('\n');
}

function slide(title: string, body: string[]): string {
  return ['    <slide class="row-fluid">', '      <div class="col-sm-12">', `        <h3>${escape(title)}</h3>`, ...body, '      </div>', '    </slide>'].join('\n');
}

/**
 * The seed story in slides (who pledged, who refused, what waits on a ceasefire, how Italy is
 * connected to Russia, the tensions, the summit, many sources), each slide with the saved queries'
 * descriptions, their parameters as runnable `:param` lines and the queries as runnable blocks; then
 * every saved query the story does not use.
 */
export function renderGuide(sources: ReadonlyMap<string, string> = readBrowserSources()): string {
  const library = loadCypherLibrary();
  const browser = new Map([...library].filter(([name]) => name.startsWith('browser/')).map(([name, statement]) => [name.slice('browser/'.length), statement]));
  const block = (name: string) => {
    const statement = browser.get(name);
    const raw = sources.get(name);
    if (!statement || raw === undefined) throw new Error(`the guide names cypher/browser/${name}.cypher, which does not exist`);
    return queryBlock(name, statement, raw);
  };
  const told = new Set(STORY.flatMap((c) => c.queries));
  const rest = [...browser.keys()].filter((name) => !told.has(name)).sort();
  const slides = [
    slide('commitment-graph', [
      '        <p>Who pledged what to whom, who refused, who warned — under which conditions, and on what evidence. Actors are <code>:State</code>, <code>:Person</code> and <code>:Alliance</code> (all <code>:Actor</code>; every node is an <code>:Entity</code>); commitments are the relationships <code>PLEDGED</code>, <code>REFUSED</code> and <code>WARNED</code>, each with <code>quotes</code> from its sources and <code>sourceCount</code>, the number of sources whose undisputed statements assert it.</p>',
      '        <p>The project’s style colours nodes by kind and commitments by type, with names as captions. The launcher (<code>npm run neo4j:start</code>) loads it and this guide when the Browser connects; elsewhere run <code>:style</code> with the URL that serves <code>cypher/browser/style.grass</code>.</p>',
      '        <p>Click a block to put it in the editor, then run it. The queries are the saved ones in <code>cypher/browser/*.cypher</code>.</p>',
    ]),
    ...STORY.map((chapter) => slide(chapter.title, [`        <p>${escape(chapter.text)}</p>`, ...chapter.queries.map(block)])),
    ...(rest.length ? [slide('More saved queries', rest.map(block))] : []),
  ];
  return [
    '<!-- Neo4j Browser guide for commitment-graph, written by `npm run browser:guide` from cypher/browser/*.cypher: do not edit. -->',
    '<!-- Served by the launcher (npm run neo4j:start plays it) and by the API at /browser-kit/guide.html: :play <that URL>. -->',
    '<article class="guide">',
    '  <carousel class="deck container-fluid">',
    slides.join('\n'),
    '  </carousel>',
    '</article>',
    '',
  ].join('\n');
}

// npm run docs:endpoints: writes docs/dossiers.md's table of which ends each relationship type
// takes from ENDPOINTS, between its two marker comments; a unit test keeps the two equal.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ENDPOINTS, isCommitmentType, RelationshipType } from '../src/domain/model.ts';

export const DOSSIERS_DOC = fileURLToPath(new URL('../docs/dossiers.md', import.meta.url));
const BEGIN = '<!-- endpoints: generated from ENDPOINTS by npm run docs:endpoints -->';
const END = '<!-- endpoints: end -->';

/** One row per relationship type, in the schema's order: the node kinds its from and its to may be. */
export function endpointTable(): string {
  const kinds = (list: readonly string[]) => list.map((k) => `\`${k}\``).join(', ');
  const rows = RelationshipType.options.map((type) => `| \`${type}\`${isCommitmentType(type) ? ' (commitment)' : ''} | ${kinds(ENDPOINTS[type].from)} | ${kinds(ENDPOINTS[type].to)} |`);
  return ['| type | from | to |', '|---|---|---|', ...rows].join('\n');
}

/** The table as the doc holds it now (undefined without the markers). */
export function documentedEndpointTable(markdown: string): string | undefined {
  const [begin, end] = [markdown.indexOf(BEGIN), markdown.indexOf(END)];
  return begin < 0 || end < begin ? undefined : markdown.slice(begin + BEGIN.length, end).trim();
}

function withEndpointTable(markdown: string): string {
  const [begin, end] = [markdown.indexOf(BEGIN), markdown.indexOf(END)];
  if (begin < 0 || end < begin) throw new Error(`${DOSSIERS_DOC} lacks the markers ${BEGIN} … ${END}`);
  return `${markdown.slice(0, begin + BEGIN.length)}\n${endpointTable()}\n${markdown.slice(end)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(DOSSIERS_DOC, withEndpointTable(readFileSync(DOSSIERS_DOC, 'utf8')));
  console.log(`wrote the endpoint table in ${DOSSIERS_DOC}`);
}

// Saves a CoreNLP server's answer to a few sentences as a fixture, so frame tests need no JVM:
// tsx test/support/capture-corenlp.ts <name> "<sentence>" ["<sentence>" …] (CGRAPH_NLP_URL names the server).
// The fixture holds the sentences sent and the raw answer; annotatedSentences() maps it as annotate() does.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requestProperties, requestText } from '../../src/ingest/nlp/corenlp-client.ts';

const [name, ...sentences] = process.argv.slice(2);
const url = process.env.CGRAPH_NLP_URL;
if (!name || !sentences.length || !url) {
  console.error('usage: CGRAPH_NLP_URL=http://127.0.0.1:9000 tsx test/support/capture-corenlp.ts <name> "<sentence>" …');
  process.exit(2);
}
const endpoint = new URL(url);
endpoint.searchParams.set('properties', JSON.stringify(requestProperties()));
const response = await fetch(endpoint, { method: 'POST', body: requestText(sentences), headers: { 'content-type': 'text/plain; charset=utf-8' } });
const answer = (await response.json()) as { sentences: Record<string, unknown>[] };
// Only what the client reads: tokens and enhanced++ dependencies (the other parses would triple the file).
const response1 = { sentences: answer.sentences.map(({ index, tokens, enhancedPlusPlusDependencies }) => ({ index, tokens, enhancedPlusPlusDependencies })) };
const file = join(import.meta.dirname, '..', 'fixtures', 'corenlp', `${name}.json`);
writeFileSync(file, `${JSON.stringify({ sentences, response: response1 }, null, 1)}\n`);
console.log(`wrote ${file}`);

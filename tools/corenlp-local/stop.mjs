// npm run nlp:stop [-- --name NAME]: stop the CoreNLP server that nlp:start started; `--help` prints this and stops nothing.
import { stop } from './launcher.mjs';

const args = process.argv.slice(2);
const named = args.indexOf('--name');
const name = named >= 0 ? args[named + 1] : 'default';
if (args.includes('--help') || args.includes('-h')) {
  console.log(`Usage: npm run nlp:stop [-- --name NAME]

Stops the CoreNLP server that npm run nlp:start started (the pid in .corenlp-local/default.json);
says so when none was started.`);
  process.exit(0);
}
console.log((await stop({ name })) ? 'CoreNLP stopped' : 'no CoreNLP was started by nlp:start');

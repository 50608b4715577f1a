// npm run nlp:stop: stop the CoreNLP server that nlp:start started; `--help` prints this and stops nothing.
import { stop } from './launcher.mjs';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(`Usage: npm run nlp:stop

Stops the CoreNLP server that npm run nlp:start started (the pid in .corenlp-local/default.json);
says so when none was started.`);
  process.exit(0);
}
console.log((await stop()) ? 'CoreNLP stopped' : 'no CoreNLP was started by nlp:start');

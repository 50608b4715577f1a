// npm run nlp:stop: stop the CoreNLP server that nlp:start started.
import { stop } from './launcher.mjs';

console.log((await stop()) ? 'CoreNLP stopped' : 'no CoreNLP was started by nlp:start');

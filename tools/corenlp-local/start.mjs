// npm run nlp:start [-- --port N --heap MB --properties FILE --name NAME]: start Stanford CoreNLP's server in the
// background on 127.0.0.1 with the drafter's annotators loaded; `--help` prints this and starts nothing.
import { DEFAULT_HEAP_MB, DEFAULT_PORT, PROPERTIES_FILE, start } from './launcher.mjs';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
if (args.includes('--help') || args.includes('-h')) {
  console.log(`Usage: npm run nlp:start [-- --port N] [--heap MB] [--properties FILE] [--name NAME]

Starts Stanford CoreNLP 4.5.10 (downloaded by Maven on first use, about 500 MB; GPL v3+) in the
background on 127.0.0.1, its annotators loaded, and prints its URL; npm run nlp:stop stops it.

  --port N           port on 127.0.0.1 (default ${DEFAULT_PORT}, or CORENLP_LOCAL_PORT)
  --heap MB          the JVM's heap in MB (default ${DEFAULT_HEAP_MB}, or CORENLP_LOCAL_HEAP_MB)
  --properties FILE  annotators and their settings (default ${PROPERTIES_FILE})
  --name NAME        the name it is recorded under (default "default": the one the API and
                     cgraph draft find on their own; another name is found only by its URL)

The API and cgraph draft use it through CGRAPH_NLP_URL=http://127.0.0.1:<port>.`);
  process.exit(0);
}
try {
  const state = await start({
    name: option('--name') ?? 'default',
    port: Number(option('--port') ?? process.env.CORENLP_LOCAL_PORT ?? DEFAULT_PORT),
    heapMb: Number(option('--heap') ?? process.env.CORENLP_LOCAL_HEAP_MB ?? DEFAULT_HEAP_MB),
    propertiesFile: option('--properties') ?? PROPERTIES_FILE,
    detached: true,
  });
  console.log(`CoreNLP ready at ${state.uri} (pid ${state.pid}, started in ${state.startupMs} ms, annotators ${state.annotators}); export CGRAPH_NLP_URL=${state.uri}`);
  process.exit(0);
} catch (error) {
  console.error(`nlp:start: ${error.message}`);
  process.exit(1);
}

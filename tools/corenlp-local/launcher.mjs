// Starts and stops Stanford CoreNLP's own server (StanfordCoreNLPServer, from Maven Central) on
// 127.0.0.1 with the drafter's annotators preloaded, through the same launcher library as Neo4j,
// and records pid and URL in .corenlp-local/ so that `npm run nlp:stop`, the tests and CI find it.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, javaService } from '../local-java-launcher.mjs';

export const toolDir = dirname(fileURLToPath(import.meta.url));
export const repoDir = resolve(toolDir, '..', '..');
export const stateDir = join(repoDir, '.corenlp-local');
/** The annotators and their settings the drafter uses (read by the server at start). */
export const PROPERTIES_FILE = join(toolDir, 'server.properties');
/** CoreNLP's own default port; Neo4j's are 7474 and 7687, the API's 4000. */
export const DEFAULT_PORT = 9000;
/**
 * Measured with bench/corenlp.ts: server.properties' annotators keep about 940 MB live after a full
 * collection; 1 GB runs but collects often, 2 GB leaves room for a request asking for more NER.
 */
export const DEFAULT_HEAP_MB = 2048;

export { freePort };

const corenlp = javaService({
  label: 'CoreNLP',
  logName: 'corenlp',
  toolDir,
  mainClass: 'edu.stanford.nlp.pipeline.StanfordCoreNLPServer',
  builtClassFile: join('commitmentgraph', 'LoopbackHttpServerProvider.class'),
  stateDir,
});
export const { isBuilt, build, readState, runningState, stop } = corenlp;

/** The JVM flags: the heap, and the provider that binds the server to the loopback address only. */
export function jvmFlags(heapMb = DEFAULT_HEAP_MB) {
  return [
    `-Xmx${heapMb}m`,
    '-XX:+UseG1GC',
    '-Dfile.encoding=UTF-8',
    '--add-exports=jdk.httpserver/sun.net.httpserver=ALL-UNNAMED',
    '-Dcom.sun.net.httpserver.HttpServerProvider=commitmentgraph.LoopbackHttpServerProvider',
  ];
}

/** The `annotators` line of a properties file (what the server preloads). */
export function annotatorsOf(propertiesFile) {
  const line = readFileSync(propertiesFile, 'utf8')
    .split('\n')
    .find((l) => /^\s*annotators\s*[=:]/.test(l));
  if (!line) throw new Error(`${propertiesFile} has no annotators line`);
  return line.replace(/^\s*annotators\s*[=:]\s*/, '').replace(/\s+/g, '');
}

/** True once the server answers its own readiness endpoint. */
async function answers(url) {
  const response = await fetch(`${url}/ready`, { signal: globalThis.AbortSignal.timeout(2000) });
  await response.arrayBuffer();
  return response.ok;
}

/**
 * Starts CoreNLP on 127.0.0.1:`port` under `name` (its state file; tests use their own name) and
 * resolves { uri, pid, startupMs, ... } once it answers, its annotators loaded (`-preload`).
 * `propertiesFile` holds the annotators and their settings (default server.properties), `heapMb`
 * the JVM's heap; `detached` keeps it running after this process exits (npm run nlp:start).
 */
export async function start({ name = 'default', port = DEFAULT_PORT, heapMb = DEFAULT_HEAP_MB, propertiesFile = PROPERTIES_FILE, timeoutMs = 300_000, detached = false, java = process.env.JAVA ?? 'java' } = {}) {
  const existing = runningState(name);
  if (existing) return existing;
  if (!isBuilt()) build();
  const uri = `http://127.0.0.1:${port}`;
  const annotators = annotatorsOf(propertiesFile);
  // -quiet: requests (article text) are not echoed into the log; -timeout is per request, in ms.
  const args = ['-port', String(port), '-serverProperties', resolve(propertiesFile), '-preload', annotators, '-quiet', '-timeout', '60000'];
  const stateOf = () => ({ uri, heapMb, annotators, propertiesFile: resolve(propertiesFile) });
  return corenlp.launch({ name, port, jvmFlags: jvmFlags(heapMb), args, probe: () => answers(uri), stateOf, detached, timeoutMs, java });
}

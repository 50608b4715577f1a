// Starts and stops the embedded Neo4j launcher (Neo4jLocal.java) from Node: builds it with Maven
// when needed, waits for its READY line, and records pid and URI in .neo4j-local/ so that
// `npm run neo4j:stop`, the test set-up and CI can find it.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, javaService } from '../local-java-launcher.mjs';

export const toolDir = dirname(fileURLToPath(import.meta.url));
export const repoDir = resolve(toolDir, '..', '..');
export const stateDir = join(repoDir, '.neo4j-local');

/** The flags Neo4j's own neo4j.conf passes to the JVM (server.jvm.additional), plus a heap cap. */
export const JVM_FLAGS = [
  '-Xms256m',
  '-Xmx1g',
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:+UnlockDiagnosticVMOptions',
  '-XX:+DebugNonSafepoints',
  '-XX:-RestrictContended',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '--add-opens=java.base/java.util=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dlog4j2.disable.jmx=true',
  '-Dfile.encoding=UTF-8',
];

export { freePort };

const neo4j = javaService({ label: 'Neo4j', logName: 'neo4j', toolDir, mainClass: 'commitmentgraph.Neo4jLocal', builtClassFile: join('commitmentgraph', 'Neo4jLocal.class'), stateDir });
export const { isBuilt, build, readState, runningState, stop } = neo4j;

/** The project's Neo4j Browser kit (guide, style, saved queries). */
export const KIT_DIR = join(repoDir, 'cypher', 'browser');

/**
 * Starts Neo4j on `port` under `name` (its state file; tests use their own name) and resolves { uri, pid, startupMs } once it has answered a query.
 * `pageCacheMb` sizes Neo4j's page cache (64 MB by default; bulk loads want the store to fit).
 * `detached` keeps it running after this process exits (npm run neo4j:start).
 * `httpPort` runs the Neo4j server with Neo4j Browser on that port and the kit on `kitPort` (default httpPort + 1);
 * the state then has `browserUrl` (which connects, loads the style and plays the guide) and `kitUrl`.
 * `host` is 127.0.0.1 unless told otherwise; `password` turns authentication on.
 */
export async function start({ name = 'default', port = 7687, dataDir, pageCacheMb, httpPort, kitPort, kitDir = KIT_DIR, host, password, detached = false, timeoutMs = 180_000, java = process.env.JAVA ?? 'java' } = {}) {
  const existing = runningState(name);
  if (existing) return existing;
  if (!isBuilt()) build();
  const args = ['--port', String(port)];
  if (dataDir) args.push('--data', dataDir);
  if (pageCacheMb) args.push('--page-cache', String(pageCacheMb));
  if (httpPort) args.push('--http-port', String(httpPort), '--kit', kitDir, ...(kitPort ? ['--kit-port', String(kitPort)] : []));
  if (host) args.push('--host', host);
  if (password) args.push('--password', password);
  const ready = /READY (bolt:\/\/\S+).*startup_ms=(\d+)(?: browser=(\S+))?(?: kit=(\S+))?/;
  const stateOf = (match) => {
    const state = { uri: match[1], startupMs: Number(match[2]) };
    // A data folder it was given (kept on exit; cgraph load --initial imports into it); none: a temporary one.
    if (dataDir) state.dataDir = resolve(dataDir);
    if (match[3]) {
      // The Browser connects to this Bolt without asking (auth off) and runs the kit's commands.
      state.browserUrl = `${match[3]}?dbms=${encodeURIComponent(match[1])}${password ? '' : '&preselectAuthMethod=NO_AUTH'}`;
      state.kitUrl = match[4];
    }
    return state;
  };
  return neo4j.launch({ name, port, jvmFlags: JVM_FLAGS, args, ready, stateOf, detached, timeoutMs, java });
}

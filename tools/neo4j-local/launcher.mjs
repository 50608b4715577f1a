// Starts and stops the embedded Neo4j launcher (Neo4jLocal.java) from Node: builds it with Maven
// when needed, waits for its READY line, and records pid and URI in .neo4j-local/ so that
// `npm run neo4j:stop`, the test set-up and CI can find it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const toolDir = dirname(fileURLToPath(import.meta.url));
export const repoDir = resolve(toolDir, '..', '..');
export const stateDir = join(repoDir, '.neo4j-local');
const stateFileFor = (name) => join(stateDir, `${name}.json`);

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

/** A port on 127.0.0.1 that nothing listens on now (for a launcher of its own: tests, probes, benches). */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export function isBuilt() {
  return existsSync(join(toolDir, 'target', 'classes', 'commitmentgraph', 'Neo4jLocal.class')) && existsSync(join(toolDir, 'target', 'lib'));
}

/** mvn package, retrying downloads; throws with Maven's output when it fails. */
export function build() {
  const args = ['-q', '-B', '-f', join(toolDir, 'pom.xml'), '-Dmaven.wagon.http.retryHandler.count=5', '-Daether.connector.http.retryHandler.count=5', 'package'];
  for (let attempt = 1; attempt <= 3; attempt++) {
    const result = spawnSync('mvn', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (result.status === 0) return;
    if (attempt === 3) throw new Error(`mvn package failed:\n${result.stdout}\n${result.stderr}`);
  }
}

export function readState(name = 'default') {
  try {
    return JSON.parse(readFileSync(stateFileFor(name), 'utf8'));
  } catch {
    return undefined;
  }
}

/** The state of the launcher under `name` when its process is alive, else undefined. */
export function runningState(name = 'default') {
  const state = readState(name);
  return state && alive(state.pid) ? state : undefined;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

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
  mkdirSync(stateDir, { recursive: true });
  const logFile = join(stateDir, `neo4j-${port}.log`);
  const log = openSync(logFile, 'w');
  const args = [...JVM_FLAGS, '-cp', `${join(toolDir, 'target', 'classes')}:${join(toolDir, 'target', 'lib', '*')}`, 'commitmentgraph.Neo4jLocal', '--port', String(port)];
  if (dataDir) args.push('--data', dataDir);
  if (pageCacheMb) args.push('--page-cache', String(pageCacheMb));
  if (httpPort) args.push('--http-port', String(httpPort), '--kit', kitDir, ...(kitPort ? ['--kit-port', String(kitPort)] : []));
  if (host) args.push('--host', host);
  if (password) args.push('--password', password);
  const started = Date.now();
  const child = spawn(java, args, { stdio: ['ignore', 'pipe', log], detached });
  return new Promise((resolvePromise, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Neo4j did not become ready within ${timeoutMs} ms; see ${logFile}`));
    }, timeoutMs);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const ready = /READY (bolt:\/\/\S+).*startup_ms=(\d+)(?: browser=(\S+))?(?: kit=(\S+))?/.exec(out);
      if (ready) {
        clearTimeout(timer);
        const state = { uri: ready[1], pid: child.pid, port, startupMs: Number(ready[2]), wallMs: Date.now() - started, logFile };
        // A data folder it was given (kept on exit; cgraph load --initial imports into it); none: a temporary one.
        if (dataDir) state.dataDir = resolve(dataDir);
        if (ready[3]) {
          // The Browser connects to this Bolt without asking (auth off) and runs the kit's commands.
          state.browserUrl = `${ready[3]}?dbms=${encodeURIComponent(ready[1])}${password ? '' : '&preselectAuthMethod=NO_AUTH'}`;
          state.kitUrl = ready[4];
        }
        writeFileSync(stateFileFor(name), JSON.stringify(state, null, 2));
        if (detached) {
          child.stdout.destroy();
          child.unref();
        }
        resolvePromise(state);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Neo4j exited with code ${code} before it was ready: ${out}${readFileSync(logFile, 'utf8').slice(-2000)}`));
    });
  });
}

/** Sends SIGTERM and waits for a clean exit (SIGKILL after `graceMs`). */
export async function stop({ name = 'default', graceMs = 30_000 } = {}) {
  const state = readState(name);
  if (!state) return false;
  if (alive(state.pid)) {
    process.kill(state.pid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (alive(state.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (alive(state.pid)) process.kill(state.pid, 'SIGKILL');
  }
  rmSync(stateFileFor(name), { force: true });
  return true;
}

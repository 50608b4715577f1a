// One launcher for the local Java services the project runs itself (tools/<name>-local/): builds
// its Maven project when needed, runs its class on a port, waits until it is ready (a readiness
// line or a probe), and records pid and state under .<name>-local/ for npm scripts, tests and CI.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

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

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A service's launcher. `label` names it in errors ("Neo4j"), `logName` names its log files
 * ("neo4j" → neo4j-<port>.log), `toolDir` holds its pom.xml, `mainClass` is run from
 * target/classes and target/lib, `builtClassFile` (under target/classes) says a build is there,
 * and `stateDir` keeps one JSON state file per name.
 */
export function javaService({ label, logName, toolDir, mainClass, builtClassFile, stateDir }) {
  const stateFileFor = (name) => join(stateDir, `${name}.json`);

  function isBuilt() {
    return existsSync(join(toolDir, 'target', 'classes', builtClassFile)) && existsSync(join(toolDir, 'target', 'lib'));
  }

  /** mvn package, retrying downloads; throws with Maven's output when it fails. */
  function build() {
    const args = ['-q', '-B', '-f', join(toolDir, 'pom.xml'), '-Dmaven.wagon.http.retryHandler.count=5', '-Daether.connector.http.retryHandler.count=5', 'package'];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const result = spawnSync('mvn', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      if (result.status === 0) return;
      if (attempt === 3) throw new Error(`mvn package failed:\n${result.stdout}\n${result.stderr}`);
    }
  }

  function readState(name = 'default') {
    try {
      return JSON.parse(readFileSync(stateFileFor(name), 'utf8'));
    } catch {
      return undefined;
    }
  }

  /** The state of the launcher under `name` when its process is alive, else undefined. */
  function runningState(name = 'default') {
    const state = readState(name);
    return state && alive(state.pid) ? state : undefined;
  }

  /**
   * Runs `java jvmFlags -cp <class path> mainClass args` and resolves with the recorded state once
   * stdout matches `ready`, or, for a service that prints no such line, once `probe()` resolves
   * true (asked every `probeEveryMs`; stdout then goes to the log). `stateOf(match)` gives the
   * state's own fields (match is undefined with a probe); pid, port, wallMs and logFile are added.
   * `detached` keeps it running after this process exits.
   */
  function launch({ name = 'default', port, jvmFlags = [], args = [], ready, probe, probeEveryMs = 250, stateOf, detached = false, timeoutMs, java }) {
    mkdirSync(stateDir, { recursive: true });
    const logFile = join(stateDir, `${logName}-${port}.log`);
    const log = openSync(logFile, 'w');
    const classPath = `${join(toolDir, 'target', 'classes')}:${join(toolDir, 'target', 'lib', '*')}`;
    const started = Date.now();
    const child = spawn(java, [...jvmFlags, '-cp', classPath, mainClass, ...args], { stdio: ['ignore', probe ? log : 'pipe', log], detached });
    return new Promise((resolvePromise, reject) => {
      let out = '';
      let settled = false;
      const timer = setTimeout(() => {
        settled = true;
        child.kill('SIGKILL');
        reject(new Error(`${label} did not become ready within ${timeoutMs} ms; see ${logFile}`));
      }, timeoutMs);
      const becameReady = (match) => {
        settled = true;
        clearTimeout(timer);
        const { uri, startupMs, ...rest } = stateOf(match);
        const state = { uri, pid: child.pid, port, startupMs: startupMs ?? Date.now() - started, wallMs: Date.now() - started, logFile, ...rest };
        writeFileSync(stateFileFor(name), JSON.stringify(state, null, 2));
        if (detached) {
          child.stdout?.destroy();
          child.unref();
        }
        resolvePromise(state);
      };
      if (probe) {
        const ask = async () => {
          if (settled) return;
          if (await probe().catch(() => false)) {
            if (!settled) becameReady(undefined);
          } else setTimeout(ask, probeEveryMs);
        };
        setTimeout(ask, probeEveryMs);
      } else {
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const match = ready.exec(out);
          if (match && !settled) becameReady(match);
        });
      }
      // No java on PATH (or not executable): say so rather than crash on an unhandled 'error'.
      child.on('error', (error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(new Error(`${label} could not be started with "${java}": ${error.message}`));
      });
      child.on('exit', (code) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(new Error(`${label} exited with code ${code} before it was ready: ${out}${readFileSync(logFile, 'utf8').slice(-2000)}`));
      });
    });
  }

  /** Sends SIGTERM and waits for a clean exit (SIGKILL after `graceMs`). */
  async function stop({ name = 'default', graceMs = 30_000 } = {}) {
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

  return { isBuilt, build, readState, runningState, launch, stop };
}

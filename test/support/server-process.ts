// The API server as a real process (src/main.ts on a free port) and plain HTTP posts to it.
import { spawn, type ChildProcess } from 'node:child_process';
import { tempDir } from './fixtures.ts';
import { timeLimit } from './time-limits.ts';

export interface Running {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

export async function startServer(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, NEO4J_URI: '', PORT: '0', LOG_LEVEL: 'warn', CGRAPH_DATA_DIR: tempDir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let out = '';
  let err = '';
  child.stderr?.on('data', (c) => (err += c));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}${err}`)), timeLimit(60_000));
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      const match = /ready at (http:\/\/\S+)\/graphql/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    });
    void exited.then((code) => reject(new Error(`server exited ${code}: ${err}`)));
  });
  return { child, url, exited };
}

export async function post(url: string, query: string) {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return { status: res.status, body: (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] } };
}


// Runs the real cgraph command as a child process and captures what a script would see.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { timeLimit } from './time-limits.ts';

export const CGRAPH = fileURLToPath(new URL('../../bin/cgraph.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string | undefined> = {}, input?: string): CliResult {
  const result = spawnSync(process.execPath, [CGRAPH, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NEO4J_URI: undefined, CGRAPH_STORE: undefined, ...env },
    input,
    timeout: timeLimit(120_000),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same, without blocking the test's event loop: for commands that run side by side. */
export function runCliAsync(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CGRAPH, ...args], { env: { ...process.env, NEO4J_URI: undefined, CGRAPH_STORE: undefined, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

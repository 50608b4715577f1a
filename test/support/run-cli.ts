// Runs the real cgraph command as a child process and captures what a script would see.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

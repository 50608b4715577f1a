// Types for launcher.mjs, for the TypeScript test set-up.
export interface LauncherState {
  uri: string;
  pid: number;
  port: number;
  startupMs: number;
  wallMs: number;
  logFile: string;
}
export const JVM_FLAGS: string[];
export function isBuilt(): boolean;
export function build(): void;
export function readState(name?: string): LauncherState | undefined;
export function start(options?: { name?: string; port?: number; dataDir?: string; pageCacheMb?: number; detached?: boolean; timeoutMs?: number; java?: string }): Promise<LauncherState>;
export function stop(options?: { name?: string; graceMs?: number }): Promise<boolean>;

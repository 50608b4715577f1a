// Types for launcher.mjs, for src/services/local-services.ts and the test set-up.
export interface LauncherState {
  /** http://127.0.0.1:<port>: what CGRAPH_NLP_URL is set to. */
  uri: string;
  pid: number;
  port: number;
  startupMs: number;
  wallMs: number;
  logFile: string;
  heapMb: number;
  /** The preloaded annotators, comma-separated. */
  annotators: string;
  propertiesFile: string;
}
export const toolDir: string;
export const PROPERTIES_FILE: string;
export const DEFAULT_PORT: number;
export const DEFAULT_HEAP_MB: number;
export function jvmFlags(heapMb?: number): string[];
export function annotatorsOf(propertiesFile: string): string;
export function freePort(): Promise<number>;
export function isBuilt(): boolean;
export function build(): void;
export function readState(name?: string): LauncherState | undefined;
export function runningState(name?: string): LauncherState | undefined;
export function start(options?: {
  name?: string;
  port?: number;
  heapMb?: number;
  propertiesFile?: string;
  timeoutMs?: number;
  detached?: boolean;
  java?: string;
}): Promise<LauncherState>;
export function stop(options?: { name?: string; graceMs?: number }): Promise<boolean>;

// Types for launcher.mjs, for the TypeScript test set-up.
export interface LauncherState {
  uri: string;
  pid: number;
  port: number;
  startupMs: number;
  wallMs: number;
  logFile: string;
  /** The data folder it was started on (--data), absolute; absent when it runs on a temporary one. */
  dataDir?: string;
  /** With httpPort: Neo4j Browser's address, connecting to `uri` (and running the kit's commands). */
  browserUrl?: string;
  /** With httpPort: where the kit (guide, style, saved queries) is served, with CORS. */
  kitUrl?: string;
}
export const JVM_FLAGS: string[];
/** The launcher's folder (its Maven build: target/lib holds Neo4j and its import tool). */
export const toolDir: string;
export const KIT_DIR: string;
export function freePort(): Promise<number>;
export function isBuilt(): boolean;
export function build(): void;
export function readState(name?: string): LauncherState | undefined;
export function runningState(name?: string): LauncherState | undefined;
export function start(options?: {
  name?: string;
  port?: number;
  dataDir?: string;
  pageCacheMb?: number;
  httpPort?: number;
  kitPort?: number;
  kitDir?: string;
  host?: string;
  password?: string;
  detached?: boolean;
  timeoutMs?: number;
  java?: string;
}): Promise<LauncherState>;
export function stop(options?: { name?: string; graceMs?: number }): Promise<boolean>;

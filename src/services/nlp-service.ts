// Which CoreNLP server drafts use, and its state for /healthz: a configured URL, the one
// `npm run nlp:start` runs, or one this process starts in the background (CGRAPH_NLP=start).
import type { NlpConfig } from '../config.ts';
import { DomainError } from '../domain/errors.ts';
import { localCoreNlp, type LocalCoreNlpState } from './local-services.ts';

export type NlpStatus =
  | { state: 'off'; why: string }
  | { state: 'starting'; since: string }
  | { state: 'ready'; url: string; source: 'configured' | 'running' | 'started' }
  | { state: 'failed'; why: string };

/** What the service needs of a launcher (tests pass a fake one). */
export interface NlpLauncher {
  runningState(name?: string): Pick<LocalCoreNlpState, 'uri'> | undefined;
  start(options?: { name?: string; port?: number; detached?: boolean }): Promise<Pick<LocalCoreNlpState, 'uri'>>;
  stop(options?: { name?: string }): Promise<boolean>;
  freePort?(): Promise<number>;
}

/** The launcher name of a server the API starts for itself (npm run nlp:start uses the default name). */
export const API_NLP_NAME = 'api';
/** How long a client should wait before asking again while the server starts (it takes 20–60 s). */
const RETRY_WHILE_STARTING_S = 15;

export class NlpService {
  private status: NlpStatus;
  private started = false;

  constructor(
    private readonly config: NlpConfig,
    private readonly launcher: NlpLauncher = localCoreNlp,
  ) {
    this.status = initialStatus(config, launcher);
  }

  /** Starts a server in the background when configured to (CGRAPH_NLP=start and none runs); returns at once. */
  begin(onSettled?: (status: NlpStatus) => void): void {
    if (this.config.mode !== 'start' || this.status.state === 'ready') return;
    this.status = { state: 'starting', since: new Date().toISOString() };
    this.started = true;
    const port = this.launcher.freePort ? this.launcher.freePort() : Promise.resolve(undefined);
    port.then((free) => this.launcher.start({ name: API_NLP_NAME, port: free, detached: false })).then(
      (state) => {
        this.status = { state: 'ready', url: state.uri, source: 'started' };
        onSettled?.(this.status);
      },
      (error: unknown) => {
        this.started = false;
        this.status = { state: 'failed', why: (error as Error).message };
        onSettled?.(this.status);
      },
    );
  }

  get current(): NlpStatus {
    return this.status;
  }

  /**
   * The server a draft should use now: its URL, or undefined when none is configured or it could not
   * start (the draft falls back to the simpler rules and says so). While one starts: NLP_UNAVAILABLE.
   */
  urlForDraft(): string | undefined {
    const status = this.status;
    if (status.state === 'ready') return status.url;
    if (status.state === 'starting') {
      throw new DomainError('NLP_UNAVAILABLE', `the CoreNLP server is starting (since ${status.since}); ask again in about ${RETRY_WHILE_STARTING_S} s`, { retryAfterSeconds: RETRY_WHILE_STARTING_S });
    }
    return undefined;
  }

  /** Why drafts use the simpler rules, when they do: the warning a draft carries. */
  fallbackReason(): string | undefined {
    const status = this.status;
    if (status.state === 'off') return status.why;
    if (status.state === 'failed') return `CoreNLP could not start (${status.why})`;
    return undefined;
  }

  /** Stops the server this process started; one it found running or was given is left alone. */
  async close(): Promise<void> {
    if (this.started) await this.launcher.stop({ name: API_NLP_NAME });
    this.started = false;
  }
}

/**
 * The server a process should use without starting one: the configured URL, else one that
 * `npm run nlp:start` or an API runs on this machine; undefined when none (or CGRAPH_NLP=off).
 * The API and `cgraph draft` both choose through this, so they never disagree on which server.
 */
export function configuredOrRunningNlp(config: NlpConfig, launcher: NlpLauncher = localCoreNlp): { url: string; source: 'configured' | 'running' } | undefined {
  if (config.url) return { url: config.url, source: 'configured' };
  if (config.mode === 'off') return undefined;
  const running = launcher.runningState() ?? launcher.runningState(API_NLP_NAME);
  return running ? { url: running.uri, source: 'running' } : undefined;
}

function initialStatus(config: NlpConfig, launcher: NlpLauncher): NlpStatus {
  const server = configuredOrRunningNlp(config, launcher);
  if (server) return { state: 'ready', ...server };
  if (config.mode === 'off') return { state: 'off', why: 'CGRAPH_NLP=off' };
  return config.mode === 'start'
    ? { state: 'starting', since: new Date().toISOString() }
    : { state: 'off', why: 'no CoreNLP server runs: start one with npm run nlp:start, or set CGRAPH_NLP_URL or CGRAPH_NLP=start' };
}

// Which CoreNLP server drafts use, and what /healthz says of it: a configured URL, one already
// running, one the API starts in the background (NLP_UNAVAILABLE until it answers), or none.
import { describe, expect, it } from 'vitest';
import type { DomainError } from '../../src/domain/errors.ts';
import { configuredOrRunningNlp, NlpService, type NlpLauncher } from '../../src/services/nlp-service.ts';

/** A launcher whose start the test settles by hand. */
function fakeLauncher(running?: string) {
  let settle: { resolve: (uri: string) => void; reject: (error: Error) => void } | undefined;
  const calls = { starts: 0, stops: [] as (string | undefined)[] };
  const launcher: NlpLauncher = {
    runningState: (name) => (running && name === undefined ? { uri: running } : undefined),
    start: () => {
      calls.starts++;
      return new Promise((resolve, reject) => {
        settle = { resolve: (uri) => resolve({ uri }), reject };
      });
    },
    stop: async ({ name } = {}) => {
      calls.stops.push(name);
      return true;
    },
    freePort: async () => 19_999,
  };
  const started = async () => {
    while (!settle) await new Promise((r) => setTimeout(r, 1));
    return settle;
  };
  return { launcher, calls, started };
}

const unavailable = (service: NlpService) => {
  try {
    service.urlForDraft();
  } catch (error) {
    return error as DomainError;
  }
  return undefined;
};

describe('NlpService', () => {
  it('uses a configured URL as it is, and never starts or stops a server', async () => {
    const { launcher, calls } = fakeLauncher();
    const service = new NlpService({ url: 'http://10.0.0.5:9000', mode: 'auto' }, launcher);
    service.begin();
    expect(service.current).toEqual({ state: 'ready', url: 'http://10.0.0.5:9000', source: 'configured' });
    expect(service.urlForDraft()).toBe('http://10.0.0.5:9000');
    await service.close();
    expect(calls).toEqual({ starts: 0, stops: [] });
  });

  it('uses the server npm run nlp:start runs, and leaves it running', async () => {
    const { launcher, calls } = fakeLauncher('http://127.0.0.1:9000');
    const service = new NlpService({ url: undefined, mode: 'auto' }, launcher);
    expect(service.current).toMatchObject({ state: 'ready', source: 'running' });
    await service.close();
    expect(calls.stops).toEqual([]);
  });

  it('without a server, drafts use the rules and say why', () => {
    const service = new NlpService({ url: undefined, mode: 'auto' }, fakeLauncher().launcher);
    expect(service.current.state).toBe('off');
    expect(service.urlForDraft()).toBeUndefined();
    expect(service.fallbackReason()).toMatch(/npm run nlp:start/);
    expect(new NlpService({ url: undefined, mode: 'off' }, fakeLauncher('http://127.0.0.1:9000').launcher).urlForDraft()).toBeUndefined();
  });

  it('starts one in the background: NLP_UNAVAILABLE with a retry time until it answers, then its URL; it stops it on close', async () => {
    const { launcher, calls, started } = fakeLauncher();
    const service = new NlpService({ url: undefined, mode: 'start' }, launcher);
    const settled: string[] = [];
    service.begin((status) => settled.push(status.state));
    expect(service.current.state).toBe('starting');
    expect(unavailable(service)).toMatchObject({ code: 'NLP_UNAVAILABLE', details: { retryAfterSeconds: expect.any(Number) } });
    (await started()).resolve('http://127.0.0.1:19999');
    await new Promise((r) => setTimeout(r, 5));
    expect(settled).toEqual(['ready']);
    expect(service.urlForDraft()).toBe('http://127.0.0.1:19999');
    await service.close();
    expect(calls).toEqual({ starts: 1, stops: ['api'] });
  });

  it('when the server cannot start (no Java), drafts fall back to the rules and say why', async () => {
    const { launcher, calls, started } = fakeLauncher();
    const service = new NlpService({ url: undefined, mode: 'start' }, launcher);
    service.begin();
    (await started()).reject(new Error('java was not found'));
    await new Promise((r) => setTimeout(r, 5));
    expect(service.current).toEqual({ state: 'failed', why: 'java was not found' });
    expect(service.urlForDraft()).toBeUndefined();
    expect(service.fallbackReason()).toMatch(/java was not found/);
    await service.close();
    expect(calls.stops).toEqual([]);
  });
});

describe('configuredOrRunningNlp: the one choice the API and cgraph draft share', () => {
  const launcherWith = (servers: Record<string, string>): NlpLauncher => ({
    runningState: (name) => (servers[name ?? 'default'] ? { uri: servers[name ?? 'default'] as string } : undefined),
    start: () => Promise.reject(new Error('not started here')),
    stop: async () => false,
  });

  it('takes the configured URL before any running server', () => {
    expect(configuredOrRunningNlp({ url: 'http://nlp.example:9000', mode: 'auto' }, launcherWith({ default: 'http://127.0.0.1:9000' }))).toEqual({ url: 'http://nlp.example:9000', source: 'configured' });
  });

  it("finds the server npm run nlp:start runs, else the one an API started for itself", () => {
    expect(configuredOrRunningNlp({ url: undefined, mode: 'auto' }, launcherWith({ default: 'http://127.0.0.1:9000', api: 'http://127.0.0.1:9100' }))).toEqual({ url: 'http://127.0.0.1:9000', source: 'running' });
    expect(configuredOrRunningNlp({ url: undefined, mode: 'auto' }, launcherWith({ api: 'http://127.0.0.1:9100' }))).toEqual({ url: 'http://127.0.0.1:9100', source: 'running' });
  });

  it('uses none when told off or when none runs', () => {
    expect(configuredOrRunningNlp({ url: undefined, mode: 'off' }, launcherWith({ default: 'http://127.0.0.1:9000' }))).toBeUndefined();
    expect(configuredOrRunningNlp({ url: undefined, mode: 'auto' }, launcherWith({}))).toBeUndefined();
  });
});

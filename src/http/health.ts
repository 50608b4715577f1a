// /healthz: 200 once the store is loaded (main.ts says when), 503 while loading or stopping, with
// how long callbacks waited for the event loop since start (or the last `?reset`): the figure
// analysis must not push up.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Plugin } from 'graphql-yoga';
import type { OwnAnswers } from './http-plugins.ts';

export const HEALTH_PATH = '/healthz';

export type HealthStatus = 'loading' | 'ok' | 'stopping';

/** The server's state as /healthz reports it: main.ts sets `ready` and `stopping`. */
export class ServerHealth {
  /** The store is open and its seeds are loaded. */
  ready = false;
  /** Shutdown has begun: in-flight requests finish, new clients should go elsewhere. */
  stopping = false;
  /** The state of an optional service the API uses (today CoreNLP for drafts), reported as is. */
  services: Record<string, () => unknown> = {};
  private readonly loopDelay: ReturnType<typeof monitorEventLoopDelay>;

  constructor() {
    this.loopDelay = monitorEventLoopDelay({ resolution: 10 });
    this.loopDelay.enable();
  }

  get status(): HealthStatus {
    return this.stopping ? 'stopping' : this.ready ? 'ok' : 'loading';
  }

  /** Event-loop delay percentiles in ms since start or the last reset; `reset` starts a new period after reading. */
  eventLoopDelayMs(reset = false): { p50: number; p99: number; max: number } {
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    const figures = { p50: ms(this.loopDelay.percentile(50)), p99: ms(this.loopDelay.percentile(99)), max: ms(this.loopDelay.max) };
    if (reset) this.loopDelay.reset();
    return figures;
  }
}

/** Answers `/healthz` and `/healthz?reset`, whatever the method (load balancers differ). */
export function healthPlugin(health: ServerHealth, storeKind: string, answers: OwnAnswers): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== HEALTH_PATH || (url.search !== '' && url.search !== '?reset')) return;
      const status = health.status;
      const services = Object.fromEntries(Object.entries(health.services).map(([name, state]) => [name, state()]));
      const body = JSON.stringify({ status, store: storeKind, ...services, eventLoopDelayMs: health.eventLoopDelayMs(url.search === '?reset') });
      answers.end(request, endResponse, new fetchAPI.Response(body, { status: status === 'ok' ? 200 : 503, headers: { 'content-type': 'application/json' } }));
    },
  };
}

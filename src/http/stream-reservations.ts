// Stream reservations never opened: graphql-sse keeps each PUT's stream until a GET opens it and it
// ends, with no way to drop one. So a client may hold only a few unopened, and one left unopened
// past its time is opened here and left at once, as a client that went away would: that ends it.
import type { IncomingMessage } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import { DEFAULT_STREAM_RESERVATION_LIMITS, type ApiKey, type StreamReservationLimits } from '../config.ts';
import { requestClient } from '../graphql/context.ts';

interface Unopened {
  client: string;
  timer: NodeJS.Timeout;
}

const refusal = (status: number, code: string, message: string, extensions: Record<string, unknown>, headers: Record<string, string> = {}) =>
  Response.json({ errors: [{ message, extensions: { code, ...extensions } }] }, { status, headers });

export class StreamReservations {
  private readonly unopened = new Map<string, Unopened>();
  /** Per client: its unopened reservations and its PUTs not yet answered (so concurrent PUTs cannot pass the cap together). */
  private readonly held = new Map<string, number>();
  /** The sum of `held`: the cap on all clients together. */
  private heldTotal = 0;
  /** Streams opened from a reservation and not ended yet: a second GET of one is graphql-sse's to refuse (409). */
  private readonly opened = new Set<string>();
  private readonly putBy = new WeakMap<Request, string>();
  private openStream: ((token: string) => Promise<Response>) | undefined;

  constructor(private readonly limits: StreamReservationLimits = DEFAULT_STREAM_RESERVATION_LIMITS) {}

  /** Reservations made and not opened yet. */
  get size(): number {
    return this.unopened.size;
  }

  /**
   * Meets every request to the stream endpoint before graphql-sse: a PUT past its client's cap gets
   * 429; a GET with a token opens a held reservation, or gets 404 when none is held (it expired).
   */
  plugin(options: { endpoint: string; tokenHeader: string; apiKeys: readonly ApiKey[] }): Plugin {
    const onEndpoint = (request: Request) => new URL(request.url, 'http://localhost').pathname === options.endpoint;
    const tokenOf = (request: Request) => request.headers.get(options.tokenHeader) ?? new URL(request.url, 'http://localhost').searchParams.get('token') ?? undefined;
    return {
      onRequest: ({ request, serverContext, endResponse }) => {
        if (!onEndpoint(request)) return;
        if (request.method === 'PUT') {
          const address = (serverContext as { req?: IncomingMessage }).req?.socket.remoteAddress;
          const refused = this.reserving(request, requestClient(request, options.apiKeys, address));
          if (refused) endResponse(refused);
          return;
        }
        const token = tokenOf(request);
        if (request.method === 'GET' && request.headers.get('accept') === 'text/event-stream' && token !== undefined) {
          const refused = this.opening(token);
          if (refused) endResponse(refused);
        }
      },
      onResponse: async ({ request, response }) => {
        const client = this.putBy.get(request);
        if (client === undefined) return;
        this.putBy.delete(request);
        // graphql-sse answers a reservation made with 201 and its token as the body.
        if (response.status === 201) this.hold((await response.clone().text()).trim(), client);
        else this.release(client);
      },
    };
  }

  /** How an expired reservation is opened: a request through the whole API (its plugins, graphql-sse's handler). */
  reachThrough(fetch: (request: Request) => Promise<Response>, options: { endpoint: string; tokenHeader: string }): void {
    this.openStream = (token) => fetch(new Request(`http://localhost${options.endpoint}`, { headers: { accept: 'text/event-stream', [options.tokenHeader]: token } }));
  }

  /** A stream opened from a reservation has ended (its reader left, it completed, or shutdown). */
  ended(token: string): void {
    this.opened.delete(token);
  }

  /** Drops the expiry timers: for shutdown (the streams themselves end with the process). */
  close(): void {
    for (const { timer } of this.unopened.values()) clearTimeout(timer);
  }

  private reserving(request: Request, client: string): Response | undefined {
    const mine = this.held.get(client) ?? 0;
    if (mine >= this.limits.perClient) {
      const seconds = Math.ceil(this.limits.ttlMs / 1000);
      return refusal(
        429,
        'STREAM_RESERVATION_LIMIT',
        `this client already holds ${mine} stream reservations it has not opened, the most one client may (CGRAPH_STREAM_RESERVATIONS_PER_CLIENT): open one (GET with its token) or wait; each is dropped ${seconds} s after it was made`,
        { limit: this.limits.perClient, retryAfterSeconds: seconds },
        { 'retry-after': String(seconds) },
      );
    }
    if (this.heldTotal >= this.limits.total) {
      const seconds = Math.ceil(this.limits.ttlMs / 1000);
      return refusal(
        429,
        'STREAM_RESERVATION_LIMIT',
        `the API holds ${this.heldTotal} stream reservations not opened yet, the most it holds for all clients (CGRAPH_STREAM_RESERVATIONS_MAX): retry after ${seconds} s, when unopened ones have been dropped`,
        { limit: this.limits.total, scope: 'all clients', retryAfterSeconds: seconds },
        { 'retry-after': String(seconds) },
      );
    }
    this.held.set(client, mine + 1);
    this.heldTotal++;
    this.putBy.set(request, client);
    return undefined;
  }

  private opening(token: string): Response | undefined {
    if (this.take(token)) {
      this.opened.add(token);
      return undefined;
    }
    if (this.opened.has(token)) return undefined;
    const seconds = this.limits.ttlMs / 1000;
    return refusal(404, 'STREAM_NOT_RESERVED', `no stream reservation waits with this token: it was not opened within ${seconds} s and was dropped, it was opened and has ended, or it was never made; reserve a new one (PUT)`, { ttlMs: this.limits.ttlMs });
  }

  private hold(token: string, client: string): void {
    const timer = setTimeout(() => void this.expire(token), this.limits.ttlMs);
    timer.unref();
    this.unopened.set(token, { client, timer });
  }

  /** Forgets an unopened reservation and gives its client's place back; false when none is held. */
  private take(token: string): boolean {
    const reservation = this.unopened.get(token);
    if (!reservation) return false;
    clearTimeout(reservation.timer);
    this.unopened.delete(token);
    this.release(reservation.client);
    return true;
  }

  private release(client: string): void {
    const left = (this.held.get(client) ?? 1) - 1;
    this.heldTotal = Math.max(0, this.heldTotal - 1);
    if (left > 0) this.held.set(client, left);
    else this.held.delete(client);
  }

  /**
   * Opens the stream and leaves it at once: graphql-sse then disposes of it (its map entry goes and
   * any subscription sent on it completes, giving its place back).
   */
  private async expire(token: string): Promise<void> {
    if (!this.unopened.has(token) || !this.openStream) return;
    try {
      const response = await this.openStream(token);
      // The stream starts on its first read (the opening comment is waiting); a cancel before it would not reach graphql-sse.
      const reader = response.body?.getReader();
      await reader?.read();
      await reader?.cancel();
    } finally {
      // Opening it took it already, unless the API is stopping (503): then it is forgotten here.
      this.take(token);
    }
  }
}

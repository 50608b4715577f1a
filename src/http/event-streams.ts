// GraphQL over Server-Sent Events at /graphql/stream (graphql-sse through yoga's plugin; a browser
// tab reserves one stream and runs every subscription on it): the socket's backpressure reaches
// the subscriptions' bounded queues, and shutdown ends every stream cleanly.
import type { ServerResponse } from 'node:http';
import { useGraphQLSSE } from '@graphql-yoga/plugin-graphql-sse';
import type { Plugin } from 'graphql-yoga';
import type { ApiKey, StreamReservationLimits } from '../config.ts';
import { StreamReservations } from './stream-reservations.ts';

export const STREAM_ENDPOINT = '/graphql/stream';
const TOKEN_HEADER = 'x-graphql-event-stream-token';

const onStreamPath = (request: Request) => new URL(request.url, 'http://localhost').pathname === STREAM_ENDPOINT;

/** The stream a request belongs to: its reservation token (single-connection mode), else the request itself (one stream per operation). */
function streamKey(request: Request): string | Request {
  return request.headers.get(TOKEN_HEADER) ?? new URL(request.url, 'http://localhost').searchParams.get('token') ?? request;
}

/**
 * The open event streams. A subscription's next event waits while its stream's socket cannot take
 * more (a reader that stopped reading): its events then wait in its own bounded queue
 * (services/graph-events.ts), which drops them for a resync, instead of in an unbounded buffer.
 */
export class EventStreams {
  private readonly responses = new Map<string | Request, ServerResponse>();
  private readonly closers = new Set<() => void>();
  private readonly reservations: StreamReservations;
  private closed = false;

  constructor(reservationLimits?: StreamReservationLimits) {
    this.reservations = new StreamReservations(reservationLimits);
  }

  /** Open streams now. */
  get size(): number {
    return this.closers.size;
  }

  /** Streams reserved (single-connection PUT) and not opened yet. */
  get reserved(): number {
    return this.reservations.size;
  }

  /** The API keys name the clients that the reservation cap counts. */
  plugins(apiKeys: readonly ApiKey[] = []): Plugin[] {
    return [
      this.tracking(),
      this.reservations.plugin({ endpoint: STREAM_ENDPOINT, tokenHeader: TOKEN_HEADER, apiKeys }),
      useGraphQLSSE({ endpoint: STREAM_ENDPOINT, onNext: (_context, req) => this.readerReady(req.raw) }),
    ];
  }

  /** The API these plugins were given to (createServer says), through which expired reservations are dropped. */
  servedBy(fetch: (request: Request) => Promise<Response>): void {
    this.reservations.reachThrough(fetch, { endpoint: STREAM_ENDPOINT, tokenHeader: TOKEN_HEADER });
  }

  /** Ends every stream (a clean end of each HTTP response) and refuses new ones: for shutdown. */
  closeAll(): void {
    this.closed = true;
    this.reservations.close();
    for (const close of [...this.closers]) close();
  }

  /** Resolves once the stream's socket takes writes again, or is gone. */
  private readerReady(request: Request): Promise<void> | undefined {
    const res = this.responses.get(streamKey(request));
    if (!res?.writableNeedDrain || res.destroyed) return undefined;
    return new Promise((resolve) => {
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
  }

  /** Notes each stream's Node response (for its backpressure) and wraps its body so that shutdown can end it. */
  private tracking(): Plugin {
    return {
      onRequest: ({ request, serverContext, endResponse }) => {
        if (!onStreamPath(request)) return;
        if (this.closed) {
          endResponse(Response.json({ errors: [{ message: 'the API is stopping; connect again once it is back', extensions: { code: 'SHUTTING_DOWN' } }] }, { status: 503 }));
          return;
        }
        const res = (serverContext as { res?: ServerResponse }).res;
        if (!res || request.headers.get('accept') !== 'text/event-stream') return;
        const key = streamKey(request);
        this.responses.set(key, res);
        res.once('close', () => {
          if (this.responses.get(key) === res) this.responses.delete(key);
          // Its socket is gone, whether or not its body heard (a token opened from a reservation is forgotten).
          if (typeof key === 'string') this.reservations.ended(key);
        });
      },
      onResponse: ({ request, response, setResponse }) => {
        if (!onStreamPath(request) || !response.body || !response.headers.get('content-type')?.startsWith('text/event-stream')) return;
        const key = streamKey(request);
        const ended = typeof key === 'string' ? () => this.reservations.ended(key) : undefined;
        setResponse(new Response(this.closable(response.body, ended), { status: response.status, headers: response.headers }));
      },
    };
  }

  /** The body, wrapped so that shutdown can end it; `ended` hears when it ends, whichever way. */
  private closable(body: ReadableStream<Uint8Array>, ended?: () => void): ReadableStream<Uint8Array> {
    const reader = body.getReader();
    let close: () => void = () => undefined;
    const forget = () => {
      this.closers.delete(close);
      ended?.();
    };
    return new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          close = () => {
            forget();
            // Cancelling the inner stream ends graphql-sse's operations; closing ours ends the response.
            void reader.cancel().catch(() => undefined);
            try {
              controller.close();
            } catch {
              // already closed
            }
          };
          this.closers.add(close);
        },
        pull: async (controller) => {
          const { done, value } = await reader.read();
          if (done) forget();
          try {
            if (value) controller.enqueue(value);
            if (done) controller.close();
          } catch {
            // Closed by shutdown meanwhile: nothing more goes out.
          }
        },
        cancel: async (reason) => {
          forget();
          await reader.cancel(reason);
        },
      },
      { highWaterMark: 0 },
    );
  }
}

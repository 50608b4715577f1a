// Slow bodies against the server as a process: the request time limit is a setting, and it holds
// within a small margin (Node checked it only every 30 s, so 300 slow connections lived ~64 s
// under a 30 s limit).
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type Running } from '../support/server-process.ts';

let running: Running | undefined;
afterEach(() => {
  running?.child.kill('SIGKILL');
  running = undefined;
});

interface SlowRequest {
  /** Milliseconds from connecting until the server closed the connection. */
  closedAfterMs: number;
  /** What the server answered before closing ('' when it reset the connection). */
  answer: string;
}

/** A POST that declares 1,000 bytes and sends one every 100 ms, until the server closes it. */
function slowBody(url: string): Promise<SlowRequest> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const started = performance.now();
    let answer = '';
    const socket: Socket = connect(Number(port), hostname, () => {
      socket.write(`POST /graphql HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":"`);
    });
    const drip = setInterval(() => socket.writable && socket.write(' '), 100);
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(drip);
      resolve({ closedAfterMs: performance.now() - started, answer });
    });
  });
}

describe('the request time limit (CGRAPH_REQUEST_TIMEOUT_MS)', () => {
  it('closes slow-body connections within the limit and a small margin', async () => {
    const limitMs = 1500;
    running = await startServer({ CGRAPH_REQUEST_TIMEOUT_MS: String(limitMs), CGRAPH_SEEDS_DIR: 'none' });
    const requests = await Promise.all(Array.from({ length: 20 }, () => slowBody(running?.url as string)));
    for (const { closedAfterMs, answer } of requests) {
      expect(closedAfterMs).toBeGreaterThanOrEqual(limitMs - 50);
      // Checked every limit/10: 150 ms late at worst, plus slack for a loaded machine.
      expect(closedAfterMs).toBeLessThan(limitMs + 1000);
      if (answer) expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    }
    // The server still answers a quick request afterwards.
    const health = await fetch(`${running.url}/healthz`);
    expect(health.status).toBe(200);
  });
});

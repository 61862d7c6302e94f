// The HTTP edge under abuse, over real sockets on loopback: oversized bodies are refused before anything
// reads or signs them, and 200 slowloris connections are closed by the server's own timeouts in seconds.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_TIMEOUTS } from '../../src/app.js';
import { sendToSlackEndpoint, slashCommand } from '../support/slack-requests.js';
import { startSlackHarness, type SlackHarness } from '../support/slack-harness.js';

const SECRET = 'limits-signing-secret';
let slack: SlackHarness;
let port = 0;

beforeAll(async () => {
  slack = await startSlackHarness({ name: 'limits', secret: SECRET });
  port = Number(new URL(slack.app.url).port);
});
afterAll(() => slack?.close());

const padded = (bytes: number) => {
  const request = slashCommand({ command: '/samverkan', text: 'hjälp' });
  return { ...request, body: `${request.body}&pad=${'a'.repeat(bytes)}` };
};

describe('request bodies', () => {
  it('Slack: above 256 KB is 413 before the signature is looked at; just below still reaches Bolt', async () => {
    // A wrong signature: Bolt would say 401, so 413 shows the size was checked first.
    const large = await sendToSlackEndpoint(`${slack.app.url}/slack/events`, padded(256 * 1024), { secret: SECRET, signature: 'v0=forged' });
    expect(large.status).toBe(413);
    const small = await sendToSlackEndpoint(`${slack.app.url}/slack/events`, padded(200 * 1024), { secret: SECRET, signature: 'v0=forged' });
    expect(small.status).toBe(401);
  });

  it('Slack: a body of undeclared length (chunked) is 411', async () => {
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('token=x&command=%2Fsamverkan'));
        controller.close();
      },
    });
    const response = await fetch(`${slack.app.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-signature': 'v0=x', 'x-slack-request-timestamp': '1' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(411);
  });

  it('Teams: above 1 MB is 413 with a generic body', async () => {
    const response = await fetch(`${slack.app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'x'.repeat(1024 * 1024 + 1) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: 'bad request' });
  });
});

describe('slow clients', () => {
  it('200 slowloris sockets are closed by the server within the header timeout, and it keeps answering', async () => {
    const opened: { socket: Socket; closedAt: Promise<number> }[] = [];
    const started = Date.now();
    for (let index = 0; index < 200; index++) {
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => undefined);
      const closedAt = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - started)));
      socket.write('POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      opened.push({ socket, closedAt });
    }
    // One more header line every second, never the blank line that ends the headers.
    const drip = setInterval(() => {
      for (const { socket } of opened) if (!socket.destroyed) socket.write(`X-Drip-${Date.now()}: 1\r\n`);
    }, 1_000);
    try {
      const health = await fetch(`${slack.app.url}/healthz`);
      expect(health.status).toBe(200);
      const closed = await Promise.all(opened.map(({ closedAt }) => closedAt));
      // Bounded: the header timeout plus the server's checking interval and a margin for a loaded machine.
      expect(Math.max(...closed)).toBeLessThan(HTTP_TIMEOUTS.headersTimeout + HTTP_TIMEOUTS.connectionsCheckingInterval + 5_000);
      expect(Math.min(...closed)).toBeGreaterThanOrEqual(HTTP_TIMEOUTS.headersTimeout - 1_000);
    } finally {
      clearInterval(drip);
      for (const { socket } of opened) socket.destroy();
    }
  }, 40_000);
});

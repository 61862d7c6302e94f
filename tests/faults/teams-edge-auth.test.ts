// Attacks on /api/messages over HTTP. Local mode (no MICROSOFT_APP_ID) replies to whatever serviceUrl an
// activity names, so it must name this machine; with an app id every token that is missing, malformed,
// forged, for another bot or expired gets 401 with a generic body and one warning line, before any turn
// runs, and nothing on stderr. No request leaves the machine: the signing keys come from a loopback fake.
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startFakeBotConnector, type FakeBotConnector } from '../support/fake-bot-connector.js';
import { FAKE_KEY_ID, startFakeOpenId, type FakeOpenId } from '../support/fake-openid.js';
import { createInMemoryStore } from '../support/in-memory-store.js';
import { CHAIR, message, postActivity, teamChannel } from '../support/teams-activities.js';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const PASSWORD = 'not-a-real-secret';

function logSink() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger('warn', sink) };
}

/** A loopback server that records every request: the "remote" connector a forged serviceUrl names. */
async function recordingServer(): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"x"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('local mode: replies only to a loopback serviceUrl', () => {
  let app: RunningApp;
  let connector: FakeBotConnector;
  const log = logSink();

  beforeAll(async () => {
    connector = await startFakeBotConnector();
    app = await startApp({ config: loadConfig({ PORT: '0' }), store: createInMemoryStore(), logger: log.logger });
  });
  afterAll(async () => {
    await app?.close();
    await connector?.close();
  });

  it('answers a loopback serviceUrl as before (127.0.0.1 and localhost)', async () => {
    const answer = await postActivity(app.url, message(teamChannel(), connector.serviceUrl, CHAIR, 'hjälp'));
    expect(answer.status).toBe(200);
    expect(connector.posts.length).toBeGreaterThan(0);
    connector.clear();
    const viaLocalhost = connector.serviceUrl.replace('127.0.0.1', 'localhost');
    expect((await postActivity(app.url, message(teamChannel(), viaLocalhost, CHAIR, 'hjälp'))).status).toBe(200);
    expect(connector.posts.length).toBeGreaterThan(0);
  });

  it('refuses a non-loopback serviceUrl with 403 and one warning, runs no turn and calls nothing', async () => {
    // A "remote" host that resolves to this machine would be called if the check were by port or path:
    // the recording server stands in for it, and the non-loopback names below must never be contacted.
    connector.clear();
    const remote = await recordingServer();
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    try {
      const disguised = remote.url.replace('127.0.0.1', '127.0.0.1.nip.example');
      for (const serviceUrl of ['https://smba.trafficmanager.net.example/emea/', 'http://10.0.0.5:3978/', 'http://[fd00::1]/', disguised, 'file:///etc/passwd', '', 42]) {
        log.lines.length = 0;
        const answer = await postActivity(app.url, { ...message(teamChannel(), connector.serviceUrl, CHAIR, 'hjälp'), serviceUrl });
        expect(answer.status, String(serviceUrl)).toBe(403);
        expect(answer.body).toEqual({ error: 'forbidden' });
        expect(log.lines.map((line) => [line.level, line.msg, line.reason])).toEqual([[40, 'teams: request refused', 'serviceUrl is not loopback (local mode)']]);
      }
      expect(remote.hits).toEqual([]);
      expect(connector.posts).toHaveLength(0);
      // Nothing in the process tried another host either (the SDK posts replies with fetch).
      expect(fetchSpy.mock.calls.map(([url]) => String(url)).filter((url) => !url.startsWith('http://127.0.0.1'))).toEqual([]);
    } finally {
      fetchSpy.mockRestore();
      await remote.close();
    }
  });
});

describe('with MICROSOFT_APP_ID: forged, malformed and expired tokens', () => {
  let app: RunningApp;
  let connector: FakeBotConnector;
  let openId: FakeOpenId;
  const log = logSink();
  const now = () => Math.floor(Date.now() / 1000);
  const claims = (overrides: Record<string, unknown> = {}) => ({
    iss: 'https://api.botframework.com',
    aud: APP_ID,
    serviceurl: 'http://127.0.0.1/',
    nbf: now() - 60,
    exp: now() + 3600,
    ...overrides,
  });
  const hmac = (header: object, body: object, secret: string) => {
    const signed = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(body)).toString('base64url')}`;
    return `${signed}.${createHmac('sha256', secret).update(signed).digest('base64url')}`;
  };

  beforeAll(async () => {
    connector = await startFakeBotConnector();
    openId = await startFakeOpenId();
    app = await startApp({
      config: loadConfig({ PORT: '0', MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: PASSWORD, PUBLIC_BASE_URL: 'https://samverkansbot.example.se' }),
      store: createInMemoryStore(),
      logger: log.logger,
      teamsOpenIdMetadata: { channel: openId.metadataUrl, emulator: openId.metadataUrl },
    });
  });
  afterAll(async () => {
    await app?.close();
    await connector?.close();
    await openId?.close();
  });
  afterEach(() => vi.restoreAllMocks());

  it('answers every one with 401, a generic body and one warning line; nothing runs, nothing on stderr', async () => {
    const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const forged: Record<string, string | undefined> = {
      'no header': undefined,
      'empty Bearer': 'Bearer ',
      'Basic scheme': `Basic ${Buffer.from(`${APP_ID}:${PASSWORD}`).toString('base64')}`,
      'not a JWT': 'Bearer hello',
      'garbage parts': 'Bearer e30.bm90IGpzb24.c2ln',
      'alg none': `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims())).toString('base64url')}.`,
      'HS256 with the app password': `Bearer ${hmac({ alg: 'HS256', typ: 'JWT', kid: FAKE_KEY_ID }, claims(), PASSWORD)}`,
      'another issuer': `Bearer ${openId.token(claims({ iss: 'https://evil.example' }))}`,
      'wrong audience': `Bearer ${openId.token(claims({ aud: '99999999-2222-3333-4444-555555555555' }))}`,
      expired: `Bearer ${openId.token(claims({ nbf: now() - 7200, exp: now() - 3600 }))}`,
      'not yet valid': `Bearer ${openId.token(claims({ nbf: now() + 3600, exp: now() + 7200 }))}`,
      'signed by another key, published key id': `Bearer ${openId.token(claims(), undefined, attacker)}`,
      'unknown key id': `Bearer ${openId.token(claims(), { alg: 'RS256', typ: 'JWT', kid: 'not-published' }, attacker)}`,
      'tampered claims': `Bearer ${(() => {
        const [head, , signature] = openId.token(claims()).split('.');
        return `${head}.${Buffer.from(JSON.stringify(claims({ aud: APP_ID, extra: 'x' }))).toString('base64url')}.${signature}`;
      })()}`,
    };
    const stderr = vi.spyOn(process.stderr, 'write');
    const consoleError = vi.spyOn(console, 'error');
    for (const [name, authorization] of Object.entries(forged)) {
      log.lines.length = 0;
      const answer = await postActivity(app.url, message(teamChannel(), connector.serviceUrl, CHAIR, 'hjälp'), authorization === undefined ? {} : { authorization });
      expect(answer.status, name).toBe(401);
      expect(answer.body, name).toEqual({ error: 'unauthorized' });
      expect(log.lines.length, name).toBe(1);
      expect(log.lines[0], name).toMatchObject({ level: 40, msg: 'teams: request refused', status: 401 });
      expect(JSON.stringify(log.lines[0])).not.toContain(authorization?.slice(7) || '\u0000');
    }
    expect(connector.posts).toHaveLength(0);
    expect(consoleError).not.toHaveBeenCalled();
    expect(stderr).not.toHaveBeenCalled();
    // The keys came from the loopback fake, once (then cached).
    expect(openId.requests).toEqual(['/metadata', '/keys']);
  });
});

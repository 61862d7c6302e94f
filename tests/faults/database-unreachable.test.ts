// Start-up against a PostgreSQL server that does not answer: the real process says which database, retries
// with a growing interval for DATABASE_START_TIMEOUT_SECONDS (one line per attempt, never the password),
// then stops with one clear line and exit code 1. A server that comes up inside that window (a loopback
// proxy to the real PostgreSQL, opened late) is used as if it had been there all along.
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { DatabaseUnreachableError, retryWhileUnreachable } from '../../src/adapters/db/start-up-retry.js';
import { postgresBackend } from '../store/db-harness.js';
import { startMain, waitFor } from '../support/main-process.js';

const PASSWORD = 'hemligt-losen-123';
const LINK_SECRET = 'download-link-secret-of-32-characters';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

/** A TCP proxy on `port` to the real PostgreSQL server. */
async function openProxy(port: number, target: URL): Promise<{ close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  return {
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((done) => server.close(done));
    },
  };
}

const attemptLines = (stderr: string) => stderr.split('\n').filter((line) => line.includes('database not reachable'));

describe('a database that does not answer at start', () => {
  it('names the database, retries with growing intervals, then stops with one line and exit code 1', async () => {
    const port = await freePort();
    const started = Date.now();
    const run = startMain({
      PORT: '0',
      DATABASE_URL: `postgres://samverkan:${PASSWORD}@127.0.0.1:${port}/samverkansbot`,
      DATABASE_START_TIMEOUT_SECONDS: '3',
      EXPORT_LINK_SECRET: LINK_SECRET,
      LOG_LEVEL: 'info',
      SCHEDULER_ENABLED: 'false',
    });
    expect(await run.exited).toBe(1);
    const elapsed = Date.now() - started;
    const { stdout, stderr } = run.output();
    const lines = stderr.trim().split('\n');
    const attempts = attemptLines(stderr);
    // 0.5 s, 1 s, then what is left of the 3 s: a handful of lines, not a flood.
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(attempts.length).toBeLessThanOrEqual(5);
    expect(lines).toEqual([...attempts, lines.at(-1)]);
    attempts.forEach((line, index) => {
      expect(line).toContain(`PostgreSQL 127.0.0.1:${port}/samverkansbot`);
      expect(line).toContain('ECONNREFUSED');
      expect(line).toContain(`attempt ${index + 1}, retrying in`);
    });
    const waits = attempts.map((line) => Number(line.match(/retrying in ([\d.]+) s/)![1]));
    expect(waits.slice(0, 2)).toEqual([0.5, 1]);
    expect(lines.at(-1)).toMatch(
      new RegExp(`^Samverkansbot kan inte starta / cannot start: database PostgreSQL 127\\.0\\.0\\.1:${port}/samverkansbot did not answer within 3 s \\(\\d+ attempts, DATABASE_START_TIMEOUT_SECONDS\\): .*ECONNREFUSED`),
    );
    expect(`${stdout}${stderr}`).not.toContain(PASSWORD);
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stdout).not.toContain('is running at');
    // Bounded: about the configured 3 s plus the process's own start, well under the 60 s default.
    expect(elapsed).toBeGreaterThan(3_000);
    expect(elapsed).toBeLessThan(20_000);
  }, 30_000);

  it.skipIf(postgresBackend.skip)('starts once the database answers inside the retry window', async () => {
    const database = await postgresBackend.createDatabase();
    const port = await freePort();
    const target = new URL(database.url);
    const viaProxy = new URL(database.url);
    viaProxy.port = String(port);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.password = PASSWORD;
    if (!viaProxy.username) viaProxy.username = 'postgres';
    let proxy: { close(): Promise<void> } | undefined;
    const run = startMain({ PORT: '0', DATABASE_URL: viaProxy.toString(), EXPORT_LINK_SECRET: LINK_SECRET, DATABASE_START_TIMEOUT_SECONDS: '30', LOG_LEVEL: 'warn', SCHEDULER_ENABLED: 'false' });
    try {
      // The server "comes up" only after the bot has been refused at least twice.
      await waitFor(() => (attemptLines(run.output().stderr).length >= 2 ? true : undefined), 20_000);
      proxy = await openProxy(port, target);
      const url = await run.url(20_000);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const { stdout, stderr } = run.output();
      expect(stdout).toContain(`database: PostgreSQL 127.0.0.1:${port}/`);
      expect(`${stdout}${stderr}`).not.toContain(PASSWORD);
      expect(stderr).not.toContain('cannot start');
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
    } finally {
      if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
      await proxy?.close();
      await database.drop();
    }
  }, 60_000);
});

describe('retryWhileUnreachable', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5999'), { code: 'ECONNREFUSED' });

  function clock() {
    let now = 0;
    const waits: number[] = [];
    return { waits, now: () => now, sleep: async (ms: number) => void (waits.push(ms), (now += ms)) };
  }

  it('doubles the wait up to the cap and gives up at the deadline with the attempts counted', async () => {
    const time = clock();
    let attempts = 0;
    const retried: number[] = [];
    const run = retryWhileUnreachable(async () => {
      attempts += 1;
      throw refused;
    }, { timeoutMs: 20_000, initialDelayMs: 500, maxDelayMs: 8_000, onRetry: (attempt) => retried.push(attempt), ...time });
    await expect(run).rejects.toThrow(DatabaseUnreachableError);
    await expect(run).rejects.toMatchObject({ attempts, message: 'connect ECONNREFUSED 127.0.0.1:5999' });
    expect(time.waits).toEqual([500, 1000, 2000, 4000, 8000, 4500]);
    expect(retried).toEqual([1, 2, 3, 4, 5, 6]);
    expect(attempts).toBe(7);
  });

  it('returns as soon as the database answers', async () => {
    const time = clock();
    let attempts = 0;
    const result = await retryWhileUnreachable(async () => {
      attempts += 1;
      if (attempts < 3) throw Object.assign(new AggregateError([refused, refused], ''), { code: 'ECONNREFUSED' });
      return 'migrated';
    }, { timeoutMs: 60_000, onRetry: () => undefined, ...time });
    expect(result).toBe('migrated');
    expect(time.waits).toEqual([500, 1000]);
  });

  it('does not retry an answer that is a refusal (wrong password, unknown database, bad migration)', async () => {
    const time = clock();
    const denied = Object.assign(new Error('password authentication failed for user "samverkan"'), { code: '28P01' });
    await expect(retryWhileUnreachable(async () => Promise.reject(denied), { timeoutMs: 60_000, onRetry: () => undefined, ...time })).rejects.toBe(denied);
    expect(time.waits).toEqual([]);
  });

  it('reads DATABASE_START_TIMEOUT_SECONDS (default 60) and refuses a bad value with one line', () => {
    expect(loadConfig({}).DATABASE_START_TIMEOUT_SECONDS).toBe(60);
    expect(loadConfig({ DATABASE_START_TIMEOUT_SECONDS: '0' }).DATABASE_START_TIMEOUT_SECONDS).toBe(0);
    expect(() => loadConfig({ DATABASE_START_TIMEOUT_SECONDS: 'länge' })).toThrow(new ConfigError('Invalid DATABASE_START_TIMEOUT_SECONDS: expected seconds 0–3600 (got "länge")'));
    expect(() => loadConfig({ DATABASE_START_TIMEOUT_SECONDS: '7200' })).toThrow(new ConfigError('Invalid DATABASE_START_TIMEOUT_SECONDS: expected seconds 0–3600 (got "7200")'));
  });
});

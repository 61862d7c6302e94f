// /healthz tells the truth about whether the database takes writes, and answers in bounded time: a read-only
// SQLite file, a write lock held by another connection, a PostgreSQL server that accepts connections but
// never answers. The store's own PostgreSQL waits are bounded too (connect, statement).
import { execFileSync } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { migrateDatabase } from '../../src/adapters/db/migrate.js';
import { createStore, DATABASE_TIMEOUTS } from '../../src/adapters/db/prisma-store.js';
import { createLogger } from '../../src/logger.js';
import { startAppOnSqlite, type AppOnSqlite } from '../support/app-on-sqlite.js';
import { postgresBackend } from '../store/db-harness.js';

const BOUND_MS = 3_000;

async function health(url: string): Promise<{ status: number; body: unknown; ms: number }> {
  const started = Date.now();
  const response = await fetch(`${url}/healthz`);
  return { status: response.status, body: await response.json(), ms: Date.now() - started };
}

/** chattr +i makes a file unwritable even for root (chmod does not); only where the tool and the right exist. */
function canMakeImmutable(): boolean {
  try {
    execFileSync('chattr', ['--help'], { stdio: 'ignore' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
  }
  return process.getuid?.() === 0;
}
const immutable = (on: boolean, paths: string[]) => execFileSync('chattr', [on ? '+i' : '-i', ...paths]);

describe('/healthz on SQLite', () => {
  let running: AppOnSqlite;
  let file = '';

  beforeAll(async () => {
    running = await startAppOnSqlite({ name: 'health' });
    file = running.databaseUrl.slice('file:'.length);
  });
  afterAll(() => running?.close());

  it('answers 200 when the database takes a write', async () => {
    const answer = await health(running.app.url);
    expect(answer).toMatchObject({ status: 200, body: { status: 'ok', database: 'ok' } });
  });

  it('answers 503 within the bound while another connection holds the write lock, 200 again after', async () => {
    const other = new Database(file);
    try {
      other.exec('BEGIN IMMEDIATE');
      const answer = await health(running.app.url);
      expect(answer).toMatchObject({ status: 503, body: { status: 'unavailable', database: 'unreachable' } });
      expect(answer.ms).toBeLessThan(BOUND_MS);
      // Reads still work meanwhile: the old SELECT 1 probe said 200 here.
      expect(await running.store.groups.list()).toEqual([]);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await health(running.app.url)).status).toBe(200);
  });

  it.skipIf(!canMakeImmutable())('answers 503 within the bound when the file turns read-only, 200 again after', async () => {
    const directory = file.slice(0, file.lastIndexOf('/'));
    const paths = [file, `${file}-wal`, directory];
    immutable(true, paths);
    try {
      const answer = await health(running.app.url);
      expect(answer).toMatchObject({ status: 503, body: { database: 'unreachable' } });
      expect(answer.ms).toBeLessThan(BOUND_MS);
    } finally {
      immutable(false, paths);
    }
    expect((await health(running.app.url)).status).toBe(200);
  });
});

/** Accepts TCP connections and never says a word: a PostgreSQL server that hangs. */
async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `postgres://postgres@127.0.0.1:${(server.address() as AddressInfo).port}/silent`,
    close: () => {
      sockets.forEach((socket) => socket.destroy());
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('PostgreSQL that does not answer', () => {
  it('makes /healthz answer 503 within the bound', async () => {
    const silent = await silentServer();
    const store = createStore(silent.url);
    const app = await startApp({ config: loadConfig({ PORT: '0', EXPORT_LINK_SECRET: 'x'.repeat(32) }), store, logger: createLogger('silent') });
    try {
      const answer = await health(app.url);
      expect(answer).toMatchObject({ status: 503, body: { database: 'unreachable' } });
      expect(answer.ms).toBeLessThan(BOUND_MS);
    } finally {
      await app.close();
      await silent.close();
      await store.close().catch(() => undefined);
    }
  });

  it('fails a store call after the connect timeout instead of waiting for ever', async () => {
    const silent = await silentServer();
    const store = createStore(silent.url);
    const started = Date.now();
    try {
      await expect(store.groups.list()).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(DATABASE_TIMEOUTS.postgresConnectMs + 2_000);
    } finally {
      await silent.close();
      await store.close().catch(() => undefined);
    }
  });
});

describe.skipIf(postgresBackend.skip)('PostgreSQL statement timeout', () => {
  it('ends a statement that waits on a lock after the statement timeout', async () => {
    const database = await postgresBackend.createDatabase();
    await migrateDatabase(database.url);
    const store = createStore(database.url, { postgresStatementTimeoutMs: 1_000 });
    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    try {
      await store.ping();
      await locker.query('BEGIN');
      // The tables the store reads are locked exclusively: every store read waits on the lock.
      const tables = await locker.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'");
      await locker.query(`LOCK TABLE ${tables.rows.map((row) => `"${row.tablename}"`).join(', ')} IN ACCESS EXCLUSIVE MODE`);
      const started = Date.now();
      await expect(store.groups.list()).rejects.toThrow(/statement timeout|canceling statement/i);
      expect(Date.now() - started).toBeLessThan(3_000);
      await locker.query('ROLLBACK');
      await expect(store.groups.list()).resolves.toEqual([]);
    } finally {
      await locker.end();
      await store.close();
      await database.drop();
    }
  });
});

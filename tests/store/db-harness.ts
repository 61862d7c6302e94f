// Throwaway databases for the store tests: a temp SQLite file, or a fresh database on the PostgreSQL
// server at DATABASE_URL_POSTGRES_TEST. Without a server the PostgreSQL suites are skipped, except on CI.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresTestUrl, probePostgres, quoteIdentifier, runOnServer } from '../../scripts/lib/postgres-probe.js';
import { redactUrl, withDatabaseName } from '../../src/adapters/db/connection-target.js';
import type { Provider } from '../../src/adapters/db/connection-target.js';
import { afterAll, beforeAll } from 'vitest';
import { migrateDatabase } from '../../src/adapters/db/migrate.js';
import { createStore } from '../../src/adapters/db/prisma-store.js';
import type { Clock, Store } from '../../src/core/ports.js';

export interface TempDatabase {
  url: string;
  drop(): Promise<void>;
}

export interface Backend {
  name: string;
  provider: Provider;
  /** True when the suite must be skipped (no PostgreSQL server, outside CI). */
  skip: boolean;
  createDatabase(): Promise<TempDatabase>;
}

const serverUrl = postgresTestUrl();
const unreachable = await probePostgres(serverUrl, 2000);
const inCi = process.env.CI === 'true';
const noServer = `no server at ${redactUrl(serverUrl)}`;
if (unreachable !== null && !inCi) {
  console.log(`SKIPPED: PostgreSQL store tests — ${noServer}; set DATABASE_URL_POSTGRES_TEST`);
}

export const sqliteBackend: Backend = {
  name: 'SQLite',
  provider: 'sqlite',
  skip: false,
  async createDatabase() {
    const dir = mkdtempSync(join(tmpdir(), 'samverkansbot-store-'));
    return { url: `file:${join(dir, 'test.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  },
};

export const postgresBackend: Backend = {
  name: 'PostgreSQL',
  provider: 'postgres',
  skip: unreachable !== null && !inCi,
  async createDatabase() {
    if (unreachable !== null) {
      // Only reached on CI, where the PostgreSQL half must run: fail loudly instead of skipping.
      throw new Error(`CI=true but PostgreSQL does not answer (${noServer}: ${unreachable})`);
    }
    const name = `samverkansbot_test_${randomBytes(6).toString('hex')}`;
    await runOnServer(serverUrl, [`CREATE DATABASE ${quoteIdentifier(name)}`]);
    return {
      url: withDatabaseName(serverUrl, name),
      drop: () => runOnServer(serverUrl, [`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`]),
    };
  },
};

export const backends: readonly Backend[] = [sqliteBackend, postgresBackend];

/**
 * Two stores on one fresh, migrated database, as two instances of the bot would have, made before the
 * suite's tests and closed (the database dropped) after them. Call inside a describe block.
 */
export function twoInstances(backend: Backend, options: { clock?: Clock } = {}): { first: () => Store; second: () => Store } {
  let database: TempDatabase | undefined;
  let first: Store | undefined;
  let second: Store | undefined;
  beforeAll(async () => {
    database = await backend.createDatabase();
    await migrateDatabase(database.url);
    first = createStore(database.url, options.clock ? { clock: options.clock } : {});
    second = createStore(database.url, options.clock ? { clock: options.clock } : {});
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await database?.drop();
  });
  return { first: () => first!, second: () => second! };
}

// The server under test as the contract tests run it: the REAL store on a freshly migrated SQLite file in
// its own temp directory, and the REAL app (startApp) on a loopback port. Used by the Slack and Teams
// harnesses (slack-harness.ts, teams-harness.ts) and by tests that need only the store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { TEST_REGION_FILE } from './test-region.js';
import type { Clock, Store } from '../../src/core/ports.js';
import { migrateDatabase } from '../../src/adapters/db/migrate.js';
import { createStore, type StoreOptions } from '../../src/adapters/db/prisma-store.js';
import { createLogger, type Logger } from '../../src/logger.js';

export interface TempSqliteStore {
  databaseUrl: string;
  store: Store;
  /** Closes the store and deletes the file with its directory. */
  close(): Promise<void>;
}

/** A migrated SQLite file in a new temp directory named after `name`, with the Prisma store on it. */
export async function openTempSqliteStore(name: string, options: StoreOptions = {}): Promise<TempSqliteStore> {
  const dir = mkdtempSync(join(tmpdir(), `samverkansbot-${name}-`));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const databaseUrl = `file:${join(dir, 'test.db')}`;
  try {
    await migrateDatabase(databaseUrl);
  } catch (error) {
    remove();
    throw error;
  }
  const store = createStore(databaseUrl, options);
  return {
    databaseUrl,
    store,
    async close() {
      await store.close();
      remove();
    },
  };
}

export interface AppOnSqliteOptions {
  /** Names the temp directory (samverkansbot-<name>-…). */
  name: string;
  /** Environment for loadConfig on top of PORT=0, LOG_LEVEL=silent and the temp DATABASE_URL. */
  env?: Record<string, string>;
  clock?: Clock;
  /** Silent by default. */
  logger?: Logger;
}

export interface AppOnSqlite {
  app: RunningApp;
  store: Store;
  config: Config;
  databaseUrl: string;
  close(): Promise<void>;
}

/** startApp with a config validated as in production, on a temp SQLite store. */
export async function startAppOnSqlite(options: AppOnSqliteOptions): Promise<AppOnSqlite> {
  const database = await openTempSqliteStore(options.name);
  try {
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DATABASE_URL: database.databaseUrl, REGION_FILE: TEST_REGION_FILE, ...options.env });
    const app = await startApp({ config, store: database.store, logger: options.logger ?? createLogger('silent'), clock: options.clock });
    return {
      app,
      store: database.store,
      config,
      databaseUrl: database.databaseUrl,
      async close() {
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** Runs `start` after `opened` is up; when `start` fails, closes `opened` before rethrowing. */
export async function startAfter<T>(opened: { close(): Promise<void> }, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    await opened.close();
    throw error;
  }
}

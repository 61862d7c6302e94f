// Applies the committed migrations at start-up without the Prisma CLI: the CLI needs the WASM engine and
// lingers ~10 s on PostgreSQL. The bookkeeping table is Prisma's own `_prisma_migrations`, filled the way
// Prisma fills it (checksum = sha256 hex of migration.sql), so `prisma migrate status/deploy` agree with us.
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { ensureSqliteDirectory, parseDatabaseUrl, redactUrl } from './connection-target.js';
import type { DatabaseTarget, Provider } from './connection-target.js';
import { listMigrations } from './migration-files.js';

export interface MigrateOptions {
  /** Folder of migration folders; defaults to the committed prisma/<provider>/migrations. */
  migrationsDir?: string;
  log?: (message: string) => void;
}

export interface MigrateResult {
  provider: Provider;
  applied: string[];
  alreadyApplied: number;
}

export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

export function defaultMigrationsDir(provider: Provider): string {
  return fileURLToPath(new URL(`../../../prisma/${provider}/migrations/`, import.meta.url));
}

// Prisma's own lock key, so that we also exclude a concurrent `prisma migrate deploy`.
const ADVISORY_LOCK_KEY = 72707369;

const CREATE_TABLE: Record<Provider, string> = {
  sqlite: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`,
  postgres: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`,
};

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished: boolean;
  rolled_back: boolean;
}

const SELECT_APPLIED = `SELECT "migration_name", "checksum", "finished_at" IS NOT NULL AS "finished",
  "rolled_back_at" IS NOT NULL AS "rolled_back" FROM "_prisma_migrations" ORDER BY "started_at", "migration_name"`;

/** The few operations migrating needs, over one connection held for the whole run. */
interface MigrationConnection {
  provider: Provider;
  exec(script: string): Promise<void>;
  applied(): Promise<AppliedRow[]>;
  record(name: string, checksum: string, startedAt: Date, finishedAt: Date): Promise<void>;
  /** Begins a transaction that excludes other migrators until it ends. */
  begin(): Promise<void>;
  /** Runs checks that must hold before commit. */
  commit(): Promise<void>;
  rollback(): Promise<void>;
  close(): Promise<void>;
}

function sqliteConnection(file: string): MigrationConnection {
  const db = new Database(file, { timeout: 15_000 });
  // Prisma's SQLite table redefinitions (create new_X, copy, DROP X, rename) must run with foreign keys
  // off, or DROP TABLE cascades into the children. The script's own PRAGMA is a no-op inside our
  // transaction, so switch them off here, before BEGIN, and check integrity ourselves before COMMIT.
  db.pragma('foreign_keys = OFF');
  // Persistent in the file: readers no longer block the writer (see createStore).
  if (file !== ':memory:') db.pragma('journal_mode = WAL');
  const sqliteTime = (date: Date): string => date.toISOString().replace('Z', '+00:00');
  return {
    provider: 'sqlite',
    exec: async (script) => void db.exec(script),
    applied: async () =>
      (db.prepare(SELECT_APPLIED).all() as Record<string, unknown>[]).map((row) => ({
        migration_name: String(row.migration_name),
        checksum: String(row.checksum),
        finished: Boolean(row.finished),
        rolled_back: Boolean(row.rolled_back),
      })),
    record: async (name, checksum, startedAt, finishedAt) =>
      void db
        .prepare(
          `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "logs",
            "rolled_back_at", "started_at", "applied_steps_count") VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
        )
        .run(randomUUID(), checksum, sqliteTime(finishedAt), name, sqliteTime(startedAt)),
    // IMMEDIATE takes the write lock now, so two processes cannot both see a migration as pending.
    begin: async () => void db.exec('BEGIN IMMEDIATE'),
    commit: async () => {
      const violations = db.pragma('foreign_key_check') as unknown[];
      if (violations.length > 0) {
        throw new MigrationError(`foreign key violations after migration: ${JSON.stringify(violations.slice(0, 5))}`);
      }
      db.exec('COMMIT');
    },
    rollback: async () => {
      if (db.inTransaction) db.exec('ROLLBACK');
    },
    close: async () => void db.close(),
  };
}

async function postgresConnection(url: string): Promise<MigrationConnection> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  // A session lock held for the whole run: a second instance starting at the same time waits here and
  // then finds everything applied.
  await client.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCK_KEY]);
  return {
    provider: 'postgres',
    exec: async (script) => void (await client.query(script)),
    applied: async () => (await client.query<AppliedRow>(SELECT_APPLIED)).rows,
    record: async (name, checksum, startedAt, finishedAt) =>
      void (await client.query(
        `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "logs",
          "rolled_back_at", "started_at", "applied_steps_count") VALUES ($1, $2, $3, $4, NULL, NULL, $5, 1)`,
        [randomUUID(), checksum, finishedAt, name, startedAt],
      )),
    begin: async () => void (await client.query('BEGIN')),
    commit: async () => void (await client.query('COMMIT')),
    rollback: async () => void (await client.query('ROLLBACK')),
    close: async () => {
      await client.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCK_KEY]).catch(() => undefined);
      await client.end();
    },
  };
}

async function connect(target: DatabaseTarget): Promise<MigrationConnection> {
  if (target.provider === 'postgres') return postgresConnection(target.url);
  ensureSqliteDirectory(target);
  return sqliteConnection(target.file);
}

export const migrationChecksum = (script: string | Buffer): string =>
  createHash('sha256').update(script).digest('hex');

/** Refuses to run against a database whose history does not match the migrations we ship. */
function verifyHistory(rows: AppliedRow[], local: Map<string, string>, where: string): void {
  const failed = rows.find((row) => !row.finished && !row.rolled_back);
  if (failed) {
    throw new MigrationError(
      `Migration ${failed.migration_name} failed earlier on ${where} and was never resolved. ` +
        'Repair the database, then mark it with `prisma migrate resolve`.',
    );
  }
  for (const row of rows) {
    if (!row.finished || row.rolled_back) continue;
    const checksum = local.get(row.migration_name);
    if (checksum === undefined) {
      throw new MigrationError(
        `${where} has migration ${row.migration_name}, which this version of the app does not know. ` +
          'Refusing to run against a newer or foreign schema.',
      );
    }
    if (checksum !== row.checksum) {
      throw new MigrationError(
        `Migration ${row.migration_name} was changed after it was applied to ${where} ` +
          `(checksum ${row.checksum.slice(0, 12)}… in the database, ${checksum.slice(0, 12)}… on disk). ` +
          'Never edit an applied migration: restore it and add a new one.',
      );
    }
  }
}

/**
 * Brings the database at databaseUrl up to date with the committed migrations. Each migration runs in its
 * own transaction together with its `_prisma_migrations` row, so a failure leaves no half-applied step.
 */
export async function migrateDatabase(
  databaseUrl: string | undefined,
  options: MigrateOptions = {},
): Promise<MigrateResult> {
  const target = parseDatabaseUrl(databaseUrl);
  // Database locks exclude other processes. Inside one process better-sqlite3 would wait for its own
  // lock synchronously (blocking the holder too), so runs on the same database also queue here.
  const key = target.provider === 'postgres' ? target.url : target.file;
  const previous = inProcessQueue.get(key) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => migrateTarget(target, options));
  const settled = run.catch(() => undefined);
  inProcessQueue.set(key, settled);
  void settled.then(() => {
    if (inProcessQueue.get(key) === settled) inProcessQueue.delete(key);
  });
  return run;
}

const inProcessQueue = new Map<string, Promise<unknown>>();

async function migrateTarget(target: DatabaseTarget, options: MigrateOptions): Promise<MigrateResult> {
  const where = target.provider === 'postgres' ? redactUrl(target.url) : target.file;
  const dir = options.migrationsDir ?? defaultMigrationsDir(target.provider);
  const scripts = new Map<string, string>();
  for (const name of listMigrations(dir)) scripts.set(name, readFileSync(join(dir, name, 'migration.sql'), 'utf8'));
  const checksums = new Map([...scripts].map(([name, script]) => [name, migrationChecksum(script)]));
  if (scripts.size === 0) throw new MigrationError(`No migrations found in ${dir}`);

  const connection = await connect(target);
  const applied: string[] = [];
  try {
    await connection.exec(CREATE_TABLE[target.provider]);
    let alreadyApplied = 0;
    for (const [name, script] of scripts) {
      await connection.begin();
      try {
        // Read inside the transaction: another instance may have applied it while we waited for the lock.
        const rows = await connection.applied();
        verifyHistory(rows, checksums, where);
        if (rows.some((row) => row.migration_name === name && row.finished && !row.rolled_back)) {
          alreadyApplied += 1;
          await connection.rollback();
          continue;
        }
        const startedAt = new Date();
        options.log?.(`Applying migration ${name}`);
        await connection.exec(script);
        await connection.record(name, checksums.get(name) ?? '', startedAt, new Date());
        await connection.commit();
        applied.push(name);
      } catch (error) {
        await connection.rollback().catch(() => undefined);
        if (error instanceof MigrationError) throw error;
        throw new MigrationError(
          `Migration ${name} failed on ${where}; nothing of it was applied: ${error instanceof Error ? error.message : error}`,
          { cause: error },
        );
      }
    }
    return { provider: target.provider, applied, alreadyApplied };
  } finally {
    await connection.close();
  }
}

// Driver adapter factories for the Prisma CLI only (prisma/*/prisma.config.ts). They work around bugs of
// Prisma 6.19.3's WASM schema engine with driver adapters; see the Prisma notes in README.md.
// The app itself never uses them: its runtime queries are unaffected by these bugs.
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { ensureSqliteDirectory, parseDatabaseUrl, withDatabaseName } from '../../src/adapters/db/connection-target.js';
import type { Provider } from '../../src/adapters/db/connection-target.js';
import { postgresTestUrl, quoteIdentifier, runOnServer } from './postgres-probe.js';

type SqlDriverAdapter = Awaited<ReturnType<PrismaBetterSQLite3['connect']>>;
type SqlQuery = Parameters<SqlDriverAdapter['executeRaw']>[0];

export interface CliAdapterFactory {
  readonly provider: 'sqlite' | 'postgres';
  readonly adapterName: string;
  connect(): Promise<SqlDriverAdapter>;
  connectToShadowDb(): Promise<SqlDriverAdapter>;
}

export const DEFAULT_SHADOW_DATABASE = 'samverkansbot_shadow';

/**
 * The database the CLI talks to: PRISMA_CLI_DATABASE_URL (set by our scripts), else DATABASE_URL when it
 * is for this provider, else the local default (SQLite file / PostgreSQL test server).
 */
export function cliDatabaseUrl(provider: Provider): string {
  const explicit = process.env.PRISMA_CLI_DATABASE_URL?.trim();
  if (explicit) return explicit;
  const fromEnv = process.env.DATABASE_URL?.trim();
  if (provider === 'sqlite') {
    const target = parseDatabaseUrl(fromEnv && fromEnv.startsWith('file:') ? fromEnv : undefined);
    return target.url;
  }
  return fromEnv && /^postgres(ql)?:\/\//i.test(fromEnv) ? fromEnv : postgresTestUrl();
}

/**
 * Shadow replay sends a whole multi-statement migration.sql through executeRaw, which better-sqlite3
 * rejects ("External error id#0"); executeScript runs it as a script.
 */
function routeScriptsToExecuteScript(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query: SqlQuery) => {
    if (query.args.length === 0 && /;\s*\S/.test(query.sql)) {
      await adapter.executeScript(query.sql);
      return 0;
    }
    return executeRaw(query);
  };
  return adapter;
}

export function sqliteCliAdapterFactory(url: string): CliAdapterFactory {
  const inner = new PrismaBetterSQLite3({ url });
  return {
    // better-sqlite3 fails with an opaque "External error" when the folder of the file is missing.
    provider: 'sqlite',
    adapterName: inner.adapterName,
    connect: async () => {
      ensureSqliteDirectory(parseDatabaseUrl(url));
      return routeScriptsToExecuteScript(await inner.connect());
    },
    // The shadow database is in memory.
    connectToShadowDb: async () => routeScriptsToExecuteScript(await inner.connectToShadowDb()),
  };
}

// pg type oids of catalog-only column types that adapter-pg 6.19.3 cannot deserialize.
const NAME_OID = 19;
const CHAR_OID = 18;
const TEXT_OID = 25;

interface FieldLike {
  dataTypeID: number;
}
interface ResultLike {
  fields?: FieldLike[];
}

function reportCatalogTypesAsText(result: unknown): unknown {
  for (const single of Array.isArray(result) ? result : [result]) {
    for (const field of (single as ResultLike | null)?.fields ?? []) {
      if (field.dataTypeID === NAME_OID || field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
    }
  }
  return result;
}

/**
 * A pool whose clients report `name` and `"char"` columns as text: the schema engine introspects
 * pg_catalog, whose columns use those types. Their values already arrive as strings.
 */
function catalogSafePool(url: string): pg.Pool {
  // allowExitOnIdle: otherwise the idle timer of the pool keeps the CLI alive for ~10 s after it is done.
  const pool = new pg.Pool({ connectionString: url, allowExitOnIdle: true });
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const last = args.at(-1);
      if (typeof last === 'function') {
        const callback = last as (error: unknown, result: unknown) => void;
        args[args.length - 1] = (error: unknown, result: unknown) =>
          callback(error, error ? result : reportCatalogTypesAsText(result));
        return query(...args);
      }
      const returned = query(...args);
      return returned instanceof Promise ? returned.then(reportCatalogTypesAsText) : returned;
    };
  });
  return pool;
}

const dropDatabase = (serverUrl: string, database: string): Promise<void> =>
  runOnServer(serverUrl, [`DROP DATABASE IF EXISTS ${quoteIdentifier(database)} WITH (FORCE)`]);

const recreateDatabase = (serverUrl: string, database: string): Promise<void> =>
  runOnServer(serverUrl, [
    `DROP DATABASE IF EXISTS ${quoteIdentifier(database)} WITH (FORCE)`,
    `CREATE DATABASE ${quoteIdentifier(database)}`,
  ]);

/**
 * adapter-pg's own connectToShadowDb ignores the database name when given a connection string, so the
 * "shadow" would be the main database. We use a database of our own on the same server instead, wiped
 * before use and dropped after: samverkansbot_shadow, or PRISMA_SHADOW_DATABASE, which our scripts set
 * per run so that a check and a test replaying at the same time do not collide.
 */
export function postgresCliAdapterFactory(url: string): CliAdapterFactory {
  const inner = new PrismaPg(catalogSafePool(url), { disposeExternalPool: true });
  const shadowName = process.env.PRISMA_SHADOW_DATABASE?.trim() || DEFAULT_SHADOW_DATABASE;
  return {
    provider: 'postgres',
    adapterName: inner.adapterName,
    connect: () => inner.connect(),
    connectToShadowDb: async () => {
      await recreateDatabase(url, shadowName);
      const shadow = await new PrismaPg(catalogSafePool(withDatabaseName(url, shadowName)), {
        disposeExternalPool: true,
      }).connect();
      const dispose = shadow.dispose.bind(shadow);
      // Leave the server as we found it; a crash leaves it behind, and the next use wipes it.
      shadow.dispose = async () => {
        await dispose();
        await dropDatabase(url, shadowName).catch(() => undefined);
      };
      return shadow;
    },
  };
}

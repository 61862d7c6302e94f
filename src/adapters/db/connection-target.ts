import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export type Provider = 'sqlite' | 'postgres';

export type DatabaseTarget =
  | { provider: 'sqlite'; /** Absolute path, or ':memory:'. */ file: string; url: string }
  | { provider: 'postgres'; url: string };

export const DEFAULT_SQLITE_FILE = './data/samverkansbot.db';

/**
 * Decides the provider from DATABASE_URL alone, so that one setting switches the whole app.
 * No URL means a local SQLite file: the bot must run with zero configuration.
 */
export function parseDatabaseUrl(databaseUrl: string | undefined): DatabaseTarget {
  const url = databaseUrl?.trim() ?? '';
  if (url === '') {
    const file = resolve(DEFAULT_SQLITE_FILE);
    return { provider: 'sqlite', file, url: `file:${file}` };
  }
  if (/^postgres(ql)?:\/\//i.test(url)) return { provider: 'postgres', url };
  if (url.startsWith('file:')) {
    // A query string would become part of the file name in better-sqlite3.
    const path = url.slice('file:'.length).replace(/\?.*$/, '');
    if (path === '') throw new Error(`DATABASE_URL "${url}" names no file`);
    const file = path === ':memory:' ? path : resolve(path);
    return { provider: 'sqlite', file, url: `file:${file}` };
  }
  throw new Error(
    `Unsupported DATABASE_URL "${redactUrl(url)}": use file:<path> for SQLite or postgres://... for PostgreSQL`,
  );
}

/** SQLite creates the file but not its folder. */
export function ensureSqliteDirectory(target: DatabaseTarget): void {
  if (target.provider === 'sqlite' && target.file !== ':memory:') {
    mkdirSync(dirname(target.file), { recursive: true });
  }
}

/** Hides a password so that URLs can go into error messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
}

/** The same server URL with another database name (PostgreSQL only). */
export function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

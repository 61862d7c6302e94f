// A consistent copy of the SQLite database while the bot runs: SQLite's online backup API (better-sqlite3's
// db.backup) copies the pages under a read transaction, so writes the bot commits meanwhile are either in the
// copy whole or not at all, and the bot is never blocked for more than a moment. (Copying the file with cp is
// not safe in WAL mode: the last commits live in the -wal file.)
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';

export interface BackupResult {
  file: string;
  bytes: number;
  pages: number;
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** Copies the SQLite database `source` to `destination` (a new file) and checks the copy's integrity. */
export async function backupSqlite(source: string, destination: string): Promise<BackupResult> {
  if (!existsSync(source)) throw new BackupError(`no database file at ${source}`);
  const target = resolve(destination);
  if (existsSync(target)) throw new BackupError(`${target} exists already; name a new file`);
  mkdirSync(dirname(target), { recursive: true });
  const live = new Database(source, { readonly: true, fileMustExist: true });
  let pages = 0;
  try {
    // A busy database (the bot writing) makes a step wait briefly instead of failing.
    live.pragma('busy_timeout = 5000');
    const progress = await live.backup(target);
    pages = progress.totalPages;
  } finally {
    live.close();
  }
  const copy = new Database(target, { readonly: true, fileMustExist: true });
  try {
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new BackupError(`the copy at ${target} failed its integrity check: ${String(integrity)}`);
    const pageSize = copy.pragma('page_size', { simple: true }) as number;
    const pageCount = copy.pragma('page_count', { simple: true }) as number;
    return { file: target, bytes: pageSize * pageCount, pages };
  } finally {
    copy.close();
  }
}

/** backups/samverkansbot-20261206T051500Z.db: sorts by time, no characters a file system refuses. */
export function defaultBackupPath(now: Date): string {
  return resolve('backups', `samverkansbot-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.db`);
}

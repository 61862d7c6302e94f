// `npm run db:backup [-- <file>]`: a consistent copy of the SQLite database (DATABASE_URL, ./data by default)
// while the bot runs, by default to backups/samverkansbot-<UTC time>.db. PostgreSQL is backed up with pg_dump
// (README, "Operating it"); this script says so rather than guessing at a server's tools.
import { ConfigError, loadConfig } from '../src/config.js';
import { parseDatabaseUrl } from '../src/adapters/db/connection-target.js';
import { BackupError, backupSqlite, defaultBackupPath } from '../src/adapters/db/backup.js';

function fail(message: string): never {
  console.error(`Ingen säkerhetskopia / no backup: ${message}`);
  process.exit(1);
}

try {
  const { DATABASE_URL } = loadConfig();
  const target = parseDatabaseUrl(DATABASE_URL);
  if (target.provider === 'postgres') {
    fail('DATABASE_URL is PostgreSQL: use pg_dump --format=custom (see README, "Operating it")');
  }
  if (target.file === ':memory:') fail('DATABASE_URL is an in-memory database');
  const destination = process.argv[2] ?? defaultBackupPath(new Date());
  const result = await backupSqlite(target.file, destination);
  console.log(`Säkerhetskopia / backup: ${result.file} (${result.pages} pages, ${result.bytes} bytes, integrity ok)`);
} catch (error) {
  if (error instanceof ConfigError || error instanceof BackupError) fail(error.message);
  throw error;
}

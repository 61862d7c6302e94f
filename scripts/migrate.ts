// `npm run db:migrate`: applies the committed migrations to DATABASE_URL (SQLite ./data by default)
// without starting the bot; `npm start` does the same by itself.
import { ConfigError, loadConfig } from '../src/config.js';
import { migrateDatabase } from '../src/adapters/db/migrate.js';
import { describeDatabase } from '../src/adapters/db/database-url.js';

try {
  const { DATABASE_URL } = loadConfig();
  const result = await migrateDatabase(DATABASE_URL);
  console.log(
    `${describeDatabase(DATABASE_URL)}: ${result.applied.length} migration(s) applied` +
      (result.applied.length ? ` (${result.applied.join(', ')})` : '') +
      `, ${result.alreadyApplied} already applied.`,
  );
} catch (error) {
  console.error(error instanceof ConfigError ? `Cannot migrate: ${error.message}` : error instanceof Error ? error.message : error);
  process.exit(1);
}

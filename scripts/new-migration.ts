// `npm run db:new-migration -- <name>`: regenerates both schemas from prisma/models.prisma and writes one
// new migration folder per provider with what changed since the committed migrations. Offline: SQLite
// replays in memory, PostgreSQL in a shadow database on the running server (DATABASE_URL_POSTGRES_TEST).
import { relative } from 'node:path';
import { redactUrl } from '../src/adapters/db/connection-target.js';
import { probePostgres } from './lib/postgres-probe.js';
import {
  PROVIDERS,
  ROOT,
  postgresTestUrl,
  diffMigrationsToSchema,
  generateClients,
  migrationTimestamp,
  writeMigration,
} from './lib/schema-tooling.js';

const rawName = process.argv.slice(2).join('_');
const name = rawName.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
if (name === '') {
  console.error('Usage: npm run db:new-migration -- <name>   (e.g. add_meeting_agenda)');
  process.exit(1);
}

const postgresUrl = postgresTestUrl();
const unreachable = await probePostgres(postgresUrl);
if (unreachable !== null) {
  console.error(
    `PostgreSQL does not answer at ${redactUrl(postgresUrl)} (${unreachable}). ` +
      'Its migration needs a server for the shadow database: start one or set DATABASE_URL_POSTGRES_TEST.',
  );
  process.exit(1);
}

try {
  await generateClients();
  // Diff both before writing either, so that a failure leaves no half-made migration behind.
  const diffs = await Promise.all(
    PROVIDERS.map(async (provider) => ({ provider, ...(await diffMigrationsToSchema(provider, { postgresUrl })) })),
  );
  const changed = diffs.filter((d) => !d.empty);
  if (changed.length === 0) {
    console.log('No changes: both migration folders already match prisma/models.prisma.');
    process.exit(0);
  }
  if (changed.length !== diffs.length) {
    console.warn(`Only ${changed.map((d) => d.provider).join(', ')} changed; check prisma/models.prisma.`);
  }
  const folder = `${migrationTimestamp()}_${name}`;
  for (const diff of changed) {
    const path = writeMigration(diff.provider, folder, diff.script);
    console.log(`Wrote ${relative(ROOT, path)}`);
  }
  console.log('Review the SQL (data-preserving defaults, renames) before committing.');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

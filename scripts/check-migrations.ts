// `npm run db:check-migrations`: fails when a migration folder does not rebuild its schema exactly
// (someone edited prisma/models.prisma without `npm run db:new-migration`, or edited a migration).
import { checkMigrations } from './lib/schema-tooling.js';

try {
  const results = await checkMigrations({ requirePostgres: process.env.CI === 'true' });
  for (const result of results) (result.status === 'drift' ? console.error : console.log)(result.message);
  if (results.some((r) => r.status === 'drift')) process.exit(1);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

// `npm run db:generate` (and pretest): writes prisma/{sqlite,postgres}/schema.prisma from
// prisma/models.prisma and regenerates the Prisma clients when a schema changed. `--force` regenerates.
import { generateClients } from './lib/schema-tooling.js';

const started = Date.now();
try {
  const results = await generateClients({ force: process.argv.includes('--force') });
  const done = results.filter((r) => r.generated).map((r) => r.provider);
  console.log(
    done.length > 0
      ? `Prisma clients generated for ${done.join(' and ')} in ${Date.now() - started} ms.`
      : 'Prisma clients up to date.',
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

// The committed migration folders must rebuild exactly the schema generated from prisma/models.prisma
// (what `npm run db:check-migrations` checks), and the Prisma CLI must agree with our own migrator.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrateDatabase } from '../../src/adapters/db/migrate.js';
import {
  MODELS_PATH,
  checkMigrations,
  configPath,
  renderSchema,
  runPrisma,
  schemaPath,
} from '../../scripts/lib/schema-tooling.js';
import { backends } from './db-harness.js';

for (const backend of backends) {
  describe.skipIf(backend.skip)(`${backend.name} migrations`, () => {
    it('schema.prisma is generated from models.prisma', () => {
      const expected = renderSchema(backend.provider, readFileSync(MODELS_PATH, 'utf8'));
      expect(readFileSync(schemaPath(backend.provider), 'utf8')).toBe(expected);
    });

    it('the migration folder reproduces schema.prisma exactly', { timeout: 60_000 }, async () => {
      const [result] = await checkMigrations({ providers: [backend.provider], requirePostgres: true });
      expect(result?.status, result?.message).toBe('ok');
    });

    it('prisma migrate status agrees with migrateDatabase', { timeout: 60_000 }, async () => {
      const database = await backend.createDatabase();
      try {
        await migrateDatabase(database.url);
        const status = await runPrisma(['migrate', 'status', '--config', configPath(backend.provider)], {
          PRISMA_CLI_DATABASE_URL: database.url,
        });
        expect(status.code, status.stdout + status.stderr).toBe(0);
        expect(status.stdout).toContain('Database schema is up to date');
      } finally {
        await database.drop();
      }
    });
  });
}

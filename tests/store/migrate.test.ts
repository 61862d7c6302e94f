// migrateDatabase (the app's start-up migration) against real SQLite and PostgreSQL: from empty, twice,
// concurrently, refusing tampered history, all-or-nothing on failure, and upgrading a database with data.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../../src/adapters/db/connection-target.js';
import { defaultMigrationsDir, migrateDatabase, migrationChecksum } from '../../src/adapters/db/migrate.js';
import { listMigrations } from '../../src/adapters/db/migration-files.js';
import { createStore } from '../../src/adapters/db/prisma-store.js';
import { MODELS_PATH, diffMigrationsToSchema, renderSchema } from '../../scripts/lib/schema-tooling.js';
import { postgresTestUrl } from '../../scripts/lib/postgres-probe.js';
import { backends } from './db-harness.js';
import type { Backend, TempDatabase } from './db-harness.js';

/** Runs one query on the database directly, bypassing the store. */
async function query(backend: Backend, url: string, sql: string): Promise<Record<string, unknown>[]> {
  if (backend.provider === 'postgres') {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  }
  const target = parseDatabaseUrl(url);
  const db = new Database(target.provider === 'sqlite' ? target.file : url);
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

const committed = (backend: Backend): string[] => listMigrations(defaultMigrationsDir(backend.provider));

/** A second URL for the same database, so that in-process queueing cannot hide a missing database lock. */
const otherConnection = (url: string, n: number): string =>
  url.startsWith('file:') ? url : `${url}${url.includes('?') ? '&' : '?'}application_name=instance${n}`;

const tempDirs: string[] = [];
function tempMigrationsDir(backend: Backend, names: string[] = committed(backend)): string {
  const dir = mkdtempSync(join(tmpdir(), 'samverkansbot-migrations-'));
  tempDirs.push(dir);
  const source = defaultMigrationsDir(backend.provider);
  cpSync(join(source, 'migration_lock.toml'), join(dir, 'migration_lock.toml'));
  for (const name of names) cpSync(join(source, name), join(dir, name), { recursive: true });
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

for (const backend of backends) {
  describe.skipIf(backend.skip)(`migrateDatabase on ${backend.name}`, () => {
    let database: TempDatabase;
    beforeEach(async () => {
      database = await backend.createDatabase();
    });
    afterEach(async () => {
      await database?.drop();
    });

    it('migrates an empty database, records Prisma-compatible rows, and is a no-op the second time', async () => {
      const names = committed(backend);
      expect(names.length).toBeGreaterThan(0);
      expect(await migrateDatabase(database.url)).toEqual({ provider: backend.provider, applied: names, alreadyApplied: 0 });
      expect(await migrateDatabase(database.url)).toEqual({ provider: backend.provider, applied: [], alreadyApplied: names.length });

      const rows = await query(backend, database.url, 'SELECT * FROM "_prisma_migrations" ORDER BY "migration_name"');
      expect(rows.map((row) => row.migration_name)).toEqual(names);
      for (const row of rows) {
        const file = join(defaultMigrationsDir(backend.provider), String(row.migration_name), 'migration.sql');
        expect(row.checksum).toBe(migrationChecksum(readFileSync(file)));
        expect(row.finished_at).not.toBeNull();
        expect(row.rolled_back_at).toBeNull();
        expect(Number(row.applied_steps_count)).toBe(1);
      }
    });

    it('is safe when several instances start at once', async () => {
      const results = await Promise.all([1, 2, 3].map((n) => migrateDatabase(otherConnection(database.url, n))));
      expect(results.flatMap((r) => r.applied)).toEqual(committed(backend));
      const rows = await query(backend, database.url, 'SELECT "migration_name" FROM "_prisma_migrations"');
      expect(rows).toHaveLength(committed(backend).length);
    });

    it('refuses a database whose applied migration was edited afterwards', async () => {
      const dir = tempMigrationsDir(backend);
      await migrateDatabase(database.url, { migrationsDir: dir });
      const first = committed(backend)[0] ?? '';
      appendFileSync(join(dir, first, 'migration.sql'), '\n-- edited later\n');
      await expect(migrateDatabase(database.url, { migrationsDir: dir })).rejects.toThrow(
        new RegExp(`Migration ${first} was changed after it was applied`),
      );
    });

    it('refuses a database that has migrations this version does not know', async () => {
      const dir = tempMigrationsDir(backend);
      mkdirSync(join(dir, '29990101000000_from_the_future'));
      writeFileSync(join(dir, '29990101000000_from_the_future', 'migration.sql'), 'CREATE TABLE "Future" ("id" TEXT);\n');
      await migrateDatabase(database.url, { migrationsDir: dir });
      await expect(migrateDatabase(database.url)).rejects.toThrow(/29990101000000_from_the_future, which this version/);
    });

    it('applies nothing of a migration that fails, and records nothing', async () => {
      const dir = tempMigrationsDir(backend);
      const broken = '29990101000000_broken';
      mkdirSync(join(dir, broken));
      writeFileSync(
        join(dir, broken, 'migration.sql'),
        'ALTER TABLE "Group" ADD COLUMN "halfDone" TEXT;\nINSERT INTO "NoSuchTable" VALUES (1);\n',
      );
      await expect(migrateDatabase(database.url, { migrationsDir: dir })).rejects.toThrow(
        new RegExp(`Migration ${broken} failed .*nothing of it was applied`),
      );
      const rows = await query(backend, database.url, 'SELECT "migration_name" FROM "_prisma_migrations"');
      expect(rows.map((row) => row.migration_name)).toEqual(committed(backend));
      // The column added before the failing statement is gone with the rollback.
      await expect(query(backend, database.url, 'SELECT "halfDone" FROM "Group"')).rejects.toThrow();
    });

    it('group_deactivated_at keeps every existing group, active (deactivatedAt null)', async () => {
      const all = committed(backend);
      const mine = all.find((name) => name.endsWith('_group_deactivated_at'))!;
      expect(mine).toBeDefined();
      const before = all.slice(0, all.indexOf(mine));
      await migrateDatabase(database.url, { migrationsDir: tempMigrationsDir(backend, before) });
      const at = backend.provider === 'postgres' ? `'2026-01-01T00:00:00Z'` : '1767225600000';
      await query(
        backend,
        database.url,
        `INSERT INTO "Group" ("id","name","timeZone","locale","officeChannelId","standingItemHoursBefore","summaryHoursBefore","planningDayReminder","reportPromptDaysBefore","createdAt","updatedAt") ` +
          `VALUES ('g-old','Grupp Öst','Europe/Stockholm','sv',NULL,48,24,false,5,${at},${at}) RETURNING "id"`,
      );
      await migrateDatabase(database.url, { migrationsDir: tempMigrationsDir(backend, all.slice(0, all.indexOf(mine) + 1)) });
      expect(await query(backend, database.url, 'SELECT "id", "name", "deactivatedAt" FROM "Group"')).toEqual([{ id: 'g-old', name: 'Grupp Öst', deactivatedAt: null }]);
    });

    it(
      'upgrades a database that already holds data to a later migration made by the real tooling',
      async () => {
        const dir = tempMigrationsDir(backend);
        await migrateDatabase(database.url, { migrationsDir: dir });

        const store = createStore(database.url);
        const group = await store.groups.create({
          name: 'Grupp Väst',
          timeZone: 'Europe/Stockholm',
          locale: 'sv',
          officeChannelId: null,
          standingItemHoursBefore: 48,
          summaryHoursBefore: 24,
          planningDayReminder: false,
          reportPromptDaysBefore: 5,
        });
        const organisation = await store.organisations.create({ groupId: group.id, name: 'Kommunen', kind: 'kommun' });
        const member = await store.members.create({
          groupId: group.id,
          platform: 'slack',
          tenantId: 'T1',
          platformUserId: 'U1',
          displayName: 'Märta',
          organisationId: organisation.id,
          roles: ['sammankallande'],
          substituteForMemberId: null,
        });
        const meeting = await store.meetings.create({
          groupId: group.id,
          startsAt: new Date('2026-09-01T07:00:00.000Z'),
          durationMinutes: 120,
          seriesId: null,
          location: 'Digitalt',
          cancelled: false,
        });
        await store.close();

        // The kind of change a developer makes: new nullable columns, plus a changed default, which on
        // SQLite makes Prisma redefine the parent table "Group" (create copy, DROP TABLE, rename).
        const models = readFileSync(MODELS_PATH, 'utf8')
          .replace(/(\n\s+officeChannelId\s+String\?)/, '$1\n  archivedAt DateTime?')
          .replace(/(model Group \{[\s\S]*?\n\s+locale\s+)String/, '$1String @default("sv")')
          .replace(/(\n\s+displayName\s+String)/, '$1\n  nickname String?');
        const schemaDir = mkdtempSync(join(tmpdir(), 'samverkansbot-schema-'));
        tempDirs.push(schemaDir);
        const schemaFile = join(schemaDir, 'schema.prisma');
        writeFileSync(schemaFile, renderSchema(backend.provider, models));
        const diff = await diffMigrationsToSchema(backend.provider, {
          migrationsDir: dir,
          schemaFile,
          postgresUrl: postgresTestUrl(),
        });
        expect(diff.empty).toBe(false);
        if (backend.provider === 'sqlite') expect(diff.script).toMatch(/DROP TABLE "Group"/);
        const later = '29990101000000_add_archive_and_nickname';
        mkdirSync(join(dir, later));
        writeFileSync(join(dir, later, 'migration.sql'), diff.script);

        expect((await migrateDatabase(database.url, { migrationsDir: dir })).applied).toEqual([later]);

        const upgraded = createStore(database.url);
        try {
          expect(await upgraded.groups.get(group.id)).toStrictEqual(group);
          expect(await upgraded.organisations.list({ groupId: group.id })).toStrictEqual([organisation]);
          // Would be gone if dropping the old "Group" table had cascaded into its children.
          expect(await upgraded.members.list({ groupId: group.id })).toStrictEqual([member]);
          expect(await upgraded.meetings.list({ groupId: group.id })).toStrictEqual([meeting]);
          const rows = await query(backend, database.url, 'SELECT "archivedAt" FROM "Group"');
          expect(rows).toEqual([{ archivedAt: null }]);
          await expect(
            query(backend, database.url, 'SELECT "nickname" FROM "Member"'),
          ).resolves.toEqual([{ nickname: null }]);
        } finally {
          await upgraded.close();
        }
      },
      60_000,
    );
  });
}

// Prisma CLI configuration for SQLite: `prisma <command> --config prisma/sqlite/prisma.config.ts`.
// The JS engine with a driver adapter is the only schema engine that works offline (no native download).
import { defineConfig } from 'prisma/config';
import { cliDatabaseUrl, sqliteCliAdapterFactory } from '../../scripts/lib/cli-adapters.js';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: './schema.prisma',
  migrations: { path: './migrations' },
  adapter: async () => sqliteCliAdapterFactory(cliDatabaseUrl('sqlite')),
});

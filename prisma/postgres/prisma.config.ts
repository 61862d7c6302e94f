// Prisma CLI configuration for PostgreSQL: `prisma <command> --config prisma/postgres/prisma.config.ts`.
// The JS engine with a driver adapter is the only schema engine that works offline (no native download).
import { defineConfig } from 'prisma/config';
import { cliDatabaseUrl, postgresCliAdapterFactory } from '../../scripts/lib/cli-adapters.js';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: './schema.prisma',
  migrations: { path: './migrations' },
  adapter: async () => postgresCliAdapterFactory(cliDatabaseUrl('postgres')),
});

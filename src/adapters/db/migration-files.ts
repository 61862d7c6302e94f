import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Names of the migration folders in dir, in the order Prisma applies them (lexical = chronological). */
export function listMigrations(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort();
}

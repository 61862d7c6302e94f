/** Where the data lives, for start-up lines and logs: never the password. */
export function describeDatabase(databaseUrl: string | undefined): string {
  if (!databaseUrl) return 'SQLite ./data/samverkansbot.db (embedded default)';
  if (databaseUrl.startsWith('file:')) return `SQLite ${databaseUrl.slice('file:'.length)}`;
  try {
    const url = new URL(databaseUrl);
    return `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

import pg from 'pg';

/** The PostgreSQL server the tests and migration tooling use unless told otherwise. */
export const DEFAULT_POSTGRES_TEST_URL = 'postgres://postgres@127.0.0.1:5432/test';

export function postgresTestUrl(): string {
  return process.env.DATABASE_URL_POSTGRES_TEST?.trim() || DEFAULT_POSTGRES_TEST_URL;
}


/** Resolves to null when a PostgreSQL server answers at url, else to the reason it did not. */
export async function probePostgres(url: string, timeoutMs = 2000): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message || error.name : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Runs statements one by one on a short-lived connection, e.g. CREATE/DROP DATABASE. */
export async function runOnServer(serverUrl: string, statements: readonly string[]): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

export const quoteIdentifier = (name: string): string => `"${name.replace(/"/g, '""')}"`;

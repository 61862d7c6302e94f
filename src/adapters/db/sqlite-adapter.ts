// The store's SQLite connection: better-sqlite3 behind the same small interface as Prisma's PostgreSQL
// driver adapter (adapter-client.ts), with prepared statements kept. Prisma's better-sqlite3 adapter
// prepares every statement anew and binds its values for good, so a statement cannot be reused through it;
// preparing cost more than running: 83 µs against 7 µs for the query that opens every request (the
// channel's group and the asking member), measured on the migrated schema. Values are written as that
// adapter writes them (dates as ISO 8601 text with +00:00, booleans as 0/1), so a database either wrote
// reads the same, and errors carry the same classification (cause.kind) that the store reads.
import Database, { type Statement } from 'better-sqlite3';
import { BOOLEAN, DATETIME, INT32, INT64, type SqlAdapter, type SqlQuery, type SqlTransaction } from './adapter-client.js';

/** Prepared statements kept per connection; the store's SQL comes in a few hundred shapes at most. */
const STATEMENT_CACHE_SIZE = 500;

/** Any declared type adapter-client.ts does not convert: the value passes as SQLite gives it. */
const AS_IS = -1;

const DECLARED_TYPES: Record<string, number> = {
  INT: INT32,
  INTEGER: INT32,
  TINYINT: INT32,
  SMALLINT: INT32,
  MEDIUMINT: INT32,
  BIGINT: INT64,
  INT8: INT64,
  BOOLEAN,
  DATETIME,
  TIMESTAMP: DATETIME,
};

/** How the classification of Prisma's driver adapters names what went wrong. */
function errorKind(code: string): string | undefined {
  switch (code) {
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case 'SQLITE_CONSTRAINT_PRIMARYKEY':
      return 'UniqueConstraintViolation';
    case 'SQLITE_CONSTRAINT_NOTNULL':
      return 'NullConstraintViolation';
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
    case 'SQLITE_CONSTRAINT_TRIGGER':
      return 'ForeignKeyConstraintViolation';
    case 'SQLITE_BUSY':
      return 'SocketTimeout';
    default:
      return undefined;
  }
}

/** A driver error with its classification in `cause`, as Prisma's DriverAdapterError carries it. */
export class SqliteDriverError extends Error {
  constructor(error: Error & { code?: string }) {
    const code = error.code ?? '';
    super(error.message, { cause: { kind: errorKind(code) ?? 'sqlite', originalCode: code, originalMessage: error.message } });
    this.name = 'SqliteDriverError';
  }
}

function driverCall<R>(run: () => R): R {
  try {
    return run();
  } catch (error) {
    if (error instanceof Error && typeof (error as { code?: unknown }).code === 'string') throw new SqliteDriverError(error);
    throw error;
  }
}

/** A value as SQLite stores it: what Prisma's adapter writes (iso8601 timestamps), so both read each other's rows. */
function toSqlite(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString().replace('Z', '+00:00');
  return value;
}

interface Prepared {
  statement: Statement<unknown[]>;
  /** Result columns and their types; null for statements that return no rows. */
  columns: { names: string[]; types: number[] } | null;
}

/** One better-sqlite3 connection with its statements kept (least recently used dropped first). */
class Connection {
  private readonly statements = new Map<string, Prepared>();

  constructor(readonly db: Database.Database) {}

  prepared(sql: string): Prepared {
    let prepared = this.statements.get(sql);
    if (prepared) {
      // Most recently used last: Map keeps insertion order, so the first key is the one to drop.
      this.statements.delete(sql);
    } else {
      const statement = driverCall(() => this.db.prepare<unknown[]>(sql));
      const columns = statement.reader ? statement.columns() : null;
      prepared = {
        statement: statement.reader ? statement.raw(true) : statement,
        columns: columns && {
          names: columns.map((column) => column.name),
          types: columns.map((column) => DECLARED_TYPES[(column.type ?? '').toUpperCase()] ?? AS_IS),
        },
      };
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.delete(this.statements.keys().next().value!);
    }
    this.statements.set(sql, prepared);
    return prepared;
  }

  queryRaw(query: SqlQuery): { columnNames: string[]; columnTypes: number[]; rows: unknown[][] } {
    const { statement, columns } = this.prepared(query.sql);
    const args = query.args.map(toSqlite);
    if (!columns) {
      driverCall(() => statement.run(...args));
      return { columnNames: [], columnTypes: [], rows: [] };
    }
    return { columnNames: columns.names, columnTypes: columns.types, rows: driverCall(() => statement.all(...args) as unknown[][]) };
  }

  executeRaw(query: SqlQuery): number {
    const { statement } = this.prepared(query.sql);
    const args = query.args.map(toSqlite);
    return driverCall(() => statement.run(...args)).changes;
  }
}

/**
 * The SQLite side of the store: one connection, transactions one at a time (BEGIN … COMMIT/ROLLBACK on
 * that connection; the next waits until the previous has released it).
 */
export function openSqlite(file: string, options: { busyTimeoutMs: number }): SqlAdapter {
  const connection = new Connection(new Database(file, { timeout: options.busyTimeoutMs }));
  let released: Promise<void> = Promise.resolve();
  return {
    queryRaw: async (query) => connection.queryRaw(query),
    executeRaw: async (query) => connection.executeRaw(query),
    async startTransaction(): Promise<SqlTransaction> {
      const previous = released;
      let release!: () => void;
      released = new Promise((resolve) => (release = resolve));
      await previous;
      try {
        connection.executeRaw({ sql: 'BEGIN', args: [], argTypes: [] });
      } catch (error) {
        release();
        throw error;
      }
      return {
        queryRaw: async (query) => connection.queryRaw(query),
        executeRaw: async (query) => connection.executeRaw(query),
        commit: async () => release(),
        rollback: async () => release(),
      };
    },
    dispose: async () => {
      connection.db.close();
    },
  };
}

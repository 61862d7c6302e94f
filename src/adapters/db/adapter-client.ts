// The store's SQL straight to the driver, not through Prisma's generated client: the client hands every
// statement, raw SQL included, to its WASM query compiler first, which cost 0.39 ms of CPU per read on
// SQLite and 0.43 ms on PostgreSQL against 0.08 and 0.15 ms through the driver adapters (bench, 3,000 reads
// each). PostgreSQL goes through Prisma's pg adapter, SQLite through sqlite-adapter.ts, which has the same
// shape; they open the connections, turn parameters into what each driver takes, report errors by kind and
// run transactions. This file gives the store the two calls it uses, $queryRawUnsafe and
// $executeRawUnsafe, plus transactions with the client's timeout.

/** The part of a driver adapter (or of one of its transactions) used here; both adapters fit it. */
export interface SqlQueryable {
  queryRaw(query: SqlQuery): Promise<{ columnNames: string[]; columnTypes: number[]; rows: unknown[][] }>;
  executeRaw(query: SqlQuery): Promise<number>;
}

export interface SqlQuery {
  sql: string;
  args: unknown[];
  argTypes: { scalarType: string; arity: 'scalar' }[];
}

export interface SqlTransaction extends SqlQueryable {
  /** Releases the connection (SQLite: the adapter's lock) after COMMIT was sent. */
  commit(): Promise<void>;
  /** Releases the connection after ROLLBACK was sent. */
  rollback(): Promise<void>;
}

export interface SqlAdapter extends SqlQueryable {
  /** Sends BEGIN on a connection of its own and returns it. */
  startTransaction(): Promise<SqlTransaction>;
  dispose(): Promise<void>;
}

export interface Queryable {
  $queryRawUnsafe(sql: string, ...values: unknown[]): Promise<Record<string, unknown>[]>;
  $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number>;
}

// Column types as the adapters report them (@prisma/driver-adapter-utils ColumnTypeEnum): the ones read here.
export const INT32 = 0;
export const INT64 = 1;
export const BOOLEAN = 5;
export const DATETIME = 10;

/** A driver's value as the store's records hold it: SQLite gives integers as text and booleans as 0/1. */
function fromDriver(value: unknown, columnType: number | undefined): unknown {
  if (value === null || value === undefined) return null;
  switch (columnType) {
    case INT32:
      return typeof value === 'number' ? value : Number(value);
    case INT64:
      return typeof value === 'bigint' ? value : BigInt(value as string | number);
    case BOOLEAN:
      return value === true || value === 1 || value === '1' || value === 1n;
    case DATETIME:
      return value instanceof Date ? value : new Date(value as string | number);
    default:
      return value;
  }
}

/** What each parameter is, so that the adapter writes dates and booleans as Prisma itself does. */
function argTypeOf(value: unknown): SqlQuery['argTypes'][number] {
  if (value instanceof Date) return { scalarType: 'datetime', arity: 'scalar' };
  if (typeof value === 'boolean') return { scalarType: 'boolean', arity: 'scalar' };
  if (typeof value === 'number') return { scalarType: Number.isInteger(value) ? 'int' : 'float', arity: 'scalar' };
  if (typeof value === 'bigint') return { scalarType: 'bigint', arity: 'scalar' };
  return { scalarType: value === null ? 'unknown' : 'string', arity: 'scalar' };
}

const queryOf = (sql: string, args: unknown[]): SqlQuery => ({ sql, args, argTypes: args.map(argTypeOf) });

/** The store's two calls over an adapter or a transaction; `open()` false makes every later call fail. */
export function queryable(target: SqlQueryable, open: () => boolean = () => true): Queryable {
  const ensureOpen = () => {
    if (!open()) throw new Error('the transaction has already ended (timed out or finished)');
  };
  return {
    async $queryRawUnsafe(sql, ...values) {
      ensureOpen();
      const { columnNames, columnTypes, rows } = await target.queryRaw(queryOf(sql, values));
      return rows.map((row) => {
        const record: Record<string, unknown> = {};
        columnNames.forEach((name, index) => (record[name] = fromDriver(row[index], columnTypes[index])));
        return record;
      });
    },
    async $executeRawUnsafe(sql, ...values) {
      ensureOpen();
      return target.executeRaw(queryOf(sql, values));
    },
  };
}

export class TransactionTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`transaction rolled back: it ran longer than ${timeoutMs} ms`);
    this.name = 'TransactionTimeoutError';
  }
}

/**
 * Runs fn in a transaction: COMMIT when it resolves, ROLLBACK when it throws or when waiting for a connection
 * and running together take longer than `timeoutMs` (the Prisma client's maxWait and timeout, which were both
 * this long). After either, statements on the transaction fail instead of running outside it.
 */
export async function inTransaction<R>(adapter: SqlAdapter, timeoutMs: number, fn: (tx: Queryable) => Promise<R>): Promise<R> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TransactionTimeoutError(timeoutMs)), timeoutMs);
  });
  const starting = adapter.startTransaction();
  let transaction: SqlTransaction;
  try {
    transaction = await Promise.race([starting, timedOut]);
  } catch (error) {
    clearTimeout(timer);
    // A connection that comes after all is handed back unused.
    starting.then(rollBack, () => undefined);
    throw error;
  }
  let open = true;
  let committed = false;
  try {
    const result = await Promise.race([fn(queryable(transaction, () => open)), timedOut]);
    open = false;
    await transaction.executeRaw(queryOf('COMMIT', []));
    committed = true;
    await transaction.commit();
    return result;
  } catch (error) {
    open = false;
    if (!committed) await rollBack(transaction);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Ends a transaction that will not commit and releases its connection. A failed ROLLBACK (the connection is
 * gone) adds nothing to the error being reported.
 */
async function rollBack(transaction: SqlTransaction): Promise<void> {
  await transaction.executeRaw(queryOf('ROLLBACK', [])).catch(() => undefined);
  await transaction.rollback();
}

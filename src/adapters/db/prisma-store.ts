// The Store port on Prisma's schema and migrations, for SQLite (better-sqlite3, sqlite-adapter.ts) and
// PostgreSQL (Prisma's pg driver adapter), in SQL both databases read alike (see "Every statement" below for why).
// One generic repository serves every model; src/adapters/db/model-descriptors.ts holds the differences.
import { PrismaPg } from '@prisma/adapter-pg';
import type { OutboxMessage, Platform } from '../../core/domain.js';
import { assertNarrowed, DuplicateError, NotFoundError, systemClock } from '../../core/ports.js';
import type { Clock, Filter, NewRecord, Repository, Store } from '../../core/ports.js';
import { ensureSqliteDirectory, parseDatabaseUrl } from './connection-target.js';
// The generated browser entry: the models' column lists without the client's query runtime, which the
// store does not use (importing client.js alone took 141 ms and 19 MB in a bare Node process; this, 37 ms
// and 2.6 MB; the bot's RSS at ready did not change measurably).
import { Prisma as SqliteModels } from './generated/sqlite/browser.js';
import { inTransaction, queryable, type Queryable, type SqlAdapter } from './adapter-client.js';
import { newId } from './ids.js';
import { openSqlite } from './sqlite-adapter.js';
import { MODELS } from './model-descriptors.js';
import type { ModelDescriptor } from './model-descriptors.js';

export interface StoreOptions {
  /** Source of createdAt/updatedAt; tests pass a fixed clock. */
  clock?: Clock;
  /** Longest a transaction may run before Prisma rolls it back. */
  transactionTimeoutMs?: number;
  /** How long SQLite waits for another process's write lock (better-sqlite3 waits synchronously). */
  sqliteBusyTimeoutMs?: number;
  /** PostgreSQL pool size. */
  postgresPoolSize?: number;
  /** PostgreSQL: longest wait for a new connection, and longest statement (server side; lock waits included). */
  postgresConnectTimeoutMs?: number;
  postgresStatementTimeoutMs?: number;
  /**
   * Told of every top-level operation that failed in the database (metrics); not of NotFoundError or
   * DuplicateError, which are answers the code expects.
   */
  onDatabaseError?: (error: unknown) => void;
}

/**
 * Bounds on every wait for the database. SQLite's busy wait blocks the whole process, so it stays under the
 * 3 s in which Slack needs its answer. PostgreSQL: a connection within 2 s; a statement may run 10 s (the
 * transaction limit) on the server, and the client gives up 2 s later when the server does not answer at all.
 */
export const DATABASE_TIMEOUTS = {
  sqliteBusyMs: 2_000,
  postgresConnectMs: 2_000,
  postgresStatementMs: 10_000,
  postgresNoAnswerGraceMs: 2_000,
} as const;

type Row = Record<string, unknown>;

/** Serialises work; used on SQLite only (see createStore). */
function createGate(): <R>(work: () => Promise<R>) => Promise<R> {
  let tail: Promise<unknown> = Promise.resolve();
  return (work) => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}

interface Context {
  client: Queryable;
  /** SQLite numbers parameters ?, PostgreSQL $1, $2 … */
  sqlite: boolean;
  clock: Clock;
  /** Wraps every top-level operation; inside a transaction it is the identity. */
  guard: <R>(work: () => Promise<R>) => Promise<R>;
}

function toRow<T>(descriptor: ModelDescriptor<T>, record: Row): Row {
  const row: Row = {};
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined || key === 'id' || key === 'createdAt' || key === 'updatedAt') continue;
    row[key] = (descriptor.json as readonly string[]).includes(key) ? JSON.stringify(value) : value;
  }
  return row;
}

function fromRow<T>(descriptor: ModelDescriptor<T>, row: Row): T {
  const record: Row = {};
  for (const [key, value] of Object.entries(row)) {
    if (key === 'createdAt' && !descriptor.createdAt) continue;
    record[key] =
      (descriptor.json as readonly string[]).includes(key) && typeof value === 'string' ? JSON.parse(value) : value;
  }
  return record as T;
}

/** What went wrong as the driver adapter classifies it (DriverAdapterError's cause.kind). */
const adapterErrorKind = (error: unknown): unknown => (error as { cause?: { kind?: unknown } } | null)?.cause?.kind;
const isUniqueViolation = (error: unknown): boolean => adapterErrorKind(error) === 'UniqueConstraintViolation';

/** A write whose unique-constraint violation becomes DuplicateError, the store's own error for it. */
async function write<R>(descriptor: { entity: string }, run: () => Promise<R>): Promise<R> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateError(descriptor.entity);
    throw error;
  }
}

function createRepository<T extends { id: string }>(descriptor: ModelDescriptor<T>, context: Context): Repository<T> {
  const { clock, guard } = context;
  const table = quoteIdentifier(descriptor.entity);
  return {
    create: (record: NewRecord<T>) =>
      guard(async () => {
        const now = clock.now();
        const data: Row = { ...toRow(descriptor, record as Row), id: newId(now.getTime()), createdAt: now };
        if (descriptor.updatedAt) data.updatedAt = now;
        const { params, parameter } = parameterList(context);
        const columns = Object.keys(data);
        const sql =
          `INSERT INTO ${table} (${columns.map(quoteIdentifier).join(', ')}) VALUES (${columns.map((column) => parameter(data[column])).join(', ')}) ` +
          `RETURNING ${columnsOf(descriptor.entity)}`;
        const [row] = await write(descriptor, () => context.client.$queryRawUnsafe(sql, ...params));
        return fromRow(descriptor, row!);
      }),
    get: (id: string) => findOne(descriptor, context, { id }),
    update: (id: string, patch: Partial<NewRecord<T>>) =>
      guard(async () => {
        const data = toRow(descriptor, patch as Row);
        if (descriptor.updatedAt) data.updatedAt = clock.now();
        const columns = Object.keys(data);
        if (columns.length === 0) {
          const [row] = await select(context, descriptor, { id }, { limit: 1 });
          if (!row) throw new NotFoundError(descriptor.entity, id);
          return fromRow(descriptor, row);
        }
        const { params, parameter } = parameterList(context);
        const assignments = columns.map((column) => `${quoteIdentifier(column)} = ${parameter(data[column])}`).join(', ');
        const sql = `UPDATE ${table} SET ${assignments} WHERE "id" = ${parameter(id)} RETURNING ${columnsOf(descriptor.entity)}`;
        const [row] = await write(descriptor, () => context.client.$queryRawUnsafe(sql, ...params));
        if (!row) throw new NotFoundError(descriptor.entity, id);
        return fromRow(descriptor, row);
      }),
    delete: (id: string) =>
      guard(async () => {
        // Deleting what is already gone is not an error: the caller's intent holds either way.
        const { params, parameter } = parameterList(context);
        await context.client.$executeRawUnsafe(`DELETE FROM ${table} WHERE "id" = ${parameter(id)}`, ...params);
      }),
    deleteWhere: (filter: Filter<T>) =>
      guard(async () => {
        assertNarrowed(filter);
        const where = whereClause(context, { ...(filter as Row) }, '');
        return context.client.$executeRawUnsafe(`DELETE FROM ${table}${where.sql}`, ...where.params);
      }),
    list: (filter?: Filter<T>) =>
      guard(async () => (await select(context, descriptor, { ...(filter as Row | undefined) })).map((row) => fromRow(descriptor, row))),
    listIn: (field, values, filter) =>
      guard(async () => {
        const distinct = [...new Set(values)];
        const rows: Row[] = [];
        // Bounded IN lists: SQLite limits the parameters of one statement, and huge lists plan badly.
        for (let start = 0; start < distinct.length; start += LIST_IN_CHUNK) {
          const oneOf = { field: String(field), values: distinct.slice(start, start + LIST_IN_CHUNK) };
          rows.push(...(await select(context, descriptor, { ...(filter as Row | undefined) }, { oneOf })));
        }
        return rows.map((row) => fromRow(descriptor, row));
      }),
  };
}

const LIST_IN_CHUNK = 500;

function findOne<T>(descriptor: ModelDescriptor<T>, context: Context, where: Row): Promise<T | null> {
  return context.guard(async () => {
    const [row] = await select(context, descriptor, where, { limit: 1 });
    return row === undefined ? null : fromRow(descriptor, row);
  });
}

// Every statement is parameterised SQL sent to the driver (adapter-client.ts): on PostgreSQL through
// Prisma's pg driver adapter, on SQLite through sqlite-adapter.ts, which keeps statements prepared (Prisma's
// better-sqlite3 adapter prepares every statement anew). Through the generated client each call cost
// 1.3–1.9 ms of CPU, because Prisma 6's WASM query compiler plans every call anew and copies every value
// into it (prisma/orm#28845; Prisma 7.4 caches plans, but Prisma 7 cannot generate offline here); as raw
// SQL through the client still 0.4 ms, through the driver adapters 0.08 ms (SQLite) and 0.15 ms
// (PostgreSQL), and with statements kept a read on SQLite takes about 0.03 ms. The store tests check
// every model's round trip, constraints and transactions on both.

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Column and table names come from our own models, never from input; anything else is refused. */
function quoteIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a column or table name: ${name}`);
  return `"${name}"`;
}

/**
 * The model's columns as this build's generated client knows them (both clients come from one models file).
 * Never `*`: a database migrated by a newer version has columns this one does not expect.
 */
function columnNamesOf(entity: string): string[] {
  const fields = (SqliteModels as unknown as Record<string, Record<string, string> | undefined>)[`${entity}ScalarFieldEnum`];
  if (!fields) throw new Error(`no scalar fields known for ${entity}`);
  return Object.values(fields);
}

const columnLists = new Map<string, string>();

/** The model's quoted columns as a SELECT or RETURNING list, each prefixed with `alias`. */
function columnsOf(entity: string, alias = ''): string {
  const key = `${alias}${entity}`;
  let list = columnLists.get(key);
  if (list === undefined) columnLists.set(key, (list = columnNamesOf(entity).map((column) => `${alias}${quoteIdentifier(column)}`).join(', ')));
  return list;
}

/** Collects the values of a statement; `parameter` returns the placeholder of each (SQLite ?, PostgreSQL $n). */
function parameterList(context: Pick<Context, 'sqlite'>): { params: unknown[]; parameter: (value: unknown) => string } {
  const params: unknown[] = [];
  return { params, parameter: (value) => (params.push(value), context.sqlite ? '?' : `$${params.length}`) };
}

interface SelectOptions {
  /** `field IN (values)` besides the equality filter. */
  oneOf?: { field: string; values: readonly unknown[] };
  limit?: number;
}

/** The WHERE clause of an equality filter (null means IS NULL, undefined is no condition) and its parameters. */
function whereClause(context: Context, filter: Row, alias: string, options: SelectOptions = {}): { sql: string; params: unknown[] } {
  const { params, parameter } = parameterList(context);
  const column = (name: string) => `${alias}${quoteIdentifier(name)}`;
  const conditions = Object.entries(filter)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => (value === null ? `${column(name)} IS NULL` : `${column(name)} = ${parameter(value)}`));
  if (options.oneOf) conditions.push(`${column(options.oneOf.field)} IN (${options.oneOf.values.map(parameter).join(', ')})`);
  return { sql: conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '', params };
}

/** Rows of the model matching the filter, oldest first: createdAt, then id (ids sort in creation order). */
async function select(context: Context, descriptor: Pick<ModelDescriptor<unknown>, 'entity'>, filter: Row, options: SelectOptions = {}): Promise<Row[]> {
  const where = whereClause(context, filter, '', options);
  const limit = options.limit ? ` LIMIT ${Math.trunc(options.limit)}` : '';
  const sql = `SELECT ${columnsOf(descriptor.entity)} FROM ${quoteIdentifier(descriptor.entity)}${where.sql} ORDER BY "createdAt" ASC, "id" ASC${limit}`;
  return context.client.$queryRawUnsafe(sql, ...where.params);
}

/**
 * Leases up to `limit` due outbox messages in one statement: UPDATE … WHERE id IN (the due ones) …
 * RETURNING. Of two racing workers each message goes to one: SQLite runs one writer at a time, and on
 * PostgreSQL FOR UPDATE SKIP LOCKED passes over rows another claim holds (the outer WHERE re-checks the
 * lease after such a wait). One conditional update per message used to cost a millisecond each, and the
 * drain claims often while it paces a fan-out: the claims kept the first posts from going out.
 */
function claimDue(context: Context, now: Date, workerId: string, leaseMs: number, limit: number) {
  return context.guard(async () => {
    const { params, parameter } = parameterList(context);
    const lockedUntil = new Date(now.getTime() + leaseMs);
    // (A parameter per use: SQLite's ? are positional.)
    const claimable = () => `"status" = 'pending' AND ("lockedUntil" IS NULL OR "lockedUntil" < ${parameter(now)})`;
    const sql =
      `UPDATE "OutboxMessage" SET "lockedBy" = ${parameter(workerId)}, "lockedUntil" = ${parameter(lockedUntil)} ` +
      `WHERE ${claimable()} AND "id" IN (SELECT "id" FROM "OutboxMessage" WHERE ${claimable()} AND "nextAttemptAt" <= ${parameter(now)} ` +
      `ORDER BY "nextAttemptAt" ASC, "id" ASC LIMIT ${Math.max(0, Math.trunc(limit))}${context.sqlite ? '' : ' FOR UPDATE SKIP LOCKED'}) ` +
      `RETURNING ${columnsOf(MODELS.outbox.entity)}`;
    const rows = (await context.client.$queryRawUnsafe(sql, ...params)).map((row) => fromRow(MODELS.outbox, row));
    // RETURNING promises no order; the drain takes the longest-waiting first.
    return rows.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  });
}

type Repositories = Omit<Store, 'transaction' | 'ping' | 'close'>;
type RepositoryKey = keyof Repositories;

/** The generic repository of the model behind `K`. */
type BaseRepository<K extends RepositoryKey> = Repository<Awaited<ReturnType<Repositories[K]['create']>>>;

/** The queries some repositories have besides the generic ones, on top of `base`. */
const EXTRA_QUERIES: { [K in RepositoryKey]?: (base: BaseRepository<K>, context: Context) => Repositories[K] } = {
  channels: (base, context) => ({
    ...base,
    findByAddress: (platform: Platform, tenantId: string, channelId: string) => findOne(MODELS.channels, context, { platform, tenantId, channelId }),
    findGroupByAddress: (platform: Platform, tenantId: string, channelId: string) =>
      context.guard(async () => {
        const where = whereClause(context, { platform, tenantId, channelId }, 'c.');
        const sql = `SELECT ${columnsOf(MODELS.groups.entity, 'g.')} FROM "ChannelLink" c JOIN "Group" g ON g."id" = c."groupId"${where.sql} ORDER BY c."createdAt" ASC, c."id" ASC LIMIT 1`;
        const [group] = await context.client.$queryRawUnsafe(sql, ...where.params);
        return group ? fromRow(MODELS.groups, group) : null;
      }),
    findGroupAndMember: (platform: Platform, tenantId: string, channelId: string, platformUserId: string) =>
      context.guard(async () => {
        const { params, parameter } = parameterList(context);
        // Member columns as m_<name>: both tables have id, createdAt …; a LEFT JOIN leaves them null for a newcomer.
        const sql =
          `SELECT ${columnsOf(MODELS.groups.entity, 'g.')}, ${prefixedMemberColumns()} ` +
          `FROM "ChannelLink" c JOIN "Group" g ON g."id" = c."groupId" ` +
          `LEFT JOIN "Member" m ON m."groupId" = g."id" AND m."platform" = ${parameter(platform)} AND m."platformUserId" = ${parameter(platformUserId)} ` +
          `WHERE c."platform" = ${parameter(platform)} AND c."tenantId" = ${parameter(tenantId)} AND c."channelId" = ${parameter(channelId)} ` +
          `ORDER BY c."createdAt" ASC, c."id" ASC, m."createdAt" ASC LIMIT 1`;
        const [row] = await context.client.$queryRawUnsafe(sql, ...params);
        if (!row) return null;
        const group: Row = {};
        const member: Row = {};
        for (const [key, value] of Object.entries(row)) {
          if (key.startsWith('m_')) member[key.slice(2)] = value;
          else group[key] = value;
        }
        return { group: fromRow(MODELS.groups, group), member: member.id == null ? null : fromRow(MODELS.members, member) };
      }),
  }),
  members: (base, context) => ({
    ...base,
    findByPlatformUser: (groupId: string, platform: Platform, platformUserId: string) => findOne(MODELS.members, context, { groupId, platform, platformUserId }),
  }),
  meetings: (base, context) => ({
    ...base,
    listStartingBetween: (from: Date, to: Date) =>
      context.guard(async () => {
        const { params, parameter } = parameterList(context);
        const sql =
          `SELECT ${columnsOf(MODELS.meetings.entity)} FROM "Meeting" WHERE "startsAt" >= ${parameter(from)} AND "startsAt" < ${parameter(to)} ` +
          `ORDER BY "startsAt" ASC, "id" ASC`;
        return (await context.client.$queryRawUnsafe(sql, ...params)).map((row) => fromRow(MODELS.meetings, row));
      }),
  }),
  outbox: (base, context) => ({
    ...base,
    enqueue: (record: NewRecord<OutboxMessage>) =>
      base.create(record).catch((error: unknown) => {
        if (error instanceof DuplicateError) return null;
        throw error;
      }),
    enqueueMany: (records: readonly NewRecord<OutboxMessage>[]) => enqueueMany(context, records),
    claimDue: (now: Date, workerId: string, leaseMs: number, limit: number) => claimDue(context, now, workerId, leaseMs, limit),
  }),
  processedRequests: (base, context) => ({
    ...base,
    // ON CONFLICT DO NOTHING rather than catching the violation: on PostgreSQL a failed insert would also
    // abort a surrounding transaction, and a replay is expected, not an error.
    claim: (platform: Platform, key: string) =>
      context.guard(async () => {
        const { params, parameter } = parameterList(context);
        const now = context.clock.now();
        const sql =
          `INSERT INTO "ProcessedRequest" ("id", "platform", "key", "createdAt") ` +
          `VALUES (${parameter(newId(now.getTime()))}, ${parameter(platform)}, ${parameter(key)}, ${parameter(now)}) ` +
          `ON CONFLICT ("platform", "key") DO NOTHING RETURNING "id"`;
        return (await context.client.$queryRawUnsafe(sql, ...params)).length === 1;
      }),
    deleteOlderThan: (cutoff: Date) =>
      context.guard(async () => {
        const { params, parameter } = parameterList(context);
        return context.client.$executeRawUnsafe(`DELETE FROM "ProcessedRequest" WHERE "createdAt" < ${parameter(cutoff)}`, ...params);
      }),
  }),
  installations: (base, context) => ({
    ...base,
    // One upsert, so that two instances finishing an install of the same workspace leave one row.
    save: (platform: Platform, tenantId: string, sealed: string) =>
      context.guard(async () => {
        const { params, parameter } = parameterList(context);
        const now = context.clock.now();
        const sql =
          `INSERT INTO "Installation" ("id", "platform", "tenantId", "sealed", "createdAt", "updatedAt") ` +
          `VALUES (${parameter(newId(now.getTime()))}, ${parameter(platform)}, ${parameter(tenantId)}, ${parameter(sealed)}, ${parameter(now)}, ${parameter(now)}) ` +
          `ON CONFLICT ("platform", "tenantId") DO UPDATE SET "sealed" = excluded."sealed", "updatedAt" = excluded."updatedAt" ` +
          `RETURNING ${columnsOf(MODELS.installations.entity)}`;
        const [row] = await context.client.$queryRawUnsafe(sql, ...params);
        return fromRow(MODELS.installations, row!);
      }),
    find: (platform: Platform, tenantId: string) => findOne(MODELS.installations, context, { platform, tenantId }),
  }),
};

let memberColumnsAsM: string | undefined;
const prefixedMemberColumns = () =>
  (memberColumnsAsM ??= columnNamesOf(MODELS.members.entity)
    .map((column) => `m.${quoteIdentifier(column)} AS ${quoteIdentifier(`m_${column}`)}`)
    .join(', '));

const CONTEXT = Symbol('context');
const MADE = Symbol('made');

/**
 * Every repository, each made at its first use: a transaction gets a set of its own, and most use two or
 * three of the thirty (making them all cost about 0.1 ms of CPU on every transaction, bench/submit-work.ts).
 * The getters live on the prototype, so a new set is one small object.
 */
class LazyRepositories {
  readonly [CONTEXT]: Context;
  readonly [MADE] = new Map<RepositoryKey, Repositories[RepositoryKey]>();

  constructor(context: Context) {
    this[CONTEXT] = context;
  }

  static {
    for (const key of Object.keys(MODELS) as RepositoryKey[]) {
      Object.defineProperty(LazyRepositories.prototype, key, {
        enumerable: true,
        get(this: LazyRepositories) {
          let made = this[MADE].get(key);
          if (!made) {
            const base = createRepository(MODELS[key] as unknown as ModelDescriptor<{ id: string }>, this[CONTEXT]);
            const extend = EXTRA_QUERIES[key] as ((base: Repository<{ id: string }>, context: Context) => Repositories[RepositoryKey]) | undefined;
            made = extend?.(base, this[CONTEXT]) ?? (base as unknown as Repositories[RepositoryKey]);
            this[MADE].set(key, made);
          }
          return made;
        },
      });
    }
  }
}

const lazyRepositories = (context: Context): Repositories => new LazyRepositories(context) as unknown as Repositories;

/** Every repository as an own property (Object.entries lists them), made now: for the store, made once. */
function allRepositories(context: Context): Repositories {
  const lazy = lazyRepositories(context);
  return Object.fromEntries((Object.keys(MODELS) as RepositoryKey[]).map((key) => [key, lazy[key]])) as unknown as Repositories;
}

/** Rows per INSERT: 16 columns × 100 stays far below SQLite's and PostgreSQL's parameter limits. */
const INSERT_CHUNK = 100;

/**
 * Inserts outbox messages whose idempotency key is new (ON CONFLICT DO NOTHING, so racing instances
 * cannot both plan one post) in multi-row statements. Through the generated client each create
 * copied its whole payload into the query compiler: about half a millisecond per post of a fan-out.
 */
function enqueueMany(context: Context, records: readonly NewRecord<OutboxMessage>[]): Promise<number> {
  return context.guard(async () => {
    const now = context.clock.now();
    const rows = records.map((record) => ({ ...toRow(MODELS.outbox, record as Row), id: newId(now.getTime()), createdAt: now }));
    const columns = columnNamesOf(MODELS.outbox.entity);
    let created = 0;
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      const { params, parameter } = parameterList(context);
      const values = rows
        .slice(start, start + INSERT_CHUNK)
        .map((row) => `(${columns.map((column) => parameter((row as Row)[column] ?? null)).join(', ')})`);
      const sql =
        `INSERT INTO ${quoteIdentifier(MODELS.outbox.entity)} (${columns.map(quoteIdentifier).join(', ')}) VALUES ${values.join(', ')} ` +
        `ON CONFLICT ("idempotencyKey") DO NOTHING RETURNING "id"`;
      created += (await context.client.$queryRawUnsafe(sql, ...params)).length;
    }
    return created;
  });
}

/**
 * The health check: the database must take a write, not only answer. SQLite writes its header's user_version
 * back unchanged (a real commit: fails on a read-only file or disk, and when another connection holds the
 * write lock past the busy timeout); PostgreSQL must answer and not be read-only (a standby).
 */
const ping = async (client: Queryable, sqlite: boolean): Promise<void> => {
  if (sqlite) {
    const [row] = await client.$queryRawUnsafe('PRAGMA user_version');
    await client.$executeRawUnsafe(`PRAGMA user_version = ${Math.trunc(Number(row?.user_version ?? 0))}`);
    return;
  }
  const [row] = await client.$queryRawUnsafe("SELECT current_setting('transaction_read_only') AS read_only");
  if (row?.read_only === 'on') throw new Error('the database is read-only');
};

/** A Store bound to an open transaction: nested transactions join it. */
function transactionStore(transaction: Queryable, sqlite: boolean, clock: Clock): Store {
  // A transaction is one connection: statements a use case issues at once (Promise.all) are sent one after
  // the other here, as pg would queue them anyway (pg 8 warns that it will stop doing so in pg 9).
  const serial = createGate();
  const tx: Queryable = {
    $queryRawUnsafe: (sql, ...values) => serial(() => transaction.$queryRawUnsafe(sql, ...values)),
    $executeRawUnsafe: (sql, ...values) => serial(() => transaction.$executeRawUnsafe(sql, ...values)),
  };
  // Not spread: that would make every repository now (see LazyRepositories).
  const store: Store = Object.assign(lazyRepositories({ client: tx, sqlite, clock, guard: (work) => work() }), {
    transaction: <R>(fn: (inner: Store) => Promise<R>) => fn(store),
    ping: () => ping(tx, sqlite),
    close: () => Promise.reject(new Error('close() is not allowed inside a transaction')),
  });
  return store;
}

interface OpenDatabase {
  /** The connected adapter; throws before `ready` has resolved. */
  adapter: () => SqlAdapter;
  connectedAdapter: () => SqlAdapter | undefined;
  sqlite: boolean;
  /** Settles once the adapter is connected and per-connection settings are applied. */
  ready: Promise<void>;
}

function openDatabase(databaseUrl: string | undefined, options: StoreOptions): OpenDatabase {
  const target = parseDatabaseUrl(databaseUrl);
  const sqlite = target.provider !== 'postgres';
  let connected: SqlAdapter | undefined;
  const ready = (async () => {
    if (target.provider === 'postgres') {
      const statementTimeoutMs = options.postgresStatementTimeoutMs ?? DATABASE_TIMEOUTS.postgresStatementMs;
      const pool = {
        connectionString: target.url,
        max: options.postgresPoolSize ?? 10,
        connectionTimeoutMillis: options.postgresConnectTimeoutMs ?? DATABASE_TIMEOUTS.postgresConnectMs,
        statement_timeout: statementTimeoutMs,
        query_timeout: statementTimeoutMs + DATABASE_TIMEOUTS.postgresNoAnswerGraceMs,
      };
      connected = (await new PrismaPg(pool).connect()) as unknown as SqlAdapter;
      return;
    }
    ensureSqliteDirectory(target);
    const adapter = openSqlite(target.file, { busyTimeoutMs: options.sqliteBusyTimeoutMs ?? DATABASE_TIMEOUTS.sqliteBusyMs });
    connected = adapter;
    const sql = queryable(adapter);
    // WAL lets readers proceed during a write; with synchronous=NORMAL a commit no longer waits for fsync
    // (measured: about half the latency). A crash may lose the last commits, never corrupt the file.
    if (target.file !== ':memory:') await sql.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await sql.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
    await sql.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  })();
  // Failures surface at the first operation (callers ping at start-up), never as an unhandled rejection.
  ready.catch(() => undefined);
  return {
    adapter: () => {
      if (!connected) throw new Error('the database is not connected');
      return connected;
    },
    connectedAdapter: () => connected,
    sqlite,
    ready,
  };
}

/**
 * Opens the database named by databaseUrl: nothing or file:<path> for SQLite (default
 * ./data/samverkansbot.db), postgres:// or postgresql:// for PostgreSQL. Run migrateDatabase first.
 */
export function createStore(databaseUrl: string | undefined, options: StoreOptions = {}): Store {
  const clock = options.clock ?? systemClock;
  const { adapter, connectedAdapter, sqlite, ready } = openDatabase(databaseUrl, options);
  // SQLite has one connection: a statement issued outside a transaction while one is open would silently
  // join it (and be rolled back with it). So on SQLite all top-level work queues behind open transactions.
  // Using the outer store inside transaction(fn) therefore deadlocks until the transaction times out:
  // use the store passed to fn.
  const gate = sqlite ? createGate() : <R>(work: () => Promise<R>) => work();
  const onError = options.onDatabaseError;
  const guard = onError
    ? <R>(work: () => Promise<R>): Promise<R> =>
        ready.then(() => gate(work)).catch((error: unknown) => {
          if (!(error instanceof NotFoundError || error instanceof DuplicateError)) onError(error);
          throw error;
        })
    : <R>(work: () => Promise<R>): Promise<R> => ready.then(() => gate(work));
  const transactionTimeoutMs = options.transactionTimeoutMs ?? 10_000;
  // Every top-level call runs after `ready` (guard), when the adapter is there.
  let connectedClient: Queryable | undefined;
  const client: Queryable = {
    $queryRawUnsafe: (sql, ...values) => (connectedClient ??= queryable(adapter())).$queryRawUnsafe(sql, ...values),
    $executeRawUnsafe: (sql, ...values) => (connectedClient ??= queryable(adapter())).$executeRawUnsafe(sql, ...values),
  };
  return {
    ...allRepositories({ client, sqlite, clock, guard }),
    transaction: (fn) => guard(() => inTransaction(adapter(), transactionTimeoutMs, (tx) => fn(transactionStore(tx, sqlite, clock)))),
    ping: () => guard(() => ping(client, sqlite)),
    close: async () => {
      await ready.catch(() => undefined);
      // Nothing to close when the database never answered.
      await gate(async () => connectedAdapter()?.dispose());
    },
  };
}

// The Store port on Prisma, for SQLite (better-sqlite3) and PostgreSQL (pg) through driver adapters.
// One generic repository serves every model; src/adapters/db/model-descriptors.ts holds the differences.
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { Platform } from '../../core/domain.js';
import { DuplicateError, NotFoundError, systemClock } from '../../core/ports.js';
import type { Clock, Filter, NewRecord, Repository, Store } from '../../core/ports.js';
import { ensureSqliteDirectory, parseDatabaseUrl } from './connection-target.js';
import { PrismaClient as PostgresClient } from './generated/postgres/client.js';
import { PrismaClient as SqliteClient } from './generated/sqlite/client.js';
import { newId } from './ids.js';
import { MODELS } from './model-descriptors.js';
import type { ModelDescriptor } from './model-descriptors.js';

export interface StoreOptions {
  /** Source of createdAt/updatedAt; tests pass a fixed clock. */
  clock?: Clock;
  /** Longest a transaction may run before Prisma rolls it back. */
  transactionTimeoutMs?: number;
  /** How long SQLite waits for another process's write lock. */
  sqliteBusyTimeoutMs?: number;
  /** PostgreSQL pool size. */
  postgresPoolSize?: number;
}

type Row = Record<string, unknown>;

/** The part of a generated Prisma delegate the generic repository uses; both clients fit it. */
interface Delegate {
  create(args: { data: Row }): Promise<Row>;
  findUnique(args: { where: { id: string } }): Promise<Row | null>;
  findFirst(args: { where: Row; orderBy?: Row[]; include?: Row }): Promise<Row | null>;
  findMany(args: { where: Row; orderBy: Row[]; take?: number }): Promise<Row[]>;
  update(args: { where: { id: string }; data: Row }): Promise<Row>;
  updateMany(args: { where: Row; data: Row }): Promise<{ count: number }>;
  deleteMany(args: { where: { id: string } }): Promise<{ count: number }>;
}

interface Queryable {
  $queryRawUnsafe(sql: string): Promise<unknown>;
}

interface TopLevelClient extends Queryable {
  $transaction<R>(fn: (tx: Queryable) => Promise<R>, options: { maxWait: number; timeout: number }): Promise<R>;
  $disconnect(): Promise<void>;
}

const delegateOf = (client: Queryable, name: string): Delegate =>
  (client as unknown as Record<string, Delegate>)[name] as Delegate;

const OLDEST_FIRST: Row[] = [{ createdAt: 'asc' }, { id: 'asc' }];

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

const hasPrismaCode = (error: unknown, code: string): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
const isRecordNotFound = (error: unknown): boolean => hasPrismaCode(error, 'P2025');
const isUniqueViolation = (error: unknown): boolean => hasPrismaCode(error, 'P2002');

function createRepository<T extends { id: string }>(descriptor: ModelDescriptor<T>, context: Context): Repository<T> {
  const { clock, guard } = context;
  const delegate = (): Delegate => delegateOf(context.client, descriptor.delegate);
  const read = (row: Row | null): T | null => (row === null ? null : fromRow(descriptor, row));
  return {
    create: (record: NewRecord<T>) =>
      guard(async () => {
        const now = clock.now();
        const data: Row = { ...toRow(descriptor, record as Row), id: newId(now.getTime()), createdAt: now };
        if (descriptor.updatedAt) data.updatedAt = now;
        try {
          return fromRow(descriptor, await delegate().create({ data }));
        } catch (error) {
          if (isUniqueViolation(error)) throw new DuplicateError(descriptor.entity);
          throw error;
        }
      }),
    get: (id: string) => guard(async () => read(await delegate().findUnique({ where: { id } }))),
    update: (id: string, patch: Partial<NewRecord<T>>) =>
      guard(async () => {
        const data = toRow(descriptor, patch as Row);
        if (descriptor.updatedAt) data.updatedAt = clock.now();
        try {
          return fromRow(descriptor, await delegate().update({ where: { id }, data }));
        } catch (error) {
          if (isRecordNotFound(error)) throw new NotFoundError(descriptor.entity, id);
          if (isUniqueViolation(error)) throw new DuplicateError(descriptor.entity);
          throw error;
        }
      }),
    delete: (id: string) =>
      guard(async () => {
        // Deleting what is already gone is not an error: the caller's intent holds either way.
        await delegate().deleteMany({ where: { id } });
      }),
    list: (filter?: Filter<T>) =>
      guard(async () => {
        const rows = await delegate().findMany({ where: { ...(filter as Row | undefined) }, orderBy: OLDEST_FIRST });
        return rows.map((row) => fromRow(descriptor, row));
      }),
    listIn: (field, values, filter) =>
      guard(async () => {
        const distinct = [...new Set(values)];
        const rows: Row[] = [];
        // Bounded IN lists: SQLite limits the parameters of one statement, and huge lists plan badly.
        for (let start = 0; start < distinct.length; start += LIST_IN_CHUNK) {
          const where = { ...(filter as Row | undefined), [field]: { in: distinct.slice(start, start + LIST_IN_CHUNK) } };
          rows.push(...(await delegate().findMany({ where, orderBy: OLDEST_FIRST })));
        }
        return rows.map((row) => fromRow(descriptor, row));
      }),
  };
}

const LIST_IN_CHUNK = 500;

function findOne<T>(descriptor: ModelDescriptor<T>, context: Context, where: Row): Promise<T | null> {
  return context.guard(async () => {
    const row = await delegateOf(context.client, descriptor.delegate).findFirst({ where, orderBy: OLDEST_FIRST });
    return row === null ? null : fromRow(descriptor, row);
  });
}

/**
 * Leases due outbox messages one conditional update at a time: the update only matches while the row is
 * still pending and unleased, so of two racing workers exactly one gets each message (PostgreSQL
 * re-checks the condition after a concurrent update; SQLite serialises writers).
 */
function claimDue(context: Context, now: Date, workerId: string, leaseMs: number, limit: number) {
  return context.guard(async () => {
    const outbox = delegateOf(context.client, MODELS.outbox.delegate);
    const unleased = { OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] };
    const candidates = await outbox.findMany({
      where: { status: 'pending', nextAttemptAt: { lte: now }, ...unleased },
      orderBy: [{ nextAttemptAt: 'asc' }, { id: 'asc' }],
      take: limit,
    });
    const lockedUntil = new Date(now.getTime() + leaseMs);
    const claimed = [];
    for (const row of candidates) {
      const { count } = await outbox.updateMany({
        where: { id: row.id, status: 'pending', ...unleased },
        data: { lockedBy: workerId, lockedUntil },
      });
      if (count === 1) claimed.push(fromRow(MODELS.outbox, { ...row, lockedBy: workerId, lockedUntil }));
    }
    return claimed;
  });
}

type Repositories = Omit<Store, 'transaction' | 'ping' | 'close'>;

function createRepositories(context: Context): Repositories {
  const repositories = Object.fromEntries(
    Object.entries(MODELS).map(([key, descriptor]) => [
      key,
      createRepository(descriptor as unknown as ModelDescriptor<{ id: string }>, context),
    ]),
  ) as unknown as Repositories;
  return {
    ...repositories,
    channels: {
      ...repositories.channels,
      findByAddress: (platform: Platform, tenantId: string, channelId: string) =>
        findOne(MODELS.channels, context, { platform, tenantId, channelId }),
      findGroupByAddress: (platform: Platform, tenantId: string, channelId: string) =>
        context.guard(async () => {
          const link = await delegateOf(context.client, MODELS.channels.delegate).findFirst({ where: { platform, tenantId, channelId }, include: { group: true } });
          return link ? fromRow(MODELS.groups, link.group as Row) : null;
        }),
    },
    members: {
      ...repositories.members,
      findByPlatformUser: (groupId: string, platform: Platform, platformUserId: string) =>
        findOne(MODELS.members, context, { groupId, platform, platformUserId }),
    },
    meetings: {
      ...repositories.meetings,
      listStartingBetween: (from: Date, to: Date) =>
        context.guard(async () => {
          const rows = await delegateOf(context.client, MODELS.meetings.delegate).findMany({
            where: { startsAt: { gte: from, lt: to } },
            orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
          });
          return rows.map((row) => fromRow(MODELS.meetings, row));
        }),
    },
    outbox: {
      ...repositories.outbox,
      enqueue: (record) =>
        repositories.outbox.create(record).catch((error: unknown) => {
          if (error instanceof DuplicateError) return null;
          throw error;
        }),
      claimDue: (now, workerId, leaseMs, limit) => claimDue(context, now, workerId, leaseMs, limit),
    },
  };
}

const ping = async (client: Queryable): Promise<void> => {
  await client.$queryRawUnsafe('SELECT 1');
};

/** A Store bound to an open transaction: nested transactions join it. */
function transactionStore(tx: Queryable, clock: Clock): Store {
  const store: Store = {
    ...createRepositories({ client: tx, clock, guard: (work) => work() }),
    transaction: (fn) => fn(store),
    ping: () => ping(tx),
    close: () => Promise.reject(new Error('close() is not allowed inside a transaction')),
  };
  return store;
}

interface OpenClient {
  client: TopLevelClient;
  sqlite: boolean;
  /** Settles once per-connection settings are applied. */
  ready: Promise<void>;
}

function openClient(databaseUrl: string | undefined, options: StoreOptions): OpenClient {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.provider === 'postgres') {
    const adapter = new PrismaPg({ connectionString: target.url, max: options.postgresPoolSize ?? 10 });
    const client = new PostgresClient({ adapter }) as unknown as TopLevelClient;
    return { client, sqlite: false, ready: Promise.resolve() };
  }
  ensureSqliteDirectory(target);
  const adapter = new PrismaBetterSQLite3({ url: target.url, timeout: options.sqliteBusyTimeoutMs ?? 5000 });
  const client = new SqliteClient({ adapter }) as unknown as TopLevelClient & {
    $executeRawUnsafe(sql: string): Promise<number>;
  };
  const ready = (async () => {
    // WAL lets readers proceed during a write; with synchronous=NORMAL a commit no longer waits for fsync
    // (measured: about half the latency). A crash may lose the last commits, never corrupt the file.
    if (target.file !== ':memory:') await client.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await client.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
    await client.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  })();
  // Failures surface at the first operation (callers ping at start-up), never as an unhandled rejection.
  ready.catch(() => undefined);
  return { client, sqlite: true, ready };
}

/**
 * Opens the database named by databaseUrl: nothing or file:<path> for SQLite (default
 * ./data/samverkansbot.db), postgres:// or postgresql:// for PostgreSQL. Run migrateDatabase first.
 */
export function createStore(databaseUrl: string | undefined, options: StoreOptions = {}): Store {
  const clock = options.clock ?? systemClock;
  const { client, sqlite, ready } = openClient(databaseUrl, options);
  // SQLite has one connection: a statement issued outside a transaction while one is open would silently
  // join it (and be rolled back with it). So on SQLite all top-level work queues behind open transactions.
  // Using the outer store inside transaction(fn) therefore deadlocks until the transaction times out:
  // use the store passed to fn.
  const gate = sqlite ? createGate() : <R>(work: () => Promise<R>) => work();
  const guard = <R>(work: () => Promise<R>): Promise<R> => ready.then(() => gate(work));
  const transactionTimeoutMs = options.transactionTimeoutMs ?? 10_000;
  return {
    ...createRepositories({ client, clock, guard }),
    transaction: (fn) =>
      guard(() =>
        client.$transaction((tx) => fn(transactionStore(tx, clock)), {
          maxWait: transactionTimeoutMs,
          timeout: transactionTimeoutMs,
        }),
      ),
    ping: () => guard(() => ping(client)),
    close: async () => {
      await ready.catch(() => undefined);
      await gate(() => client.$disconnect());
    },
  };
}

// The store's own SQLite connection (sqlite-adapter.ts) against Prisma's better-sqlite3 adapter, which wrote
// every database before it: each reads what the other wrote identically, errors are classified alike,
// statements stay right when reused and when the cache drops them, and transactions take turns.
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryable, type SqlAdapter, type SqlQueryable } from '../../src/adapters/db/adapter-client.js';
import { openSqlite } from '../../src/adapters/db/sqlite-adapter.js';
import { openTempSqliteStore, type TempSqliteStore } from '../support/app-on-sqlite.js';

const MEETING_COLUMNS = '"id", "groupId", "startsAt", "durationMinutes", "seriesId", "location", "cancelled", "createdAt"';

describe('the SQLite connection of the store', () => {
  let database: TempSqliteStore;
  let ours: SqlAdapter;
  let prisma: SqlAdapter;
  let groupId: string;

  beforeEach(async () => {
    database = await openTempSqliteStore('sqlite-adapter');
    groupId = (await database.store.groups.create({ name: 'Samverkan Åmål', timeZone: 'Europe/Stockholm', locale: 'sv', officeChannelId: null, standingItemHoursBefore: 48, summaryHoursBefore: 24, planningDayReminder: false, reportPromptDaysBefore: 5 })).id;
    const file = database.databaseUrl.slice('file:'.length);
    ours = openSqlite(file, { busyTimeoutMs: 1000 });
    prisma = (await new PrismaBetterSQLite3({ url: database.databaseUrl }).connect()) as unknown as SqlAdapter;
  });

  afterEach(async () => {
    await ours.dispose();
    await prisma.dispose();
    await database.close();
  });

  const insertMeeting = (adapter: SqlQueryable, id: string, startsAt: Date, cancelled: boolean) =>
    queryable(adapter).$executeRawUnsafe(
      `INSERT INTO "Meeting" (${MEETING_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      id,
      groupId,
      startsAt,
      90,
      null,
      'Stadshuset, sal Vänern',
      cancelled,
      new Date('2026-11-30T08:00:00.000Z'),
    );
  const readMeetings = (adapter: SqlQueryable) => queryable(adapter).$queryRawUnsafe(`SELECT ${MEETING_COLUMNS} FROM "Meeting" ORDER BY "id"`);

  it("reads what Prisma's adapter wrote, and writes what it reads, value for value", async () => {
    await insertMeeting(prisma, 'm1-prisma', new Date('2026-12-10T13:00:00.000Z'), true);
    await insertMeeting(ours, 'm2-ours', new Date('2026-12-17T13:30:00.000Z'), false);

    const throughOurs = await readMeetings(ours);
    expect(throughOurs).toStrictEqual(await readMeetings(prisma));
    expect(throughOurs).toStrictEqual([
      { id: 'm1-prisma', groupId, startsAt: new Date('2026-12-10T13:00:00.000Z'), durationMinutes: 90, seriesId: null, location: 'Stadshuset, sal Vänern', cancelled: true, createdAt: new Date('2026-11-30T08:00:00.000Z') },
      { id: 'm2-ours', groupId, startsAt: new Date('2026-12-17T13:30:00.000Z'), durationMinutes: 90, seriesId: null, location: 'Stadshuset, sal Vänern', cancelled: false, createdAt: new Date('2026-11-30T08:00:00.000Z') },
    ]);
    // Stored alike too: the text both write for a date, 0/1 for a boolean.
    const stored = 'SELECT "startsAt", "cancelled" FROM "Meeting" ORDER BY "id"';
    expect(await queryable(ours).$queryRawUnsafe(`SELECT typeof("startsAt") AS t, "startsAt" || '' AS s, "cancelled" + 0 AS c FROM "Meeting" ORDER BY "id"`)).toStrictEqual([
      { t: 'text', s: '2026-12-10T13:00:00.000+00:00', c: 1 },
      { t: 'text', s: '2026-12-17T13:30:00.000+00:00', c: 0 },
    ]);
    expect((await queryable(prisma).$queryRawUnsafe(stored)).map((row) => row.cancelled)).toEqual([true, false]);
  });

  it("classifies constraint errors as Prisma's adapter does", async () => {
    await insertMeeting(ours, 'm1', new Date('2026-12-10T13:00:00.000Z'), false);
    const kindOf = async (work: Promise<unknown>) => ((await work.then(() => null, (error: unknown) => error)) as { cause?: { kind?: string } } | null)?.cause?.kind;
    const orphan = `INSERT INTO "Meeting" (${MEETING_COLUMNS}) VALUES ('m9', 'no-such-group', '2026-12-10T13:00:00.000+00:00', 90, NULL, NULL, 0, '2026-12-10T13:00:00.000+00:00')`;
    const missingStart = `INSERT INTO "Meeting" ("id", "groupId", "durationMinutes", "cancelled", "createdAt") VALUES ('m8', '${groupId}', 90, 0, '2026-12-10T13:00:00.000+00:00')`;
    for (const adapter of [ours, prisma]) await queryable(adapter).$executeRawUnsafe('PRAGMA foreign_keys = ON');

    for (const adapter of [ours, prisma]) {
      expect(await kindOf(insertMeeting(adapter, 'm1', new Date(), false))).toBe('UniqueConstraintViolation');
      expect(await kindOf(queryable(adapter).$executeRawUnsafe(orphan))).toBe('ForeignKeyConstraintViolation');
      expect(await kindOf(queryable(adapter).$executeRawUnsafe(missingStart))).toBe('NullConstraintViolation');
    }
    await expect(queryable(ours).$queryRawUnsafe('SELECT * FROM "NoSuchTable"')).rejects.toThrow('no such table: NoSuchTable');
  });

  it('gives each call its own values on a kept statement, also after the cache dropped it', async () => {
    for (const [index, day] of ['10', '17', '24'].entries()) await insertMeeting(ours, `m${index}`, new Date(`2026-12-${day}T13:00:00.000Z`), index === 1);
    const byId = (id: string) => queryable(ours).$queryRawUnsafe('SELECT "id", "cancelled" FROM "Meeting" WHERE "id" = ?', id);
    expect(await byId('m1')).toStrictEqual([{ id: 'm1', cancelled: true }]);
    expect(await byId('m2')).toStrictEqual([{ id: 'm2', cancelled: false }]);
    expect(await byId('none')).toStrictEqual([]);
    // More distinct statements than the cache keeps: the first ones are dropped and prepared again.
    for (let index = 0; index < 600; index += 1) {
      expect(await queryable(ours).$queryRawUnsafe(`SELECT ${index} AS n, count(*) AS meetings FROM "Meeting" WHERE "durationMinutes" = ?`, 90)).toStrictEqual([{ n: index, meetings: 3 }]);
    }
    expect(await byId('m0')).toStrictEqual([{ id: 'm0', cancelled: false }]);
  });

  it('runs transactions one after the other on its one connection', async () => {
    const first = await ours.startTransaction();
    let secondStarted = false;
    const second = ours.startTransaction().then((transaction) => ((secondStarted = true), transaction));
    await insertMeeting(first, 'm1', new Date('2026-12-10T13:00:00.000Z'), false);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(secondStarted).toBe(false);
    await first.executeRaw({ sql: 'COMMIT', args: [], argTypes: [] });
    await first.commit();
    const next = await second;
    expect(await queryable(next).$queryRawUnsafe('SELECT "id" FROM "Meeting"')).toStrictEqual([{ id: 'm1' }]);
    await next.executeRaw({ sql: 'ROLLBACK', args: [], argTypes: [] });
    await next.rollback();
  });
});

// Footprint: src/main.ts started as `npm start` starts it, on a database holding 1,000 groups and 10,000
// progress reports, in SQLite and in PostgreSQL: spawn → ready line, migrations → ready line, and the
// resident set size after start-up and after scheduler ticks over every group.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresTestUrl, probePostgres, quoteIdentifier, runOnServer } from '../scripts/lib/postgres-probe.js';
import { withDatabaseName } from '../src/adapters/db/connection-target.js';
import { migrateDatabase } from '../src/adapters/db/migrate.js';
import { createStore } from '../src/adapters/db/prisma-store.js';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { systemClock } from '../src/core/ports.js';
import { registerChannel } from '../src/core/use-cases/register-channel.js';
import { addAssignment, addMember } from '../tests/support/report-fixtures.js';
import { BOT_ENTRY, spawnServer } from './spawn-server.js';
import { median } from './stats.js';

export interface FootprintRun {
  /** Spawn → "Samverkansbot is running at". */
  readyMs: number;
  /** The "database migrated" log line → the ready line. */
  readyAfterMigrationsMs: number;
  /** What main.ts measured for migrateDatabase (a check only: the database is migrated already). */
  migrationMs: number;
  rssReadyMb: number;
  /** After scheduler ticks (every second) have gone over all groups for a few seconds. */
  rssAfterTicksMb: number;
  peakRssMb: number;
}

export interface FootprintResult {
  database: 'SQLite' | 'PostgreSQL';
  groups: number;
  reports: number;
  seedMs: number;
  runs: FootprintRun[];
  median: FootprintRun;
  skipped?: string;
}

const TICK_SETTLE_MS = 3_000;

/** Runs SQL on the seeded database directly: the copies are made in the database, not through Prisma. */
interface RawSql {
  columns(table: string): Promise<string[]>;
  run(sql: string): Promise<void>;
  close(): Promise<void>;
}

async function rawSql(databaseUrl: string): Promise<RawSql> {
  if (databaseUrl.startsWith('file:')) {
    const sqlite = new BetterSqlite3(databaseUrl.slice('file:'.length));
    return {
      columns: async (table) => (sqlite.prepare(`PRAGMA table_info(${quoteIdentifier(table)})`).all() as { name: string }[]).map((column) => column.name),
      run: async (sql) => void sqlite.exec(sql),
      close: async () => void sqlite.close(),
    };
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  return {
    columns: async (table) =>
      (await client.query<{ column_name: string }>('SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position', [table])).rows.map((row) => row.column_name),
    run: async (sql) => void (await client.query(sql)),
    close: () => client.end(),
  };
}

/** Every table one group with its assignment and reports fills, parents first. */
const SEEDED_TABLES = ['Group', 'ChannelLink', 'Member', 'ActionPlan', 'Activity', 'Assignment', 'ImplementationPlan', 'ProgressReport'] as const;
/** Columns ending in Id that are platform ids shared between groups, not row ids. */
const SHARED_IDS = new Set(['tenantId', 'platformUserId']);

/**
 * One group exactly as the product writes it (the store: registerChannel, a convener, an assignment with
 * its genomförandeplan, `reportsPerGroup` progress reports), then copied `groups - 1` times in SQL with
 * every row id and reference suffixed (-2, -3, …): the data has the product's shape at a fraction of
 * the time 10,000 separate inserts through Prisma take.
 */
export async function seed(databaseUrl: string, groups: number, reportsPerGroup: number): Promise<void> {
  const store = createStore(databaseUrl);
  try {
    const deps = { store, clock: systemClock, defaults: { locale: 'sv' as const, timeZone: 'Europe/Stockholm' } };
    const channel = { platform: 'slack' as const, tenantId: 'T111', channelId: 'CFOOT', channelName: 'samverkan-1', conversationReference: null, isPersonal: false };
    const { group } = await registerChannel(deps, channel, { platform: 'slack', tenantId: 'T111', userId: 'UCHAIR', displayName: 'Anna Ordförande' });
    const convener = await addMember(store, group.id, { userId: 'UCONV', displayName: 'Cilla Sammankallande', roles: ['sammankallande'] });
    const { assignment } = await addAssignment(store, group.id, { convener });
    for (let index = 0; index < reportsPerGroup; index += 1) {
      await store.progressReports.create({
        assignmentId: assignment.id,
        authorMemberId: convener.id,
        version: 1,
        submitted: true,
        progressText: `Lägesrapport ${index + 1}: rutinen används i fler skolor.`,
        statusColour: (['gron', 'gul', 'rod'] as const)[index % 3]!,
        worksWell: 'Samarbetet mellan skola och BUP',
        worksLessWell: 'Svårt att hitta tider',
        timelineHolds: 'ja',
        newEndDate: null,
        indicatorValues: { i1: 12 + index, i2: 55.5 + index },
        subGoalStatus: { sg1: 'gron', sg2: 'gul' },
        submittedAt: new Date(Date.now() - (reportsPerGroup - index) * 14 * 86_400_000),
        correctsReportId: null,
      });
    }
  } finally {
    await store.close();
  }
  const sql = await rawSql(databaseUrl);
  try {
    for (const table of SEEDED_TABLES) {
      const columns = await sql.columns(table);
      const values = columns.map((column) => {
        const name = quoteIdentifier(column);
        if (column === 'memberIds') return `'["' || "convenerMemberId" || '-' || copy.k || '"]'`;
        if (column === 'id' || (column.endsWith('Id') && !SHARED_IDS.has(column))) return `${name} || '-' || copy.k`;
        return name;
      });
      await sql.run(
        `WITH RECURSIVE copy(k) AS (SELECT 2 UNION ALL SELECT k + 1 FROM copy WHERE k < ${groups}) ` +
          `INSERT INTO ${quoteIdentifier(table)} (${columns.map(quoteIdentifier).join(', ')}) SELECT ${values.join(', ')} FROM ${quoteIdentifier(table)}, copy`,
      );
    }
  } finally {
    await sql.close();
  }
}

async function measure(databaseUrl: string): Promise<FootprintRun> {
  const server = await spawnServer(BOT_ENTRY.file, {
    nodeArgs: [...BOT_ENTRY.nodeArgs],
    // Info is the production level and carries the "database migrated" line; every second a tick goes over all groups.
    env: { PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, EXPORT_LINK_SECRET: 'bench-link-secret-of-32-characters!', LOG_LEVEL: 'info', SCHEDULER_CRON: '* * * * * *' },
  });
  try {
    const migrated = server.lines.find((line) => line.text.includes('"database migrated"'));
    if (!migrated) throw new Error('main.ts printed no "database migrated" line');
    const ready = server.rss();
    await new Promise((resolve) => setTimeout(resolve, TICK_SETTLE_MS));
    const settled = server.rss();
    return {
      readyMs: server.readyMs,
      readyAfterMigrationsMs: server.readyMs - migrated.at,
      migrationMs: (JSON.parse(migrated.text) as { migrationMs: number }).migrationMs,
      rssReadyMb: ready.rssMb,
      rssAfterTicksMb: settled.rssMb,
      peakRssMb: settled.peakMb,
    };
  } finally {
    await server.stop();
  }
}

async function countRows(databaseUrl: string): Promise<{ groups: number; reports: number }> {
  const store = createStore(databaseUrl);
  try {
    return { groups: (await store.groups.list()).length, reports: (await store.progressReports.list()).length };
  } finally {
    await store.close();
  }
}

function medianRun(runs: FootprintRun[]): FootprintRun {
  const of = (key: keyof FootprintRun) => median(runs.map((run) => run[key]));
  return {
    readyMs: of('readyMs'),
    readyAfterMigrationsMs: of('readyAfterMigrationsMs'),
    migrationMs: of('migrationMs'),
    rssReadyMb: of('rssReadyMb'),
    rssAfterTicksMb: of('rssAfterTicksMb'),
    peakRssMb: of('peakRssMb'),
  };
}

async function onDatabase(database: FootprintResult['database'], databaseUrl: string, options: FootprintOptions, log: (line: string) => void): Promise<FootprintResult> {
  await migrateDatabase(databaseUrl);
  const seeding = performance.now();
  await seed(databaseUrl, options.groups, options.reports / options.groups);
  const counts = await countRows(databaseUrl);
  if (counts.groups !== options.groups || counts.reports !== options.reports) throw new Error(`footprint: seeded ${JSON.stringify(counts)}`);
  const seedMs = performance.now() - seeding;
  log(`footprint ${database}: seeded ${options.groups} groups and ${options.reports} reports in ${(seedMs / 1000).toFixed(1)} s`);
  const runs: FootprintRun[] = [];
  for (let run = 0; run < options.starts; run += 1) {
    runs.push(await measure(databaseUrl));
    log(`footprint ${database} start ${run + 1}: ready ${runs.at(-1)!.readyMs.toFixed(0)} ms, rss ${runs.at(-1)!.rssAfterTicksMb.toFixed(0)} MB`);
  }
  return { database, groups: options.groups, reports: options.reports, seedMs, runs, median: medianRun(runs) };
}

export interface FootprintOptions {
  groups: number;
  reports: number;
  /** Start-ups per database; the median is reported. */
  starts: number;
}

export async function runFootprint(options: FootprintOptions, log: (line: string) => void): Promise<FootprintResult[]> {
  const results: FootprintResult[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'samverkansbot-bench-footprint-'));
  try {
    results.push(await onDatabase('SQLite', `file:${join(dir, 'bench.db')}`, options, log));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const serverUrl = postgresTestUrl();
  const unreachable = await probePostgres(serverUrl, 2000);
  if (unreachable !== null) {
    log(`footprint PostgreSQL: skipped, no server (${unreachable})`);
    const none: FootprintRun = { readyMs: NaN, readyAfterMigrationsMs: NaN, migrationMs: NaN, rssReadyMb: NaN, rssAfterTicksMb: NaN, peakRssMb: NaN };
    results.push({ database: 'PostgreSQL', groups: options.groups, reports: options.reports, seedMs: NaN, runs: [], median: none, skipped: unreachable });
    return results;
  }
  const name = `samverkansbot_bench_${randomBytes(6).toString('hex')}`;
  await runOnServer(serverUrl, [`CREATE DATABASE ${quoteIdentifier(name)}`]);
  try {
    results.push(await onDatabase('PostgreSQL', withDatabaseName(serverUrl, name), options, log));
  } finally {
    await runOnServer(serverUrl, [`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`]);
  }
  return results;
}

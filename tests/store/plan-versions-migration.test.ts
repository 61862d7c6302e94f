// Issue 17: the living plan's migration (PlanVersion snapshots, Activity.carriedToYear) keeps existing data.
// A database made by the schema before it (every committed migration up to it) holds a year of work of one
// group (plans of two years, one decided twice and revised since, activities, decisions with minutes,
// analysis, votes, uppdrag, reports, meetings); after the migration every row of every table is unchanged,
// each decided plan has its decided version as a snapshot, and the bot reads it all.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../../src/adapters/db/connection-target.js';
import { defaultMigrationsDir, migrateDatabase } from '../../src/adapters/db/migrate.js';
import { listMigrations } from '../../src/adapters/db/migration-files.js';
import { createStore } from '../../src/adapters/db/prisma-store.js';
import type { Store } from '../../src/core/ports.js';
import { loadActionPlanDocument } from '../../src/core/use-cases/plan-documents.js';
import { currentPlan } from '../../src/core/use-cases/standing-item.js';
import { catalog } from '../../src/i18n/index.js';
import { backends } from './db-harness.js';
import type { Backend, TempDatabase } from './db-harness.js';

async function query(backend: Backend, url: string, sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  if (backend.provider === 'postgres') {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  }
  const target = parseDatabaseUrl(url);
  const db = new Database(target.provider === 'sqlite' ? target.file : url);
  try {
    const statement = db.prepare(sql);
    return statement.reader ? (statement.all(...params) as Record<string, unknown>[]) : (statement.run(...params), []);
  } finally {
    db.close();
  }
}

/** Every row of every table but the migrations' own, ordered by id: what must survive. */
async function everything(backend: Backend, url: string): Promise<Record<string, Record<string, unknown>[]>> {
  const tables = (
    backend.provider === 'postgres'
      ? await query(backend, url, `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`)
      : await query(backend, url, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
  )
    .map((row) => String(row.name))
    .filter((name) => name !== '_prisma_migrations')
    .sort();
  const result: Record<string, Record<string, unknown>[]> = {};
  for (const table of tables) result[table] = await query(backend, url, `SELECT * FROM "${table}" ORDER BY "id"`);
  return result;
}

const MIGRATION = '_plan_versions';
const tempDirs: string[] = [];
function migrationsUpTo(backend: Backend, include: boolean): string {
  const all = listMigrations(defaultMigrationsDir(backend.provider));
  const index = all.findIndex((name) => name.endsWith(MIGRATION));
  expect(index).toBeGreaterThan(0);
  const dir = mkdtempSync(join(tmpdir(), 'samverkansbot-plan-versions-'));
  tempDirs.push(dir);
  const source = defaultMigrationsDir(backend.provider);
  cpSync(join(source, 'migration_lock.toml'), join(dir, 'migration_lock.toml'));
  for (const name of all.slice(0, include ? index + 1 : index)) cpSync(join(source, name), join(dir, name), { recursive: true });
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** A year of one group's work, written as the bot before this migration wrote it. */
async function yearOfWork(backend: Backend, url: string) {
  const store: Store = createStore(url);
  try {
    const group = await store.groups.create({
      name: 'LSG Uddevalla',
      timeZone: 'Europe/Stockholm',
      locale: 'sv',
      officeChannelId: 'C0KANSLI',
      standingItemHoursBefore: 48,
      summaryHoursBefore: 24,
      planningDayReminder: true,
      reportPromptDaysBefore: 5,
    });
    const region = await store.organisations.create({ groupId: group.id, name: 'Västra Götalandsregionen', kind: 'region' });
    const kommun = await store.organisations.create({ groupId: group.id, name: 'Uddevalla kommun', kind: 'kommun' });
    const person = (userId: string, displayName: string, organisationId: string, roles: ('ordforande' | 'ledamot' | 'sammankallande')[]) =>
      store.members.create({ groupId: group.id, platform: 'slack', tenantId: 'T111', platformUserId: userId, displayName, organisationId, roles, substituteForMemberId: null });
    const chair = await person('U1', 'Anna Ordförande', region.id, ['ordforande']);
    const bo = await person('U2', 'Bo Region', region.id, ['ledamot', 'sammankallande']);
    const cia = await person('U3', 'Cia Kommun', kommun.id, ['ledamot']);
    for (const startsAt of ['2026-02-10T08:00:00.000Z', '2026-09-15T07:00:00.000Z', '2027-01-19T08:00:00.000Z']) {
      await store.meetings.create({ groupId: group.id, startsAt: new Date(startsAt), durationMinutes: 120, seriesId: null, location: 'Stadshuset', cancelled: false });
    }
    const round = await store.analysisRounds.create({
      groupId: group.id,
      year: 2026,
      status: 'avslutad',
      proposalDeadline: new Date('2026-01-31T22:59:59.999Z'),
      votingDeadline: new Date('2026-02-20T22:59:59.999Z'),
      voteBudget: 7,
      maxVotesPerArea: 3,
      openedByMemberId: chair.id,
      votingOpenedAt: new Date('2026-02-01T09:00:00.000Z'),
      closedAt: new Date('2026-02-21T09:00:00.000Z'),
    });
    const proposal = await store.proposals.create({ groupId: group.id, title: 'Fler SIP för unga', description: 'SIP i skolan', targetGroup: 'barn_och_unga', obstacles: 'Oklart vem som kallar', proposedByMemberId: cia.id, mergedIntoProposalId: null, roundId: round.id });
    await store.ballots.create({ roundId: round.id, memberId: bo.id, organisationId: region.id, votes: { [proposal.id]: 3 } });

    // 2026: decided twice (version 2 with minutes), then revised; 2027: being prepared, not decided.
    const plan2026 = await store.plans.create({
      groupId: group.id,
      year: 2026,
      version: 2,
      decidedAt: new Date('2026-03-10T13:00:00.000Z'),
      decidedByMemberId: chair.id,
      sentToOfficeAt: new Date('2026-03-10T13:00:00.000Z'),
      lastRevisedAt: new Date('2026-06-01T10:00:00.000Z'),
    });
    const plan2027 = await store.plans.create({ groupId: group.id, year: 2027, version: 1, decidedAt: null, decidedByMemberId: null, sentToOfficeAt: null, lastRevisedAt: null });
    // Activity is the table this migration changes: written with SQL as the old schema has it.
    const at = (iso: string) => (backend.provider === 'postgres' ? new Date(iso) : new Date(iso).toISOString().replace('Z', '+00:00'));
    const activities = [
      ['act-sip', plan2026.id, 'SIP-rutin i skolan', 'SIP', 'SIP1', '2026-03-15T00:00:00.000Z', '2026-12-15T00:00:00.000Z', 'pagaende', proposal.id],
      ['act-suicid', plan2026.id, 'Suicidprevention "första hjälpen"', 'SA', 'SA1', '2026-04-01T00:00:00.000Z', '2027-06-30T00:00:00.000Z', 'planerad', null],
      ['act-mottagning', plan2027.id, 'Gemensam mottagning för unga', 'IM', 'IM1', '2027-02-01T00:00:00.000Z', '2027-11-30T00:00:00.000Z', 'planerad', null],
    ] as const;
    for (const [id, planId, title, focusAreaCode, goalCode, start, end, status, proposalId] of activities) {
      const p = (n: number) => (backend.provider === 'postgres' ? `$${n}` : '?');
      await query(
        backend,
        url,
        `INSERT INTO "Activity" ("id","planId","title","description","targetGroup","focusAreaCode","goalCode","startDate","endDate","status","proposalId","createdAt") VALUES (${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(p).join(',')})`,
        [id, planId, title, `Om ${title}`, 'barn_och_unga', focusAreaCode, goalCode, at(start), at(end), status, proposalId, at('2026-03-01T09:00:00.000Z')],
      );
    }
    const change = (action: 'activity-added' | 'plan-decided' | 'activity-updated', details: Record<string, string | number | null>, planVersion: number) =>
      store.planChanges.create({ groupId: group.id, planId: plan2026.id, planVersion, memberId: chair.id, action, entityId: null, details });
    await change('activity-added', { title: 'SIP-rutin i skolan' }, 1);
    await change('plan-decided', { version: 1, activities: 1, minutes: '§ 3, möte 2026-02-10' }, 1);
    await change('activity-added', { title: 'Suicidprevention "första hjälpen"' }, 1);
    await change('plan-decided', { version: 2, activities: 2, minutes: '§ 12, möte 2026-03-10' }, 2);
    await change('activity-updated', { title: 'Suicidprevention "första hjälpen"' }, 2);

    const assignment = await store.assignments.create({
      groupId: group.id,
      activityId: 'act-sip',
      title: 'Arbetsgrupp SIP',
      startDate: new Date('2026-03-20T00:00:00.000Z'),
      endDate: new Date('2026-11-30T00:00:00.000Z'),
      targetGroupText: 'Barn och unga 6–18 år',
      purpose: 'Fler SIP i tid',
      activityText: 'En gemensam SIP-rutin',
      memberIds: [bo.id, cia.id],
      convenerMemberId: bo.id,
      reportingForm: { kind: 'every_n_weeks', weeks: 6 },
      goal: 'Rutinen antagen av båda huvudmännen',
      resources: '20 timmar',
      finalReportForm: 'Skriftlig',
      status: 'avslutat',
    });
    await store.progressReports.create({
      assignmentId: assignment.id,
      authorMemberId: bo.id,
      version: 1,
      submitted: true,
      progressText: 'Rutinen är skriven.',
      statusColour: 'gul',
      worksWell: 'Samarbetet',
      worksLessWell: 'Tider',
      timelineHolds: 'nej',
      newEndDate: new Date('2026-11-30T00:00:00.000Z'),
      indicatorValues: {},
      subGoalStatus: {},
      submittedAt: new Date('2026-06-02T10:00:00.000Z'),
      correctsReportId: null,
    });
    await store.finalReports.create({
      assignmentId: assignment.id,
      authorMemberId: bo.id,
      goalMet: 'helt',
      goalMetHow: 'Rutinen används',
      addedValue: 'Samsyn',
      resultsJoint: 'Gemensam rutin',
      resultsPerParty: 'Kommunen: elevhälsan',
      acceptedAt: new Date('2026-11-20T10:00:00.000Z'),
      acceptedByMemberId: chair.id,
    });
    return { group, chair, plan2026, plan2027 };
  } finally {
    await store.close();
  }
}

for (const backend of backends) {
  describe.skipIf(backend.skip)(`the plan_versions migration on ${backend.name}`, () => {
    let database: TempDatabase;
    beforeEach(async () => {
      database = await backend.createDatabase();
    });
    afterEach(async () => {
      await database?.drop();
    });

    it('keeps every row of a year of work and stores each decided plan as its decided version', { timeout: 60_000 }, async () => {
      await migrateDatabase(database.url, { migrationsDir: migrationsUpTo(backend, false) });
      const { group, chair, plan2026, plan2027 } = await yearOfWork(backend, database.url);
      const before = await everything(backend, database.url);
      expect(before.PlanVersion).toBeUndefined();
      expect(before.Activity).toHaveLength(3);
      for (const table of ['Group', 'Member', 'ActionPlan', 'PlanChange', 'Assignment', 'ProgressReport', 'FinalReport', 'AnalysisRound', 'Proposal', 'Ballot', 'Meeting']) {
        expect(before[table]!.length, table).toBeGreaterThan(0);
      }

      const result = await migrateDatabase(database.url, { migrationsDir: migrationsUpTo(backend, true) });
      expect(result.applied).toHaveLength(1);
      expect(result.applied[0]).toMatch(/_plan_versions$/);

      const after = await everything(backend, database.url);
      // Every table that was there holds exactly what it held; Activity has the new column, empty.
      for (const [table, rows] of Object.entries(before)) {
        if (table === 'Activity') expect(after.Activity).toEqual(rows.map((row) => ({ ...row, carriedToYear: null })));
        else expect(after[table], table).toEqual(rows);
      }
      expect(after.PlanVersion).toHaveLength(1);

      const store = createStore(database.url);
      try {
        // The decided 2026 plan: version 2 as a snapshot, with who, when and the minutes of its decision.
        const [version] = await store.planVersions.list({ groupId: group.id });
        expect(version).toMatchObject({ planId: plan2026.id, year: 2026, version: 2, decidedAt: plan2026.decidedAt, decidedByMemberId: chair.id, minutes: '§ 12, möte 2026-03-10' });
        expect(version!.activities).toEqual([
          { id: 'act-sip', title: 'SIP-rutin i skolan', description: 'Om SIP-rutin i skolan', targetGroup: 'barn_och_unga', focusAreaCode: 'SIP', goalCode: 'SIP1', startDate: expect.any(String), endDate: expect.any(String), status: 'pagaende' },
          { id: 'act-suicid', title: 'Suicidprevention "första hjälpen"', description: 'Om Suicidprevention "första hjälpen"', targetGroup: 'barn_och_unga', focusAreaCode: 'SA', goalCode: 'SA1', startDate: expect.any(String), endDate: expect.any(String), status: 'planerad' },
        ]);
        expect(version!.activities.map((activity) => new Date(activity.endDate).toISOString())).toEqual(['2026-12-15T00:00:00.000Z', '2027-06-30T00:00:00.000Z']);
        // No snapshot for a plan never decided.
        expect(await store.planVersions.list({ planId: plan2027.id })).toEqual([]);
        expect((await store.activities.get('act-suicid'))).toMatchObject({ planId: plan2026.id, carriedToYear: null, endDate: new Date('2027-06-30T00:00:00.000Z') });

        // The bot reads the migrated data: the document shows the decided version and its minutes, and the
        // plan in force in 2026 has both activities of that year.
        const document = (await loadActionPlanDocument(store, group, 2026, undefined, catalog('sv')))!;
        expect(document.subtitle).toContain('version 2');
        expect(JSON.stringify(document)).toContain('Protokoll: § 12, möte 2026-03-10');
        expect((await currentPlan(store, group, 2026))!.activities.map((activity) => activity.id).sort()).toEqual(['act-sip', 'act-suicid']);
      } finally {
        await store.close();
      }
    });
  });
}

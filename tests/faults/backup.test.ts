// `npm run db:backup` while the real bot (src/main.ts) takes a stream of report submissions on its SQLite
// file: the copy passes SQLite's integrity check, holds every report acknowledged before the backup started
// and no half-written one, and a bot started on the copy (the restore) serves those reports.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/core/ports.js';
import { createStore } from '../../src/adapters/db/prisma-store.js';
import { collectCardTexts, startFakeBotConnector, type FakeBotConnector } from '../support/fake-bot-connector.js';
import { startMain, type MainProcess } from '../support/main-process.js';
import { VALID_PROGRESS } from '../support/report-fixtures.js';
import { CONVENER, acknowledged as isAcknowledged, groupWithAssignment, progressText, submitProgress } from '../support/report-stream.js';
import { cardExecute, teamChannel } from '../support/teams-activities.js';
import { ADAPTIVE_CARD, postActivity } from '../support/teams-harness.js';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'samverkansbot-backup-'));
const channel = teamChannel({ teamName: 'Samverkan Uddevalla' });
const running: MainProcess[] = [];
let connector: FakeBotConnector | undefined;
let store: Store | undefined;

afterAll(async () => {
  for (const run of running) if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
  await store?.close();
  await connector?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `npm run db:backup -- <file>` as an operator runs it (without npm's own start-up cost), in parallel with the bot. */
function runBackup(databaseUrl: string, file?: string, env: Record<string, string> = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/db-backup.ts', ...(file ? [file] : [])],
      { cwd: root, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: databaseUrl, ...env }, encoding: 'utf8' },
      (error, stdout, stderr) => done({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run db:backup', () => {
  it('copies the SQLite database consistently while the bot writes, and the copy restores', async () => {
    const databaseUrl = `file:${join(dir, 'bot.db')}`;
    connector = await startFakeBotConnector();
    const bot = startMain({ PORT: '0', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', SCHEDULER_ENABLED: 'false' });
    running.push(bot);
    const url = await bot.url();
    const setup = await groupWithAssignment(url, databaseUrl, channel, connector.serviceUrl);
    store = setup.store;
    const { assignment } = setup;

    const acknowledged: string[] = [];
    let next = 0;
    let writing = true;
    const worker = async () => {
      while (writing) {
        const n = next++;
        if (isAcknowledged(await submitProgress(url, channel, connector!.serviceUrl, assignment, n))) acknowledged.push(progressText(n));
      }
    };
    const workers = Promise.all(Array.from({ length: 3 }, worker));
    while (acknowledged.length < 15) await new Promise((resolve) => setTimeout(resolve, 20));

    const before = [...acknowledged];
    const copy = join(dir, 'backups', 'copy.db');
    const result = await runBackup(databaseUrl, copy);
    writing = false;
    await workers;
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Säkerhetskopia / backup: ${copy.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(\\d+ pages, \\d+ bytes, integrity ok\\)\\n$`));
    expect(acknowledged.length, 'the bot kept taking reports while the backup ran').toBeGreaterThan(before.length);

    const raw = new Database(copy, { readonly: true });
    const inCopy = raw.prepare('SELECT progressText, submitted, statusColour, worksWell FROM ProgressReport').all() as { progressText: string; submitted: number; statusColour: string; worksWell: string }[];
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
    const texts = inCopy.map((row) => row.progressText);
    for (const text of before) expect(texts, text).toContain(text);
    // Every report in the copy is whole (a commit is in the copy entirely or not at all).
    for (const row of inCopy) expect(row).toMatchObject({ submitted: 1, statusColour: 'gul', worksWell: VALID_PROGRESS.worksWell });
    expect(inCopy.length).toBeLessThanOrEqual((await store.progressReports.list({ assignmentId: assignment.id })).length);

    // Restore: the bot started on the copy serves a report from it.
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    const restored = startMain({ PORT: '0', DATABASE_URL: `file:${copy}`, LOG_LEVEL: 'warn', SCHEDULER_ENABLED: 'false' });
    running.push(restored);
    const restoredUrl = await restored.url();
    const restoredStore = createStore(`file:${copy}`);
    const [report] = await restoredStore.progressReports.list({ progressText: before[0]! });
    await restoredStore.close();
    const view = await postActivity(restoredUrl, cardExecute(channel, connector.serviceUrl, CONVENER, 'show-report', { action: 'show-report', reportId: report!.id }));
    expect(view.body).toMatchObject({ statusCode: 200, type: ADAPTIVE_CARD });
    expect(collectCardTexts(view.body.value)).toContain(before[0]);
    restored.child.kill('SIGTERM');
    expect(await restored.exited).toBe(0);

    // The same file again is refused: a backup never overwrites.
    const again = await runBackup(databaseUrl, copy);
    expect(again.status).toBe(1);
    expect(again.stderr).toBe(`Ingen säkerhetskopia / no backup: ${copy} exists already; name a new file\n`);
  }, 120_000);

  it('refuses PostgreSQL with one line pointing at pg_dump', async () => {
    const result = await runBackup('postgres://bot@127.0.0.1:5432/bot', undefined, { EXPORT_LINK_SECRET: 'x'.repeat(32) });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('Ingen säkerhetskopia / no backup: DATABASE_URL is PostgreSQL: use pg_dump --format=custom (see README, "Operating it")\n');
  });
});

// kill -9 under load: the real process (src/main.ts) on a SQLite file takes a stream of concurrent
// progress-report submissions (Action.Execute, as Teams sends them) and is killed with SIGKILL mid-stream.
// After a restart on the same file every submission whose HTTP request was answered with the "submitted"
// card must be stored, whole, and readable through the bot's own report view.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { Assignment } from '../../src/core/domain.js';
import type { Store } from '../../src/core/ports.js';
import { createStore } from '../../src/adapters/db/prisma-store.js';
import { sv } from '../../src/i18n/sv.js';
import { collectCardTexts, startFakeBotConnector, type FakeBotConnector } from '../support/fake-bot-connector.js';
import { startMain, type MainProcess } from '../support/main-process.js';
import { VALID_PROGRESS } from '../support/report-fixtures.js';
import { CONVENER, acknowledged as isAcknowledged, groupWithAssignment, progressText, submitProgress } from '../support/report-stream.js';
import { cardExecute, teamChannel } from '../support/teams-activities.js';
import { ADAPTIVE_CARD, postActivity } from '../support/teams-harness.js';
const WORKERS = 6;
/** Acknowledged submissions before the kill; the workers keep sending, so others are in flight. */
const ACKED_BEFORE_KILL = 24;

const dir = mkdtempSync(join(tmpdir(), 'samverkansbot-kill-'));
const databaseUrl = `file:${join(dir, 'bot.db')}`;
const env = { PORT: '0', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', SCHEDULER_ENABLED: 'false' };
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

function submit(url: string, assignment: Assignment, n: number) {
  return submitProgress(url, channel, connector!.serviceUrl, assignment, n);
}

describe('kill -9 during a stream of report submissions', () => {
  it('keeps every acknowledged submission, whole, across the restart', async () => {
    connector = await startFakeBotConnector();
    const first = startMain(env);
    running.push(first);
    const url = await first.url();
    const setup = await groupWithAssignment(url, databaseUrl, channel, connector.serviceUrl);
    store = setup.store;
    const { assignment } = setup;

    const acknowledged: string[] = [];
    const failed: string[] = [];
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (!killed) {
        const n = next++;
        const text = progressText(n);
        try {
          const answer = await submit(url, assignment, n);
          if (isAcknowledged(answer)) acknowledged.push(text);
          else failed.push(`${n}: HTTP ${answer.status}`);
        } catch {
          // The connection died with the process: not acknowledged, so it may or may not be stored.
          failed.push(`${n}: no answer`);
        }
        if (!killed && acknowledged.length >= ACKED_BEFORE_KILL) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));
    await first.exited;
    expect(first.child.signalCode).toBe('SIGKILL');
    // Before the kill nothing failed: every refusal would hide a lost write behind "not acknowledged".
    expect(failed.filter((line) => line.includes('HTTP')), 'answers other than the submitted card').toEqual([]);
    expect(next, 'submissions were still being sent when the process died').toBeGreaterThan(acknowledged.length);

    const second = startMain(env);
    running.push(second);
    const restartedUrl = await second.url();
    expect((await fetch(`${restartedUrl}/healthz`)).status).toBe(200);

    const file = join(dir, 'bot.db');
    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(raw.pragma('foreign_key_check')).toEqual([]);
    } finally {
      raw.close();
    }

    await store.close();
    store = createStore(databaseUrl);
    const stored = await store.progressReports.list({ assignmentId: assignment.id });
    const storedTexts = stored.map((report) => report.progressText);
    for (const text of acknowledged) expect(storedTexts.filter((found) => found === text), text).toHaveLength(1);
    // No half-written report: every stored one is complete, whether it was acknowledged or not.
    for (const report of stored) {
      expect(report).toMatchObject({
        submitted: true,
        version: 1,
        correctsReportId: null,
        statusColour: 'gul',
        timelineHolds: 'osakert',
        worksWell: VALID_PROGRESS.worksWell,
        worksLessWell: VALID_PROGRESS.worksLessWell,
        indicatorValues: { i1: 18, i2: 61.5 },
        subGoalStatus: { sg1: 'gron', sg2: 'gul' },
      });
      expect(report.progressText).toMatch(/^Lägesrapport nummer \d+: utbildningen pågår\.$/);
      expect(report.submittedAt).toBeInstanceOf(Date);
    }

    // The restarted bot shows an acknowledged report and takes new ones.
    const shown = stored.find((report) => report.progressText === acknowledged[0])!;
    const view = await postActivity(restartedUrl, cardExecute(channel, connector.serviceUrl, CONVENER, 'show-report', { action: 'show-report', reportId: shown.id }));
    expect(view.body).toMatchObject({ statusCode: 200, type: ADAPTIVE_CARD });
    expect(collectCardTexts(view.body.value)).toContain(acknowledged[0]);
    const after = await submit(restartedUrl, assignment, next);
    expect(collectCardTexts(after.body.value)[0]).toBe(sv.reports.view.submitted);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 90_000);
});

// `npm start` as a newcomer runs it: the real entry point in a child process, migrating a fresh SQLite
// file, saying where each platform connects, and refusing a bad setting with one clear line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startMain, waitFor } from '../support/main-process.js';

const dir = mkdtempSync(join(tmpdir(), 'samverkansbot-start-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('src/main.ts', () => {
  it('migrates a new SQLite database, serves, says where each platform connects and stops on SIGTERM', async () => {
    const started = Date.now();
    const run = startMain({ PORT: '0', DATABASE_URL: `file:${join(dir, 'fresh.db')}`, LOG_LEVEL: 'silent' });
    const url = await waitFor(() => run.output().stdout.match(/is running at (http:\/\/127\.0\.0\.1:\d+)/)?.[1], 30_000);
    // The start-up lines arrive as separate writes: wait for the last one before reading them all.
    await waitFor(() => (run.output().stdout.includes('Scheduler: ') ? true : undefined), 10_000);
    const startUpMs = Date.now() - started;
    const { stdout } = run.output();
    expect(stdout).toContain(`Teams: ${url}/api/messages in LOCAL MODE`);
    expect(stdout).toContain('Slack: off');
    expect(stdout).toContain(`database: SQLite ${join(dir, 'fresh.db')}`);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(stdout).toContain('Warning: EXPORT_LINK_SECRET is not set: download links are signed with a random secret and stop working after a restart');
    // "Well under a minute" on a 2-core machine, tsx compilation included.
    expect(startUpMs).toBeLessThan(30_000);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('stops with one line naming a bad entry of the region file (REGION_FILE)', async () => {
    const file = join(dir, 'region.yaml');
    writeFileSync(file, 'namn: Fyrbodal\norganisationer:\n  - plattform: slack\n    id: T1\n    namn: Arbetsytan\nkansli:\n  personer:\n    - plattform: slack\n      organisation: T1\n      namn: Kim\n');
    const run = startMain({ PORT: '0', DATABASE_URL: `file:${join(dir, 'region.db')}`, REGION_FILE: file });
    expect(await run.exited).toBe(1);
    const lines = run.output().stderr.trim().split('\n');
    expect(lines).toEqual([`Samverkansbot kan inte starta / cannot start: REGION_FILE: Regionfilen ${file} har fel: kansli.personer[0].användar-id saknas`]);
  });

  it('stops with one line naming a bad variable', async () => {
    const run = startMain({ PORT: 'abc' });
    expect(await run.exited).toBe(1);
    const lines = run.output().stderr.trim().split('\n');
    expect(lines).toEqual(['Samverkansbot kan inte starta / cannot start: Invalid PORT: expected a port number 0–65535 (got "abc")']);
  });

  it('refuses PostgreSQL without EXPORT_LINK_SECRET with one line, before touching the database', async () => {
    const run = startMain({ PORT: '0', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
    expect(await run.exited).toBe(1);
    expect(run.output().stderr.trim().split('\n')).toEqual([
      'Samverkansbot kan inte starta / cannot start: Invalid EXPORT_LINK_SECRET: required with PostgreSQL (at least 32 characters, the same on every instance)',
    ]);
  }, 60_000);

  it('refuses a non-loopback HOST in local mode (no MICROSOFT_APP_ID) with one line', async () => {
    const run = startMain({ PORT: '0', HOST: '0.0.0.0' });
    expect(await run.exited).toBe(1);
    expect(run.output().stderr.trim().split('\n')).toEqual([
      'Samverkansbot kan inte starta / cannot start: Invalid HOST: without MICROSOFT_APP_ID (local mode, unauthenticated) the bot listens on loopback only (127.0.0.1, ::1, localhost) (got "0.0.0.0")',
    ]);
  }, 60_000);
});

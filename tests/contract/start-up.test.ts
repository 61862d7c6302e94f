// `npm start` as a newcomer runs it: the real entry point in a child process, migrating a fresh SQLite
// file, saying where each platform connects, and refusing a bad setting with one clear line.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'samverkansbot-start-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function startMain(env: Record<string, string>) {
  // Only what a fresh shell has: the test runner's own variables (CI, DATABASE_URL…) must not leak in.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CHECKPOINT_DISABLE: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((done) => setTimeout(done, 50));
  }
}

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
    // "Well under a minute" on a 2-core machine, tsx compilation included.
    expect(startUpMs).toBeLessThan(30_000);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('stops with one line naming a bad variable', async () => {
    const run = startMain({ PORT: 'abc' });
    expect(await run.exited).toBe(1);
    const lines = run.output().stderr.trim().split('\n');
    expect(lines).toEqual(['Samverkansbot kan inte starta / cannot start: Invalid PORT: expected a port number 0–65535 (got "abc")']);
  });
});

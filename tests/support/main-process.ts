// The real entry point (src/main.ts) in a child process, as `npm start` runs it, for tests that need a
// whole process: start-up lines, exit codes, kill -9 and restart.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

export interface MainProcess {
  child: ChildProcess;
  /** The exit code, or null when a signal ended the process. */
  exited: Promise<number | null>;
  output(): { stdout: string; stderr: string };
  /** The base URL from the "is running at" line, once it is printed. */
  url(timeoutMs?: number): Promise<string>;
}

export function startMain(env: Record<string, string>): MainProcess {
  // Only what a fresh shell has: the test runner's own variables (CI, DATABASE_URL…) must not leak in.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CHECKPOINT_DISABLE: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const output = () => ({ stdout, stderr });
  return {
    child,
    exited,
    output,
    url: (timeoutMs = 30_000) =>
      waitFor(() => {
        if (child.exitCode !== null) throw new Error(`src/main.ts exited with ${child.exitCode}: ${stderr}`);
        return stdout.match(/is running at (http:\/\/127\.0\.0\.1:\d+)/)?.[1];
      }, timeoutMs),
  };
}

export async function waitFor<T>(probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((done) => setTimeout(done, 50));
  }
}

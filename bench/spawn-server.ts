// Starts a server in a child process and waits for the line saying where it listens: the bot as `npm start`
// runs it (compiled, build/main.js) and the baselines (`node --import tsx <file>`), each in a process of its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');

/**
 * The bot exactly as `npm start` runs it: read from package.json's "start" (`node [options] build/main.js`,
 * compiled by "prestart"), so the bench never measures a different command than people run.
 */
export const BOT_ENTRY = startCommand();

function startCommand(): { file: string; nodeArgs: string[] } {
  const { scripts } = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const words = scripts.start?.trim().split(/\s+/) ?? [];
  const file = words.at(-1);
  if (words[0] !== 'node' || !file?.endsWith('.js') || words.slice(1, -1).some((word) => !word.startsWith('--'))) {
    throw new Error(`bench: package.json "start" is not "node [--options] <file>.js": ${scripts.start}`);
  }
  return { file, nodeArgs: words.slice(1, -1) };
}

// USER_HZ: what /proc counts CPU time in, 100 on every Linux this runs on.
const CLOCK_TICKS_PER_SECOND = 100;

// A bench that fails half-way must not leave servers behind: whatever is still running dies with it.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface SpawnedServer {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Spawn → the "running at" line. */
  readyMs: number;
  /** Every stdout line with when it arrived (ms after spawn). */
  lines: { at: number; text: string }[];
  /** Resident set size now and at its peak (VmRSS / VmHWM from /proc), in MB. */
  rss(): { rssMb: number; peakMb: number };
  /** CPU time the process has used so far (user + system, from /proc; 10 ms resolution), in ms. */
  cpuMs(): number;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  env?: Record<string, string>;
  args?: string[];
  /** Node options before the file, e.g. --cpu-prof. */
  nodeArgs?: string[];
  timeoutMs?: number;
}

export async function spawnServer(file: string, options: SpawnOptions = {}): Promise<SpawnedServer> {
  const started = performance.now();
  // Compiled JavaScript runs as is; TypeScript through tsx.
  const loader = file.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...loader, file, ...(options.args ?? [])], {
    cwd: ROOT,
    // Only what a fresh shell has, plus the server's own settings.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CHECKPOINT_DISABLE: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const lines: { at: number; text: string }[] = [];
  let stderr = '';
  let pending = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => (running.delete(child), done(code))));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`${file}: no "running at" line within ${options.timeoutMs ?? 60_000} ms; stderr: ${stderr}`)), options.timeoutMs ?? 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const parts = pending.split('\n');
      pending = parts.pop()!;
      for (const text of parts) {
        lines.push({ at: performance.now() - started, text });
        const found = /is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
        if (found) {
          clearTimeout(timer);
          resolveUrl(found[1]!);
        }
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${file} exited with ${code} before it was ready; stderr: ${stderr}`));
    });
  });
  const readyMs = lines.find((line) => line.text.includes('is running at'))!.at;
  const pid = child.pid!;
  return {
    url,
    pid,
    child,
    readyMs,
    lines,
    rss() {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
      return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
    },
    cpuMs() {
      // /proc/<pid>/stat: the fields after the parenthesised command name; utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

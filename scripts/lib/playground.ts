// Starts the bot (local mode, no MICROSOFT_APP_ID) and the Microsoft 365 Agents Playground pointed at it,
// both on 127.0.0.1 only. Used by `npm run playground` and by the screenshot script.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);

export interface PlaygroundOptions {
  botPort?: number;
  playgroundPort?: number;
  /** Environment for the bot on top of this process' (e.g. DATABASE_URL). */
  botEnv?: NodeJS.ProcessEnv;
  logFile?: string;
  /** Where the children's output goes. */
  stdio?: 'inherit' | 'ignore';
}

export interface RunningPlayground {
  url: string;
  botUrl: string;
  stop(): Promise<void>;
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited early with code ${child.exitCode}`);
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} did not become ready within ${timeoutMs / 1000} s`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startPlayground(options: PlaygroundOptions = {}): Promise<RunningPlayground> {
  const botPort = options.botPort ?? 3978;
  const playgroundPort = options.playgroundPort ?? 56150;
  const stdio = options.stdio ?? 'inherit';
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.reverse().map(stopChild));
  };

  try {
    // src/main.ts migrates the database itself before it serves (what `npm start` runs after prestart).
    // The Playground has no dialogs (it logs task/fetch as unsupported): forms open inline in the card there.
    const botEnv: NodeJS.ProcessEnv = { ...process.env, TEAMS_DIALOGS: 'false', ...options.botEnv, PORT: String(botPort), HOST: '127.0.0.1' };
    delete botEnv.MICROSOFT_APP_ID; // local mode: the Playground sends no tokens
    delete botEnv.MICROSOFT_APP_PASSWORD;
    const bot = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env: botEnv, stdio });
    children.push(bot);
    const botUrl = `http://127.0.0.1:${botPort}`;
    await waitFor('the bot', async () => (await fetch(`${botUrl}/healthz`)).ok, 60_000, bot);

    const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
    const url = `http://127.0.0.1:${playgroundPort}`;
    const playground = spawn(
      process.execPath,
      [
        '--require',
        fileURLToPath(new URL('../bind-loopback.cjs', import.meta.url)),
        cli,
        '-e',
        `${botUrl}/api/messages`,
        '-c',
        'msteams',
        '-p',
        String(playgroundPort),
        '--service-url',
        `${url}/_connector`,
        '--disable-telemetry',
      ],
      {
        cwd: root,
        env: {
          ...process.env,
          // Without it the bundled telemetry SDK calls 169.254.169.254 and resolves names, even with --disable-telemetry.
          APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
          TEAMSAPPTESTER_BROWSER: 'none',
          ...(options.logFile ? { M365_AGENTS_PLAYGROUND_LOGFILE: options.logFile } : {}),
        },
        stdio,
      },
    );
    children.push(playground);
    // A busy port makes the Playground silently pick another one: insist on ours.
    await waitFor(
      `the Agents Playground on port ${playgroundPort} (is the port taken?)`,
      async () => (await (await fetch(`${url}/_debug/ping`)).text()).trim() === 'pong',
      30_000,
      playground,
    );
    return { url, botUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

// `npm run playground`: the bot in local mode plus the Microsoft 365 Agents Playground (a local Teams-like
// client), both on 127.0.0.1. Open the printed URL, then write "hjälp" in the chat. Ctrl-C stops both.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startPlayground } from './lib/playground.js';

// Otherwise the Playground writes devTools/m365agentsplayground.log into the work tree; .playground/ is ignored.
const logDir = fileURLToPath(new URL('../.playground/', import.meta.url));
mkdirSync(logDir, { recursive: true });

const running = await startPlayground({
  botPort: Number(process.env.PORT ?? 3978),
  playgroundPort: Number(process.env.PLAYGROUND_PORT ?? 56150),
  logFile: process.env.M365_AGENTS_PLAYGROUND_LOGFILE ?? `${logDir}m365agentsplayground.log`,
});
console.log(`\nAgents Playground: open ${running.url} (bot at ${running.botUrl}/api/messages). Ctrl-C stops both.\nPlayground log: ${logDir}m365agentsplayground.log\n`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void running.stop().then(() => process.exit(0));
  });
}

// One scheduler tick of the product in a process of its own, as in production: the fan-out benchmark
// (fan-out.ts) seeds the database and hosts the fakes, this runs planning and the outbox drain against
// them with the production store, senders and scheduler. Prints one JSON line with the tick's timing.
import { loadConfig } from '../src/config.js';
import { createChannelSender } from '../src/adapters/channel-sender.js';
import { createStore } from '../src/adapters/db/prisma-store.js';
import { systemClock } from '../src/core/ports.js';
import { createLogger } from '../src/logger.js';
import { startScheduler } from '../src/scheduler/scheduler.js';

const [databaseUrl, slackApiUrl] = process.argv.slice(2);
if (!databaseUrl || !slackApiUrl) throw new Error('usage: fan-out-tick.ts <database url> <slack api url>');
const config = loadConfig({ DATABASE_URL: databaseUrl, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: 'bench-secret', SLACK_API_URL: slackApiUrl, LOG_LEVEL: 'silent', INSTANCE_ID: 'bench' });
const logger = createLogger('silent');
const store = createStore(databaseUrl);
const deps = { store, clock: systemClock, defaults: { locale: config.BOT_LOCALE, timeZone: config.BOT_TIMEZONE } };
const scheduler = startScheduler({ deps, sender: createChannelSender({ config, logger }), logger, config, cron: false, drainWindowMs: 10 * 60_000 });
const started = Date.now();
const tick = await scheduler.tick();
const finished = Date.now();
await scheduler.stop();
await store.close();
console.log(JSON.stringify({ started, finished, ok: tick !== null, drained: tick?.drained ?? null }));

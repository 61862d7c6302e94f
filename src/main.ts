// `npm start`: validate the environment, migrate the database, serve both platforms.
import { ConfigError, loadConfig, type Config } from './config.js';
import { startApp } from './app.js';
import { createLogger } from './logger.js';
import { migrateDatabase } from './adapters/db/migrate.js';
import { createStore } from './adapters/db/prisma-store.js';
import { describeDatabase } from './adapters/db/database-url.js';
import { DatabaseUnreachableError, errorLine, retryWhileUnreachable } from './adapters/db/start-up-retry.js';
import { createChannelSender } from './adapters/channel-sender.js';
import { createSmtpMailer } from './adapters/email/smtp-mailer.js';
import { systemClock } from './core/ports.js';
import { RegionFileError, loadRegionFile } from './region-file.js';
import { catalog } from './i18n/index.js';
import type { Region } from './core/region.js';
import { startScheduler } from './scheduler/scheduler.js';

function cannotStart(message: string): never {
  console.error(`Samverkansbot kan inte starta / cannot start: ${message}`);
  process.exit(1);
}

function loadOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) cannotStart(error.message);
    throw error;
  }
}

/** The region file, read before anything else starts: a bad entry stops start-up with one line naming it. */
function regionOrExit(config: Config): Region {
  try {
    return loadRegionFile(config.REGION_FILE, catalog(config.BOT_LOCALE));
  } catch (error) {
    if (error instanceof RegionFileError) cannotStart(`REGION_FILE: ${error.message}`);
    throw error;
  }
}

/** Migrates, waiting for a database that is not up yet; any failure ends start-up with one line. */
async function migrateOrExit(config: Config): Promise<void> {
  const database = describeDatabase(config.DATABASE_URL);
  const timeoutSeconds = config.DATABASE_START_TIMEOUT_SECONDS;
  try {
    await retryWhileUnreachable(() => migrateDatabase(config.DATABASE_URL), {
      timeoutMs: timeoutSeconds * 1000,
      onRetry: (attempt, delayMs, error) =>
        console.error(
          `Databasen svarar inte / database not reachable: ${database} (${errorLine(error)}); ` +
            `attempt ${attempt}, retrying in ${(delayMs / 1000).toFixed(1)} s`,
        ),
    });
  } catch (error) {
    if (error instanceof DatabaseUnreachableError) {
      cannotStart(
        `database ${database} did not answer within ${timeoutSeconds} s (${error.attempts} attempts, ` +
          `DATABASE_START_TIMEOUT_SECONDS): ${error.message}`,
      );
    }
    cannotStart(`database ${database}: ${errorLine(error)}`);
  }
}

const config = loadOrExit();
const region = regionOrExit(config);
const logger = createLogger(config.LOG_LEVEL);
const migrationStarted = performance.now();
await migrateOrExit(config);
// Operators (and bench/footprint.ts) tell migration time from start-up time by this line.
logger.info({ migrationMs: Math.round(performance.now() - migrationStarted) }, 'database migrated');
const store = await createStore(config.DATABASE_URL);
const app = await startApp({ config, store, logger, region });
// Standing items, reminders and the outbox (src/scheduler/); several instances may share one database.
const scheduler = config.SCHEDULER_ENABLED
  ? startScheduler({
      deps: { store, clock: systemClock, defaults: { locale: config.BOT_LOCALE, timeZone: config.BOT_TIMEZONE } },
      sender: createChannelSender({ config, logger, store }),
      ...(config.mail ? { mailer: createSmtpMailer(config.mail) } : {}),
      logger,
      config,
      retentionMonths: config.RETENTION_MONTHS,
    })
  : null;

const lines = [
  `Samverkansbot is running at ${app.url} (database: ${describeDatabase(config.DATABASE_URL)})`,
  config.teams.localMode
    ? `Teams: ${app.url}/api/messages in LOCAL MODE (no MICROSOFT_APP_ID): unauthenticated Bot Framework traffic is accepted (Bot Framework Emulator, Agents Playground: npm run playground)`
    : `Teams: ${app.url}/api/messages for app ${config.MICROSOFT_APP_ID} (${config.MICROSOFT_APP_TYPE}); requests need a valid Bot Framework token`,
  config.slack.mode === 'http' && config.slack.oauth
    ? `Slack: ${app.url}/slack/events (HTTP) with OAuth installs: an admin of each workspace or Grid org opens ${config.publicBaseUrl}/slack/install (redirect URL ${config.publicBaseUrl}/slack/oauth_redirect)`
    : config.slack.mode === 'http'
    ? `Slack: ${app.url}/slack/events (HTTP; point slash commands, events and interactivity here)`
    : config.slack.mode === 'socket'
      ? 'Slack: Socket Mode connection opened with SLACK_APP_TOKEN'
      : 'Slack: off (set SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET for HTTP, SLACK_APP_TOKEN for Socket Mode, or SLACK_CLIENT_ID + SLACK_CLIENT_SECRET for OAuth installs)',
  `Health: ${app.url}/healthz`,
  config.mail
    ? `E-mail to kansliet: ${config.mail.host}:${config.mail.port} (${config.mail.tls}), ${region.mailRecipients?.length ?? 0} address(es) in the region file`
    : 'E-mail to kansliet: off (set SMTP_HOST and SMTP_FROM, and kansli.e-post in the region file)',
  ...(config.EXPORT_LINK_SECRET
    ? []
    : ['Warning: EXPORT_LINK_SECRET is not set: download links are signed with a random secret and stop working after a restart (set at least 32 characters)']),
  config.SCHEDULER_ENABLED
    ? `Scheduler: on (${config.SCHEDULER_CRON}, instance ${config.instanceId})`
    : 'Scheduler: off (SCHEDULER_ENABLED=false): no standing items, reminders or outbox sends from this instance',
];
for (const line of lines) console.log(line);

async function shutdown(signal: string): Promise<void> {
  logger.info({ signal }, 'shutting down');
  await scheduler?.stop();
  await app.close();
  await store.close();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));

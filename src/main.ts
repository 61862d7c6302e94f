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
import { createMetrics, startMetricsServer } from './adapters/metrics.js';
import type { Store } from './core/ports.js';

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
// Metrics exist in every instance (cheap counters); they are served only where METRICS_PORT or METRICS_TOKEN says.
const metrics = createMetrics();
const store = createStore(config.DATABASE_URL, { onDatabaseError: (error) => metrics.databaseError(error) });
metrics.watchOutbox(store);
const app = await startApp({ config, store, logger, region, metrics });
const metricsServer = config.METRICS_PORT === undefined ? null : await startMetricsServer(metrics, config, config.METRICS_PORT);
// Standing items, reminders and the outbox (src/scheduler/); several instances may share one database.
const scheduler = config.SCHEDULER_ENABLED
  ? startScheduler({
      deps: { store, clock: systemClock, defaults: { locale: config.BOT_LOCALE, timeZone: config.BOT_TIMEZONE } },
      sender: metrics.observeSender(createChannelSender({ config, logger, store })),
      ...(config.mail ? { mailer: createSmtpMailer(config.mail) } : {}),
      logger,
      config,
      retentionMonths: config.RETENTION_MONTHS,
      observer: metrics,
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
  metricsServer
    ? `Metrics: ${metricsServer.url}${config.METRICS_TOKEN ? ' and on the main port, with the bearer token METRICS_TOKEN' : ''}`
    : config.METRICS_TOKEN
      ? `Metrics: ${app.url}/metrics with the bearer token METRICS_TOKEN`
      : 'Metrics: off (set METRICS_PORT for a loopback /metrics listener, or METRICS_TOKEN for /metrics on this port)',
  ...(config.EXPORT_LINK_SECRET
    ? []
    : ['Warning: EXPORT_LINK_SECRET is not set: download links are signed with a random secret and stop working after a restart (set at least 32 characters)']),
  config.SCHEDULER_ENABLED
    ? `Scheduler: on (${config.SCHEDULER_CRON}, instance ${config.instanceId})`
    : 'Scheduler: off (SCHEDULER_ENABLED=false): no standing items, reminders or outbox sends from this instance',
];
for (const line of lines) console.log(line);

/**
 * Messages this instance still holds a lease on: handed back so another instance sends them now instead of
 * after the lease (10 min). Only called once the scheduler has stopped, so none of them is on its way.
 */
async function releaseLeases(held: Store, instanceId: string): Promise<number> {
  const leased = await held.outbox.list({ status: 'pending', lockedBy: instanceId });
  for (const message of leased) await held.outbox.update(message.id, { lockedBy: null, lockedUntil: null });
  return leased.length;
}

let stopping = false;
/**
 * SIGTERM (docker stop, systemd, Kubernetes) and SIGINT: no new requests or connections; requests being
 * answered and the outbox send on its way finish, within SHUTDOWN_TIMEOUT_SECONDS; messages claimed but not
 * sent are handed back; exit 0. A process that is not done by then exits anyway (still 0: what was not
 * finished is either unanswered, so Slack and Teams retry it, or leased, so it is sent after the lease).
 */
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  const graceMs = config.SHUTDOWN_TIMEOUT_SECONDS * 1000;
  logger.info({ signal, graceMs }, 'shutting down: no new requests, finishing the ones in flight');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs + 1000)));
  let schedulerStopped = false;
  const stopped = (scheduler?.stop() ?? Promise.resolve()).then(() => (schedulerStopped = true));
  const finished = await Promise.race([Promise.all([stopped, app.close(graceMs), metricsServer?.close()]), late]);
  clearTimeout(timer);
  if (finished === 'late') logger.warn({ graceMs }, 'shutting down: not finished within SHUTDOWN_TIMEOUT_SECONDS, exiting anyway');
  // A send still on its way keeps its lease (it may yet succeed): handing it back could post it twice.
  if (scheduler && schedulerStopped) {
    const released = await releaseLeases(store, config.instanceId).catch((error: unknown) => {
      logger.error({ err: error }, 'shutting down: could not release outbox leases');
      return 0;
    });
    logger.info({ released }, 'shutting down: outbox leases released');
  }
  await store.close().catch(() => undefined);
  logger.info({ signal }, 'stopped');
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));

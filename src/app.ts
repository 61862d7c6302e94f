// Composition root: one HTTP server for both platforms and the health check.
import { createServer, type Server, type ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Config } from './config.js';
import { createBot } from './core/bot.js';
import type { Platform } from './core/domain.js';
import { systemClock, type ChannelDirectory, type Clock, type Store } from './core/ports.js';
import { createTeamsEdge, teamsChannelDirectory, type OpenIdMetadataUrls } from './adapters/teams/index.js';
import { createSlackEdge } from './adapters/slack/index.js';
import { createExports } from './exports/index.js';
import type { Logger } from './logger.js';
import { catalog } from './i18n/index.js';
import { loadRegionalPlan } from './regional-plan-file.js';
import { loadRegionFile } from './region-file.js';
import type { Region } from './core/region.js';
import { metricsAnswer, type Metrics } from './adapters/metrics.js';

/**
 * Slow clients (slowloris) must not hold sockets for minutes: the whole header within 10 s, the whole request
 * within 30 s, an idle keep-alive connection closed after 5 s. Node checks these every connectionsCheckingInterval
 * (30 s by default, which alone would keep such a socket open half a minute longer).
 */
export const HTTP_TIMEOUTS = {
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  keepAliveTimeout: 5_000,
  connectionsCheckingInterval: 1_000,
} as const satisfies ServerOptions;

/** /healthz answers 503 when the database has not taken its write probe (store.ping) within this. */
export const HEALTH_CHECK_TIMEOUT_MS = 2_500;

export interface RunningApp {
  url: string;
  server: Server;
  /**
   * Stops taking requests. With graceMs, requests already being answered get up to that long to finish
   * (then their connections are cut); without, every connection is closed at once.
   */
  close(graceMs?: number): Promise<void>;
}

export interface StartAppOptions {
  config: Config;
  store: Store;
  logger: Logger;
  clock?: Clock;
  /** Where Teams token signing keys are fetched; Microsoft's unless a test points it at loopback. */
  teamsOpenIdMetadata?: OpenIdMetadataUrls;
  /** The operator's region file, already read (main.ts reads it before migrating); read here otherwise. */
  region?: Region;
  /** Prometheus metrics (src/main.ts); /metrics is on this port only with METRICS_TOKEN. */
  metrics?: Metrics;
}

export async function startApp(options: StartAppOptions): Promise<RunningApp> {
  const { config, store, logger } = options;
  // The edges need the bot, and the bot reads channel rosters through the edges: filled in below.
  const rosters: Partial<Record<Platform, ChannelDirectory>> = {};
  const clock = options.clock ?? systemClock;
  // The regional action plan is read once at start-up; a bad file stops the start with one line per problem.
  const regionalPlan = loadRegionalPlan(config.REGIONAL_PLAN_FILE, catalog(config.BOT_LOCALE));
  // The region file decides who is kansli; src/main.ts reads it before the database to stop with one line.
  const region = options.region ?? loadRegionFile(config.REGION_FILE, catalog(config.BOT_LOCALE));
  const exportsEdge = createExports({ config, store, logger, clock, regionalPlan, region });
  const bot = createBot({
    store,
    clock,
    actionPlan: { regionalPlan, activityLimit: config.PLAN_ACTIVITY_LIMIT },
    links: exportsEdge.links,
    region,
    mailToKansli: config.mail !== null,
    defaults: { locale: config.BOT_LOCALE, timeZone: config.BOT_TIMEZONE },
    directory: { channelMembers: async (channel) => (await rosters[channel.platform]?.channelMembers(channel)) ?? [] },
  });
  const app = express();
  app.disable('x-powered-by');
  const { metrics } = options;
  if (metrics) {
    app.use(metrics.requests);
    // On the public port only behind a bearer token; without METRICS_TOKEN, METRICS_PORT serves it (loopback).
    if (config.METRICS_TOKEN) {
      const token = config.METRICS_TOKEN;
      app.get('/metrics', async (req, res) => {
        const answer = await metricsAnswer(metrics, req.headers.authorization, token);
        res.status(answer.status).type(answer.contentType).send(answer.body);
      });
    }
  }

  app.get('/healthz', async (_req, res) => {
    let timer: NodeJS.Timeout | undefined;
    // A database that hangs must not hang the probe: an orchestrator gives up after a few seconds.
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${HEALTH_CHECK_TIMEOUT_MS} ms`)), HEALTH_CHECK_TIMEOUT_MS);
    });
    try {
      await Promise.race([store.ping(), late]);
      res.status(200).json({ status: 'ok', database: 'ok' });
    } catch (error) {
      logger.warn({ err: error }, 'health check: database did not answer');
      res.status(503).json({ status: 'unavailable', database: 'unreachable' });
    } finally {
      clearTimeout(timer);
    }
  });

  // Signed downloads (the meetings calendar .ics).
  app.use(exportsEdge.router);

  const teams = createTeamsEdge({ config, bot, logger, store, openIdMetadata: options.teamsOpenIdMetadata });
  app.post('/api/messages', teams.handler);
  rosters.teams = teamsChannelDirectory(teams.adapter, teams.appId, logger);

  // Slack's receiver mounts its own raw-body route; it must come before any JSON body parser.
  const slack = await createSlackEdge({ config, bot, logger, store, app, region, clock });
  if (slack) rosters.slack = slack.directory;

  // Last in the chain: whatever a route passes on (a body that is not JSON, an activity the SDK rejects)
  // gets one log line and a short answer, never Express's stack trace on stderr. Client errors are logged
  // without the parser's message, which quotes the body (user text stays out of the logs).
  app.use((error: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const declared = (error as { status?: unknown } | null)?.status;
    const status = typeof declared === 'number' && declared >= 400 && declared < 600 ? declared : 500;
    if (status >= 500) logger.error({ err: error, path: req.path, status }, 'http: request failed');
    else logger.warn({ errorType: (error as { type?: unknown } | null)?.type ?? (error as Error | null)?.name, path: req.path, status }, 'http: request refused');
    if (!res.headersSent) res.status(status).json({ error: status >= 500 ? 'internal error' : 'bad request' });
  });

  const server = await new Promise<Server>((resolve, reject) => {
    const listening = createServer(HTTP_TIMEOUTS, app);
    listening.once('error', reject);
    listening.listen(config.PORT, config.HOST, () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  exportsEdge.listeningAt(`http://${config.HOST}:${port}`);
  await slack?.start();
  return {
    url: `http://${config.HOST}:${port}`,
    server,
    async close(graceMs = 0) {
      await slack?.stop();
      await new Promise<void>((resolve) => {
        if (graceMs <= 0) {
          server.close(() => resolve());
          server.closeAllConnections();
          return;
        }
        // No new connections; keep-alive connections are closed as soon as they fall idle (checked often,
        // so a client does not get a second request in), busy ones once their answer is out or at the bound.
        const idle = setInterval(() => server.closeIdleConnections(), 50);
        const cut = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearInterval(idle);
          clearTimeout(cut);
          resolve();
        });
        server.closeIdleConnections();
      });
    },
  };
}

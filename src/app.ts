// Composition root: one HTTP server for both platforms and the health check.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Config } from './config.js';
import { createBot } from './core/bot.js';
import { systemClock, type Clock, type Store } from './core/ports.js';
import { createTeamsEdge } from './adapters/teams/index.js';
import { createSlackEdge } from './adapters/slack/index.js';
import type { Logger } from './logger.js';

export interface RunningApp {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function startApp(options: { config: Config; store: Store; logger: Logger; clock?: Clock }): Promise<RunningApp> {
  const { config, store, logger } = options;
  const bot = createBot({
    store,
    clock: options.clock ?? systemClock,
    defaults: { locale: config.BOT_LOCALE, timeZone: config.BOT_TIMEZONE },
  });
  const app = express();
  app.disable('x-powered-by');

  app.get('/healthz', async (_req, res) => {
    try {
      await store.ping();
      res.status(200).json({ status: 'ok', database: 'ok' });
    } catch (error) {
      logger.warn({ err: error }, 'health check: database did not answer');
      res.status(503).json({ status: 'unavailable', database: 'unreachable' });
    }
  });

  const teams = createTeamsEdge({ config, bot, logger, store });
  app.post('/api/messages', teams.handler);

  // Slack's receiver mounts its own raw-body route; it must come before any JSON body parser.
  const slack = await createSlackEdge({ config, bot, logger, store, app });

  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(config.PORT, config.HOST, () => resolve(listening));
    listening.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  await slack?.start();
  return {
    url: `http://${config.HOST}:${port}`,
    server,
    async close() {
      await slack?.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

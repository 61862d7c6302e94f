// The Slack edge: Bolt in HTTP mode (mounted on the app's express server at /slack/events) or in Socket
// Mode (SLACK_APP_TOKEN; no public URL), with one SLACK_BOT_TOKEN or with OAuth installs in several
// workspaces and Enterprise Grid orgs (oauth/). Listeners are grouped by kind like Slack's Bolt starter app.
import { App, ExpressReceiver, SocketModeReceiver } from '@slack/bolt';
import type express from 'express';
import type { Config } from '../../config.js';
import type { Bot } from '../../core/bot.js';
import { systemClock, type ChannelDirectory, type Clock, type Store } from '../../core/ports.js';
import type { Region } from '../../core/region.js';
import { catalog } from '../../i18n/index.js';
import type { Logger } from '../../logger.js';
import { boltLogger } from './bolt-logger.js';
import { interactiveClientOptions } from './client-options.js';
import { slackChannelDirectory } from './channel-roster.js';
import { createSlackDirectory } from './directory.js';
import { installationOfToken, type SlackEdgeContext } from './edge-context.js';
import { register as registerActions } from './listeners/actions/index.js';
import { register as registerCommands } from './listeners/commands/index.js';
import { register as registerEvents } from './listeners/events/index.js';
import { register as registerOptions } from './listeners/options/index.js';
import { register as registerViews } from './listeners/views/index.js';
import { acknowledgeUnanswered, answerMalformed, unprocessableRequestHandler } from './malformed.js';
import { httpDeliveryKey, processOnce, socketDeliveryKey } from './replays.js';
import { limitBodySize, rejectFutureTimestamps } from './request-guard.js';
import { createSlackOAuth, SLACK_INSTALL_PATH, type SlackOAuth } from './oauth/index.js';
import { clientsByToken } from './workspace-tokens.js';
import { createModalSuggestions } from './suggestions.js';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackEdge {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Slack channel rosters, with the bot token's Web API client. */
  directory: ChannelDirectory;
}

export interface SlackEdgeOptions {
  config: Config;
  bot: Bot;
  logger: Logger;
  /** Only for replay protection (replays.ts): every other read and write goes through the bot. */
  store: Store;
  app: express.Express;
  /** The operator's region: OAuth installs are accepted only from its Slack workspaces and orgs. */
  region: Region;
  /** Dates the OAuth state parameter (expiry); the system clock unless a test fixes it. */
  clock?: Clock;
}

function boltApp(options: SlackEdgeOptions, logger: Logger, oauth: SlackOAuth | null): App {
  const { config, app } = options;
  const token = config.SLACK_BOT_TOKEN;
  // slackApiUrl: every Web API call goes there (GovSlack, or a local fake in tests). Short timeout, no
  // long retries: see client-options.ts.
  const clientOptions = interactiveClientOptions(config.SLACK_API_URL);
  if (config.slack.mode === 'socket') {
    // The receiver is made here (not by App) only to name each envelope for replay protection.
    const receiver = new SocketModeReceiver({
      appToken: config.SLACK_APP_TOKEN!,
      logger: boltLogger(logger),
      // The Socket Mode client opens its connection (apps.connections.open) with its own Web API client.
      // (Its own reconnect loop decides how long to keep trying: Slack's default client options there.)
      installerOptions: { clientOptions: { slackApiUrl: config.SLACK_API_URL } },
      customPropertiesExtractor: socketDeliveryKey,
    });
    return new App({ token, socketMode: true, receiver, logger: boltLogger(logger), clientOptions });
  }
  // Registered before the receiver so it runs before Bolt's body parser and signature check.
  app.post(SLACK_EVENTS_PATH, limitBodySize(), rejectFutureTimestamps());
  const receiver = new ExpressReceiver({
    signingSecret: config.SLACK_SIGNING_SECRET ?? '',
    endpoints: SLACK_EVENTS_PATH,
    app,
    logger: boltLogger(logger),
    customPropertiesExtractor: httpDeliveryKey,
    // OAuth installs: /slack/install and /slack/oauth_redirect, and every request authorized with the token
    // of its workspace or org from the installation store (Bolt's authorize) instead of one token.
    ...oauth?.receiverOptions,
    processEventErrorHandler: unprocessableRequestHandler(logger, catalog(config.BOT_LOCALE)),
  });
  return new App({ receiver, ...(oauth ? {} : { token }), logger: boltLogger(logger), clientOptions });
}

export async function createSlackEdge(options: SlackEdgeOptions): Promise<SlackEdge | null> {
  const { config } = options;
  if (config.slack.mode === 'off') return null;
  const logger = options.logger.child({ component: 'slack', mode: config.slack.mode, oauth: config.slack.oauth });
  const oauth = config.slack.oauth
    ? createSlackOAuth({ config, store: options.store, region: options.region, clock: options.clock ?? systemClock, logger })
    : null;
  const bolt = boltApp(options, logger, oauth);
  const edge: SlackEdgeContext = {
    bot: options.bot,
    logger,
    directory: createSlackDirectory(logger),
    fallbackCatalog: catalog(config.BOT_LOCALE),
    installation: installationOfToken(),
    forgetInstallation: async (tenantId) => (oauth ? oauth.installations.forget(tenantId) : false),
    suggestions: createModalSuggestions(),
  };
  // Rosters are read outside a request: with the token of the channel's own workspace or org.
  const clientOf = clientsByToken({ slackApiUrl: config.SLACK_API_URL, logger: boltLogger(logger) });
  const rosterClient = oauth ? async (tenantId: string) => clientOf(await oauth.installations.botToken(tenantId)) : async () => bolt.client;
  // Before every listener: an interaction of the wrong shape is answered at once, and a replayed or
  // retried request is acknowledged; neither goes further.
  bolt.use(answerMalformed(logger, edge.fallbackCatalog));
  acknowledgeUnanswered(bolt, logger, edge.fallbackCatalog);
  bolt.use(processOnce(options.store, logger));
  registerCommands(bolt, edge);
  registerEvents(bolt, edge);
  registerActions(bolt, edge);
  registerViews(bolt, edge);
  registerOptions(bolt, edge);
  // Listeners catch their own errors; this catches what escapes Bolt's middleware itself.
  bolt.error(async (error) => {
    logger.error({ err: error }, 'slack: unhandled error in Bolt');
  });

  const socket = config.slack.mode === 'socket';
  return {
    directory: slackChannelDirectory(rosterClient, logger),
    async start() {
      // HTTP mode has nothing to start (the app's own server carries /slack/events); Socket Mode connects.
      if (socket) await bolt.start();
      // Who the bot token belongs to (auth.test) is asked now rather than by the first request, whose ack
      // and modal must not wait for Slack; a failure here is asked again by that request. OAuth installs
      // have a token per workspace, each looked up (and remembered) with its first request.
      if (!oauth) edge.installation(bolt.client).catch((error: unknown) => logger.warn({ err: error }, 'slack: auth.test at start failed; asked again on the first request'));
      logger.info(socket ? 'Slack: Socket Mode connected' : `Slack: HTTP events at ${SLACK_EVENTS_PATH}${oauth ? `, installs at ${SLACK_INSTALL_PATH}` : ''}`);
    },
    async stop() {
      if (socket) await bolt.stop();
    },
  };
}

// The Teams edge: Bot Framework authentication, the CloudAdapter and the express route handler.
// Agents SDK swap: CloudAdapter comes from @microsoft/agents-hosting and takes an AuthConfiguration
// ({ clientId, clientSecret, tenantId }) instead of ConfigurationBotFrameworkAuthentication; build it
// from Config here as well (not with loadAuthConfigFromEnv: src/config.ts stays the only env reader).
import type { Activity, TurnContext } from 'botbuilder';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import express, { type RequestHandler } from 'express';
import type { Config } from '../../config.js';
import type { Bot } from '../../core/bot.js';
import type { Store } from '../../core/ports.js';
import { catalog, type Catalog } from '../../i18n/index.js';
import type { Logger } from '../../logger.js';
import { isRecord } from './activity-to-event.js';
import { invokeErrorResponse } from './reply-to-activity.js';
import { SamverkansbotTeamsHandler } from './teams-activity-handler.js';

export interface TeamsEdgeOptions {
  config: Config;
  bot: Bot;
  logger: Logger;
  /** Part of every edge's options; this edge needs none of it: the core owns persistence. */
  store?: Store;
}

export interface TeamsEdge {
  /** POST /api/messages: parses the JSON body itself, authenticates, runs the turn. */
  handler: RequestHandler;
  adapter: CloudAdapter;
  /** The bot's app id ('' in local mode): what sendProactive needs next to the adapter. */
  appId: string;
}

/**
 * Without MICROSOFT_APP_ID the adapter runs with authentication disabled: what Bot Framework Emulator and
 * the Agents Playground speak. With it, every request needs a valid Bot Framework token (401 otherwise).
 */
export function authenticationFor(config: Config): ConfigurationBotFrameworkAuthentication {
  if (config.teams.localMode) return new ConfigurationBotFrameworkAuthentication({});
  return new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MICROSOFT_APP_ID,
    MicrosoftAppPassword: config.MICROSOFT_APP_PASSWORD,
    MicrosoftAppTenantId: config.MICROSOFT_APP_TENANT_ID,
    MicrosoftAppType: config.MICROSOFT_APP_TYPE,
  });
}

/** Logs what failed (never what the user wrote) and tells the user in the default language. */
function onTurnError(logger: Logger, t: Catalog) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const { activity } = context;
    logger.error(
      { err: error, activityType: activity.type, activityName: activity.name, conversationId: activity.conversation?.id },
      'teams: turn failed',
    );
    try {
      if (activity.type === 'invoke') {
        const response: Partial<Activity> = {
          type: 'invokeResponse',
          value: { status: 500, body: invokeErrorResponse(500, 'InternalServerError', t.errors.generic) },
        };
        await context.sendActivity(response);
      } else {
        await context.sendActivity(t.errors.generic);
      }
    } catch (sendError) {
      logger.error({ err: sendError }, 'teams: could not tell the user about the failed turn');
    }
  };
}

export function createTeamsEdge({ config, bot, logger }: TeamsEdgeOptions): TeamsEdge {
  const t = catalog(config.BOT_LOCALE);
  const adapter = new CloudAdapter(authenticationFor(config));
  adapter.onTurnError = onTurnError(logger, t);
  const activityHandler = new SamverkansbotTeamsHandler({ bot, logger, t, appId: config.MICROSOFT_APP_ID ?? '' });
  // The route parses its own body: Slack's receiver needs the raw body, so there is no app-wide parser.
  const parseJson = express.json({ limit: '1mb' });
  const handler: RequestHandler = (req, res, next) => {
    parseJson(req, res, (parseError?: unknown) => {
      if (parseError) return next(parseError);
      // The SDK throws on a body without an activity type (a 500 for a client's mistake): refuse it here.
      if (!isRecord(req.body) || typeof req.body.type !== 'string') {
        logger.warn({ path: req.path }, 'teams: request body is not a Bot Framework activity');
        res.status(400).json({ error: 'bad request' });
        return;
      }
      adapter.process(req, res, (context) => activityHandler.run(context)).catch(next);
    });
  };
  return { handler, adapter, appId: config.MICROSOFT_APP_ID ?? '' };
}

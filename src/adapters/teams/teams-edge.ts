// The Teams edge: Bot Framework authentication, the CloudAdapter and the express route handler.
// Agents SDK swap: CloudAdapter comes from @microsoft/agents-hosting and takes an AuthConfiguration
// ({ clientId, clientSecret, tenantId }) instead of ConfigurationBotFrameworkAuthentication; build it
// from Config here as well (not with loadAuthConfigFromEnv: src/config.ts stays the only env reader).
import type { Activity, TurnContext } from 'botbuilder';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import express, { type RequestHandler } from 'express';
import { isLoopbackHost, type Config } from '../../config.js';
import type { Bot } from '../../core/bot.js';
import type { Store } from '../../core/ports.js';
import { catalog, type Catalog } from '../../i18n/index.js';
import type { Logger } from '../../logger.js';
import { isRecord } from './activity-to-event.js';
import { BotTokenError, botTokenVerifier, CHANNEL_ISSUER, MICROSOFT_OPENID_METADATA, type OpenIdMetadataUrls } from './bot-token.js';
import { dialogOpeners } from './dialogs.js';
import { invokeErrorResponse } from './reply-to-activity.js';
import { runOnce } from './replays.js';
import { SamverkansbotTeamsHandler } from './teams-activity-handler.js';

export interface TeamsEdgeOptions {
  config: Config;
  bot: Bot;
  logger: Logger;
  /** Only for replay protection (replays.ts); without it every copy of an activity is processed. */
  store?: Store;
  /** Where the token signing keys are published; Microsoft's by default, a loopback fake in tests. */
  openIdMetadata?: OpenIdMetadataUrls;
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
export function authenticationFor(config: Config, metadata: OpenIdMetadataUrls = MICROSOFT_OPENID_METADATA): ConfigurationBotFrameworkAuthentication {
  if (config.teams.localMode) return new ConfigurationBotFrameworkAuthentication({});
  // Other key URLs make the SDK expect every public-cloud setting spelled out (BotFrameworkAuthenticationFactory):
  // these are its AuthenticationConstants, which botbuilder does not export.
  const keysElsewhere =
    metadata === MICROSOFT_OPENID_METADATA
      ? {}
      : {
          ToBotFromChannelOpenIdMetadataUrl: metadata.channel,
          ToBotFromEmulatorOpenIdMetadataUrl: metadata.emulator,
          ToBotFromChannelTokenIssuer: CHANNEL_ISSUER,
          ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
          ToChannelFromBotOAuthScope: 'https://api.botframework.com',
          OAuthUrl: 'https://api.botframework.com',
          CallerId: 'urn:botframework:azure',
        };
  return new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MICROSOFT_APP_ID,
    MicrosoftAppPassword: config.MICROSOFT_APP_PASSWORD,
    MicrosoftAppTenantId: config.MICROSOFT_APP_TENANT_ID,
    MicrosoftAppType: config.MICROSOFT_APP_TYPE,
    ...keysElsewhere,
  });
}

/** Local mode replies to the activity's serviceUrl without any token: only to this machine. */
function isLoopbackServiceUrl(serviceUrl: unknown): boolean {
  if (typeof serviceUrl !== 'string') return false;
  try {
    const url = new URL(serviceUrl);
    return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname);
  } catch {
    return false;
  }
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

export function createTeamsEdge({ config, bot, logger, store, openIdMetadata }: TeamsEdgeOptions): TeamsEdge {
  const t = catalog(config.BOT_LOCALE);
  const authentication = authenticationFor(config, openIdMetadata);
  const adapter = new CloudAdapter(authentication);
  adapter.onTurnError = onTurnError(logger, t);
  if (config.TEAMS_DIALOGS) adapter.use(dialogOpeners);
  const activityHandler = new SamverkansbotTeamsHandler({ bot, logger, t, appId: config.MICROSOFT_APP_ID ?? '' });
  const appId = config.MICROSOFT_APP_ID ?? '';
  const verifyBotToken = config.teams.localMode ? null : botTokenVerifier({ appId, metadata: openIdMetadata ?? MICROSOFT_OPENID_METADATA });
  // The route parses its own body: Slack's receiver needs the raw body, so there is no app-wide parser.
  const parseJson = express.json({ limit: '1mb' });
  // One warning line and a body that says nothing about why: the reason is for the operator only.
  const refuse = (res: express.Response, status: 401 | 403, reason: string, activity: Record<string, unknown>) => {
    logger.warn({ status, reason, activityType: activity.type, channelId: activity.channelId }, 'teams: request refused');
    res.status(status).json({ error: status === 401 ? 'unauthorized' : 'forbidden' });
  };
  const authenticate = async (req: express.Request, activity: Activity): Promise<string | null> => {
    if (!verifyBotToken) return isLoopbackServiceUrl(activity.serviceUrl) ? null : 'serviceUrl is not loopback (local mode)';
    const authorization = req.headers.authorization;
    try {
      await verifyBotToken(authorization);
      // The SDK's own checks (endorsements, the serviceUrl claim) before it runs the turn, so that its
      // failures, too, end here and not in a 500 with its message.
      await authentication.authenticateRequest(activity, authorization ?? '');
      return null;
    } catch (error) {
      return error instanceof BotTokenError ? error.reason : `rejected by the Bot Framework SDK (${(error as Error | null)?.name ?? 'error'})`;
    }
  };
  const handler: RequestHandler = (req, res, next) => {
    parseJson(req, res, (parseError?: unknown) => {
      if (parseError) return next(parseError);
      // The SDK throws on a body without an activity type (a 500 for a client's mistake): refuse it here.
      if (!isRecord(req.body) || typeof req.body.type !== 'string') {
        logger.warn({ path: req.path }, 'teams: request body is not a Bot Framework activity');
        res.status(400).json({ error: 'bad request' });
        return;
      }
      const activity = req.body as Activity & Record<string, unknown>;
      authenticate(req, activity)
        .then((problem) => {
          if (problem) return refuse(res, verifyBotToken ? 401 : 403, problem, activity);
          return adapter.process(req, res, (context) => runOnce(store, logger, t, context, () => activityHandler.run(context)));
        })
        .catch(next);
    });
  };
  return { handler, adapter, appId };
}

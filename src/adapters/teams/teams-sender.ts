// Proactive posts to Teams for the outbox (src/core/use-cases/drain-outbox.ts), through the Bot Connector
// with the ConversationReference stored when the bot was added to the channel.
import { CloudAdapter, type TurnContext } from 'botbuilder';
import type { Config } from '../../config.js';
import type { ChannelLink } from '../../core/domain.js';
import type { Reply } from '../../core/events.js';
import { DeliveryError, type ChannelSender, type Recipient } from '../../core/delivery.js';
import { InvalidConversationReferenceError, sendPersonal, sendProactive } from './proactive.js';
import { replyMessage } from './reply-to-activity.js';
import { authenticationFor } from './teams-edge.js';
import { dialogOpeners } from './dialogs.js';

/** Retry-After as the connector sends it: seconds, or an HTTP date. */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function headerOf(error: unknown, name: string): string | undefined {
  const headers = (error as { response?: { headers?: unknown } } | null)?.response?.headers;
  if (!headers || typeof headers !== 'object') return undefined;
  const get = (headers as { get?: unknown }).get;
  if (typeof get === 'function') return (get.call(headers, name) as string | null | undefined) ?? undefined;
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND', 'EPIPE', 'REQUEST_SEND_ERROR']);

/** The connector's answer as a DeliveryError: 429 and 5xx are worth another try, 401/403/404 are not. */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof InvalidConversationReferenceError) return new DeliveryError('invalid-address', false, 'teams: stored conversation reference unusable');
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number') {
    const detail = `teams: HTTP ${status}`;
    if (status === 429) return new DeliveryError('rate-limited', true, detail, retryAfterMs(headerOf(error, 'retry-after')));
    if (status >= 500 || status === 408) return new DeliveryError('server-error', true, detail, retryAfterMs(headerOf(error, 'retry-after')));
    if (status === 401 || status === 403) return new DeliveryError('unauthorized', false, detail);
    if (status === 404) return new DeliveryError('channel-not-found', false, detail);
    if (status === 400 || status === 413) return new DeliveryError('unsupported', false, detail);
    return new DeliveryError('unknown', false, detail);
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return new DeliveryError('network', true, `teams: ${code}`);
  return new DeliveryError('unknown', false, `teams: ${error instanceof Error ? error.name : 'unknown error'}`);
}

interface PipelineOwner {
  client?: { pipeline?: { removePolicy(policy: { name: string }): unknown } };
}

/**
 * The connector client retries 429 (waiting out Retry-After) and 5xx by itself (@azure/core-rest-pipeline's
 * defaultRetryPolicy). For outbox sends that is the outbox's job: it retries persistently, paces the
 * channel and must not be held inside one send past its lease. The client is created per turn, so this
 * changes only the proactive send; replies to users keep the client's retries.
 */
function withoutClientRetries(adapter: CloudAdapter) {
  return (context: TurnContext) => {
    const connector = context.turnState.get<PipelineOwner | undefined>(adapter.ConnectorClientKey);
    connector?.client?.pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
  };
}

export function createTeamsSender(adapter: CloudAdapter, appId: string): ChannelSender {
  return {
    async send(link: ChannelLink, reply: Reply, recipient?: Recipient): Promise<void> {
      if (!link.conversationReference) throw new DeliveryError('invalid-address', false, 'teams: no conversation reference stored');
      try {
        // Private: the personal chat with the bot, reached through the channel's service. (The connector
        // client retries creating that chat by itself; only the post's own retries are the outbox's.)
        if (recipient) {
          // The chat is opened with the person's 29: id, kept when they last acted; the connector refuses
          // the Entra object id in platformUserId (UserNotFound in the Agents Playground and Teams).
          if (!recipient.chatUserId) {
            throw new DeliveryError('invalid-address', false, 'teams: no 29: user id stored for the recipient (they have not written to or pressed a card of the bot yet); the Entra object id cannot open a private chat');
          }
          const to = { userId: recipient.chatUserId, tenantId: recipient.tenantId };
          // Its buttons act for the group (the personal chat is no group): they name the group's channel.
          await sendPersonal(adapter, appId, link.conversationReference, to, replyMessage(reply, link.channelId), withoutClientRetries(adapter));
          return;
        }
        await sendProactive(adapter, appId, link.conversationReference, replyMessage(reply), withoutClientRetries(adapter));
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
  };
}

/** The sender with a CloudAdapter of its own: the edge's adapter serves user turns, this one proactive posts. */
export function createTeamsSenderFor(config: Config): ChannelSender {
  const adapter = new CloudAdapter(authenticationFor(config));
  // Scheduled cards (the chair's summary with "Öppna röstningen" …) open their forms as the bot's replies do.
  if (config.TEAMS_DIALOGS) adapter.use(dialogOpeners);
  return createTeamsSender(adapter, config.MICROSOFT_APP_ID ?? '');
}

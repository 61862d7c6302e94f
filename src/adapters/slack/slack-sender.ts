// Proactive posts to Slack for the outbox (src/core/use-cases/drain-outbox.ts). The Web API client's own
// retries are OFF and rate-limited calls are rejected instead of waited out: the outbox decides when to
// try again (persistently, across restarts and instances), and a client sleeping inside a send would
// outlive the outbox lease.
import { webApi } from '@slack/bolt';
import type { ChannelLink } from '../../core/domain.js';
import type { Reply } from '../../core/events.js';
import { DeliveryError, type ChannelSender, type Recipient } from '../../core/delivery.js';
import { withOriginChannel } from '../../cards/origin-channel.js';
import { renderCard } from '../../cards/render-card.js';
import type { Logger } from '../../logger.js';
import { boltLogger } from './bolt-logger.js';
import { cardMessage } from './deliver.js';
import { clientsByToken, type TokenOf } from './workspace-tokens.js';
import { NotInstalledError } from './oauth/installation-store.js';
import { SealError } from './oauth/sealed.js';
import { toDeliveryError } from './slack-errors.js';

export interface SlackSenderOptions {
  /** The token of the post's workspace or org (the channel's tenant id): each post goes with its own. */
  tokenOf: TokenOf;
  /** SLACK_API_URL: Slack, GovSlack or a local fake. */
  slackApiUrl: string;
  logger: Logger;
  /** Per request; the outbox's sendBudgetMs must be longer. */
  timeoutMs?: number;
}

async function directMessageChannel(client: webApi.WebClient, recipient: Recipient): Promise<string> {
  const opened = await client.conversations.open({ users: recipient.platformUserId });
  const id = opened.channel?.id;
  if (!id) throw new DeliveryError('invalid-address', false, 'slack: conversations.open returned no channel');
  return id;
}

export function createSlackSender(options: SlackSenderOptions): ChannelSender {
  const clientFor = clientsByToken({
    slackApiUrl: options.slackApiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 30_000,
    logger: boltLogger(options.logger.child({ component: 'slack-sender' })),
  });
  return {
    async send(link: ChannelLink, reply: Reply, recipient?: Recipient): Promise<void> {
      if (reply.kind !== 'card') throw new DeliveryError('unsupported', false, `slack: a ${reply.kind} cannot be posted proactively`);
      let message: ReturnType<typeof cardMessage>;
      try {
        // In the person's DM its buttons still act for the group: each names the group's channel.
        const card = renderCard(reply.card, reply.data);
        message = cardMessage(link.channelId, recipient ? withOriginChannel(card, link.channelId) : card);
      } catch (error) {
        throw new DeliveryError('unsupported', false, `slack: card not translatable (${error instanceof Error ? error.name : 'unknown'})`);
      }
      let client: webApi.WebClient;
      try {
        client = clientFor(await options.tokenOf(link.tenantId));
      } catch (error) {
        // Uninstalled (or its row no longer opens with SLACK_INSTALLATION_KEY): nothing to retry until a
        // reinstall. Anything else (the database did not answer) may pass.
        const permanent = error instanceof NotInstalledError || error instanceof SealError;
        throw new DeliveryError(permanent ? 'unauthorized' : 'server-error', !permanent, `slack: no token for ${link.tenantId} (${error instanceof Error ? error.name : 'unknown'})`);
      }
      try {
        // Private: a direct message (conversations.open, scope im:write). An ephemeral message would vanish
        // when the chair reloads Slack and only reaches them while they are online, hours before the meeting.
        const channel = recipient ? await directMessageChannel(client, recipient) : link.channelId;
        await client.chat.postMessage({ ...message, channel });
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
  };
}

// The outbox's ChannelSender for both platforms: picks the Slack or the Teams sender by the channel's
// platform. Each sender has its own client with the client's retries off (the outbox retries).
import type { Config } from '../config.js';
import type { ChannelLink } from '../core/domain.js';
import type { Reply } from '../core/events.js';
import { DeliveryError, type ChannelSender, type Recipient } from '../core/delivery.js';
import type { Logger } from '../logger.js';
import { createSlackSender } from './slack/slack-sender.js';
import { botTokens } from './slack/workspace-tokens.js';
import type { Store } from '../core/ports.js';
import { createTeamsSenderFor } from './teams/teams-sender.js';

/** `store`: where OAuth installs keep each Slack workspace's token (required when config.slack.oauth). */
export function createChannelSender({ config, logger, store }: { config: Config; logger: Logger; store?: Store }): ChannelSender {
  const teams = createTeamsSenderFor(config);
  const tokenOf = botTokens(config, store);
  const slack = tokenOf ? createSlackSender({ tokenOf, slackApiUrl: config.SLACK_API_URL, logger }) : null;
  return {
    send(link: ChannelLink, reply: Reply, recipient?: Recipient): Promise<void> {
      if (link.platform === 'teams') return teams.send(link, reply, recipient);
      if (slack) return slack.send(link, reply, recipient);
      return Promise.reject(new DeliveryError('unauthorized', false, 'slack: no SLACK_BOT_TOKEN or OAuth installs configured'));
    },
  };
}

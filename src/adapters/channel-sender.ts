// The outbox's ChannelSender for both platforms: picks the Slack or the Teams sender by the channel's
// platform. Each sender has its own client with the client's retries off (the outbox retries).
import type { Config } from '../config.js';
import type { ChannelLink } from '../core/domain.js';
import type { Reply } from '../core/events.js';
import { DeliveryError, type ChannelSender, type Recipient } from '../core/delivery.js';
import type { Logger } from '../logger.js';
import { createSlackSender } from './slack/slack-sender.js';
import { createTeamsSenderFor } from './teams/teams-sender.js';

export function createChannelSender({ config, logger }: { config: Config; logger: Logger }): ChannelSender {
  const teams = createTeamsSenderFor(config);
  const slack = config.SLACK_BOT_TOKEN ? createSlackSender({ token: config.SLACK_BOT_TOKEN, slackApiUrl: config.SLACK_API_URL, logger }) : null;
  return {
    send(link: ChannelLink, reply: Reply, recipient?: Recipient): Promise<void> {
      if (link.platform === 'teams') return teams.send(link, reply, recipient);
      if (slack) return slack.send(link, reply, recipient);
      return Promise.reject(new DeliveryError('unauthorized', false, 'slack: no SLACK_BOT_TOKEN configured'));
    },
  };
}

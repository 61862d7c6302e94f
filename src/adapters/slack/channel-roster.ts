// The people of a Slack channel, for "Hämta medlemmar från kanalen": conversations.members pages through
// the member ids (cursor), users.info names each one. Bots, Slackbot and deactivated accounts are left
// out: they cannot take part in a samverkansgrupp.
import type { webApi } from '@slack/bolt';
import type { Actor, ChannelAddress } from '../../core/events.js';
import type { ChannelDirectory } from '../../core/ports.js';
import type { Logger } from '../../logger.js';
import { slackActor } from './to-event.js';

/** Slack recommends no more than 200 per page. */
const PAGE_SIZE = 200;
const SLACKBOT = 'USLACKBOT';

async function memberIds(client: webApi.WebClient, channelId: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.conversations.members({ channel: channelId, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
    ids.push(...(page.members ?? []));
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return ids;
}

/** The person behind a member id, or null for bots and deactivated accounts. */
async function person(client: webApi.WebClient, teamId: string, userId: string): Promise<Actor | null> {
  if (userId === SLACKBOT) return null;
  const { user } = await client.users.info({ user: userId });
  if (!user || user.is_bot || user.deleted || user.is_app_user) return null;
  const name = user.profile?.display_name?.trim() || user.profile?.real_name?.trim() || user.real_name?.trim() || user.name?.trim() || userId;
  // A Slack Connect guest keeps their own workspace: as a member they then act as themselves (see bot.ts).
  return slackActor(user.team_id || teamId, userId, name);
}

/** `clientFor`: the Web API client with the token of the channel's workspace or org (its tenant id). */
export function slackChannelDirectory(clientFor: (tenantId: string) => Promise<webApi.WebClient>, logger: Logger): ChannelDirectory {
  return {
    async channelMembers(channel: ChannelAddress): Promise<Actor[]> {
      try {
        const client = await clientFor(channel.tenantId);
        const people: Actor[] = [];
        // One after the other: users.info is rate limited (Tier 4) and a group channel is small.
        for (const userId of await memberIds(client, channel.channelId)) {
          const found = await person(client, channel.tenantId, userId);
          if (found) people.push(found);
        }
        return people;
      } catch (error) {
        logger.warn({ err: error, channelId: channel.channelId }, 'slack: could not read the channel roster');
        throw error;
      }
    },
  };
}

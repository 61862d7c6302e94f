// The people of a Teams channel or group chat, for "Hämta medlemmar från kanalen". Read out of turn (the
// button's turn could serve, but the group's stored channels are what the core asks about) through the
// stored ConversationReference: continueConversation gives a connector client for the conversation's
// service URL, and the roster API pages through GET /v3/conversations/{id}/pagedmembers.
// Agents SDK swap: TeamsInfo.getPagedMembers exists there with the same signature.
import type { CloudAdapter, TeamsChannelAccount } from 'botbuilder';
import { TeamsInfo } from 'botbuilder';
import type { Actor, ChannelAddress } from '../../core/events.js';
import type { ChannelDirectory } from '../../core/ports.js';
import type { Logger } from '../../logger.js';
import { parseConversationReference } from './proactive.js';

/** Teams' largest page; a team of a few hundred people is one or two calls. */
const PAGE_SIZE = 500;

/** Every roster entry, following continuation tokens; errors of the connector reach the caller. */
async function pagedMembers(adapter: CloudAdapter, appId: string, referenceJson: string): Promise<TeamsChannelAccount[]> {
  const reference = parseConversationReference(referenceJson);
  const members: TeamsChannelAccount[] = [];
  let failure: unknown;
  await adapter.continueConversationAsync(appId, reference, async (context) => {
    // As in sendProactive: an error thrown here would go to onTurnError and post to the channel.
    try {
      let continuationToken: string | undefined;
      do {
        const page = await TeamsInfo.getPagedMembers(context, PAGE_SIZE, continuationToken);
        members.push(...page.members);
        continuationToken = page.continuationToken || undefined;
      } while (continuationToken);
    } catch (error) {
      failure = error;
    }
  });
  if (failure !== undefined) throw failure;
  return members;
}

export function teamsChannelDirectory(adapter: CloudAdapter, appId: string, logger: Logger): ChannelDirectory {
  return {
    async channelMembers(channel: ChannelAddress): Promise<Actor[]> {
      if (!channel.conversationReference) return [];
      try {
        const members = await pagedMembers(adapter, appId, channel.conversationReference);
        // Same identity as actorOf(): the Entra object id, the same for the person in every channel.
        return members
          .filter((member) => member.id && !member.id.startsWith('28:'))
          .map((member) => ({
            platform: 'teams' as const,
            tenantId: channel.tenantId,
            userId: member.aadObjectId ?? member.id,
            displayName: member.name ?? '',
            // The `29:…` id: what opens the bot's personal chat with them before they ever wrote to it.
            chatUserId: member.id,
          }));
      } catch (error) {
        logger.warn({ err: error, channelId: channel.channelId }, 'teams: could not read the channel roster');
        throw error;
      }
    },
  };
}

// Events API: the bot being added to a channel, and @-mentions. url_verification is answered by Bolt.
import type { App } from '@slack/bolt';
import { actorFor, answer, type SlackEdgeContext } from '../../edge-context.js';
import { commandEvent, slackChannel, stripMentions } from '../../to-event.js';

export const SUBSCRIBED_EVENTS = ['member_joined_channel', 'app_mention'] as const;

export function register(app: App, edge: SlackEdgeContext): void {
  app.event('member_joined_channel', async ({ event, context, client }) => {
    // Every join in every channel the bot is in arrives here; only the bot's own join installs it.
    // context.botUserId comes from Bolt's auth.test, done once and cached.
    if (!context.botUserId || event.user !== context.botUserId) return;
    const teamId = event.team ?? context.teamId ?? '';
    if (!event.inviter) {
      // Nobody to greet or to make chair; the group is registered on the first command instead.
      edge.logger.info({ channelId: event.channel }, 'slack: bot joined a channel without an inviter');
      return;
    }
    const inviter = event.inviter;
    const channel = slackChannel(teamId, event.channel, await edge.directory.channelName(client, event.channel));
    await answer(edge, 'member_joined_channel', { client, channel, userId: inviter }, async () => ({
      type: 'bot-added',
      channel,
      actor: await actorFor(edge, client, teamId, inviter),
    }));
  });

  app.event('app_mention', async ({ event, context, client }) => {
    const userId = event.user;
    if (!userId) return; // mentions by bots and integrations carry no user: nobody to answer
    const teamId = event.team ?? context.teamId ?? '';
    const channel = slackChannel(teamId, event.channel, await edge.directory.channelName(client, event.channel));
    const text = stripMentions(event.text);
    await answer(edge, 'app_mention', { client, channel, userId }, async () =>
      commandEvent(text, channel, await actorFor(edge, client, teamId, userId)),
    );
  });
}

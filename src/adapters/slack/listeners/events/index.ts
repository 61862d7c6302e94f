// Events API: the bot being added to or removed from a channel, the app being uninstalled, and
// @-mentions. url_verification is answered by Bolt.
import type { App, Context, webApi } from '@slack/bolt';
import type { Removal } from '../../../../core/events.js';
import { actorFor, answer, channelFor, type SlackEdgeContext } from '../../edge-context.js';
import { commandEvent, installationKey, stripMentions } from '../../to-event.js';

export const SUBSCRIBED_EVENTS = [
  'member_joined_channel',
  'app_mention',
  'member_left_channel',
  'channel_archive',
  'channel_deleted',
  'group_archive',
  'group_deleted',
  'app_uninstalled',
  'tokens_revoked',
] as const;

/** The bot user, as Bolt's auth.test (done once and cached) named it. */
const isTheBot = (context: Context, userId: string | undefined) => Boolean(context.botUserId) && userId === context.botUserId;

export function register(app: App, edge: SlackEdgeContext): void {
  app.event('member_joined_channel', async ({ event, context, client }) => {
    // Every join in every channel the bot is in arrives here; only the bot's own join registers a group.
    if (!isTheBot(context, event.user)) return;
    const channel = await channelFor(edge, client, event.channel, await edge.directory.channelName(client, event.channel));
    const inviter = event.inviter;
    // Only people of the installing workspace can add its app, so the inviter is one of them. Without an
    // inviter (added by an admin tool, a workflow) the group is registered with no chair, and the
    // welcome goes to the channel only.
    await answer(edge, 'member_joined_channel', { client, channel, userId: inviter ?? '' }, async () => ({
      type: 'bot-added',
      channel,
      actor: inviter ? await actorFor(edge, client, { teamId: event.team ?? context.teamId, enterpriseId: context.enterpriseId }, inviter) : null,
    }));
  });

  app.event('app_mention', async ({ event, body, client, context }) => {
    const userId = event.user;
    if (!userId) return; // mentions by bots and integrations carry no user: nobody to answer
    const channel = await channelFor(edge, client, event.channel, await edge.directory.channelName(client, event.channel));
    // Only the bot's own mention goes: a person the command names (`@Samverkansbot personuppgifter visa @Bo`) stays.
    const text = stripMentions(event.text, context.botUserId);
    // user_team: the mentioning person's own workspace in a shared channel; `team` otherwise.
    const mention = event as typeof event & { user_team?: string };
    const caller = { teamId: mention.user_team ?? event.team ?? body.team_id, enterpriseId: body.enterprise_id };
    // Asked in a thread: answered in that thread.
    const threadTs = event.thread_ts;
    await answer(edge, 'app_mention', { client, channel, userId, threadTs }, async () => commandEvent(text, channel, await actorFor(edge, client, caller, userId)));
  });

  // The bot's channel is gone for it: the group goes quiet (its data stays) until the bot is added again.
  const removedFromChannel = async (client: webApi.WebClient, channelId: string, what: string) => {
    const channel = await channelFor(edge, client, channelId, null);
    await removed(edge, what, { platform: 'slack', tenantId: channel.tenantId, channelId });
  };
  app.event('member_left_channel', async ({ event, context, client }) => {
    if (isTheBot(context, event.user)) await removedFromChannel(client, event.channel, 'member_left_channel');
  });
  app.event('channel_archive', async ({ event, client }) => removedFromChannel(client, event.channel, 'channel_archive'));
  app.event('channel_deleted', async ({ event, client }) => removedFromChannel(client, event.channel, 'channel_deleted'));
  app.event('group_archive', async ({ event, client }) => removedFromChannel(client, event.channel, 'group_archive'));
  app.event('group_deleted', async ({ event, client }) => removedFromChannel(client, event.channel, 'group_deleted'));

  // The whole installation is gone: every group of it goes quiet. The token no longer works, so the
  // installation is read from Bolt's context (the event's authorizations), not from auth.test.
  app.event('app_uninstalled', async ({ context }) => removedEverywhere(edge, 'app_uninstalled', context));
  app.event('tokens_revoked', async ({ event, context }) => {
    // Revoked user tokens leave the bot in place; only the bot token's revocation removes it.
    if ((event.tokens?.bot ?? []).length > 0) await removedEverywhere(edge, 'tokens_revoked', context);
  });
}

async function removedEverywhere(edge: SlackEdgeContext, what: string, context: Context): Promise<void> {
  const tenantId = installationKey({ teamId: context.teamId ?? '', enterpriseId: context.enterpriseId ?? null, isEnterpriseInstall: context.isEnterpriseInstall });
  if (!tenantId) {
    edge.logger.warn({ what }, 'slack: removal event without a workspace ignored');
    return;
  }
  await removed(edge, what, { platform: 'slack', tenantId });
  // OAuth installs: the token is dead, so its installation goes too (a reinstall stores a new one).
  try {
    if (await edge.forgetInstallation(tenantId)) edge.logger.info({ what, tenantId }, 'slack: installation deleted');
  } catch (error) {
    edge.logger.error({ err: error, what, tenantId }, 'slack: could not delete the installation');
  }
}

async function removed(edge: SlackEdgeContext, what: string, removal: Removal): Promise<void> {
  try {
    const count = await edge.bot.removed(removal);
    edge.logger.info({ what, channelId: removal.channelId, groups: count }, 'slack: bot removed, groups deactivated');
  } catch (error) {
    // Nobody to tell; Slack retries an event that was not acknowledged, but Bolt has acknowledged it.
    edge.logger.error({ err: error, what, channelId: removal.channelId }, 'slack: could not deactivate after a removal');
  }
}

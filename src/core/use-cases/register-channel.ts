import type { Group } from '../domain.js';
import type { Actor, ChannelAddress, Removal, Reply } from '../events.js';
import { format } from '../../i18n/index.js';
import { catalogFor, ensureMember, hasRole, type Dependencies } from './context.js';

/**
 * Links a channel to a group when the bot is added to it (the only way a group comes to exist), or
 * reactivates the channel's group, with all its data, when the bot comes back after a removal. The
 * person who added the bot becomes ordförande of a new group, so somebody can open the settings; a join
 * without an inviter (or by someone from another workspace or tenant) leaves the group without a chair
 * rather than making an arbitrary person chair.
 */
export async function registerChannel(
  deps: Dependencies,
  channel: ChannelAddress,
  installer: Actor | null,
): Promise<{ group: Group; created: boolean }> {
  return deps.store.transaction(async (store) => {
    const link = await store.channels.findByAddress(channel.platform, channel.tenantId, channel.channelId);
    if (link) {
      if (channel.conversationReference && channel.conversationReference !== link.conversationReference) {
        await store.channels.update(link.id, { conversationReference: channel.conversationReference });
      }
      const group = await store.groups.get(link.groupId);
      if (group?.deactivatedAt) return { group: await store.groups.update(group.id, { deactivatedAt: null }), created: false };
      if (group) return { group, created: false };
    }
    const t = catalogFor(null, deps.defaults);
    const group = await store.groups.create({
      name: channel.channelName?.trim() || t.common.defaultGroupName,
      timeZone: deps.defaults.timeZone,
      locale: deps.defaults.locale,
      officeChannelId: null,
      standingItemHoursBefore: 48,
      summaryHoursBefore: 24,
      planningDayReminder: false,
      reportPromptDaysBefore: 5,
    });
    await store.channels.create({
      groupId: group.id,
      platform: channel.platform,
      tenantId: channel.tenantId,
      channelId: channel.channelId,
      channelName: channel.channelName,
      conversationReference: channel.conversationReference,
    });
    if (installer && isHomeOf(channel, installer)) {
      const members = await store.members.list({ groupId: group.id });
      const hasChair = members.some((member) => hasRole(member, 'ordforande'));
      await ensureMember(store, group, installer, hasChair ? ['ledamot'] : ['ordforande']);
    }
    return { group, created: true };
  });
}

/**
 * Whether the actor belongs to the workspace (Slack: the installing workspace or org) or tenant (Teams)
 * the channel is registered under. In shared channels (Slack Connect, Enterprise Grid, Teams shared
 * channels) people from elsewhere take part too; they never gain a role by merely acting there.
 */
export function isHomeOf(channel: ChannelAddress, actor: Actor): boolean {
  return actor.platform === channel.platform && actor.tenantId === channel.tenantId;
}

/**
 * The bot was removed from a channel (or, without channelId, the app from a whole workspace or
 * tenant): its groups are deactivated. Nothing is posted for them any more; their data stays, and adding
 * the bot to the channel again reactivates it. Returns how many groups were deactivated now.
 */
export async function deactivateGroups(deps: Dependencies, removal: Removal): Promise<number> {
  const { platform, tenantId, channelId } = removal;
  return deps.store.transaction(async (store) => {
    const links = await store.channels.list(channelId === undefined ? { platform, tenantId } : { platform, tenantId, channelId });
    const groupIds = [...new Set(links.map((link) => link.groupId))];
    const groups = groupIds.length > 0 ? await store.groups.listIn('id', groupIds) : [];
    const active = groups.filter((group) => !group.deactivatedAt);
    for (const group of active) await store.groups.update(group.id, { deactivatedAt: deps.clock.now() });
    return active.length;
  });
}

export async function welcome(deps: Dependencies, channel: ChannelAddress, actor: Actor | null): Promise<Reply> {
  const { group } = await registerChannel(deps, channel, actor);
  const t = catalogFor(group, deps.defaults);
  const members = await deps.store.members.list({ groupId: group.id });
  const chair = members.find((member) => hasRole(member, 'ordforande'));
  return {
    kind: 'card',
    card: 'welcome',
    data: {
      t,
      title: format(t.welcome.title, { groupName: group.name }),
      registeredAs: format(t.welcome.registeredAs, {
        groupName: group.name,
        chairName: chair?.displayName || t.notice.noChair,
      }),
      howToAsk: t.help.intro[channel.platform],
    },
  };
}

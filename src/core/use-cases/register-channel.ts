import type { Group } from '../domain.js';
import type { Actor, ChannelAddress, Reply } from '../events.js';
import { format } from '../../i18n/index.js';
import { catalogFor, ensureMember, hasRole, type Dependencies } from './context.js';

/**
 * Links a channel to a group, creating the group on first contact. The person who adds the bot
 * becomes ordförande when the group has none, so somebody can always open the settings.
 */
export async function registerChannel(
  deps: Dependencies,
  channel: ChannelAddress,
  actor: Actor,
): Promise<{ group: Group; created: boolean }> {
  return deps.store.transaction(async (store) => {
    const link = await store.channels.findByAddress(channel.platform, channel.tenantId, channel.channelId);
    if (link) {
      if (channel.conversationReference && channel.conversationReference !== link.conversationReference) {
        await store.channels.update(link.id, { conversationReference: channel.conversationReference });
      }
      const group = await store.groups.get(link.groupId);
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
    const members = await store.members.list({ groupId: group.id });
    const hasChair = members.some((member) => hasRole(member, 'ordforande'));
    await ensureMember(store, group, actor, hasChair ? ['ledamot'] : ['ordforande']);
    return { group, created: true };
  });
}

export async function welcome(deps: Dependencies, channel: ChannelAddress, actor: Actor): Promise<Reply> {
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
    },
  };
}

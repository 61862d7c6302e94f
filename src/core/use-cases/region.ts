// The region as the kansli sees it (issue 6): every group of one tenant (a Teams tenant or a Slack
// workspace), and who counts as a kansli admin there. Shared by the regional roll-up and data rights.
import type { Group, Platform } from '../domain.js';
import type { Reply } from '../events.js';
import type { Store } from '../ports.js';
import { hasRole, type GroupContext } from './context.js';
import { notice } from './show-help.js';

/** A Teams tenant or a Slack workspace: ids of people and channels are only unique inside one. */
export interface Tenant {
  platform: Platform;
  tenantId: string;
}

export const sameTenant = (a: Tenant, b: Tenant): boolean => a.platform === b.platform && a.tenantId === b.tenantId;

/** Every group with a channel in the tenant, office channels included, oldest first. */
export async function allTenantGroups(store: Store, tenant: Tenant): Promise<{ groups: Group[]; channelIds: Map<string, string[]> }> {
  const links = await store.channels.list({ platform: tenant.platform, tenantId: tenant.tenantId });
  const channelIds = new Map<string, string[]>();
  for (const link of links) channelIds.set(link.groupId, [...(channelIds.get(link.groupId) ?? []), link.channelId]);
  const groups = (await Promise.all([...channelIds.keys()].map((id) => store.groups.get(id)))).filter((group): group is Group => group !== null);
  return { groups, channelIds };
}

/**
 * The groups of the region: every samverkansgrupp with a channel in the tenant. A channel that another
 * group names as its office channel (kanslikanal) is registered as a group of its own when the bot joins
 * it, but it is the kansli's, not a samverkansgrupp: it is left out.
 */
export async function regionGroups(store: Store, tenant: Tenant): Promise<Group[]> {
  const { groups, channelIds } = await allTenantGroups(store, tenant);
  const officeChannels = new Set(groups.flatMap((group) => (group.officeChannelId ? [group.officeChannelId] : [])));
  return groups.filter((group) => {
    const own = channelIds.get(group.id) ?? [];
    const namedByOthers = groups.some((other) => other.id !== group.id && other.officeChannelId !== null && own.includes(other.officeChannelId));
    return !(namedByOthers && own.every((channelId) => officeChannels.has(channelId)));
  });
}

/**
 * The tenant the asker may act on as kansli admin, or null. A kansli admin is someone with the role
 * kansli in any group of the tenant, or anyone asking in a channel that a group of the tenant has as its
 * office channel. The tenant is always the asker's own: nobody reaches another tenant or platform.
 */
export async function kansliTenant(store: Store, { group, member }: GroupContext): Promise<Tenant | null> {
  const tenant: Tenant = { platform: member.platform, tenantId: member.tenantId };
  const { groups, channelIds } = await allTenantGroups(store, tenant);
  const inTenant = new Set(groups.map((candidate) => candidate.id));
  const memberships = await store.members.list({ platform: tenant.platform, tenantId: tenant.tenantId, platformUserId: member.platformUserId });
  if (memberships.some((membership) => inTenant.has(membership.groupId) && hasRole(membership, 'kansli'))) return tenant;
  const here = channelIds.get(group.id) ?? [];
  return groups.some((candidate) => candidate.officeChannelId !== null && here.includes(candidate.officeChannelId)) ? tenant : null;
}

/** The refusal for everyone who is not a kansli admin, saying who is. */
export function notKansli(context: GroupContext): Reply {
  return notice(context.t, context.t.regional.notAllowed, { tenantKind: context.t.regional.tenantKinds[context.member.platform] });
}

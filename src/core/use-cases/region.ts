// The region as the kansli sees it: every samverkansgrupp in the tenants (Teams tenants, Slack workspaces or
// Enterprise Grid orgs) that the operator's region file names, and who is kansli there. Kansli rights come
// only from that file (src/core/region.ts): never from a member role, a channel or anything typed in a chat.
// Shared by the regional roll-up, data rights, settings and the "för kännedom" posts.
import type { ChannelLink, Group, Member, Platform } from '../domain.js';
import type { Reply } from '../events.js';
import type { Store } from '../ports.js';
import { NO_REGION, inRegion, isKansliChannel, kansliChannel, kansliPerson, type KansliChannel, type KansliPerson, type Region } from '../region.js';
import type { Dependencies, GroupContext } from './context.js';
import { notice } from './show-help.js';

/** A Teams tenant or a Slack workspace: ids of people and channels are only unique inside one. */
export interface Tenant {
  platform: Platform;
  tenantId: string;
}

export const sameTenant = (a: Tenant, b: Tenant): boolean => a.platform === b.platform && a.tenantId === b.tenantId;

export const regionOf = (deps: Pick<Dependencies, 'region'>): Region => deps.region ?? NO_REGION;

/** Every group with a channel in the tenant, office channels included, oldest first. */
export async function allTenantGroups(store: Store, tenant: Tenant): Promise<{ groups: Group[]; channelIds: Map<string, string[]> }> {
  const links = await store.channels.list({ platform: tenant.platform, tenantId: tenant.tenantId });
  const channelIds = new Map<string, string[]>();
  for (const link of links) channelIds.set(link.groupId, [...(channelIds.get(link.groupId) ?? []), link.channelId]);
  const groups = (await Promise.all([...channelIds.keys()].map((id) => store.groups.get(id)))).filter((group): group is Group => group !== null);
  return { groups, channelIds };
}

/**
 * The groups of the region: every samverkansgrupp with a channel in a tenant the region file names. A
 * kansli channel of the file is registered as a group of its own when the bot joins it, but it is the
 * kansli's, not a samverkansgrupp: a group whose channels are all kansli channels is left out. Groups in
 * tenants the file does not name are not part of the region.
 */
export async function regionGroups(store: Store, region: Region): Promise<Group[]> {
  const found = new Map<string, Group>();
  for (const tenant of region.tenants) {
    const { groups, channelIds } = await allTenantGroups(store, tenant);
    for (const group of groups) {
      const own = channelIds.get(group.id) ?? [];
      if (own.every((channelId) => isKansliChannel(region, { ...tenant, channelId }))) continue;
      found.set(group.id, group);
    }
  }
  return [...found.values()];
}

/** The kansli person the member is by the region file, or null: the only test of kansli rights. */
export const kansliOf = (deps: Pick<Dependencies, 'region'>, member: Member): KansliPerson | null => kansliPerson(regionOf(deps), member);

/** Is the group part of the region (a channel in one of the file's tenants)? */
export async function groupInRegion(deps: Dependencies, group: Group): Promise<boolean> {
  const region = regionOf(deps);
  return (await deps.store.channels.list({ groupId: group.id })).some((link) => inRegion(region, link));
}

/**
 * The kansli person asking, when they may act as kansli here: listed in the region file and asking in a
 * group of the region. Otherwise null.
 */
export async function kansliHere(deps: Dependencies, { group, member }: GroupContext): Promise<KansliPerson | null> {
  const person = kansliOf(deps, member);
  return person && (await groupInRegion(deps, group)) ? person : null;
}

/** The refusal for everyone who is not kansli by the region file. */
export function notKansli(context: GroupContext): Reply {
  return notice(context.t, context.t.regional.notAllowed);
}

/** The group's kanslikanal, when it is one of the region file's: a stored id that is not in the file counts as none. */
export const officeChannelOf = (deps: Pick<Dependencies, 'region'>, group: Group): KansliChannel | null => kansliChannel(regionOf(deps), group.officeChannelId);

/** The ChannelLink of the group's kanslikanal, when the bot is in it (it posts only where it is), in whichever region tenant it lives. */
export async function officeLink(deps: Dependencies, group: Group): Promise<ChannelLink | null> {
  const office = officeChannelOf(deps, group);
  return office ? deps.store.channels.findByAddress(office.platform, office.tenantId, office.channelId) : null;
}

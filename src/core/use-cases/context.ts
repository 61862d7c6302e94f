import type { Group, Locale, Member, Role } from '../domain.js';
import type { Actor, ChannelAddress } from '../events.js';
import type { ChannelDirectory, Clock, ExportLinks, Store } from '../ports.js';
import type { RegionalPlan } from '../regional-plan.js';
import type { Region } from '../region.js';
import { catalog, type Catalog } from '../../i18n/index.js';

export interface BotDefaults {
  locale: Locale;
  timeZone: string;
}

/** The regional action plan activities are tied to, and when to warn that a plan has grown too big. */
export interface ActionPlanSettings {
  regionalPlan: RegionalPlan;
  activityLimit: number;
}

export interface Dependencies {
  store: Store;
  clock: Clock;
  defaults: BotDefaults;
  /** Absent only in tests of other features; the action-plan steps then say the regional plan is missing. */
  actionPlan?: ActionPlanSettings;
  /**
   * The platforms' channel rosters, for "Hämta medlemmar från kanalen". Optional: a bot without it (unit
   * tests of other features, a platform without a roster API) tells people it cannot read the roster.
   */
  directory?: ChannelDirectory;
  /** Absolute, signed download links (calendar export …); without it cards offer no downloads. */
  links?: ExportLinks;
  /** The operator's region file: the only source of kansli rights. Absent: no region, nobody is kansli. */
  region?: Region;
  /** An SMTP server is configured (SMTP_HOST): decided plans and final reports are also e-mailed to the region file's kansli addresses. */
  mailToKansli?: boolean;
}

/** Everything a use case needs about who asks, where, and in which language. */
export interface GroupContext {
  group: Group;
  member: Member;
  t: Catalog;
}

export function hasRole(member: Member, ...roles: Role[]): boolean {
  return member.roles.some((role) => roles.includes(role));
}

/**
 * The groups the scheduler works for: those whose bot was removed (deactivatedAt) get no standing items,
 * prompts, reminders or summaries until the bot is added back.
 */
export async function activeGroups(store: Store): Promise<Group[]> {
  return (await store.groups.list()).filter((group) => !group.deactivatedAt);
}

/** The group of a channel, or null when the channel was never registered. */
export async function findGroup(deps: Dependencies, channel: ChannelAddress): Promise<Group | null> {
  return deps.store.channels.findGroupByAddress(channel.platform, channel.tenantId, channel.channelId);
}

/** The actor as a member of the group; people who speak in the group channel take part as ledamot. */
export async function ensureMember(store: Store, group: Group, actor: Actor, roles: Role[] = ['ledamot']): Promise<Member> {
  return keepMemberCurrent(store, group, actor, await store.members.findByPlatformUser(group.id, actor.platform, actor.userId), roles);
}

/** `existing` (the actor's member row, already read) brought up to date: created as `roles` when missing, renamed when their name changed. */
export async function keepMemberCurrent(store: Store, group: Group, actor: Actor, existing: Member | null, roles: Role[] = ['ledamot']): Promise<Member> {
  if (existing) {
    // The chat id too: private posts to the person (reminders, the chair's summary) need it on Teams.
    const patch = {
      ...(existing.displayName !== actor.displayName && actor.displayName && !actor.provisionalName ? { displayName: actor.displayName } : {}),
      ...(actor.chatUserId && existing.chatUserId !== actor.chatUserId ? { chatUserId: actor.chatUserId } : {}),
    };
    return Object.keys(patch).length > 0 ? store.members.update(existing.id, patch) : existing;
  }
  return store.members.create({
    groupId: group.id,
    platform: actor.platform,
    tenantId: actor.tenantId,
    platformUserId: actor.userId,
    displayName: actor.displayName,
    organisationId: null,
    roles,
    substituteForMemberId: null,
    chatUserId: actor.chatUserId ?? null,
  });
}

export function catalogFor(group: Group | null, defaults: BotDefaults): Catalog {
  return catalog(group?.locale ?? defaults.locale);
}

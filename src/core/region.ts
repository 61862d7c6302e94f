// The region as the operator's region file (REGION_FILE, read by src/region-file.ts) describes it. Kansli
// rights come only from here: nothing typed in a chat can make someone kansli or a channel a kansli channel.
import type { Platform } from './domain.js';

/** A Teams tenant, a Slack workspace or an Enterprise Grid org (the tenant id the bot stores for it). */
export interface RegionTenant {
  platform: Platform;
  tenantId: string;
  name: string;
}

/** A kansli person, by the id the platform gives them in one region tenant (Teams: AAD object id; Slack: user id). */
export interface KansliPerson {
  platform: Platform;
  tenantId: string;
  userId: string;
  name: string;
}

/** A kansli channel: a channel a group may choose as its kanslikanal (plans and final reports "för kännedom"). */
export interface KansliChannel {
  platform: Platform;
  tenantId: string;
  channelId: string;
  name: string;
}

export interface Region {
  name: string;
  tenants: RegionTenant[];
  kansli: KansliPerson[];
  channels: KansliChannel[];
  /**
   * The kansli's e-mail addresses: decided plans and accepted final reports are also e-mailed there, with
   * the document attached, when the bot has an SMTP server (SMTP_HOST). Absent or empty: no e-mail.
   */
  mailRecipients?: string[];
}

/** No region file at all: no tenant is part of a region and nobody is kansli. */
export const NO_REGION: Region = { name: '', tenants: [], kansli: [], channels: [] };

type Place = { platform: Platform; tenantId: string };

/** Is the tenant one the region file names? */
export const inRegion = (region: Region, place: Place): boolean =>
  region.tenants.some((tenant) => tenant.platform === place.platform && tenant.tenantId === place.tenantId);

/** The kansli person `who` is, when the file lists them in that tenant (and the tenant is the region's). */
export function kansliPerson(region: Region, who: Place & { platformUserId: string }): KansliPerson | null {
  if (!inRegion(region, who)) return null;
  return region.kansli.find((person) => person.platform === who.platform && person.tenantId === who.tenantId && person.userId === who.platformUserId) ?? null;
}

/** The file's kansli channel with this channel id (ids are unique in the file), or null. */
export const kansliChannel = (region: Region, channelId: string | null): KansliChannel | null =>
  channelId === null ? null : (region.channels.find((channel) => channel.channelId === channelId) ?? null);

/** Is this channel of the file? A channel is a kansli channel only in the tenant the file names for it. */
export const isKansliChannel = (region: Region, channel: Place & { channelId: string }): boolean =>
  region.channels.some((candidate) => candidate.platform === channel.platform && candidate.tenantId === channel.tenantId && candidate.channelId === channel.channelId);

// Whom a group post @mentions: the people it asks to act (members who are to propose or vote, those who
// are to answer a hemuppgift, the convener and ersättare whose report is due). The cards carry them as
// `mentions` ([{ id, name }], src/cards/mentions.ts renders them for Teams and Slack).
import type { Member, Platform } from './domain.js';
import type { Reply } from './events.js';

/**
 * More mentions than this would bury the post under names (a group of a hundred): then nobody is
 * mentioned, and the post in the channel alone tells them.
 */
export const MAX_MENTIONS = 20;

export interface MentionData {
  id: string;
  name: string;
}

/** `members` as mentions on `platform` (ids are per platform), or none when they are too many. */
export function mentionsOf(members: readonly Member[], platform: Platform): MentionData[] {
  const here = members.filter((member) => member.platform === platform && member.platformUserId);
  if (here.length > MAX_MENTIONS) return [];
  return here.map((member) => ({ id: member.platformUserId, name: member.displayName || member.platformUserId }));
}

/**
 * Members who hold a seat of their own — not ersättare (they step in when asked), not the kansli alone —
 * but `except` (who made the post).
 */
export function seatHolders(members: readonly Member[], except?: Member): Member[] {
  return members.filter(
    (member) => !member.substituteForMemberId && member.roles.some((role) => role !== 'ersattare' && role !== 'kansli') && member.id !== except?.id,
  );
}

/** `reply` mentioning `mentions`, when it is a card. */
export function mentioning(reply: Reply, mentions: readonly MentionData[]): Reply {
  if (reply.kind !== 'card' || mentions.length === 0) return reply;
  return { ...reply, data: { ...reply.data, mentions } };
}

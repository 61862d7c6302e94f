// Where reminders for the chair (ordförande) go: the group channel on the chair's platform.
import type { ChannelLink, Member } from '../domain.js';
import type { Store } from '../ports.js';
import type { Catalog } from '../../i18n/index.js';

export interface ChairAddress {
  chairs: Member[];
  /** The channel to post in; null when the group has no channel at all. */
  link: ChannelLink | null;
}

/**
 * The group's chairs and the oldest channel on a chair's platform (a group may have a Teams and a Slack
 * channel; the chair reads one of them). Without a chair, the oldest channel. `avoid` is skipped when
 * another channel exists (e.g. the channel a send to just failed).
 */
export async function chairAddress(store: Store, groupId: string, avoid?: string): Promise<ChairAddress> {
  const [members, links] = await Promise.all([store.members.list({ groupId }), store.channels.list({ groupId })]);
  const chairs = members.filter((member) => member.roles.includes('ordforande'));
  const usable = links.filter((link) => link.id !== avoid);
  const candidates = usable.length > 0 ? usable : links;
  const platforms = new Set(chairs.map((chair) => chair.platform));
  const link = candidates.find((candidate) => platforms.has(candidate.platform)) ?? candidates[0] ?? null;
  return { chairs, link };
}

/**
 * The chairs by name, or "gruppens ordförande" when there is none: capitalised where the name opens a
 * sentence (a reminder), as is mid-sentence (a refusal naming whom to ask).
 */
export function chairNames(chairs: Member[], t: Catalog, position: 'opens-sentence' | 'mid-sentence' = 'opens-sentence'): string {
  const names = chairs.map((chair) => chair.displayName).join(', ');
  if (names) return names;
  return position === 'opens-sentence' ? t.notice.noChair.charAt(0).toUpperCase() + t.notice.noChair.slice(1) : t.notice.noChair;
}

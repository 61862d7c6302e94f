// Shared set-up for the scheduler tests: groups registered the way the bot registers them, meetings at a
// local wall-clock time, and a sleep that moves a fixed clock instead of waiting.
import { DateTime } from 'luxon';
import type { ChannelLink, Group, Meeting } from '../../src/core/domain.js';
import type { ChannelSender } from '../../src/core/delivery.js';
import type { Reply } from '../../src/core/events.js';
import type { Clock, Store } from '../../src/core/ports.js';
import type { Dependencies } from '../../src/core/use-cases/context.js';
import { registerChannel } from '../../src/core/use-cases/register-channel.js';
import { actor, slackChannel } from '../support/events.js';

export const ZONE = 'Europe/Stockholm';

export function depsOf(store: Store, clock: Clock): Dependencies {
  return { store, clock, defaults: { locale: 'sv', timeZone: ZONE } };
}

/** A group with one Slack channel `channelId` and its chair, as when the bot is added to the channel. */
export async function slackGroup(deps: Dependencies, channelId: string, patch: Partial<Group> = {}): Promise<{ group: Group; link: ChannelLink }> {
  const { group } = await registerChannel(deps, slackChannel({ channelId, channelName: `samverkan-${channelId.toLowerCase()}` }), actor());
  const updated = Object.keys(patch).length > 0 ? await deps.store.groups.update(group.id, patch) : group;
  const [link] = await deps.store.channels.list({ groupId: group.id });
  return { group: updated, link: link! };
}

/** A meeting at a local date and time (e.g. 2026-03-31 13:00) in the group's zone. */
export function createMeeting(store: Store, groupId: string, localDateTime: string, extra: Partial<Meeting> = {}): Promise<Meeting> {
  const startsAt = DateTime.fromISO(localDateTime, { zone: ZONE }).toJSDate();
  return store.meetings.create({ groupId, startsAt, durationMinutes: 90, seriesId: null, location: null, cancelled: false, ...extra });
}

/** A sleep for drainOutbox/startScheduler that advances the fixed clock instead of waiting. */
export function clockSleep(clock: Clock & { advance(ms: number): void }): (ms: number) => Promise<void> {
  return async (ms) => clock.advance(ms);
}

export interface RecordedSend {
  link: ChannelLink;
  reply: Reply;
  at: Date;
}

/** A platform stand-in for core tests (the contract tests use the real senders against the fakes). */
export function recordingSender(clock: Clock, fail?: (link: ChannelLink, attempt: number) => Error | null): ChannelSender & { sends: RecordedSend[] } {
  const sends: RecordedSend[] = [];
  let attempt = 0;
  return {
    sends,
    async send(link, reply) {
      attempt += 1;
      const error = fail?.(link, attempt);
      if (error) throw error;
      sends.push({ link, reply, at: clock.now() });
    },
  };
}

export function cardData(reply: Reply): Record<string, any> {
  return reply.data as Record<string, any>;
}

/** All the text of a standing-item card's data, for assertions on what people read. */
export function standingItemText(reply: Reply): string {
  const data = cardData(reply);
  const sections = (data.sections as { heading: string; chunks: { text: string }[] }[]).flatMap((section) => [section.heading, ...section.chunks.map((chunk) => chunk.text)]);
  return [data.title, data.meetingLine, data.lateNote ?? '', data.planLine, ...sections].join('\n');
}

// Posts the outbox gave up on, told to the chair in plain words: in the summary card and, once per
// failed post, in a short notice in the chair's channel.
import type { Group, OutboxMessage } from '../domain.js';
import type { Reply } from '../events.js';
import type { Store } from '../ports.js';
import { failureReasonOf, isFailureNotice, outboxKeys, outboxRecord } from '../delivery.js';
import { catalog, format, type Catalog } from '../../i18n/index.js';
import { formatDateTime } from '../dates.js';
import { chairAddress, chairNames } from './chairs.js';
import { notice } from './show-help.js';

/** kind, when (the meeting's start, else when it was queued), channel and reason of a failed post. */
async function describe(store: Store, message: OutboxMessage, group: Group, t: Catalog): Promise<Record<string, string>> {
  const [meeting, link] = await Promise.all([
    message.meetingId ? store.meetings.get(message.meetingId) : Promise.resolve(null),
    store.channels.get(message.channelLinkId),
  ]);
  const texts = t.scheduler.delivery;
  return {
    // A kind added later without a text yet still reads as a message.
    kind: (texts.kinds as Record<string, string>)[message.kind] ?? texts.kinds.notice,
    when: formatDateTime(meeting?.startsAt ?? message.createdAt, group.timeZone, group.locale),
    channel: message.kind === 'email' ? texts.mailRecipients : (link?.channelName ?? texts.unnamedChannel),
    reason: texts.reasons[failureReasonOf(message.lastError)],
  };
}

/** Lines for the summary card: the group's failed or expired posts, newest first. */
export async function failedSendLines(store: Store, group: Group, t: Catalog, limit = 5): Promise<string[]> {
  const [failed, expired] = await Promise.all([
    store.outbox.list({ groupId: group.id, status: 'failed' }),
    store.outbox.list({ groupId: group.id, status: 'expired' }),
  ]);
  const all = [...failed, ...expired].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const lines = await Promise.all(
    all.slice(0, limit).map(async (message) => format(t.scheduler.delivery.failedLine, await describe(store, message, group, t))),
  );
  if (all.length > limit) lines.push(format(t.scheduler.delivery.more, { count: all.length - limit }));
  return lines;
}

/**
 * After a post failed for good: a notice to the chair, in another channel of the group when there is
 * one. Never for a failed notice itself, so a dead channel cannot cause a chain of notices.
 */
export async function enqueueFailureNotice(store: Store, message: OutboxMessage, now: Date): Promise<boolean> {
  if (isFailureNotice(message)) return false;
  const group = await store.groups.get(message.groupId);
  if (!group) return false;
  const { chairs, link } = await chairAddress(store, group.id, message.channelLinkId);
  if (!link) return false;
  const t = catalog(group.locale);
  const details = await describe(store, message, group, t);
  const reply = notice(t, t.scheduler.delivery.failedNotice, { ...details, chairs: chairNames(chairs, t) }) as Extract<Reply, { kind: 'card' }>;
  const created = await store.outbox.enqueue(
    outboxRecord(
      { idempotencyKey: outboxKeys.failedNotice(message.id), kind: 'notice', groupId: group.id, channelLinkId: link.id, meetingId: null, expiresAt: null },
      reply,
      group.locale,
      now,
    ),
  );
  return created !== null;
}

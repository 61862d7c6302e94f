// Proactive posts: the port the outbox sends through, the error it understands, and how a Reply is kept
// in an outbox row. The adapters (src/adapters/slack/slack-sender.ts, src/adapters/teams/teams-sender.ts)
// implement ChannelSender; the core decides about retries, pacing and expiry (use-cases/drain-outbox.ts).
import type { ChannelLink, Locale, Member, OutboxKind, OutboxMessage } from './domain.js';
import type { NewRecord } from './ports.js';
import type { CardData, Reply } from './events.js';
import type { FileContent, FileFormat } from './file-export.js';
import { catalog } from '../i18n/index.js';

/** Why a send failed, in words the chair can be shown (i18n: scheduler.delivery.reasons). */
export const DELIVERY_FAILURE_REASONS = [
  'rate-limited',
  'server-error',
  'network',
  'not-in-channel',
  'channel-not-found',
  'unauthorized',
  'invalid-address',
  'unsupported',
  'channel-removed',
  'expired',
  'mail-refused',
  'mail-deferred',
  'mail-unreachable',
  'mail-off',
  'unknown',
] as const;
export type DeliveryFailureReason = (typeof DELIVERY_FAILURE_REASONS)[number];

/**
 * A failed send as the platform answered it. `retryable`: the same post may succeed later (429, 5xx,
 * network); `retryAfterMs`: the platform's Retry-After. The message never contains user text.
 */
export class DeliveryError extends Error {
  readonly reason: DeliveryFailureReason;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(reason: DeliveryFailureReason, retryable: boolean, detail: string, retryAfterMs?: number) {
    super(detail);
    this.name = 'DeliveryError';
    this.reason = reason;
    this.retryable = retryable;
    this.retryAfterMs = retryAfterMs;
  }
}

/** The one member a private post is for (the chair's meeting-prep summary), as the platform knows them. */
export interface Recipient {
  platformUserId: string;
  tenantId: string;
  /** Teams: the `29:…` id the private chat is opened with (Member.chatUserId); absent until they acted. */
  chatUserId?: string;
}

/** Where a private post to `member` goes: every id the platforms may need for it. */
export function recipientOf(member: Pick<Member, 'platformUserId' | 'tenantId' | 'chatUserId'>): Recipient {
  return { platformUserId: member.platformUserId, tenantId: member.tenantId, ...(member.chatUserId ? { chatUserId: member.chatUserId } : {}) };
}

/**
 * Posts a reply as a new message in a group's channel, or, with a recipient, privately to that member of
 * the channel's platform (Slack: a direct message; Teams: the personal chat with the bot), reached through
 * the link's workspace or service. Throws DeliveryError; anything else counts as unknown.
 */
export interface ChannelSender {
  send(link: ChannelLink, reply: Reply, recipient?: Recipient): Promise<void>;
}

/**
 * An outbox payload: the reply without its catalog (the whole catalog per row would be large and could go
 * stale across a deploy); the locale brings it back at send time.
 */
export interface OutboxPayload {
  locale: Locale;
  reply: { kind: 'card'; card: Extract<Reply, { kind: 'card' }>['card']; data: CardData };
  /** Set for a private post (the outbox row has no column for it; a row is one message to one place). */
  recipient?: Recipient;
}

export function toOutboxPayload(reply: Extract<Reply, { kind: 'card' }>, locale: Locale, recipient?: Recipient): Record<string, unknown> {
  const { t: _catalog, ...data } = reply.data;
  const payload: OutboxPayload = { locale, reply: { kind: 'card', card: reply.card, data }, ...(recipient ? { recipient } : {}) };
  return payload as unknown as Record<string, unknown>;
}

/** Whom a stored post is for privately; undefined for a post to the channel. */
export function recipientFromPayload(payload: Record<string, unknown>): Recipient | undefined {
  const recipient = (payload as unknown as OutboxPayload).recipient;
  return recipient && typeof recipient.platformUserId === 'string' && typeof recipient.tenantId === 'string' ? recipient : undefined;
}

export function replyFromPayload(payload: Record<string, unknown>): Reply {
  const { locale, reply } = payload as unknown as OutboxPayload;
  if (!reply || reply.kind !== 'card' || (locale !== 'sv' && locale !== 'en')) throw new Error('Outbox payload is not a stored card reply');
  return { kind: 'card', card: reply.card, data: { ...reply.data, t: catalog(locale) } };
}

/**
 * An e-mail to kansliet as the core decides it: recipients, subject, body and the document, described (not
 * yet written as bytes) at the moment it was queued, so a later edit never changes what is sent.
 */
export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  attachment: { fileName: string; format: FileFormat; mediaType: string; content: FileContent };
}

/**
 * Sends e-mail (src/adapters/email/smtp-mailer.ts). `messageId` is the outbox row's: the same message keeps
 * one Message-ID, so a receiving system can tell a rare resend (see README) from a new message. Throws
 * DeliveryError: retryable for a 4xx answer or no connection, permanent for a 5xx refusal.
 */
export interface MailSender {
  send(mail: OutgoingMail, messageId: string): Promise<void>;
}

/** The fields of a row nobody has tried to send yet, due at `now`. */
const pendingFrom = (now: Date) =>
  ({ status: 'pending', attempts: 0, nextAttemptAt: now, lockedBy: null, lockedUntil: null, lastError: null, sentAt: null }) as const;

interface MailPayload {
  locale: Locale;
  mail: OutgoingMail;
}

export function mailFromPayload(payload: Record<string, unknown>): OutgoingMail {
  const { mail } = payload as unknown as MailPayload;
  if (!mail || !Array.isArray(mail.to) || typeof mail.subject !== 'string' || !mail.attachment) throw new Error('Outbox payload is not a stored e-mail');
  return mail;
}

/** A new pending outbox row for an e-mail; channelLinkId is the group's own channel (where a failure is told). */
export function mailOutboxRecord(
  fields: Pick<OutboxMessage, 'idempotencyKey' | 'groupId' | 'channelLinkId'>,
  mail: OutgoingMail,
  locale: Locale,
  now: Date,
): NewRecord<OutboxMessage> {
  const payload: MailPayload = { locale, mail };
  return {
    ...fields,
    kind: 'email',
    meetingId: null,
    expiresAt: null,
    payload: payload as unknown as Record<string, unknown>,
    ...pendingFrom(now),
  };
}

/** A new pending outbox row for `reply`, due right away. */
export function outboxRecord(
  fields: Pick<OutboxMessage, 'idempotencyKey' | 'groupId' | 'channelLinkId' | 'meetingId' | 'expiresAt'> & { kind: OutboxKind },
  reply: Extract<Reply, { kind: 'card' }>,
  locale: Locale,
  now: Date,
  recipient?: Recipient,
): NewRecord<OutboxMessage> {
  return {
    ...fields,
    payload: toOutboxPayload(reply, locale, recipient),
    ...pendingFrom(now),
  };
}

/** lastError of an outbox row: "<reason>: <technical detail>", so the chair sees the reason in plain words. */
export function describeFailure(reason: DeliveryFailureReason, detail: string): string {
  return `${reason}: ${detail}`.slice(0, 500);
}

export function failureReasonOf(lastError: string | null): DeliveryFailureReason {
  const reason = (lastError ?? '').split(':')[0] as DeliveryFailureReason;
  return DELIVERY_FAILURE_REASONS.includes(reason) ? reason : 'unknown';
}

/** Idempotency keys: one post per (what, meeting or period, channel), whichever instance writes it first. */
export const outboxKeys = {
  standingItem: (meetingId: string, channelLinkId: string) => `standing-item:${meetingId}:${channelLinkId}`,
  revisionReminder: (planId: string, month: string) => `revision-reminder:${planId}:${month}`,
  planningDay: (groupId: string, year: number) => `planning-day:${groupId}:${year}`,
  failedNotice: (messageId: string) => `failed-notice:${messageId}`,
  meetingSummary: (meetingId: string, chairMemberId: string) => `meeting-summary:${meetingId}:${chairMemberId}`,
  /** One e-mail per document sent to kansliet (a plan version, a final report, a half-year). */
  kansliMail: (what: string) => `email:${what}`,
} as const;

export const isFailureNotice = (message: { kind: OutboxKind; idempotencyKey: string }): boolean =>
  message.kind === 'notice' && message.idempotencyKey.startsWith('failed-notice:');

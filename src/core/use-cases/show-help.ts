import type { Catalog } from '../../i18n/index.js';
import { format } from '../../i18n/index.js';
import type { Platform } from '../domain.js';
import type { Audience, Reply } from '../events.js';

/** What the bot can do, with how to ask on `platform` (an @-mention in Teams, a slash command in Slack). */
export function helpCard(t: Catalog, platform: Platform): Reply {
  return { kind: 'card', card: 'help', data: { t, intro: t.help.intro[platform] } };
}

/** A short message card for the asker only: refusals, hints and personal confirmations. */
export function notice(t: Catalog, text: string, params: Record<string, string | number> = {}): Reply {
  return noticeFor('asker', t, text, params);
}

/** A short message card for the whole channel: data the group shares changed, naming who changed it. */
export function groupNotice(t: Catalog, text: string, params: Record<string, string | number> = {}): Reply {
  return noticeFor('channel', t, text, params);
}

function noticeFor(audience: Audience, t: Catalog, text: string, params: Record<string, string | number>): Reply {
  return { kind: 'card', card: 'notice', data: { t, text: format(text, params) }, audience };
}

/**
 * A refusal given before any group use case ran: the channel is no (active) group, or the asker is from
 * another workspace or tenant. Only the asker sees it, and adapters answer it through the request itself
 * (Slack: the command's or button's response_url), since the bot may not be in the conversation at all.
 */
export function outsideGroupNotice(t: Catalog, text: string): Reply {
  return { kind: 'card', card: 'notice', data: { t, text, outsideGroup: true } };
}

export function isOutsideGroupNotice(reply: Reply): reply is Extract<Reply, { kind: 'card' }> & { data: { text: string } } {
  return reply.kind === 'card' && reply.card === 'notice' && reply.data.outsideGroup === true;
}

import type { Catalog } from '../../i18n/index.js';
import { format } from '../../i18n/index.js';
import type { Audience, Reply } from '../events.js';

export function helpCard(t: Catalog): Reply {
  return { kind: 'card', card: 'help', data: { t } };
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

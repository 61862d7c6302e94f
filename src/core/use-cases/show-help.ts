import type { Catalog } from '../../i18n/index.js';
import { format } from '../../i18n/index.js';
import type { Reply } from '../events.js';

export function helpCard(t: Catalog): Reply {
  return { kind: 'card', card: 'help', data: { t } };
}

/** A short message card: refusals and confirmations. */
export function notice(t: Catalog, text: string, params: Record<string, string | number> = {}): Reply {
  return { kind: 'card', card: 'notice', data: { t, text: format(text, params) } };
}

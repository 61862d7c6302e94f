// What a refused download link says (issue 18 item 6): which file it was a link to and how to get a new one,
// and whether it expired, was never valid (cut short, changed) or points at something that is gone. One
// text per kind of link, so a kansli reader who opens an old link from an e-mail or a post knows what to ask for.
import type { Response } from 'express';
import type { Catalog } from '../i18n/index.js';
import { format } from '../i18n/index.js';
import type { LinkCheck } from './signed-links.js';

export type LinkKind = keyof Catalog['exports']['links']['what'];

/** Why the link is refused: its check failed ('invalid', 'expired'), or what it names no longer exists. */
export type Refusal = Exclude<LinkCheck, 'ok'> | 'missing';

export function linkRefusalText(t: Catalog, kind: LinkKind, why: Refusal): string {
  const l = t.exports.links;
  return format(l[why], { what: l.what[kind], renew: l.renew[kind] });
}

/** 403 for a bad or expired signature, 404 for what is gone; plain text, in the bot's language. */
export function refuseLink(res: Response, t: Catalog, kind: LinkKind, why: Refusal): void {
  res
    .status(why === 'missing' ? 404 : 403)
    .type('text/plain; charset=utf-8')
    .send(linkRefusalText(t, kind, why));
}

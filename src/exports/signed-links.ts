// Signed, expiring download links: whoever holds the link may fetch the file until it expires, nobody can
// forge one for another group or extend it. HMAC-SHA256 over the path and the expiry; compared in constant
// time. Generic on purpose: meetings calendars now, plans and reports later.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../core/ports.js';

export type LinkCheck = 'ok' | 'invalid' | 'expired';

export interface LinkSigner {
  /** Absolute URL of `path` (starting with /) valid until now + ttl (the signer's, or `ttlMs` for this link). */
  url(path: string, ttlMs?: number): string;
  /** Checks the `expires` and `signature` query parameters of a request for `path`. */
  verify(path: string, query: { expires?: unknown; signature?: unknown }): LinkCheck;
}

export interface LinkSignerOptions {
  secret: string | Buffer;
  /** Public base URL without trailing slash, e.g. https://samverkansbot.example.se; read on every call. */
  baseUrl: () => string;
  clock: Clock;
  ttlMs: number;
}

export const DEFAULT_LINK_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** A personal-data export names one person: its link lives an hour (the card says so), not a week. */
export const PERSONAL_DATA_LINK_TTL_MS = 60 * 60 * 1000;

export function createLinkSigner({ secret, baseUrl, clock, ttlMs }: LinkSignerOptions): LinkSigner {
  const signature = (path: string, expires: number) => createHmac('sha256', secret).update(`${path}\n${expires}`).digest('base64url');
  return {
    url(path, linkTtlMs = ttlMs) {
      const expires = Math.floor((clock.now().getTime() + linkTtlMs) / 1000);
      return `${baseUrl()}${path}?expires=${expires}&signature=${signature(path, expires)}`;
    },
    verify(path, query) {
      const expires = typeof query.expires === 'string' && /^\d{1,12}$/.test(query.expires) ? Number(query.expires) : NaN;
      if (!Number.isFinite(expires) || typeof query.signature !== 'string') return 'invalid';
      const expected = Buffer.from(signature(path, expires));
      const given = Buffer.from(query.signature);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
      return expires * 1000 > clock.now().getTime() ? 'ok' : 'expired';
    },
  };
}

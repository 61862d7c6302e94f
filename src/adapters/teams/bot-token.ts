// Bot Framework tokens checked before the SDK sees them. The SDK answers some forged tokens with a 500 that
// carries its internal error text, and prints stack traces and the signing keys on stderr (measured:
// a wrong audience, a foreign signature, an expired token). Here every token is taken apart, its claims
// and its RS256 signature checked against the published signing keys, and each failure has one short
// reason for the log. Only a token that passes goes on to the SDK, which checks it again (endorsements,
// the serviceUrl claim) and runs the turn.
import { createPublicKey, verify as verifySignature, type JsonWebKey, type KeyObject } from 'node:crypto';

/** Where Microsoft publishes the signing keys (what the SDK reads; tests point both at loopback). */
export interface OpenIdMetadataUrls {
  channel: string;
  emulator: string;
}

export const MICROSOFT_OPENID_METADATA: OpenIdMetadataUrls = {
  channel: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  emulator: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
};

export const CHANNEL_ISSUER = 'https://api.botframework.com';
/** Tokens Azure AD issues for the bot's own app id (Bot Framework Emulator, Agents Playground with an app id). */
const DIRECTORY_ISSUER = /^https:\/\/(sts\.windows\.net|login\.microsoftonline\.com)\/[0-9a-f-]{36}\/(v2\.0)?$/;
/** The SDK's tolerance for clocks that disagree (5 minutes). */
const CLOCK_SKEW_SECONDS = 300;
/** Keys are fetched again after a day, or for an unknown key id at most every 5 minutes. */
const KEYS_MAX_AGE_MS = 24 * 60 * 60 * 1000;
const UNKNOWN_KEY_REFETCH_MS = 5 * 60 * 1000;
const FETCH_TIMEOUT_MS = 5_000;

export class BotTokenError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'BotTokenError';
  }
}

interface KeySet {
  keys: Map<string, KeyObject>;
  fetchedAt: number;
}

function decodeJson(part: string | undefined): Record<string, unknown> | null {
  if (!part || !/^[\w-]+$/.test(part)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

async function fetchJson(url: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'error' });
  if (!response.ok) throw new Error(`${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

async function loadKeys(metadataUrl: string): Promise<Map<string, KeyObject>> {
  const metadata = await fetchJson(metadataUrl);
  if (typeof metadata.jwks_uri !== 'string') throw new Error('no jwks_uri');
  const { keys } = await fetchJson(metadata.jwks_uri);
  const found = new Map<string, KeyObject>();
  for (const key of Array.isArray(keys) ? (keys as JsonWebKey[]) : []) {
    if (key.kty !== 'RSA' || typeof key.kid !== 'string' || !key.n || !key.e) continue;
    found.set(key.kid, createPublicKey({ key: { kty: 'RSA', n: key.n, e: key.e }, format: 'jwk' }));
  }
  return found;
}

/**
 * Resolves when `authorization` is "Bearer <token>" with a token signed (RS256) by a published key, issued
 * by the Bot Framework (or Azure AD) for `appId`, and valid now; rejects with a BotTokenError otherwise.
 */
export function botTokenVerifier(options: { appId: string; metadata: OpenIdMetadataUrls; now?: () => number }) {
  const now = options.now ?? Date.now;
  const keySets = new Map<string, KeySet>();
  const loading = new Map<string, Promise<KeySet>>();

  async function keyFor(metadataUrl: string, kid: string): Promise<KeyObject | undefined> {
    const cached = keySets.get(metadataUrl);
    const age = cached ? now() - cached.fetchedAt : Infinity;
    if (cached && age < KEYS_MAX_AGE_MS && (cached.keys.has(kid) || age < UNKNOWN_KEY_REFETCH_MS)) return cached.keys.get(kid);
    let pending = loading.get(metadataUrl);
    if (!pending) {
      pending = loadKeys(metadataUrl)
        .then((keys) => {
          const set = { keys, fetchedAt: now() };
          keySets.set(metadataUrl, set);
          return set;
        })
        .finally(() => loading.delete(metadataUrl));
      loading.set(metadataUrl, pending);
    }
    try {
      return (await pending).keys.get(kid);
    } catch {
      // Keys we had still count; without any there is nothing to check against.
      if (cached) return cached.keys.get(kid);
      throw new BotTokenError('signing keys could not be loaded');
    }
  }

  return async function verifyBotToken(authorization: string | undefined): Promise<void> {
    if (!authorization) throw new BotTokenError('no Authorization header');
    const match = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(authorization);
    if (!match) throw new BotTokenError('Authorization is not a Bearer JSON Web Token');
    const [, headerPart, payloadPart, signaturePart] = match as unknown as [string, string, string, string];
    const header = decodeJson(headerPart);
    const claims = decodeJson(payloadPart);
    if (!header || !claims) throw new BotTokenError('token header or claims are not JSON');
    if (header.alg !== 'RS256') throw new BotTokenError('token is not signed with RS256');
    if (typeof header.kid !== 'string' || !header.kid) throw new BotTokenError('token names no signing key');
    const issuer = typeof claims.iss === 'string' ? claims.iss : '';
    const channel = issuer === CHANNEL_ISSUER;
    if (!channel && !DIRECTORY_ISSUER.test(issuer)) throw new BotTokenError('token issuer is not the Bot Framework');
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.includes(options.appId)) throw new BotTokenError('token audience is not this bot');
    const seconds = now() / 1000;
    if (typeof claims.exp !== 'number' || claims.exp + CLOCK_SKEW_SECONDS < seconds) throw new BotTokenError('token has expired');
    if (typeof claims.nbf === 'number' && claims.nbf - CLOCK_SKEW_SECONDS > seconds) throw new BotTokenError('token is not valid yet');
    const key = await keyFor(channel ? options.metadata.channel : options.metadata.emulator, header.kid);
    if (!key) throw new BotTokenError('token signing key is not published');
    const signed = Buffer.from(`${headerPart}.${payloadPart}`);
    if (!verifySignature('RSA-SHA256', signed, key, Buffer.from(signaturePart, 'base64url'))) throw new BotTokenError('token signature does not verify');
  };
}

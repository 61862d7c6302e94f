// The OAuth `state` parameter (CSRF protection of /slack/oauth_redirect): signed (HMAC-SHA256), valid for
// 10 minutes and usable ONCE. Bolt's built-in ClearStateStore checks signature and age only, so a state
// seen in a browser history or a proxy log could finish another install within its 10 minutes; here its
// nonce is claimed in ProcessedRequest (shared by every instance on the database) at the first callback.
// Bolt's InstallProvider also ties the state to the installing browser with a cookie.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { InstallURLOptions, StateStore } from '@slack/bolt';
import type { Clock, Store } from '../../../core/ports.js';

export const STATE_LIFETIME_SECONDS = 600;
/** Clocks of several instances may differ a little; a state from further in the future is forged. */
const CLOCK_SKEW_MS = 60_000;

/** What @slack/oauth's failure callback receives; its code tells a bad state from other failures. */
export class InvalidStateError extends Error {
  readonly code = 'slack_oauth_invalid_state';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidStateError';
  }
}

interface StatePayload {
  installOptions: InstallURLOptions;
  issuedAt: number;
  nonce: string;
}

export function createSingleUseStateStore(secret: Buffer, store: Store, clock: Clock): StateStore {
  const sign = (body: string) => createHmac('sha256', secret).update(body).digest();
  return {
    async generateStateParam(installOptions) {
      const payload: StatePayload = { installOptions, issuedAt: clock.now().getTime(), nonce: randomBytes(16).toString('base64url') };
      const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
      return `${body}.${sign(body).toString('base64url')}`;
    },
    async verifyStateParam(_now, state) {
      const [body, signature] = state.split('.');
      const expected = body ? sign(body) : null;
      const given = Buffer.from(signature ?? '', 'base64url');
      if (!body || !expected || given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new InvalidStateError('the state parameter is not one this app signed');
      }
      const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as StatePayload;
      const age = clock.now().getTime() - payload.issuedAt;
      if (!(age <= STATE_LIFETIME_SECONDS * 1000 && age >= -CLOCK_SKEW_MS)) throw new InvalidStateError('the state parameter has expired');
      if (!(await store.processedRequests.claim('slack', `oauth-state:${payload.nonce}`))) {
        throw new InvalidStateError('the state parameter has been used already');
      }
      return payload.installOptions;
    },
  };
}

// What a failed Slack Web API call means, in the outbox's vocabulary (DeliveryError: retry or not, and
// when) and for answering people (not a member there → the response_url; Slack unavailable → say so).
import { webApi } from '@slack/bolt';
import { DeliveryError } from '../../core/delivery.js';

/** Platform errors that may go away by themselves (https://docs.slack.dev/reference/methods/chat.postMessage). */
const TRANSIENT_ERRORS = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);
const NOT_IN_CHANNEL = new Set(['not_in_channel', 'channel_not_joined']);
const CHANNEL_GONE = new Set(['channel_not_found', 'is_archived', 'no_permission']);
const UNAUTHORIZED = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'missing_scope', 'restricted_action', 'ekm_access_denied', 'team_access_not_granted']);

/** Slack's answer as a DeliveryError: what the outbox needs to decide (retry, when, or give up). */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return new DeliveryError('rate-limited', true, `slack: HTTP 429, retry after ${error.retryAfter} s`, error.retryAfter * 1000);
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    const retryable = error.statusCode >= 500 || error.statusCode === 408;
    return new DeliveryError(retryable ? 'server-error' : 'unknown', retryable, `slack: HTTP ${error.statusCode}`);
  }
  if (error instanceof webApi.WebAPIRequestError) return new DeliveryError('network', true, `slack: request failed (${error.original.name})`);
  if (error instanceof webApi.WebAPIPlatformError) {
    const code = error.data.error;
    const detail = `slack: ${code}`;
    if (TRANSIENT_ERRORS.has(code)) return new DeliveryError(code === 'ratelimited' ? 'rate-limited' : 'server-error', true, detail);
    if (NOT_IN_CHANNEL.has(code)) return new DeliveryError('not-in-channel', false, detail);
    if (CHANNEL_GONE.has(code)) return new DeliveryError('channel-not-found', false, detail);
    if (UNAUTHORIZED.has(code)) return new DeliveryError('unauthorized', false, detail);
    if (code === 'invalid_blocks' || code === 'msg_too_long' || code === 'invalid_arguments') return new DeliveryError('unsupported', false, detail);
    return new DeliveryError('unknown', false, detail);
  }
  return new DeliveryError('unknown', false, `slack: ${error instanceof Error ? error.name : 'unknown error'}`);
}

/** The bot is not in that conversation (a DM or private channel it was never added to): the Web API cannot post there. */
export function isNotMember(error: unknown): boolean {
  const { reason } = toDeliveryError(error);
  return reason === 'not-in-channel' || reason === 'channel-not-found';
}

/** Slack did not answer in time, was down or rate-limited: worth trying again in a while. */
export function isSlackUnavailable(error: unknown): boolean {
  return toDeliveryError(error).retryable;
}

/** Slack's trigger_id was too old (3 s) or already used: the modal cannot be opened any more. */
export function isStaleTrigger(error: unknown): boolean {
  return error instanceof webApi.WebAPIPlatformError && ['expired_trigger_id', 'exchanged_trigger_id', 'invalid_trigger_id'].includes(error.data.error);
}

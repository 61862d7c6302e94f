// Replays and retries processed once (issue 13). Slack resends an event it thinks was lost (same event_id,
// x-slack-retry-num 1, 2 …), anyone who captured a signed request can resend it within Slack's 5-minute
// window, and Teams may deliver one activity twice. Each edge names what a copy repeats (Slack: event_id, the
// request's signature or the Socket Mode envelope id; Teams: conversation + activity id) and claims that key
// in the database before the request is processed: the first copy wins, on whichever instance it arrived,
// and every later copy is acknowledged and dropped. Slack refuses requests older than 5 minutes and retries
// within about an hour, so a key is kept a day; the scheduler's hourly retention run deletes older ones.
import { createHash } from 'node:crypto';
import type { Platform } from '../domain.js';
import type { Store } from '../ports.js';

export const PROCESSED_REQUEST_KEEP_MS = 24 * 3_600_000;

/**
 * True for the first copy of the request `key`, false for a replay or retry. The key is stored hashed: what
 * a client sends (a Teams conversation id, a signature) is neither kept nor allowed to grow the row. When the
 * database cannot answer, the request goes on (its own work then fails and tells the person) and `onError`
 * hears why: refusing it would turn a database hiccup into silence.
 */
export async function firstDelivery(store: Store, platform: Platform, key: string, onError: (error: unknown) => void): Promise<boolean> {
  try {
    return await store.processedRequests.claim(platform, createHash('sha256').update(key).digest('hex'));
  } catch (error) {
    onError(error);
    return true;
  }
}

/** Deletes the keys older than PROCESSED_REQUEST_KEEP_MS at `now`; returns how many. */
export function forgetProcessedRequests(store: Store, now: Date): Promise<number> {
  return store.processedRequests.deleteOlderThan(new Date(now.getTime() - PROCESSED_REQUEST_KEEP_MS));
}

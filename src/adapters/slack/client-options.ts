// How the Web API client that answers people (Bolt's `client` in listeners) talks to Slack. The default
// @slack/web-api client has no timeout and retries up to ten times over about thirty minutes, waiting out
// every 429: a views.open that failed with a 500 was retried until its trigger_id (3 s) had expired, and a
// reply during an outage was retried for minutes while the person heard nothing. An answer is useful
// within seconds or not at all, so: a short timeout, one quick retry, and a rate-limited call fails at once
// so the person is told to try again. The outbox's sender (slack-sender.ts) keeps its own, persistent
// retries.
import type { webApi } from '@slack/bolt';

/** A Slack answer slower than this is given up: a modal's trigger_id is only good for 3 s anyway. */
export const INTERACTIVE_TIMEOUT_MS = 3000;

/** Web API client options for answering people; `slackApiUrl` is Slack's, GovSlack's or a local fake's. */
export function interactiveClientOptions(slackApiUrl: string): webApi.WebClientOptions {
  return {
    slackApiUrl,
    timeout: INTERACTIVE_TIMEOUT_MS,
    // One retry a quarter of a second later covers a single dropped request; no long back-off.
    retryConfig: { retries: 1, factor: 1, minTimeout: 250, maxTimeout: 250, randomize: false },
    rejectRateLimitedCalls: true,
  };
}

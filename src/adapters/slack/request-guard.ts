// Bolt rejects requests older than 5 minutes but accepts any timestamp in the future (measured, see
// platform-facts.md), so a request captured with a skewed clock could be replayed for as long as that skew
// lasts. This guard runs before Bolt and closes that gap; everything else (signature, missing headers,
// old timestamps) stays with Bolt's own verification.
import type { RequestHandler } from 'express';

export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

export function rejectFutureTimestamps(nowSeconds: () => number = () => Math.floor(Date.now() / 1000)): RequestHandler {
  return (req, res, next) => {
    const header = req.headers['x-slack-request-timestamp'];
    const timestamp = Number(Array.isArray(header) ? header[0] : header);
    if (Number.isFinite(timestamp) && timestamp - nowSeconds() > MAX_CLOCK_SKEW_SECONDS) {
      res.status(401).type('text/plain').send('');
      return;
    }
    next();
  };
}

/** Slack's own payloads stay far below this; anything larger is refused before it is read or signed. */
export const MAX_SLACK_BODY_BYTES = 256 * 1024;

/**
 * Refuses a body above `maxBytes` (413) or of unknown length (411) from its Content-Length header, before Bolt
 * reads it into memory and computes its HMAC. Slack always sends Content-Length.
 */
export function limitBodySize(maxBytes: number = MAX_SLACK_BODY_BYTES): RequestHandler {
  return (req, res, next) => {
    const declared = req.headers['content-length'];
    const length = declared === undefined ? NaN : Number(declared);
    if (Number.isSafeInteger(length) && length >= 0 && length <= maxBytes) return next();
    const status = declared === undefined ? 411 : 413;
    res.status(status).type('text/plain').send('');
    // Unread bytes need not be drained: the connection is closed after the answer.
    res.once('finish', () => req.destroy());
  };
}

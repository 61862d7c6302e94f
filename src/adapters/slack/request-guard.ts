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

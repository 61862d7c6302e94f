// Replays and retries processed once (issue 13; the claim itself is core/use-cases/replays.ts). What a copy
// of a Slack request repeats:
// - an Events API event: its event_id (Slack's own retries, x-slack-retry-num 1, 2 …, carry the same one);
// - any other request over HTTP (slash command, block action, view submission): its x-slack-signature,
//   an HMAC over the timestamp and the whole body, so a captured request sent again within Slack's 5-minute
//   window repeats it exactly while two real requests never share one;
// - over Socket Mode: the envelope_id of the WebSocket message.
// A copy whose key was claimed before is acknowledged with nothing (Slack stops retrying; a modal closes as
// it did after the first copy) and goes no further.
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Request } from 'express';
import type { Store } from '../../core/ports.js';
import { firstDelivery } from '../../core/use-cases/replays.js';
import type { Logger } from '../../logger.js';

/** The context property the receivers fill in (a custom property: Bolt refuses names of its own). */
const DELIVERY_KEY = 'deliveryKey';

/** For ExpressReceiver's customPropertiesExtractor: the request's signature. */
export function httpDeliveryKey(request: Request): Record<string, string> {
  const signature = request.headers['x-slack-signature'];
  return typeof signature === 'string' && signature !== '' ? { [DELIVERY_KEY]: `signature:${signature}` } : {};
}

/** For SocketModeReceiver's customPropertiesExtractor: the envelope's id. */
export function socketDeliveryKey(args: { envelope_id?: unknown }): Record<string, string> {
  return typeof args.envelope_id === 'string' && args.envelope_id !== '' ? { [DELIVERY_KEY]: `envelope:${args.envelope_id}` } : {};
}

/** The key copies of this request share, or null when there is nothing to go by (then it is processed). */
export function slackRequestKey(body: unknown, context: Record<string, unknown>): string | null {
  // Options asked for as someone types only read (suggestions.ts): a copy is answered again, with no
  // database write per keystroke in Slack's 3 s.
  if ((body as { type?: unknown } | null)?.type === 'block_suggestion') return null;
  const eventId = (body as { type?: unknown; event_id?: unknown } | null)?.type === 'event_callback' ? (body as { event_id?: unknown }).event_id : undefined;
  if (typeof eventId === 'string' && eventId !== '') return `event:${eventId}`;
  const key = context[DELIVERY_KEY];
  return typeof key === 'string' ? key : null;
}

/** Global Bolt middleware: the first copy of a request goes on to the listeners, every later copy stops here. */
export function processOnce(store: Store, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const key = slackRequestKey(args.body, args.context);
    const warn = (error: unknown) => logger.warn({ err: error }, 'slack: could not record the request for replay protection; processing it');
    if (key === null || (await firstDelivery(store, 'slack', key, warn))) {
      await args.next();
      return;
    }
    logger.info({ kind: key.slice(0, key.indexOf(':')), retryNum: args.context.retryNum }, 'slack: repeated request acknowledged and dropped');
    // Events were acknowledged by Bolt already; everything else gets an empty 200 now.
    if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
  };
}

// Signed requests of the wrong shape. Bolt leaves a block_actions without a usable action, or a view
// without a callback_id, unanswered for 3 s (the person sees Slack's own error), and answers 500 when a
// payload lacks what it reads before any middleware runs (no user, no view). Both are acknowledged at
// once here with a clear message where Slack can show one; nothing of such a request is acted on.
import type { AnyMiddlewareArgs, App, Middleware, RespondFn, webApi } from '@slack/bolt';
import type { ExpressReceiverOptions } from '@slack/bolt';
import type { Catalog } from '../../i18n/index.js';
import type { Logger } from '../../logger.js';
import { modalMessage, tellPrivately } from './deliver.js';
import { slackChannel } from './to-event.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What is wrong with an interaction's shape, or null when the listeners can take it. */
export function malformedInteraction(body: unknown): 'actions' | 'view' | null {
  if (!isRecord(body)) return null;
  if (body.type === 'block_actions') {
    const { actions } = body;
    const usable = Array.isArray(actions) && actions.length > 0 && actions.every((action) => isRecord(action) && typeof action.action_id === 'string' && action.action_id !== '');
    return usable && isRecord(body.user) && typeof body.user.id === 'string' ? null : 'actions';
  }
  if (body.type === 'view_submission' || body.type === 'view_closed') {
    const { view } = body;
    const usable = isRecord(view) && typeof view.callback_id === 'string' && (body.type === 'view_closed' || (isRecord(view.state) && isRecord(view.state.values)));
    return usable && isRecord(body.user) && typeof body.user.id === 'string' ? null : 'view';
  }
  return null;
}

/** Global Bolt middleware: a malformed block_actions or view is acknowledged and explained, and goes no further. */
export function answerMalformed(logger: Logger, t: Catalog): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const problem = malformedInteraction(args.body);
    if (!problem) {
      await args.next();
      return;
    }
    logger.warn({ problem }, 'slack: an interaction of the wrong shape was acknowledged and not acted on');
    const body = args.body as Record<string, any>;
    const ack = 'ack' in args && typeof args.ack === 'function' ? (args.ack as (response?: unknown) => Promise<void>) : null;
    if (problem === 'view' && body.type === 'view_submission') {
      // In the modal itself: under its first input, or as its new content.
      await ack?.(modalMessage(isRecord(body.view) ? (body.view as { blocks?: { type: string; block_id?: string }[] }) : {}, t.errors.unreadableRequest, t));
      return;
    }
    await ack?.();
    const respond = 'respond' in args ? (args.respond as RespondFn | undefined) : undefined;
    const channelId = body.channel?.id ?? body.container?.channel_id;
    const userId = body.user?.id;
    if (!respond && !(typeof channelId === 'string' && typeof userId === 'string')) return;
    try {
      const client = (args as { client: webApi.WebClient }).client;
      await tellPrivately({ client, channel: slackChannel('', String(channelId ?? ''), null), userId: String(userId ?? ''), respond, privateViaResponseUrl: Boolean(respond) }, t.errors.unreadableRequest);
    } catch (error) {
      logger.warn({ err: error }, 'slack: could not tell the person about an unreadable interaction');
    }
  };
}

/**
 * ExpressReceiver's processEventErrorHandler: a request Bolt itself could not process (it throws before
 * any middleware on a payload without a user or a view) gets 200 and, through its response_url when it
 * has one, the same clear message, never a 500.
 */
export function unprocessableRequestHandler(logger: Logger, t: Catalog): NonNullable<ExpressReceiverOptions['processEventErrorHandler']> {
  return async ({ error, request, response }) => {
    if (response.headersSent) {
      logger.error({ err: error }, 'slack: unhandled error after the request was acknowledged');
      return false;
    }
    logger.warn({ err: error }, 'slack: a request Bolt could not process was acknowledged and not acted on');
    response.writeHead(200).end();
    const responseUrl = (request as { body?: { response_url?: unknown } }).body?.response_url;
    if (typeof responseUrl === 'string') await tellThroughResponseUrl(logger, responseUrl, t.errors.unreadableRequest);
    // Answered here: Bolt must not answer again.
    return false;
  };
}

/**
 * A block_actions without `actions` is one Bolt cannot even type: no middleware runs and nothing answers
 * it for 3 s. Wraps App.processEvent (what every receiver calls) so that an interaction nothing
 * acknowledged is acknowledged when Bolt is done with it, and explained through its response_url.
 */
export function acknowledgeUnanswered(bolt: App, logger: Logger, t: Catalog): void {
  const processEvent = bolt.processEvent.bind(bolt);
  bolt.processEvent = async (event) => {
    let acked = false;
    const ack: typeof event.ack = async (response) => {
      acked = true;
      return event.ack(response);
    };
    await processEvent({ ...event, ack });
    const body = event.body as Record<string, unknown>;
    if (acked || !isRecord(body) || !['block_actions', 'view_submission', 'view_closed'].includes(String(body.type))) return;
    logger.warn({ type: String(body.type) }, 'slack: an interaction no listener took was acknowledged and not acted on');
    await ack();
    if (typeof body.response_url === 'string') await tellThroughResponseUrl(logger, body.response_url, t.errors.unreadableRequest);
  };
}

/** A message for the person only, POSTed to a response_url (Slack's; a local fake's in tests). */
async function tellThroughResponseUrl(logger: Logger, responseUrl: string, text: string): Promise<void> {
  if (!/^https?:\/\//.test(responseUrl)) return;
  try {
    await fetch(responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text, response_type: 'ephemeral', replace_original: false }),
      signal: AbortSignal.timeout(3000),
    });
  } catch (error) {
    logger.warn({ err: error }, 'slack: could not tell the person about an unreadable request');
  }
}

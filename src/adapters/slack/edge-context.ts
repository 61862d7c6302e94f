// What every Slack listener needs, and the one place that turns an exception into a logged error plus
// the catalog's generic message, so no listener can leave a person without an answer.
import type { webApi } from '@slack/bolt';
import type { Bot } from '../../core/bot.js';
import type { InboundEvent } from '../../core/events.js';
import type { Catalog } from '../../i18n/index.js';
import type { Logger } from '../../logger.js';
import { deliver, tellGenericError, type ReplyTarget } from './deliver.js';
import type { SlackDirectory } from './directory.js';
import { slackActor } from './to-event.js';

export interface SlackEdgeContext {
  bot: Bot;
  logger: Logger;
  directory: SlackDirectory;
  /** For the generic error, when the failure may have happened before the group (and its language) was known. */
  fallbackCatalog: Catalog;
}

/** Logs an exception without user text (ids and error only) and tells the asker something went wrong. */
export async function reportFailure(edge: SlackEdgeContext, what: string, error: unknown, target: ReplyTarget): Promise<void> {
  edge.logger.error({ err: error, what, channelId: target.channel.channelId }, 'slack: could not answer');
  try {
    await tellGenericError(target, edge.fallbackCatalog);
  } catch (second) {
    edge.logger.error({ err: second, what }, 'slack: could not even tell the user about the error');
  }
}

/** bot.handle(event) and show the reply; any failure ends in reportFailure. */
export async function answer(edge: SlackEdgeContext, what: string, target: ReplyTarget, event: () => Promise<InboundEvent>): Promise<void> {
  try {
    await deliver(await edge.bot.handle(await event()), { ...target, logger: edge.logger });
  } catch (error) {
    await reportFailure(edge, what, error, target);
  }
}

export async function actorFor(edge: SlackEdgeContext, client: webApi.WebClient, teamId: string, userId: string, fallbackName?: string) {
  return slackActor(teamId, userId, await edge.directory.userName(client, userId, fallbackName));
}

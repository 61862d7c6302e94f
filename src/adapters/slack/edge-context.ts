// What every Slack listener needs, and the one place that turns an exception into a logged error plus
// the catalog's generic message, so no listener can leave a person without an answer.
import type { RespondFn, webApi } from '@slack/bolt';
import type { Bot } from '../../core/bot.js';
import type { Actor, ChannelAddress, InboundEvent } from '../../core/events.js';
import { isOutsideGroupNotice } from '../../core/use-cases/show-help.js';
import { renderCard } from '../../cards/render-card.js';
import type { Catalog } from '../../i18n/index.js';
import type { Logger } from '../../logger.js';
import { cardMessage, deliver, tellGenericError, type ReplyTarget } from './deliver.js';
import type { SlackDirectory } from './directory.js';
import type { ModalSuggestions } from './suggestions.js';
import { callerHome, installationKey, slackActor, slackChannel, type SlackCaller, type SlackInstallation } from './to-event.js';

export interface SlackEdgeContext {
  bot: Bot;
  logger: Logger;
  directory: SlackDirectory;
  /** For the generic error, when the failure may have happened before the group (and its language) was known. */
  fallbackCatalog: Catalog;
  /** The workspace or org the request's bot token belongs to (auth.test, asked once per token): whose channels become groups. */
  installation(client: webApi.WebClient): Promise<SlackInstallation>;
  /** Deletes the stored installation of a workspace or org that uninstalled the app (OAuth installs); false when none. */
  forgetInstallation(tenantId: string): Promise<boolean>;
  /** The options of open modals' long lists, for block_suggestion. */
  suggestions: ModalSuggestions;
}

/**
 * auth.test of each bot token, once per process and token (a failure is asked again next time). The token
 * is the installation's: one SLACK_BOT_TOKEN, or the one Bolt's authorize found for the request's
 * workspace or org. The payloads' team ids are the caller's, which in a shared channel (Slack Connect,
 * Enterprise Grid) is another workspace.
 */
export function installationOfToken(): SlackEdgeContext['installation'] {
  const known = new Map<string, Promise<SlackInstallation>>();
  return (client) => {
    const token = client.token ?? '';
    let answer = known.get(token);
    if (!answer) {
      answer = client.auth.test().then(
        (tested) => ({
          teamId: tested.team_id ?? '',
          enterpriseId: tested.enterprise_id || null,
          isEnterpriseInstall: tested.is_enterprise_install === true,
        }),
        (error: unknown) => {
          known.delete(token);
          throw error;
        },
      );
      known.set(token, answer);
    }
    return answer;
  };
}

/** Where an answer goes; `respond` is Bolt's for the request's response_url (commands and buttons have one). */
export type AnswerTarget = ReplyTarget & { respond?: RespondFn };

/** Logs an exception without user text (ids and error only) and tells the asker something went wrong. */
export async function reportFailure(edge: SlackEdgeContext, what: string, error: unknown, target: ReplyTarget): Promise<void> {
  edge.logger.error({ err: error, what, channelId: target.channel.channelId }, 'slack: could not answer');
  try {
    await tellGenericError(target, edge.fallbackCatalog);
  } catch (second) {
    edge.logger.error({ err: second, what }, 'slack: could not even tell the user about the error');
  }
}

/**
 * bot.handle(event) and show the reply; any failure ends in reportFailure. A refusal outside any group
 * goes back through the response_url as an ephemeral message: in a DM or a private channel the bot is not
 * in, chat.postEphemeral fails with channel_not_found.
 */
export async function answer(edge: SlackEdgeContext, what: string, target: AnswerTarget, event: () => Promise<InboundEvent>): Promise<void> {
  try {
    const reply = await edge.bot.handle(await event());
    if (target.respond && isOutsideGroupNotice(reply)) {
      const { channel: _channel, ...message } = cardMessage(target.channel.channelId, renderCard(reply.card, reply.data));
      await target.respond({ ...message, response_type: 'ephemeral', replace_original: false });
      return;
    }
    await deliver(reply, { ...target, logger: edge.logger, suggestions: edge.suggestions });
  } catch (error) {
    await reportFailure(edge, what, error, target);
  }
}

/** The conversation as the core knows it: keyed on the installation, whoever is asking. */
export async function channelFor(edge: SlackEdgeContext, client: webApi.WebClient, channelId: string, channelName: string | null): Promise<ChannelAddress> {
  return slackChannel(installationKey(await edge.installation(client)), channelId, channelName);
}

/** The person, with their own workspace (or org, for an org-wide install) as tenant. */
export async function actorFor(edge: SlackEdgeContext, client: webApi.WebClient, caller: SlackCaller, userId: string, fallbackName?: string): Promise<Actor> {
  const home = callerHome(await edge.installation(client), caller);
  return slackActor(home, userId, await edge.directory.userName(client, userId, fallbackName));
}

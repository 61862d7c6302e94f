// What every Slack listener needs, and the one place that turns an exception into a logged error plus
// the catalog's generic message, so no listener can leave a person without an answer.
import type { webApi } from '@slack/bolt';
import type { Bot } from '../../core/bot.js';
import type { Actor, ChannelAddress, InboundEvent } from '../../core/events.js';
import { isOutsideGroupNotice } from '../../core/use-cases/show-help.js';
import type { Catalog } from '../../i18n/index.js';
import type { Logger } from '../../logger.js';
import { deliver, tellPrivately, type ReplyTarget } from './deliver.js';
import { isSlackUnavailable, isStaleTrigger } from './slack-errors.js';
import type { SlackDirectory } from './directory.js';
import type { ModalSuggestions } from './suggestions.js';
import { callerHome, installationKey, modalOpenerOf, slackActor, slackChannel, type SlackCaller, type SlackInstallation } from './to-event.js';

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

/** The one message a failure gets: Slack's own trouble and a stale trigger_id are said as such. */
function failureText(error: unknown, t: Catalog): string {
  if (isStaleTrigger(error)) return t.errors.formExpired;
  if (isSlackUnavailable(error)) return t.errors.slackUnavailable;
  return t.errors.generic;
}

/**
 * Logs an exception without user text (ids and error only) and tells the asker what went wrong: through
 * the response_url first when there is one, since the Web API may be what failed.
 */
export async function reportFailure(edge: SlackEdgeContext, what: string, error: unknown, target: ReplyTarget): Promise<void> {
  edge.logger.error({ err: error, what, channelId: target.channel.channelId }, 'slack: could not answer');
  try {
    await tellPrivately({ ...target, privateViaResponseUrl: Boolean(target.respond) }, failureText(error, edge.fallbackCatalog));
  } catch (second) {
    edge.logger.error({ err: second, what }, 'slack: could not even tell the user about the error');
  }
}

/**
 * bot.handle(event) and show the reply; any failure ends in reportFailure. A refusal outside any group
 * goes back through the response_url as an ephemeral message: in a DM or a private channel the bot is not
 * in, chat.postEphemeral fails with channel_not_found. When the event's actor had only the request's name
 * (actorNow), the directory's name is fetched after the answer and stored.
 */
export async function answer(edge: SlackEdgeContext, what: string, target: ReplyTarget, event: () => Promise<InboundEvent>): Promise<void> {
  let inbound: InboundEvent | null = null;
  try {
    inbound = await event();
    const reply = await edge.bot.handle(inbound);
    const outside = Boolean(target.respond) && isOutsideGroupNotice(reply);
    const opener = modalOpenerOf(inbound);
    await deliver(reply, { ...target, logger: edge.logger, suggestions: edge.suggestions, ...(opener ? { opener } : {}), ...(outside ? { privately: true, privateViaResponseUrl: true } : {}) });
  } catch (error) {
    await reportFailure(edge, what, error, target);
  }
  if (inbound && inbound.type !== 'bot-added') await refreshName(edge, target.client, inbound.channel, inbound.actor);
}

/** The conversation as the core knows it: keyed on the installation, whoever is asking. */
export async function channelFor(edge: SlackEdgeContext, client: webApi.WebClient, channelId: string, channelName: string | null): Promise<ChannelAddress> {
  return slackChannel(installationKey(await edge.installation(client)), channelId, channelName);
}

/** The person, with their own workspace (or org, for an org-wide install) as tenant; asks the directory for their name. */
export async function actorFor(edge: SlackEdgeContext, client: webApi.WebClient, caller: SlackCaller, userId: string, fallbackName?: string): Promise<Actor> {
  const home = callerHome(await edge.installation(client), caller);
  return slackActor(home, userId, await edge.directory.userName(client, userId, fallbackName));
}

/**
 * The person at once, without asking Slack anything a modal's 3 s would wait for: the directory's cached
 * name, else the request's own (the handle) marked provisional, so the core keeps a stored name; the real
 * name follows after the answer (refreshName).
 */
export async function actorNow(edge: SlackEdgeContext, client: webApi.WebClient, caller: SlackCaller, userId: string, requestName?: string): Promise<Actor> {
  const home = callerHome(await edge.installation(client), caller);
  const known = edge.directory.knownUserName(userId);
  if (known) return slackActor(home, userId, known);
  // Asked now, not awaited: by the time the person acts again (or the answer is out) the name is known.
  void edge.directory.userName(client, userId, '');
  return { ...slackActor(home, userId, requestName?.trim() || userId), provisionalName: true };
}

/** After answering a provisional actor: the directory's name, stored for the group's member when it differs. */
export async function refreshName(edge: SlackEdgeContext, client: webApi.WebClient, channel: ChannelAddress, actor: Actor): Promise<void> {
  if (!actor.provisionalName) return;
  try {
    // '' when Slack does not know them or does not answer: nothing better to store.
    const name = await edge.directory.userName(client, actor.userId, '');
    if (name) await edge.bot.renamed(channel, { ...actor, displayName: name, provisionalName: false });
  } catch (error) {
    edge.logger.warn({ err: error }, 'slack: could not store a refreshed name');
  }
}

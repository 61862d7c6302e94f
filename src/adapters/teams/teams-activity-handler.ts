// Teams turns → core events → cards. Each handler only parses, asks the core, and renders.
// Agents SDK swap: TeamsActivityHandler comes from @microsoft/agents-hosting-extensions-teams there, with
// the same overridable methods (onTeamsMembersAdded, onAdaptiveCardInvoke) and handler registration.
import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, CloudAdapter, InvokeResponse, TaskModuleRequest, TaskModuleResponse, TurnContext } from 'botbuilder';
import { MessageFactory, TeamsActivityHandler, TeamsInfo } from 'botbuilder';
import type { Bot } from '../../core/bot.js';
import { audienceOf, isPersonalForm, parseCommand, replyOrigin, updatesInPlace, type Actor, type ChannelAddress, type InboundEvent, type Reply } from '../../core/events.js';
import { catalogOf } from '../../cards/render-card.js';
import type { Catalog } from '../../i18n/index.js';
import type { Logger } from '../../logger.js';
import {
  actorOf,
  addsTheBot,
  removesTheBot,
  cardChannelOf,
  cardEventOf,
  channelAddressOf,
  commandTextOf,
  isRecord,
} from './activity-to-event.js';
import { sendPersonal, sendProactive } from './proactive.js';
import { cardMessage, cardOf, invokeCardAnswer, invokeCardResponse, invokeErrorResponse, invokeMessageResponse, replyMessage } from './reply-to-activity.js';
import { withOriginChannel } from '../../cards/origin-channel.js';
import type { AdaptiveCardJson } from '../../cards/render-card.js';
import { teamsDialogs, type TeamsDialogs } from './dialogs.js';

export interface TeamsHandlerOptions {
  bot: Bot;
  logger: Logger;
  /** The default catalog, for answers given before any group (and so its language) is known. */
  t: Catalog;
  /** The bot's app id ('' in local mode), for opening a person's private chat with the bot. */
  appId?: string;
}

type CardReply = Extract<Reply, { kind: 'card' }>;
type PrivateReply = CardReply | Extract<Reply, { kind: 'form' }>;

/**
 * A reply that concerns only the asker, given in a channel or group chat: a card for them alone, or a form
 * they fill in for themselves (their report, ballot, answers). Teams has no messages only one person sees
 * there, so it goes to the person's private chat with the bot instead.
 */
function forAskerOnly(here: ChannelAddress, reply: Reply): reply is PrivateReply {
  return !here.isPersonal && ((reply.kind === 'card' && audienceOf(reply) === 'asker') || isPersonalForm(reply));
}

/** The line the channel (or the presser) gets for a reply sent privately. */
function privateLine(reply: PrivateReply, sent: boolean): string {
  const t = catalogOf(reply.data);
  if (!sent) return t.notice.privateChatUnavailable;
  return reply.kind === 'form' ? t.notice.formSentPrivately : t.notice.sentPrivately;
}

/** A card telling the group of a change to its data (the core's announcesChange). */
function announced(reply: Reply): reply is CardReply {
  return reply.kind === 'card' && reply.announce === true;
}

/** The group channel a card shown in the private chat acts for, when the event came from such a card. */
function originOf(here: ChannelAddress, event: InboundEvent): string | undefined {
  return here.isPersonal && !event.channel.isPersonal ? event.channel.channelId : undefined;
}

/** Runs work for one key at a time, in arrival order; different keys run in parallel. */
function keyedQueue() {
  const tails = new Map<string, Promise<unknown>>();
  return <R>(key: string, work: () => Promise<R>): Promise<R> => {
    const run = (tails.get(key) ?? Promise.resolve()).catch(() => undefined).then(work);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}

export class SamverkansbotTeamsHandler extends TeamsActivityHandler {
  private readonly bot: Bot;
  private readonly logger: Logger;
  private readonly t: Catalog;
  private readonly appId: string;
  private readonly oneInstallAtATime = keyedQueue();
  private readonly dialogs: TeamsDialogs;

  constructor({ bot, logger, t, appId = '' }: TeamsHandlerOptions) {
    super();
    this.bot = bot;
    this.logger = logger;
    this.t = t;
    this.appId = appId;
    this.dialogs = teamsDialogs({
      bot,
      logger,
      t,
      // A change made in a dialog is posted once in the group's channel: the one the dialog was opened in,
      // or the one a card in the private chat acts for.
      announce: async (context, here, event, cardId, card) =>
        here.isPersonal
          ? this.announceFromPrivateChat(context, event, cardId, card)
          : !!here.conversationReference && (await this.announce(context, here.conversationReference, cardId, card)),
    });

    this.onMessage(async (context, next) => {
      await this.answerMessage(context);
      await next();
    });

    // Channels other than msteams (Bot Framework Emulator, Web Chat) report installs only this way.
    this.onMembersAdded(async (context, next) => {
      if (addsTheBot(context.activity)) await this.botAdded(context, { greet: true });
      await next();
    });

    // Teams sends installationUpdate 'add' next to the conversationUpdate for the same install, often
    // within milliseconds and in either order. Greeting on both would welcome the group twice, and the core
    // cannot tell us which one came first (welcome answers an already registered group the same way).
    // So only the conversationUpdate greets; this one registers the channel (or refreshes its stored
    // ConversationReference) silently, which also covers an app upgrade ('add-upgrade').
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.botAdded(context, { greet: false });
      await next();
    });

    // The bot removed from the team or chat (conversationUpdate membersRemoved; msteams falls back to these
    // handlers too) or the app uninstalled there: the group goes quiet, its data stays. Both may arrive
    // for one removal; deactivating twice changes nothing.
    this.onMembersRemoved(async (context, next) => {
      if (removesTheBot(context.activity)) await this.botRemoved(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await this.botRemoved(context);
      await next();
    });
  }

  private async botRemoved(context: TurnContext): Promise<void> {
    const { platform, tenantId, channelId } = channelAddressOf(context.activity);
    const count = await this.oneInstallAtATime(`${tenantId}|${channelId}`, () => this.bot.removed({ platform, tenantId, channelId }));
    this.logger.info({ groups: count }, 'teams: bot removed, groups deactivated');
  }

  /**
   * Teams' members-added event (conversationUpdate in msteams). Overridden rather than registered with
   * onTeamsMembersAddedEvent: with a registered handler botbuilder first looks every added person up at
   * the connector (TeamsInfo.getMember), a call per member that the bot does not need.
   */
  protected override async onTeamsMembersAdded(context: TurnContext): Promise<void> {
    if (addsTheBot(context.activity)) await this.botAdded(context, { greet: true });
    await this.defaultNextEvent(context)();
  }

  private async botAdded(context: TurnContext, { greet }: { greet: boolean }): Promise<void> {
    const channel = channelAddressOf(context.activity);
    // A personal chat is not a samverkansgrupp: no group is registered; the core welcomes the person with
    // what the chat is for and what they owe in their groups.
    const event: InboundEvent = { type: 'bot-added', channel, actor: await this.withDisplayName(context, actorOf(context.activity)) };
    // Both install events of one conversation are handled one after the other, so the second finds the
    // group the first registered instead of racing it to create a second one.
    const reply = await this.oneInstallAtATime(`${channel.tenantId}|${channel.channelId}`, () => this.bot.handle(event));
    if (greet) await context.sendActivity(replyMessage(reply));
  }

  /**
   * Teams sends install events without the installer's name, and the installer becomes the group's
   * ordförande, named on the welcome card. The roster has the name: one connector call, install only.
   */
  private async withDisplayName(context: TurnContext, actor: Actor): Promise<Actor> {
    const from = context.activity.from;
    if (actor.displayName || !from?.id || context.activity.channelId !== 'msteams') return actor;
    try {
      const member = await TeamsInfo.getMember(context, from.id);
      return { ...actor, displayName: member.name ?? '' };
    } catch (error) {
      this.logger.warn({ err: error }, 'teams: could not look up the name of the person who added the bot');
      return actor;
    }
  }

  /** Typed commands and Action.Submit buttons; unknown input gets the help card, never silence. */
  private async answerMessage(context: TurnContext): Promise<void> {
    const { activity } = context;
    const here = channelAddressOf(activity);
    const actor = actorOf(activity);
    const text = commandTextOf(activity);
    const submitted = !text && isRecord(activity.value) ? cardEventOf(undefined, activity.value, cardChannelOf(here, activity.value), actor) : null;
    const event: InboundEvent = submitted ?? { type: 'command', command: parseCommand(text), text, channel: here, actor };
    const reply: Reply = await this.bot.handle(event);
    const change = announced(reply) ? reply : null;
    if (forAskerOnly(here, reply)) {
      // In the channel only a neutral line: what the answer says stays between the person and the bot.
      await context.sendActivity(MessageFactory.text(privateLine(reply, await this.postPrivately(context, here, reply))));
      return;
    }
    const card = cardOf(reply);
    const origin = originOf(here, event) ?? replyOrigin(reply);
    await context.sendActivity(cardMessage(withOriginChannel(card, origin)));
    // A change made from a card in the private chat (Action.Submit) is the group's news too.
    if (change && here.isPersonal) await this.announceFromPrivateChat(context, event, change.card, card);
  }

  /**
   * Posts `reply` in the asker's private chat with the bot (created, or found when it exists, through the
   * channel's service), its buttons still acting for the channel's group. Never falls back to the channel:
   * when the connector refuses, the caller tells the person and this logs why, without personal data.
   */
  private async postPrivately(context: TurnContext, here: ChannelAddress, reply: PrivateReply): Promise<boolean> {
    const { activity } = context;
    // `from.id` (29:…): the connector refuses the Entra object id here with UserNotFound.
    const userId = activity.from?.id ?? '';
    try {
      const card = withOriginChannel(cardOf(reply), here.channelId);
      await sendPersonal(context.adapter as CloudAdapter, this.appId, here.conversationReference ?? '', { userId, tenantId: here.tenantId }, cardMessage(card));
      return true;
    } catch (error) {
      const status = (error as { statusCode?: unknown } | null)?.statusCode;
      this.logger.warn(
        { card: reply.kind === 'card' ? reply.card : reply.form, status: typeof status === 'number' ? status : undefined, error: error instanceof Error ? error.name : typeof error },
        'teams: could not open the private chat with the asker; the answer for them only was not posted',
      );
      return false;
    }
  }

  /** Invokes the bot does not implement get the SDK's 501; logged so that no 5xx leaves no trace. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const response = await super.onInvokeActivity(context);
    if (response.status >= 500) {
      const name = typeof context.activity.name === 'string' ? context.activity.name.slice(0, 80) : typeof context.activity.name;
      this.logger.warn({ invokeName: name, status: response.status }, 'teams: invoke not supported');
    }
    return response;
  }

  /** Dialogs (task modules) for short forms: dialogs.ts. */
  protected override handleTeamsTaskModuleFetch(context: TurnContext, request: TaskModuleRequest): Promise<TaskModuleResponse> {
    return this.dialogs.fetch(context, request);
  }

  protected override handleTeamsTaskModuleSubmit(context: TurnContext, request: TaskModuleRequest): Promise<TaskModuleResponse> {
    return this.dialogs.submit(context, request);
  }

  /** Action.Execute (Universal Actions): the answer replaces the pressed card, in the invoke response. */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const { verb } = invokeValue.action;
    const data = isRecord(invokeValue.action.data) ? invokeValue.action.data : {};
    const here = channelAddressOf(context.activity);
    const event = cardEventOf(verb, data, cardChannelOf(here, data), actorOf(context.activity));
    if (!event) {
      this.logger.warn({ verb }, 'teams: Action.Execute with an unknown verb');
      return invokeErrorResponse(400, 'BadRequest', this.t.errors.unknownAction);
    }
    try {
      const reply = await this.bot.handle(event);
      // A change to the group's data, pressed in the channel: posted there too (see announce). Rendered once
      // for both: the channel's new message and the presser's replaced card are the same card.
      if (announced(reply) && !here.isPersonal && here.conversationReference) {
        const card = cardOf(reply);
        // A state card changed by its own button (a meeting cancelled on the meetings list) is replaced for
        // everyone; any other change is the group's news, a new message.
        const inPlace = updatesInPlace(event) && (await this.updateInPlace(context, reply.card, card));
        if (!inPlace) await this.announce(context, here.conversationReference, reply.card, card);
        return invokeCardAnswer(card);
      }
      // The same change made in the private chat (a report, a ballot sent from there): the person's card is
      // replaced there, and the group's channel gets the news.
      if (announced(reply) && here.isPersonal) {
        const card = cardOf(reply);
        await this.announceFromPrivateChat(context, event, reply.card, card);
        return invokeCardAnswer(withOriginChannel(card, originOf(here, event)));
      }
      // The invoke's card would replace the pressed card for everyone in the channel: an answer for the
      // asker only leaves that card as it is and comes as a message only the person who pressed sees.
      if (forAskerOnly(here, reply)) return await this.answerInvokePrivately(context, here, reply);
      return invokeCardResponse(reply, originOf(here, event));
    } catch (error) {
      // Answering with an error (not a new card) keeps the user's card and what they typed on screen.
      this.logger.error({ err: error, verb }, 'teams: Action.Execute failed');
      return invokeErrorResponse(500, 'InternalServerError', this.t.errors.generic);
    }
  }

  /**
   * Teams shows the card of an invoke response only to the person who pressed (Universal Actions replace
   * for the interactor), so a change to the group's data would reach nobody else: the card is also posted
   * as a new message in the channel, as Slack posts every such answer. Only from the channel itself (a card
   * pressed in the private chat has no channel reference at hand; its change shows when the group looks):
   * the caller checks that. A failed post is logged and the person still gets the answer: the change is saved
   * either way. True when it was posted.
   */
  private async announce(context: TurnContext, conversationReference: string, cardId: CardReply['card'], card: AdaptiveCardJson): Promise<boolean> {
    try {
      await sendProactive(context.adapter as CloudAdapter, this.appId, conversationReference, cardMessage(card));
      return true;
    } catch (error) {
      const status = (error as { statusCode?: unknown } | null)?.statusCode;
      this.logger.warn({ card: cardId, status: typeof status === 'number' ? status : undefined }, 'teams: could not post the change to the channel');
      return false;
    }
  }

  /**
   * Replaces the pressed card (the invoke's replyToId) for everyone in the conversation with `card`:
   * Universal Actions' "replace for all". False when there is no such message or the connector refuses;
   * the caller then posts the change as a new message instead.
   */
  private async updateInPlace(context: TurnContext, cardId: CardReply['card'], card: AdaptiveCardJson): Promise<boolean> {
    const id = context.activity.replyToId;
    if (!id) return false;
    try {
      await context.updateActivity({ ...cardMessage(card), id });
      return true;
    } catch (error) {
      const status = (error as { statusCode?: unknown } | null)?.statusCode;
      this.logger.warn({ card: cardId, status: typeof status === 'number' ? status : undefined }, 'teams: could not update the card in place; posting the change instead');
      return false;
    }
  }

  /**
   * A change made through a card in the private chat, posted in the group's channel: the core knows where
   * the group lives (the card only names the channel id). Nothing when the group has no stored reference.
   * True when it was posted.
   */
  private async announceFromPrivateChat(context: TurnContext, event: InboundEvent, cardId: CardReply['card'], card: AdaptiveCardJson): Promise<boolean> {
    if (!event.channel.viaPersonalChat) return false;
    const reference = await this.bot.channelReference(event.channel);
    return reference ? this.announce(context, reference, cardId, card) : false;
  }

  /**
   * A notice is short: it is the message itself. Any other card, and a form the person fills in for
   * themselves, goes to the private chat; the pressed card stays as it was for everyone.
   */
  private async answerInvokePrivately(context: TurnContext, here: ChannelAddress, reply: PrivateReply): Promise<AdaptiveCardInvokeResponse> {
    if (reply.kind === 'card' && reply.card === 'notice' && typeof reply.data.text === 'string') return invokeMessageResponse(reply.data.text);
    return invokeMessageResponse(privateLine(reply, await this.postPrivately(context, here, reply)));
  }
}

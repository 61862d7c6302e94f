// Teams dialogs (task modules) for the short forms opened from group cards: settings, meetings, members,
// activities, uppdrag, rounds, homework and exports. In a channel an inline form would replace the card
// for the presser and its answers would be cards among the channel's posts; a dialog is the presser's own
// window, and only the change it makes reaches the channel, as one new post.
//
// The forms stay the templates in cards/ and the use cases stay the core's: an opener button is pressed
// as Action.Submit with msteams task/fetch (withDialogOpeners, applied to every card the bot sends to
// Teams by dialogOpeners), `task/fetch` runs the same button event as Action.Execute would, and the
// dialog's own buttons arrive as `task/submit`, handled as the same form or button event.
// Agents SDK swap: Middleware, TaskModuleRequest and TaskModuleResponse have the same shape there.
import type { Activity, Middleware, TaskModuleRequest, TaskModuleResponse, TurnContext } from 'botbuilder';
import type { Bot } from '../../core/bot.js';
import type { ButtonAction, CardId, ChannelAddress, InboundEvent, Reply } from '../../core/events.js';
import type { Catalog } from '../../i18n/index.js';
import type { Logger } from '../../logger.js';
import { catalogOf, FORM_META, type AdaptiveCardJson, type CardNode } from '../../cards/render-card.js';
import { withOriginChannel } from '../../cards/origin-channel.js';
import { actorOf, cardChannelOf, cardEventOf, channelAddressOf, isRecord } from './activity-to-event.js';
import { ADAPTIVE_CARD_RESPONSE_TYPE, cardOf, summaryOf } from './reply-to-activity.js';

/**
 * Buttons that open a short form for the group (the chair's and the kansli's forms, a member's own member
 * form, an export). Not the forms one person fills in for themselves (reports, ballots, proposals, answers):
 * those open in the person's private chat. Pressed, each still may answer with something else than a form
 * (a refusal, "no activities yet"): the dialog shows that instead.
 */
export const DIALOG_OPENERS: ReadonlySet<ButtonAction> = new Set<ButtonAction>([
  'open-settings',
  'edit-member',
  'open-meeting',
  'open-meeting-series',
  'open-move-meeting',
  'open-analysis-round',
  'open-voting-round',
  'open-activity',
  'open-assignment',
  'open-assignment-change',
  'open-new-homework',
  'open-export',
]);

/** What Teams needs in an Action.Submit's data to ask the bot for a dialog (task/fetch) instead of a message. */
const TASK_FETCH = { type: 'task/fetch' } as const;

/** The card with every action (in card actions, ActionSets and ShowCard cards alike) passed through `change`. */
function mapActions(card: AdaptiveCardJson, change: (action: CardNode) => CardNode): AdaptiveCardJson {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isRecord(node)) return node;
    const record = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, walk(value)]));
    return typeof record.type === 'string' && record.type.startsWith('Action.') ? change(record as CardNode) : record;
  };
  return walk(card) as AdaptiveCardJson;
}

/**
 * Action.Execute or Action.Submit as a plain Action.Submit with `extra` in its data. The data keeps naming
 * the action or form (templates set the verb to the data's `action` / `form`), which is what cardEventOf
 * reads from an Action.Submit.
 */
function asSubmit(action: CardNode, extra: Record<string, unknown> = {}): CardNode {
  const { verb: _verb, ...rest } = action;
  const { msteams: _msteams, ...data } = isRecord(action.data) ? action.data : {};
  return { ...rest, type: 'Action.Submit', data: { ...data, ...extra } };
}

const opens = (action: CardNode): boolean =>
  action.type === 'Action.Execute' && isRecord(action.data) && DIALOG_OPENERS.has(action.data.action as ButtonAction);

/** The card with its dialog openers as Action.Submit buttons that ask for a dialog (task/fetch). */
export function withDialogOpeners(card: AdaptiveCardJson): AdaptiveCardJson {
  return mapActions(card, (action) => (opens(action) ? asSubmit(action, { msteams: TASK_FETCH }) : action));
}

/**
 * A card as a dialog shows it: Universal Actions (Action.Execute) are not supported in dialogs, so every
 * button is an Action.Submit, which Teams sends to the bot as task/submit with the typed inputs.
 */
export function asDialogCard(card: AdaptiveCardJson): AdaptiveCardJson {
  return mapActions(card, (action) => (action.type === 'Action.Execute' || action.type === 'Action.Submit' ? asSubmit(action) : action));
}

type Outgoing = Partial<Activity>;

/** Every Adaptive Card an outgoing activity carries: message attachments and an Action.Execute's card answer. */
function withOpenersIn(activity: Outgoing): Outgoing {
  if (activity.type === 'invokeResponse') {
    const body = isRecord(activity.value) && isRecord(activity.value.body) ? activity.value.body : null;
    if (!body || body.type !== ADAPTIVE_CARD_RESPONSE_TYPE || !isRecord(body.value)) return activity;
    return { ...activity, value: { ...(activity.value as object), body: { ...body, value: withDialogOpeners(body.value as AdaptiveCardJson) } } };
  }
  if (!activity.attachments?.length) return activity;
  return {
    ...activity,
    attachments: activity.attachments.map((attachment) =>
      attachment.contentType === ADAPTIVE_CARD_RESPONSE_TYPE && isRecord(attachment.content)
        ? { ...attachment, content: withDialogOpeners(attachment.content as AdaptiveCardJson) }
        : attachment,
    ),
  };
}

/**
 * The adapter middleware that gives every card the bot sends to Teams (replies, invoke answers, proactive
 * and private posts alike, since each runs through the adapter's middleware) its dialog openers. Without
 * it (TEAMS_DIALOGS=false) the openers stay Action.Execute and forms open inline, as in clients that have
 * no dialogs (the Agents Playground).
 */
export const dialogOpeners: Middleware = {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities(async (_context, activities, send) => {
      activities.splice(0, activities.length, ...activities.map(withOpenersIn));
      return send();
    });
    // A card updated in place (a meetings list after "Ställ in") keeps its openers too.
    context.onUpdateActivity(async (_context, activity, update) => {
      Object.assign(activity, withOpenersIn(activity));
      return update();
    });
    await next();
  },
};

type CardReply = Extract<Reply, { kind: 'card' }>;

export interface TeamsDialogOptions {
  bot: Bot;
  logger: Logger;
  /** The default catalog, for answers given before any group (and so its language) is known. */
  t: Catalog;
  /**
   * Posts a change to the group's data as a new message where the group sees it (the channel the dialog
   * was opened in, or the group channel of the event's card from the private chat). False when it was not
   * posted: the dialog then shows the card itself.
   */
  announce(context: TurnContext, here: ChannelAddress, event: InboundEvent, cardId: CardId, card: AdaptiveCardJson): Promise<boolean>;
}

export interface TeamsDialogs {
  /** task/fetch: the dialog an opener asks for. */
  fetch(context: TurnContext, request: TaskModuleRequest | undefined): Promise<TaskModuleResponse>;
  /** task/submit: a button pressed in the dialog. */
  submit(context: TurnContext, request: TaskModuleRequest | undefined): Promise<TaskModuleResponse>;
}

/** A dialog's size from its card: a confirmation is small, a form with many fields gets the room it needs. */
function sizeOf(card: AdaptiveCardJson): { width: 'medium' | 'large'; height: 'small' | 'medium' | 'large' } {
  let inputs = 0;
  JSON.stringify(card, (_key, value: unknown) => {
    if (isRecord(value) && typeof value.type === 'string' && value.type.startsWith('Input.')) inputs += 1;
    return value;
  });
  if (inputs <= 2) return { width: 'medium', height: 'small' };
  if (inputs <= 6) return { width: 'medium', height: 'medium' };
  return { width: 'large', height: 'large' };
}

const TITLE_LENGTH = 80;

function titleOf(reply: Reply, card: AdaptiveCardJson): string {
  if (reply.kind === 'form' || reply.kind === 'form-errors') return FORM_META[reply.form](catalogOf(reply.data)).title;
  const summary = summaryOf(card);
  return summary.length > TITLE_LENGTH ? `${summary.slice(0, TITLE_LENGTH - 1)}…` : summary;
}

/** The dialog showing `card` (a form, its errors, or an answer that is not a short text). */
function continueWith(title: string, card: AdaptiveCardJson): TaskModuleResponse {
  return {
    task: {
      type: 'continue',
      value: { title, ...sizeOf(card), card: { contentType: ADAPTIVE_CARD_RESPONSE_TYPE, content: card } },
    },
  };
}

/** A short text in place of the dialog. */
function messageOf(text: string): TaskModuleResponse {
  return { task: { type: 'message', value: text } };
}

/**
 * An empty answer closes the dialog. The SDK types the answer as an object, but the HTTP body of the
 * invoke response must be empty for Teams to close the dialog without a message.
 */
const CLOSE = undefined as unknown as TaskModuleResponse;

function isShortNotice(reply: Reply): reply is CardReply & { data: { text: string } } {
  return reply.kind === 'card' && reply.card === 'notice' && typeof reply.data.text === 'string';
}

export function teamsDialogs({ bot, logger, t, announce }: TeamsDialogOptions): TeamsDialogs {
  async function answer(context: TurnContext, request: TaskModuleRequest | undefined, invoke: 'fetch' | 'submit'): Promise<TaskModuleResponse> {
    const data = isRecord(request?.data) ? request.data : {};
    const here = channelAddressOf(context.activity);
    const event = cardEventOf(undefined, data, cardChannelOf(here, data), actorOf(context.activity));
    if (!event) {
      logger.warn({ invoke }, 'teams: dialog invoke naming no known button or form');
      return messageOf(t.errors.unknownAction);
    }
    try {
      const reply = await bot.handle(event);
      // A dialog opened from a card in the private chat acts for the group that card names, and so do
      // the dialog's own buttons.
      const origin = here.isPersonal && !event.channel.isPersonal ? event.channel.channelId : undefined;
      const card = cardOf(reply);
      if (reply.kind === 'card' && reply.announce) {
        // Done: the group sees the change as a new post (Slack likewise posts it in the channel).
        if (await announce(context, here, event, reply.card, card)) return CLOSE;
      } else if (isShortNotice(reply)) {
        // A refusal or confirmation for the presser: the dialog shows the text, nothing goes to the channel.
        return messageOf(reply.data.text);
      }
      return continueWith(titleOf(reply, card), asDialogCard(withOriginChannel(card, origin)));
    } catch (error) {
      logger.error({ err: error, invoke }, 'teams: dialog failed');
      return messageOf(t.errors.generic);
    }
  }
  return {
    fetch: (context, request) => answer(context, request, 'fetch'),
    submit: (context, request) => answer(context, request, 'submit'),
  };
}

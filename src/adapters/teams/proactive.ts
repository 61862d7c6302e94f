// Proactive posts (reminders, scheduled summaries): a message to a channel nobody just wrote in,
// addressed with the ConversationReference stored when the bot was added.
// Agents SDK swap: same continueConversation(appId/identity, reference, logic) call on its CloudAdapter.
import type { Activity, CloudAdapter, ConversationParameters, ConversationReference, ResourceResponse, TurnContext } from 'botbuilder';
import { isRecord } from './activity-to-event.js';

export class InvalidConversationReferenceError extends Error {
  constructor(reason: string) {
    super(`Stored Teams conversation reference is unusable: ${reason}`);
    this.name = 'InvalidConversationReferenceError';
  }
}

export function parseConversationReference(json: string): Partial<ConversationReference> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new InvalidConversationReferenceError('not JSON');
  }
  if (!isRecord(parsed)) throw new InvalidConversationReferenceError('not an object');
  if (typeof parsed.serviceUrl !== 'string' || !parsed.serviceUrl) throw new InvalidConversationReferenceError('no serviceUrl');
  if (!isRecord(parsed.conversation) || typeof parsed.conversation.id !== 'string') {
    throw new InvalidConversationReferenceError('no conversation id');
  }
  return parsed as Partial<ConversationReference>;
}

type TurnRunner = (logic: (context: TurnContext) => Promise<void>) => Promise<void>;

/**
 * Runs a proactive turn that sends `activity` as a new message and returns the connector's answer.
 * The adapter hands errors of the turn's callback to onTurnError, which would post the generic error to
 * the channel and swallow the failure; the caller must see it instead (to retry after a 429).
 */
async function sendInTurn(run: TurnRunner, activity: Partial<Activity>, beforeSend?: (context: TurnContext) => void): Promise<ResourceResponse | undefined> {
  let response: ResourceResponse | undefined;
  let failure: unknown;
  await run(async (context) => {
    try {
      // The turn's activity has an id (made up for a continuation, the new chat's id for a created one);
      // the post would be a reply to it (POST …/activities/<id>). Without it, it is a new message.
      Reflect.deleteProperty(context.activity, 'id');
      beforeSend?.(context);
      response = await context.sendActivity(activity);
    } catch (error) {
      failure = error;
    }
  });
  if (failure !== undefined) throw failure;
  return response;
}

/**
 * Posts `activity` as a new message in the stored conversation and returns the connector's answer (the
 * new activity id). Errors of the connector (429, 5xx) reach the caller, which decides about retrying.
 * `beforeSend` may adjust the turn first (teams-sender.ts turns the connector client's own retries off).
 */
export async function sendProactive(
  adapter: CloudAdapter,
  appId: string,
  conversationReferenceJson: string,
  activity: Partial<Activity>,
  beforeSend?: (context: TurnContext) => void,
): Promise<ResourceResponse | undefined> {
  const reference = parseConversationReference(conversationReferenceJson);
  return sendInTurn((logic) => adapter.continueConversationAsync(appId, reference, logic), activity, beforeSend);
}

/** The audience of tokens for the Bot Connector (AuthenticationConstants.ToChannelFromBotOAuthScope). */
const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';

/**
 * Posts `activity` in the personal (1:1) chat of the bot with `userId`, created (or found: the connector
 * answers with the existing chat) through the service of the stored channel reference. Used for posts to
 * one person only, e.g. the chair's meeting-prep summary. Errors reach the caller, as in sendProactive.
 */
export async function sendPersonal(
  adapter: CloudAdapter,
  appId: string,
  conversationReferenceJson: string,
  recipient: { userId: string; tenantId: string },
  activity: Partial<Activity>,
  beforeSend?: (context: TurnContext) => void,
): Promise<ResourceResponse | undefined> {
  const reference = parseConversationReference(conversationReferenceJson);
  const parameters: ConversationParameters = {
    isGroup: false,
    bot: reference.bot ?? { id: appId, name: '' },
    members: [{ id: recipient.userId, name: '' }],
    tenantId: recipient.tenantId,
    channelData: { tenant: { id: recipient.tenantId } },
  };
  const channelId = reference.channelId ?? 'msteams';
  return sendInTurn(
    (logic) => adapter.createConversationAsync(appId, channelId, reference.serviceUrl!, BOT_FRAMEWORK_AUDIENCE, parameters, logic),
    activity,
    beforeSend,
  );
}

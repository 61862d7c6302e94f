// Proactive posts (reminders, scheduled summaries): a message to a channel nobody just wrote in,
// addressed with the ConversationReference stored when the bot was added.
// Agents SDK swap: same continueConversation(appId/identity, reference, logic) call on its CloudAdapter.
import type { Activity, CloudAdapter, ConversationReference, ResourceResponse, TurnContext } from 'botbuilder';
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
  let response: ResourceResponse | undefined;
  let failure: unknown;
  await adapter.continueConversationAsync(appId, reference, async (context) => {
    // The adapter hands errors of this callback to onTurnError, which would post the generic error to
    // the channel and swallow the failure; the caller must see it instead (to retry after a 429).
    try {
      // The adapter makes up an id for the continuation activity and would send a reply to it
      // (POST …/activities/<made-up id>); without it the post is a new message in the conversation.
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

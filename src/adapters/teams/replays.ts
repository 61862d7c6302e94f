// Replays processed once on Teams (issue 13; the claim itself is core/use-cases/replays.ts): the Bot
// Connector may deliver one activity twice, and an unauthenticated local-mode endpoint can be sent anything
// again. A copy repeats the conversation id and the activity id. It is claimed after the adapter has
// authenticated the request (so no one can claim keys ahead of Teams) and before the turn runs; a repeated
// message or event gets a 200 and no new reply, a repeated Action.Execute the same kind of invoke answer as
// a first one (200, a short message Teams shows while keeping the card), never a second card or post.
import type { Activity, TurnContext } from 'botbuilder';
import type { Store } from '../../core/ports.js';
import { firstDelivery } from '../../core/use-cases/replays.js';
import type { Catalog } from '../../i18n/index.js';
import type { Logger } from '../../logger.js';

const MESSAGE_RESPONSE_TYPE = 'application/vnd.microsoft.activity.message';

/** The key copies of this activity share, or null when the activity names no id to go by. */
export function teamsRequestKey(activity: Partial<Activity>): string | null {
  const conversation = activity.conversation?.id;
  const id = activity.id;
  return typeof conversation === 'string' && conversation !== '' && typeof id === 'string' && id !== '' ? `activity:${conversation}|${id}` : null;
}

/** Runs `turn` for the first copy of the activity; answers a repeated copy without running it. */
export async function runOnce(store: Store | undefined, logger: Logger, t: Catalog, context: TurnContext, turn: () => Promise<void>): Promise<void> {
  const key = store ? teamsRequestKey(context.activity) : null;
  const warn = (error: unknown) => logger.warn({ err: error }, 'teams: could not record the activity for replay protection; processing it');
  if (key === null || (await firstDelivery(store!, 'teams', key, warn))) {
    await turn();
    return;
  }
  const { activity } = context;
  logger.info({ activityType: activity.type, activityName: activity.name }, 'teams: repeated activity acknowledged and dropped');
  if (activity.type !== 'invoke') return;
  // A message answer (its value a string, so not botbuilder's AdaptiveCardInvokeResponse type, which wants a card).
  const body =
    activity.name === 'adaptiveCard/action' ? { statusCode: 200, type: MESSAGE_RESPONSE_TYPE, value: t.errors.alreadyReceived } : undefined;
  await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body } });
}

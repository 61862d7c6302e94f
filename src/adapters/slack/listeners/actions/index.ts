// Button clicks (block_actions). Each card button's action_id is a ButtonAction of src/core/events.ts.
import type { App, BlockAction, ButtonAction as SlackButton, RespondFn, webApi } from '@slack/bolt';
import type { ActedOnMessage } from '../../replace-message.js';
import { BUTTON_ACTIONS, type ButtonAction, type ChannelAddress } from '../../../../core/events.js';
import { OPEN_URL_ACTION_PREFIX } from '../../../../cards/block-kit-translator.js';
import { tellPrivately } from '../../deliver.js';
import { actorNow, answer, channelFor, type SlackEdgeContext } from '../../edge-context.js';
import { buttonArgs, callerOf, originChannelOf, slackChannel } from '../../to-event.js';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Buttons whose answer is the card they sit on, brought up to date: it replaces that card rather than
 * following it as a new post ("Hämta medlemmar" refreshes the members card in place).
 */
const REPLACING_BUTTONS: ReadonlySet<ButtonAction> = new Set<ButtonAction>(['import-members']);

/** The message a button sat on, for REPLACING_BUTTONS. */
function actedOn(body: BlockAction, channelId: string, respond: RespondFn): ActedOnMessage | undefined {
  const ts = body.container?.message_ts ?? body.message?.ts;
  if (!REPLACING_BUTTONS.has(body.actions[0]?.action_id as ButtonAction) || typeof ts !== 'string') return undefined;
  return { channelId, ts, ephemeral: body.container?.is_ephemeral === true, respond };
}

const BUTTONS = new RegExp(`^(${BUTTON_ACTIONS.map(escapeRegExp).join('|')})$`);
/** Every other action id: without a listener Bolt would leave the click unanswered for 3 s, then fail it. */
const UNKNOWN_BUTTONS = new RegExp(`^(?!(?:${BUTTON_ACTIONS.map(escapeRegExp).join('|')})$|${escapeRegExp(OPEN_URL_ACTION_PREFIX)})`);

/**
 * Where a click's event belongs: the group channel its button names when it was pressed in a DM (a card
 * the bot sent there for a group, such as the chair's meeting preparation), else where it was pressed.
 * Only Slack channel ids are taken; the workspace is the installation's, never the value's, and the core
 * lets only an existing member of that group act (viaPersonalChat), each use case checking their role.
 */
async function groupOf(edge: SlackEdgeContext, client: webApi.WebClient, here: ChannelAddress, value: string | undefined): Promise<ChannelAddress | undefined> {
  const origin = originChannelOf(value);
  if (!here.isPersonal || !origin) return undefined;
  return { ...(await channelFor(edge, client, origin, null)), viaPersonalChat: true };
}

export function register(app: App, edge: SlackEdgeContext): void {
  app.action<BlockAction<SlackButton>>(BUTTONS, async ({ ack, body, action, client, respond }) => {
    await ack();
    const channelId = body.channel?.id ?? body.container?.channel_id;
    if (!channelId) {
      edge.logger.warn({ actionId: action.action_id }, 'slack: button outside any conversation ignored');
      return;
    }
    const here = await channelFor(edge, client, channelId, body.channel?.name ?? null);
    const group = await groupOf(edge, client, here, action.value);
    await answer(edge, `button ${action.action_id}`, { client, channel: here, group, userId: body.user.id, triggerId: body.trigger_id, respond, actedOn: actedOn(body, channelId, respond) }, async () => ({
      type: 'button',
      action: action.action_id as ButtonAction,
      args: buttonArgs(action.value),
      channel: group ?? here,
      // Nothing asked of Slack before a modal opens (its trigger_id lasts 3 s): the name follows.
      actor: await actorNow(edge, client, callerOf(body), body.user.id, body.user.name),
    }));
  });

  // Url buttons open the link in the browser; Slack still sends the click and expects an ack.
  app.action(new RegExp(`^${escapeRegExp(OPEN_URL_ACTION_PREFIX)}`), async ({ ack }) => {
    await ack();
  });

  // A button this version does not know, e.g. on a card an older version posted: say so, as Teams does.
  app.action<BlockAction<SlackButton>>(UNKNOWN_BUTTONS, async ({ ack, body, action, client, respond }) => {
    await ack();
    const verb = String(action.action_id).slice(0, 60);
    edge.logger.warn({ actionId: verb }, 'slack: unknown button');
    const channelId = body.channel?.id ?? body.container?.channel_id;
    if (!channelId) return;
    const channel = slackChannel(body.team?.id ?? body.user.team_id ?? '', channelId, body.channel?.name ?? null);
    try {
      await tellPrivately({ client, channel, userId: body.user.id, respond }, edge.fallbackCatalog.errors.unknownAction);
    } catch (error) {
      edge.logger.error({ err: error, actionId: verb }, 'slack: could not tell the user about an unknown button');
    }
  });
}

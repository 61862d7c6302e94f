// Slash commands: /samverkan <hjälp|plan|sammanfattning|inställningar> and /rapport.
import type { App, RespondFn, SlashCommand, webApi } from '@slack/bolt';
import { actorNow, answer, channelFor, type SlackEdgeContext } from '../../edge-context.js';
import { commandEvent } from '../../to-event.js';

export const SLASH_COMMANDS = ['/samverkan', '/rapport'] as const;

// Slack's stand-ins for conversations without a public name.
const UNNAMED = new Set(['directmessage', 'privategroup']);

/**
 * One command: answered through its response_url where only the person should see it (that works in a
 * DM or a private channel the bot is not in), with nothing asked of Slack first, so a modal opens well
 * within its trigger_id's 3 s. A channel's name only matters when the bot joins it (register-channel).
 */
async function onCommand(edge: SlackEdgeContext, client: webApi.WebClient, command: SlashCommand, respond: RespondFn, fixed?: 'rapport'): Promise<void> {
  const named = command.channel_name && !UNNAMED.has(command.channel_name) && !command.channel_name.startsWith('mpdm-');
  const channel = await channelFor(edge, client, command.channel_id, named ? command.channel_name : null);
  // team_id / enterprise_id: the caller's own workspace and org, as Slack signed them.
  const caller = { teamId: command.team_id, enterpriseId: command.enterprise_id };
  const target = { client, channel, userId: command.user_id, triggerId: command.trigger_id, respond, privateViaResponseUrl: true };
  await answer(edge, `command ${command.command}`, target, async () =>
    commandEvent(command.text ?? '', channel, await actorNow(edge, client, caller, command.user_id, command.user_name), fixed),
  );
}

export function register(app: App, edge: SlackEdgeContext): void {
  // ack() first: Slack wants an answer within 3 s; the card follows through the Web API.
  app.command('/samverkan', async ({ command, ack, client, respond }) => {
    await ack();
    await onCommand(edge, client, command, respond);
  });
  app.command('/rapport', async ({ command, ack, client, respond }) => {
    await ack();
    await onCommand(edge, client, command, respond, 'rapport');
  });
}

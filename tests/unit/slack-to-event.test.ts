import express from 'express';
import { describe, expect, it } from 'vitest';
import { rejectFutureTimestamps } from '../../src/adapters/slack/request-guard.js';
import { buttonArgs, commandEvent, fromModalMetadata, originChannelOf, toModalMetadata, flattenViewState, slackChannel, stripMentions } from '../../src/adapters/slack/to-event.js';

describe('Slack payloads to neutral events', () => {
  it('flattens modal state to one value per input id', () => {
    expect(
      flattenViewState({
        a: { groupName: { type: 'plain_text_input', value: 'LSG' } },
        b: { empty: { type: 'plain_text_input', value: null } },
        c: { organisations: { type: 'checkboxes', selected_options: [{ value: 'region' }, { value: 'kommun' }] } },
        d: { none: { type: 'multi_static_select', selected_options: [] } },
        e: { one: { type: 'static_select', selected_option: { value: 'x' } } },
        f: { unpicked: { type: 'radio_buttons', selected_option: null } },
        g: { due: { type: 'datepicker', selected_date: '2026-05-01' } },
        h: { count: { type: 'number_input', value: '3' } },
        i: { time: { type: 'timepicker', selected_time: '13:30' } },
        j: { noTime: { type: 'timepicker', selected_time: null } },
      }),
    ).toEqual({ groupName: 'LSG', empty: '', organisations: 'region,kommun', none: '', one: 'x', unpicked: '', due: '2026-05-01', count: '3', time: '13:30', noTime: '' });
  });

  it('strips mentions and parses the command word', () => {
    expect(stripMentions('<@U0BOT> hjälp')).toBe('hjälp');
    expect(stripMentions('<@U0BOT|samverkansbot>   Plan 2026')).toBe('Plan 2026');
    // Only the bot's own mention goes: the person a command names stays, as a user id the core can find.
    expect(stripMentions('<@U0BOT> personuppgifter visa <@U0BO|bo>', 'U0BOT')).toBe('personuppgifter visa <@U0BO|bo>');
    expect(stripMentions('<@U0BOT|samverkansbot> personuppgifter radera <@U0BO>')).toBe('personuppgifter radera <@U0BO>');
    const channel = slackChannel('T1', 'C1', 'x');
    const actor = { platform: 'slack' as const, tenantId: 'T1', userId: 'U1', displayName: 'A' };
    expect(commandEvent('inställningar', channel, actor)).toMatchObject({ type: 'command', command: 'installningar' });
    expect(commandEvent('vad är detta', channel, actor)).toMatchObject({ type: 'command', command: null });
    expect(commandEvent('', channel, actor, 'rapport')).toMatchObject({ command: 'rapport' });
  });

  it('treats D… conversations as personal chats', () => {
    expect(slackChannel('T1', 'D123', null).isPersonal).toBe(true);
    expect(slackChannel('T1', 'C123', 'x').isPersonal).toBe(false);
  });

  it('round-trips the channel through private_metadata and refuses anything else', () => {
    const channel = slackChannel('T1', 'C1', 'samverkan');
    expect(fromModalMetadata(toModalMetadata(channel, { meetingId: 'm1' }))).toEqual({ channel, context: { meetingId: 'm1' } });
    expect(fromModalMetadata(toModalMetadata(channel))).toEqual({ channel, context: {} });
    expect(() => fromModalMetadata('This is for you!')).toThrow();
    expect(() => fromModalMetadata(JSON.stringify({ channel: { ...channel, platform: 'teams' }, context: {} }))).toThrow();
  });

  it('reads button arguments from the JSON value, without the routing key', () => {
    expect(buttonArgs(JSON.stringify({ action: 'cancel-meeting', meetingId: 'm1', n: 3 }))).toEqual({ meetingId: 'm1' });
    expect(buttonArgs('not json')).toEqual({});
    expect(buttonArgs(undefined)).toEqual({});
  });
});

describe('rejectFutureTimestamps', () => {
  async function status(timestamp: string | undefined): Promise<number> {
    const app = express();
    app.post('/slack/events', rejectFutureTimestamps(() => 1_000_000), (_req, res) => void res.status(204).end());
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    try {
      const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: 'POST',
        headers: timestamp === undefined ? {} : { 'x-slack-request-timestamp': timestamp },
      });
      return response.status;
    } finally {
      server.close();
    }
  }

  it('rejects more than 5 minutes ahead and leaves everything else to Bolt', async () => {
    expect(await status(String(1_000_000 + 301))).toBe(401);
    expect(await status(String(1_000_000 + 300))).toBe(204);
    expect(await status(String(1_000_000 - 600))).toBe(204);
    expect(await status(undefined)).toBe(204);
    expect(await status('abc')).toBe(204);
  });
});

describe('buttons on cards sent to a DM for a group', () => {
  it('read the group channel from the value, and keep it out of the arguments', () => {
    const value = JSON.stringify({ action: 'show-report', reportId: 'r1', originChannelId: 'C0GROUP', confirm: { title: 'x' } });
    expect(originChannelOf(value)).toBe('C0GROUP');
    expect(buttonArgs(value)).toEqual({ reportId: 'r1' });
    // Only a Slack channel id: not a DM, not a Teams conversation, not anything else a value may hold.
    for (const origin of ['D0SOMEONE', '19:abc@thread.tacv2', '', 'C0GROUP; DROP', 42]) expect(originChannelOf(JSON.stringify({ originChannelId: origin })), String(origin)).toBeNull();
    expect(originChannelOf('not json')).toBeNull();
  });
});

// The Teams adapter's parsing, on activity JSON alone (the HTTP contract is in tests/contract/teams.test.ts).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  actorOf,
  cardEventOf,
  channelAddressOf,
  commandTextOf,
  conversationReferenceOf,
} from '../../src/adapters/teams/activity-to-event.js';
import { CHAIR, message, teamChannel } from '../support/teams-activities.js';

const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

describe('Teams activity parsing', () => {
  const channel = teamChannel({ teamName: 'Samverkan Uddevalla', channelName: 'Psykisk hälsa' });

  it('addresses the channel, not the thread, and keeps one stable ConversationReference per channel', () => {
    const first = message(channel, SERVICE_URL, CHAIR, 'hjälp') as any;
    const second = { ...(message(channel, SERVICE_URL, CHAIR, 'plan') as any), id: 'another-message' };
    expect(first.conversation.id).toContain(';messageid=');

    const address = channelAddressOf(first);
    expect(address).toMatchObject({ platform: 'teams', channelId: channel.id, channelName: 'Psykisk hälsa', isPersonal: false });
    expect(address.conversationReference).toBe(channelAddressOf(second).conversationReference);
    const reference = conversationReferenceOf(first);
    expect(reference).not.toHaveProperty('activityId');
    expect(reference).not.toHaveProperty('user');
    expect(reference.conversation?.id).toBe(channel.id);
    expect(reference.serviceUrl).toBe(SERVICE_URL);
  });

  it('identifies people by their Entra object id, keeping the 29: id their private chat is opened with', () => {
    expect(actorOf(message(channel, SERVICE_URL, CHAIR, 'x') as any)).toEqual({
      platform: 'teams',
      tenantId: expect.any(String),
      userId: CHAIR.aadObjectId,
      displayName: 'Anna Ordförande',
      chatUserId: CHAIR.id,
    });
  });

  it('removes the @mention of the bot from the command text', () => {
    expect(commandTextOf(message(channel, SERVICE_URL, CHAIR, 'Inställningar  nu') as any)).toBe('Inställningar nu');
  });

  it('maps card data to buttons and forms, taking only string inputs as form values', () => {
    const address = channelAddressOf(message(channel, SERVICE_URL, CHAIR, 'x') as any);
    const actor = actorOf(message(channel, SERVICE_URL, CHAIR, 'x') as any);
    expect(cardEventOf(undefined, { action: 'show-plan' }, address, actor)).toMatchObject({ type: 'button', action: 'show-plan' });
    expect(cardEventOf('settings', { form: 'settings', groupName: 'LSG', msteams: { type: 'messageBack' }, count: 3 }, address, actor)).toMatchObject({
      type: 'form-submitted',
      form: 'settings',
      values: { groupName: 'LSG' },
    });
    expect(cardEventOf('drop-tables', { action: 'drop-tables' }, address, actor)).toBeNull();
  });
});

describe('scripts/bind-loopback.cjs', () => {
  it.each([
    ['listen(0)', 'server.listen(0, report)'],
    ['listen(0, "0.0.0.0")', 'server.listen(0, "0.0.0.0", report)'],
    ['listen({ port: 0 })', 'server.listen({ port: 0 }, report)'],
    ['listen()', 'server.listen(report)'],
  ])('binds %s to 127.0.0.1', (_name, call) => {
    const preload = fileURLToPath(new URL('../../scripts/bind-loopback.cjs', import.meta.url));
    const code = `const server = require('node:http').createServer(); const report = () => { console.log(server.address().address); server.close(); }; ${call};`;
    expect(execFileSync(process.execPath, ['--require', preload, '-e', code], { encoding: 'utf8' }).trim()).toBe('127.0.0.1');
  });
});

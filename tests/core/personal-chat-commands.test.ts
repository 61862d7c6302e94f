// Issue 16 point 3: a command typed in the person's private chat with the bot acts for their group; with
// several groups they choose ("vilken grupp?"), and someone in no group is told how to get into one. The
// reply names its group (origin), so that its buttons act for that group too. Through the real bot.
import { beforeEach, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/core/bot.js';
import type { InboundEvent, Reply } from '../../src/core/events.js';
import type { Store } from '../../src/core/ports.js';
import { sv } from '../../src/i18n/sv.js';
import { actor, slackChannel } from '../support/events.js';
import { fixedClock } from '../support/fixed-clock.js';
import { createInMemoryStore } from '../support/in-memory-store.js';
import { testRegion } from '../support/test-region.js';

const clock = fixedClock('2026-11-25T09:00:00Z');
const CHAIR = actor();
const BO = actor({ userId: 'U_BO', displayName: 'Bo Ledamot' });
const DM = slackChannel({ channelId: 'D0BO', channelName: null, isPersonal: true });
const uddevalla = slackChannel({ channelId: 'C0UDDEVALLA', channelName: 'lsg-uddevalla' });
const lysekil = slackChannel({ channelId: 'C0LYSEKIL', channelName: 'lsg-lysekil' });

let store: Store;
let bot: Bot;

beforeEach(async () => {
  store = createInMemoryStore(clock.now);
  bot = createBot({ region: testRegion(), store, clock, defaults: { locale: 'sv', timeZone: 'Europe/Stockholm' }, links: { meetingsCalendar: () => '' } });
  await bot.handle({ type: 'bot-added', channel: uddevalla, actor: CHAIR });
});

const typed = (who: typeof BO, text: string): Promise<Reply> => bot.handle({ type: 'command', command: text as never, text, channel: DM, actor: who });
const data = (reply: Reply): Record<string, any> => (reply as { data: Record<string, any> }).data;

describe('commands in the private chat', () => {
  it('tells someone in no group that the command is about a group', async () => {
    expect(data(await typed(BO, 'plan')).text).toBe(sv.notice.personalChat);
  });

  it('acts for the one group the person is in, and the reply names that group', async () => {
    await bot.handle({ type: 'command', command: 'plan', text: 'plan', channel: uddevalla, actor: BO });
    const reply = await typed(BO, 'plan');
    expect(reply).toMatchObject({ kind: 'card', card: 'plan', origin: 'C0UDDEVALLA' });
  });

  it('asks which group when the person is in several, and the chosen one answers for that group only', async () => {
    await bot.handle({ type: 'bot-added', channel: lysekil, actor: CHAIR });
    const [first, second] = await store.groups.list();
    await store.groups.update(first!.id, { name: 'LSG Uddevalla' });
    await store.groups.update(second!.id, { name: 'LSG Lysekil' });
    for (const channel of [uddevalla, lysekil]) await bot.handle({ type: 'command', command: 'plan', text: 'plan', channel, actor: BO });
    const asked = await typed(BO, 'plan');
    expect(asked).toMatchObject({ kind: 'card', card: 'choose-group', audience: 'asker' });
    expect(data(asked).groups.map((group: Record<string, string>) => [group.name, group.originChannelId, group.command])).toEqual([
      ['lsg-uddevalla', 'C0UDDEVALLA', 'plan'],
      ['lsg-lysekil', 'C0LYSEKIL', 'plan'],
    ]);
    // The button as an adapter hands it over from the private chat: the group's channel, named by the card.
    const chosen = await bot.handle({ type: 'button', action: 'run-command', args: { command: 'moten', text: 'möten' }, channel: { ...lysekil, viaPersonalChat: true }, actor: BO } as InboundEvent);
    expect(chosen).toMatchObject({ kind: 'card', card: 'meetings' });
    expect(JSON.stringify(data(chosen))).toContain('LSG Lysekil');
    expect(JSON.stringify(data(chosen))).not.toContain('LSG Uddevalla');
  });

  it('never lets someone act for a group they are not in through the chooser', async () => {
    const pressed = await bot.handle({ type: 'button', action: 'run-command', args: { command: 'plan', text: 'plan' }, channel: { ...uddevalla, viaPersonalChat: true }, actor: BO } as InboundEvent);
    expect(data(pressed).text).toBe(sv.notice.notAMemberHere);
    expect(await store.members.list({ platformUserId: BO.userId })).toEqual([]);
  });
});

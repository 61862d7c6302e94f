// What concerns one person is shown to that person only (issue 13): on Teams every reply the core marks for
// the asker goes to their private chat with the bot, never to the channel, and where that chat cannot be
// opened the person is told so without the answer landing in the channel. Over HTTP, fake Bot Connector.
import { CloudAdapter } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeamsSender } from '../../src/adapters/teams/teams-sender.js';
import { DeliveryError } from '../../src/core/delivery.js';
import type { ChannelLink } from '../../src/core/domain.js';
import { notice } from '../../src/core/use-cases/show-help.js';
import { catalog } from '../../src/i18n/index.js';
import { sv } from '../../src/i18n/sv.js';
import { collectCardTexts, personalConversationId } from '../support/fake-bot-connector.js';
import { fixedClock } from '../support/fixed-clock.js';
import { CHAIR, cardExecute, MEMBER, message, type TeamsUser } from '../support/teams-activities.js';
import { byVerb, startTeamsHarness, type TeamsHarness } from '../support/teams-harness.js';

describe('Teams: replies for the asker only', () => {
  const clock = fixedClock('2026-10-15T08:00:00Z');
  let teams: TeamsHarness;

  beforeAll(async () => {
    teams = await startTeamsHarness({ name: 'private-replies-teams', env: { SCHEDULER_ENABLED: 'false' }, clock });
  });
  afterAll(() => teams?.close());

  it('walks every kind of reply marked for the asker: none is posted in the channel', async () => {
    // A refusal / hint notice, the chair's summary, the kansli's refusals, roll-up and data-rights card.
    const texts = async (text: string, user: TeamsUser = CHAIR) => collectCardTexts((await teams.askPrivately(text, user)).body).join('\n');
    expect(await texts('rapport', MEMBER)).toContain(sv.notice.reportNoAssignment);
    expect(await texts('sammanfattning')).toContain('Inför mötet');
    expect(await texts('region')).toContain('Det här är till för kansliet.');
    expect(await texts(`personuppgifter visa ${MEMBER.name}`)).toContain('Det här är till för kansliet.');
    // The kansli of the test region file (tests/fixtures/region.test.yaml).
    const kansli: TeamsUser = { id: '29:1karin-kansli', name: 'Karin Kansli', aadObjectId: 'aad-kansli-0009' };
    expect(await texts('region', kansli)).toContain('1 samverkansgrupp i');
    expect(await texts(`personuppgifter visa ${MEMBER.name}`, kansli)).toContain(MEMBER.name);
    expect(await texts('personuppgifter', kansli)).toContain('Skriv "personuppgifter visa <person>"');
  });

  it('answers a command typed in the 1:1 chat for the person\'s group, its buttons naming that group', async () => {
    const chat = { kind: 'personal' as const, id: personalConversationId(CHAIR.id) };
    teams.connector.clear();
    const answer = await teams.post(message(chat, teams.connector.serviceUrl, CHAIR, 'plan'));
    expect(answer.status).toBe(200);
    const [posted] = teams.connector.postsIn(chat.id);
    const card = posted!.activity.attachments![0]!.content as Record<string, any>;
    expect(collectCardTexts(card).join('\n')).toContain('Lokal handlingsplan');
    const buttons = JSON.stringify(card.actions ?? []);
    expect(buttons).toContain(`"originChannelId":"${teams.channel.id}"`);
    expect(teams.connector.postsIn(teams.channel.id)).toEqual([]);
  });

  it('lists "mina uppgifter" in the 1:1 chat, and a task\'s button there opens the person\'s form for the group', async () => {
    const [group] = await teams.store.groups.list();
    const chair = (await teams.store.members.list({ groupId: group!.id })).find((member) => member.roles.includes('ordforande'))!;
    await teams.store.homework.create({ groupId: group!.id, title: 'Samla synpunkter', questions: ['Vad saknas?'], deadline: new Date('2026-10-30T22:59:59Z'), createdByMemberId: chair.id });
    const chat = { kind: 'personal' as const, id: personalConversationId(CHAIR.id) };
    teams.connector.clear();
    expect((await teams.post(message(chat, teams.connector.serviceUrl, CHAIR, 'mina uppgifter'))).status).toBe(200);
    const [posted] = teams.connector.postsIn(chat.id);
    const card = posted!.activity.attachments![0]!.content as Record<string, any>;
    expect(collectCardTexts(card)).toEqual(expect.arrayContaining([sv.myTasks.title, 'Svara på hemuppgiften "Samla synpunkter", senast 30 oktober 2026.']));
    const button = byVerb(card, 'answer-homework');
    expect(button.data.originChannelId).toBe(teams.channel.id);
    const form = await teams.pressPrivately(button);
    expect(collectCardTexts(form).join('\n')).toContain('Vad saknas?');
    expect(teams.channelPosts()).toEqual([]);
  });

  it('lets nobody join a group by pressing a card in a 1:1 chat that names the group\'s channel', async () => {
    const stranger: TeamsUser = { id: '29:1stranger-0004', name: 'Sam Främling', aadObjectId: 'aad-stranger-0004' };
    const before = (await teams.store.members.list()).length;
    const chat = { kind: 'personal' as const, id: personalConversationId(stranger.id) };
    const answer = await teams.post(cardExecute(chat, teams.connector.serviceUrl, stranger, 'show-plan', { action: 'show-plan', originChannelId: teams.channel.id }));
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body)).toContain(sv.notice.notAMemberHere);
    expect((await teams.store.members.list()).length, 'no member row made').toBe(before);
  });

  it('keeps the answer out of the channel when the private chat cannot be opened, and tells the person', async () => {
    // An id that is not a Teams 29: id: the connector answers UserNotFound, as the Agents Playground does.
    const stranger: TeamsUser = { id: 'aad-only-0003', name: 'Cia Utan', aadObjectId: 'aad-only-0003' };
    teams.connector.clear();
    expect((await teams.post(message(teams.channel, teams.connector.serviceUrl, stranger, 'rapport'))).status).toBe(200);
    expect(teams.channelPosts().map((posted) => [posted.activity.text, posted.activity.attachments ?? []])).toEqual([[sv.notice.privateChatUnavailable, []]]);
    expect(teams.connector.posts).toHaveLength(1);

    const refused = await teams.invoke(stranger, 'open-meeting', { action: 'open-meeting' });
    expect(refused.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(refused.body.value).toContain('Bara gruppens ordförande eller kansliet kan lägga till');
  }, 60_000);
});

describe('Teams outbox: private posts need the stored 29: id', () => {
  it('fails without one, saying what is missing, and tries nothing with the Entra id', async () => {
    const sender = createTeamsSender(new CloudAdapter(), '');
    const link = { conversationReference: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/', conversation: { id: '19:x@thread.tacv2' } }) } as ChannelLink;
    const failure = await sender.send(link, notice(catalog('sv'), 'x'), { platformUserId: 'aad-anna-0001', tenantId: 't' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DeliveryError);
    expect(failure).toMatchObject({ reason: 'invalid-address', retryable: false });
    expect((failure as Error).message).toContain('no 29: user id stored for the recipient');
  });
});

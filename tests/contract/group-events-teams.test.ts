// Contract test, Teams: a change to the group's data made with a card button reaches the whole group.
// Teams shows an Action.Execute's card answer only to the person who pressed (Universal Actions replace
// for the interactor), so the bot also posts the card as a new message in the channel — as Slack posts
// every such answer. Views and refused forms post nothing. The REAL server over HTTP, fake Bot Connector.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collectCardTexts } from '../support/fake-bot-connector.js';
import { fixedClock } from '../support/fixed-clock.js';
import { CHAIR, cardExecute, teamChannel } from '../support/teams-activities.js';
import { byVerb, cardActions as actions, startTeamsHarness, type TeamsHarness } from '../support/teams-harness.js';

let teams: TeamsHarness;

beforeAll(async () => {
  teams = await startTeamsHarness({
    name: 'group-events-teams',
    channel: teamChannel({ teamName: 'LSG Lysekil' }),
    roster: [{ ...CHAIR, givenName: 'Anna', surname: 'Ordförande' }],
    env: { SCHEDULER_ENABLED: 'false' },
    clock: fixedClock('2026-11-25T09:00:00Z'),
  });
});
afterAll(() => teams?.close());
beforeEach(() => teams.connector.clear());

/** New top-level messages in the group's channel (not replies in a thread, not private chats). */
const newChannelPosts = () => teams.connector.posts.filter((posted) => posted.conversationId === teams.channel.id && posted.replyToId === null);
const cardOfPost = (index: number) => newChannelPosts()[index]!.activity.attachments![0]!.content as Record<string, any>;

describe('Teams: group events reach the group', () => {
  it('posts a meeting added with the form as a new channel message, with the card the chair gets', async () => {
    const form = await teams.press(byVerb(await teams.say('möten', CHAIR), 'open-meeting'));
    teams.connector.clear();
    const submit = actions(form).find((action) => action.verb === 'meeting')!;
    const saved = await teams.press(submit, { date: '2027-03-10', time: '13:00', durationMinutes: '120', location: 'Kommunhuset' });
    expect(newChannelPosts()).toHaveLength(1);
    expect(collectCardTexts(cardOfPost(0))).toEqual(collectCardTexts(saved));
    expect(collectCardTexts(saved).join(' ')).toContain('är inlagt av Anna Ordförande');
  });

  it('posts nothing for a refused form: the errors are for the person typing', async () => {
    const form = await teams.press(byVerb(await teams.say('möten', CHAIR), 'open-meeting'));
    teams.connector.clear();
    const submit = actions(form).find((action) => action.verb === 'meeting')!;
    await teams.press(submit, { date: '2027-03-10', time: '13:00', durationMinutes: '600', location: '' });
    expect(newChannelPosts()).toEqual([]);
  });

  it('updates the meetings list in place for everyone when a meeting is cancelled on it, and posts nothing for a form opened or a view', async () => {
    const card = await teams.say('möten', CHAIR);
    teams.connector.clear();
    await teams.press(byVerb(card, 'open-move-meeting'));
    await teams.press(byVerb(await teams.say('plan', CHAIR), 'show-analysis'));
    expect(newChannelPosts()).toEqual([]);
    expect(teams.connector.updates).toEqual([]);
    const list = await teams.say('möten', CHAIR);
    teams.connector.clear();
    const cancelled = await teams.press(byVerb(list, 'cancel-meeting'));
    // The list the button was on (the invoke's replyToId) is replaced for everyone: one current card, no new post.
    expect(newChannelPosts()).toEqual([]);
    expect(teams.connector.updates.map((update) => [update.conversationId.split(';')[0], update.activityId])).toEqual([[teams.channel.id, 'card-message-1']]);
    expect(collectCardTexts(teams.connector.updates[0]!.activity.attachments![0]!.content)).toEqual(collectCardTexts(cancelled));
  });

  it('posts the change as a new message when the card cannot be updated in place', async () => {
    // The meeting cancelled above can be restored from the list.
    const restore = byVerb(await teams.say('möten', CHAIR), 'restore-meeting');
    teams.connector.clear();
    // An invoke without the pressed message's id (replyToId) has nothing to update.
    const answer = await teams.post({ ...cardExecute(teams.channel, teams.connector.serviceUrl, CHAIR, restore.verb, restore.data), replyToId: undefined });
    expect(answer.status).toBe(200);
    expect(teams.connector.updates).toEqual([]);
    expect(newChannelPosts()).toHaveLength(1);
  });
});

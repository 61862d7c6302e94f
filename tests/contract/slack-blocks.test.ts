// Contract test of Block Kit with real sizes: the REAL server over HTTP with signed requests, the REAL
// SQLite store, the fake Slack Web API. Each case failed before: Slack refuses a whole message or modal
// that breaks one of its limits, so a group of 106 members, an organisation of 80 characters, a long
// uppdrag title, a homework title of 149 characters or a summary full of "&" gave people the generic error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Group, Member } from '../../src/core/domain.js';
import { escapeMrkdwn } from '../../src/cards/block-kit-translator.js';
import { sv } from '../../src/i18n/sv.js';
import { fixedClock } from '../support/fixed-clock.js';
import { addAssignment, addMember, VALID_PROGRESS } from '../support/report-fixtures.js';
import { ANNA_ORDFORANDE, startSlackHarness, type SlackHarness } from '../support/slack-harness.js';
import { fixture, interaction, visibleBlockTexts as visible } from '../support/slack-requests.js';

const TEAM = 'T777';
const CHANNEL = 'C777';
const CHAIR = 'U0ANNA';
const NEWCOMER = 'U0NY';
const ORGANISATION = 'Samordningsförbundet Väst, Göta Älvdalen, Lilla Edet, Trollhättan och Vänersborg';
const LONG_TITLE = `Gemensam rutin för samordnad individuell plan (SIP) för barn och unga i skolan & socialtjänsten – ${'x'.repeat(40)}`.slice(0, 120);

let slack: SlackHarness;
let group: Group;
let chair: Member;

beforeAll(async () => {
  slack = await startSlackHarness({
    name: 'slack-blocks',
    teamId: TEAM,
    channelId: CHANNEL,
    channelName: 'lsg-trollhattan',
    users: { [CHAIR]: ANNA_ORDFORANDE, [NEWCOMER]: { name: 'ny', displayName: 'Nina Ny', realName: 'Nina Nyström' } },
    channelMembers: [CHAIR, NEWCOMER],
    env: { SCHEDULER_ENABLED: 'false' },
    clock: fixedClock('2026-11-25T09:00:00Z'),
  });
  slack.fake.answer('chat.update', (body) => ({ ok: true, channel: body.channel, ts: body.ts, text: body.text }));
  await slack.addBotToChannel(CHAIR);
  [group] = (await slack.store.groups.list()) as [Group];
  chair = (await slack.store.members.findByPlatformUser(group.id, 'slack', CHAIR))!;
});

afterAll(() => slack?.close());

/** A block_actions payload for a button on the message `ts` in the channel, as Slack sends it. */
function clickOn(ts: string, button: Record<string, any>, user: string) {
  const payload = fixture<Record<string, any>>('bolt-python/block_actions.json');
  payload.user = { ...payload.user, id: user, team_id: TEAM };
  payload.team = { ...payload.team, id: TEAM };
  payload.channel = { id: CHANNEL, name: 'lsg-trollhattan' };
  payload.container = { type: 'message', message_ts: ts, channel_id: CHANNEL, is_ephemeral: false };
  payload.message = { type: 'message', ts };
  payload.trigger_id = `trigger-${Math.random()}`;
  payload.response_url = slack.fake.responseUrl;
  payload.actions = [{ action_id: button.action_id, block_id: 'b1', value: button.value, text: button.text, type: 'button', action_ts: '1.2' }];
  return interaction(payload);
}

/** What Slack sends while a person types into an external_select of the view `view`. */
function suggestion(view: Record<string, any>, actionId: string, typed: string, user = CHAIR) {
  return interaction({
    type: 'block_suggestion',
    user: { id: user, name: user.toLowerCase(), team_id: TEAM },
    team: { id: TEAM, domain: 'fake' },
    api_app_id: 'A111',
    token: 'verification_token',
    container: { type: 'view', view_id: 'V0FAKE' },
    view: { id: 'V0FAKE', ...view },
    action_id: actionId,
    block_id: actionId,
    value: typed,
  });
}

/** A modal submitted with the given element states by block id, as Slack posts it. */
function submission(view: Record<string, any>, states: Record<string, Record<string, unknown>>, user = CHAIR) {
  const payload = fixture<Record<string, any>>('bolt-python/view_submission.json');
  payload.team = { ...payload.team, id: TEAM };
  payload.user = { ...payload.user, id: user, team_id: TEAM };
  payload.view = { ...payload.view, ...view, id: 'V0FAKE', state: { values: Object.fromEntries(Object.entries(states).map(([id, state]) => [id, { [id]: state }])) } };
  return interaction(payload);
}

const inputOf = (view: Record<string, any>, id: string) => view.blocks.find((block: any) => block.block_id === id);
const optionTexts = (options: { text: { text: string } }[]) => options.map((option) => option.text.text);

describe('Block Kit with real data on Slack', () => {
  it('refreshes the members card in place after "Hämta medlemmar" (chat.update), instead of posting a new one', async () => {
    let from = slack.fake.calls.length;
    await slack.send(slack.command('medlemmar', CHAIR));
    const posted = await slack.fake.waitFor('chat.postMessage', slack.after(from));
    const button = (posted.body.blocks as any[]).filter((block) => block.type === 'actions').flatMap((block) => block.elements).find((element) => element.action_id === 'import-members');
    expect(button).toBeDefined();
    // The fake answers chat.postMessage with increasing ts values; the click names the message it sat on.
    const messageTs = '1700000999.000100';
    from = slack.fake.calls.length;
    await slack.send(clickOn(messageTs, button, CHAIR));
    const updated = await slack.fake.waitFor('chat.update', slack.after(from));
    expect(updated.body).toMatchObject({ channel: CHANNEL, ts: messageTs });
    expect(visible(updated.body.blocks)).toContain('*Nina Ny*\nIngen part angiven · Ledamot');
    expect(slack.newCalls(from, 'chat.postMessage')).toEqual([]);
  });

  it('searches a member list of 106 as the chair types (external_select + block_suggestion), and shows an 80-character organisation', async () => {
    const organisation = await slack.store.organisations.create({ groupId: group.id, name: ORGANISATION, kind: 'annan' });
    expect(ORGANISATION).toHaveLength(80);
    for (let n = 3; n <= 106; n += 1) {
      await addMember(slack.store, group.id, { userId: `U${String(n).padStart(4, '0')}`, tenantId: TEAM, displayName: `Medlem ${String(n).padStart(3, '0')} Åberg` });
    }
    const last = (await slack.store.members.findByPlatformUser(group.id, 'slack', 'U0106'))!;
    await slack.store.members.update(last.id, { organisationId: organisation.id });
    expect(await slack.store.members.list({ groupId: group.id })).toHaveLength(106);

    const opened = await slack.next('views.open', () => slack.send(slack.clickAction('edit-member', CHAIR)));
    const view = opened.body.view as Record<string, any>;
    expect(view.callback_id).toBe('choose-member');
    const chooser = inputOf(view, 'memberId');
    expect(chooser).toMatchObject({ optional: false, element: { type: 'external_select', action_id: 'memberId', min_query_length: 0 } });
    expect(chooser.element).not.toHaveProperty('options');

    // Slack waits 3 s for the options; they come in the HTTP answer, filtered by what was typed.
    const started = Date.now();
    const everyone = await slack.send(suggestion(view, 'memberId', ''));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(everyone.status).toBe(200);
    expect((everyone.json as any).options).toHaveLength(100);
    const typed = await slack.send(suggestion(view, 'memberId', 'medlem 10'));
    expect(optionTexts((typed.json as any).options)).toEqual(['Medlem 010 Åberg', 'Medlem 100 Åberg', 'Medlem 101 Åberg', 'Medlem 102 Åberg', 'Medlem 103 Åberg', 'Medlem 104 Åberg', 'Medlem 105 Åberg', 'Medlem 106 Åberg']);
    // Another person cannot read the list through the view id: asked as them, the opener shows them only
    // their own member form, which has no member list.
    const expired = { options: [{ text: { type: 'plain_text', text: sv.errors.listExpired }, value: 'none' }] };
    expect(JSON.stringify((await slack.send(suggestion(view, 'memberId', '', NEWCOMER))).json)).not.toContain('Medlem');
    // A view this process does not hold (another instance opened it, or this one restarted since): the list
    // is rebuilt from the modal's opener, kept in private_metadata, as the person typing.
    expect(JSON.parse(view.private_metadata).opener).toEqual({ kind: 'button', action: 'edit-member', args: {} });
    const elsewhere = await slack.send(suggestion({ ...view, id: 'V0ELSEWHERE' }, 'memberId', 'medlem 10'));
    expect(optionTexts((elsewhere.json as any).options)).toEqual(optionTexts((typed.json as any).options));
    // Without an opener (a form opened by a submitted form) it says how to get the list back rather than nothing.
    const { opener: _opener, ...withoutOpener } = JSON.parse(view.private_metadata);
    expect((await slack.send(suggestion({ ...view, id: 'V0GONE', private_metadata: JSON.stringify(withoutOpener) }, 'memberId', 'medlem'))).json).toEqual(expired);

    // The chosen member's form replaces the chooser: its organisation list fits, its substitute list is searched.
    const answered = await slack.send(submission(view, { memberId: { type: 'external_select', selected_option: { text: { type: 'plain_text', text: 'Medlem 106 Åberg' }, value: last.id } } }));
    expect(answered.status).toBe(200);
    const form = (answered.json as any).view as Record<string, any>;
    expect(form.callback_id).toBe('member');
    const organisations = inputOf(form, 'organisationId').element;
    expect(organisations.type).toBe('static_select');
    expect(organisations.initial_option).toEqual({ text: { type: 'plain_text', text: `${ORGANISATION.slice(0, 74)}…`, emoji: true }, value: organisation.id });
    expect(optionTexts(organisations.options).every((text) => text.length <= 75)).toBe(true);
    expect(inputOf(form, 'substituteForMemberId').element).toMatchObject({ type: 'external_select', initial_option: { value: 'none' } });
    const substitutes = await slack.send(suggestion(form, 'substituteForMemberId', 'anna'));
    expect(optionTexts((substitutes.json as any).options)).toEqual(['Anna Ordförande']);
  });

  it('opens /rapport\'s chooser for a convener of two uppdrag when one title is 120 characters', async () => {
    expect(LONG_TITLE).toHaveLength(120);
    const { assignment: long } = await addAssignment(slack.store, group.id, { convener: chair, title: LONG_TITLE });
    const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...copy } = long as typeof long & { updatedAt?: Date };
    await slack.store.assignments.create({ ...copy, title: 'Kort uppdrag' });
    const opened = await slack.next('views.open', () => slack.send(slack.command('', CHAIR, { command: '/rapport' })));
    const view = opened.body.view as Record<string, any>;
    expect(view.callback_id).toBe('choose-assignment');
    const options = inputOf(view, 'assignmentId').element.options as { text: { text: string }; value: string }[];
    expect(options.find((option) => option.value === long.id)!.text.text).toMatch(/^Gemensam rutin för samordnad individuell plan \(SIP\).*…$/);
    expect(options.every((option) => option.text.text.length <= 75)).toBe(true);
    // The bot needs both answers: Slack must not show them as "(valfritt)".
    expect([inputOf(view, 'assignmentId').optional, inputOf(view, 'reportKind').optional]).toEqual([false, false]);
  });

  it('offers all 106 members in the uppdrag form (none left out past 100), searched as the chair types', async () => {
    const opened = await slack.next('views.open', () => slack.send(slack.clickAction('open-assignment', CHAIR)));
    const view = opened.body.view as Record<string, any>;
    expect(view.callback_id).toBe('assignment');
    expect(inputOf(view, 'memberIds')).toMatchObject({ optional: false, element: { type: 'multi_external_select', min_query_length: 0 } });
    expect(inputOf(view, 'convenerMemberId').element.type).toBe('external_select');
    const found = await slack.send(suggestion(view, 'memberIds', 'medlem 106'));
    const [option] = (found.json as any).options;
    expect(option.text.text).toMatch(/^Medlem 106 Åberg \(Samordningsförbundet Väst.*…$/);
    expect(option.text.text.length).toBeLessThanOrEqual(75);
    expect(option.value).toBe((await slack.store.members.findByPlatformUser(group.id, 'slack', 'U0106'))!.id);
  });

  it('lets a report field take exactly what the bot accepts, marks what it requires, and takes numbers as number_input', async () => {
    const [assignment] = (await slack.store.assignments.list({ groupId: group.id })).filter((a) => a.title === LONG_TITLE);
    const opened = await slack.next('views.open', () => slack.send(slack.clickAction('open-report', CHAIR, { assignmentId: assignment!.id, kind: 'progress' })));
    const view = opened.body.view as Record<string, any>;
    expect(view.callback_id).toBe('progress-report');
    expect(inputOf(view, 'progressText')).toMatchObject({ optional: false, element: { type: 'plain_text_input', max_length: 2000 } });
    expect(inputOf(view, 'statusColour').optional).toBe(false);
    expect(inputOf(view, 'worksWell')).toMatchObject({ optional: true, element: { max_length: 2000 } });
    expect(inputOf(view, 'indicator_i2').element).toMatchObject({ type: 'number_input', is_decimal_allowed: true });

    // 2000 characters with & and < (what Slack lets through) are accepted and shown whole.
    const text = `${'Skola & BUP <samverkar> '.repeat(84).slice(0, 1999)}.`;
    expect(text).toHaveLength(2000);
    from = slack.fake.calls.length;
    const answered = await slack.send(slack.submitForm('progress-report', { ...states({ ...VALID_PROGRESS, progressText: text, indicator_i2: '61.5' }) }, CHAIR, { assignmentId: assignment!.id, correctsReportId: '', draftForm: 'progress-report' }));
    expect(answered.status).toBe(200);
    expect((answered.json as any)?.response_action).toBeUndefined();
    const [report] = await slack.store.progressReports.list({ assignmentId: assignment!.id });
    expect(report).toMatchObject({ progressText: text, indicatorValues: { i2: 61.5 } });
    const posted = await slack.fake.waitFor('chat.postMessage', slack.after(from));
    const shown = visible(posted.body.blocks).join('\n');
    expect(shown.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).toContain(text.slice(0, 200));
    expect(shown).toContain('61,5');
  });

  it('takes a meeting\'s duration as a whole number between the bounds the bot checks', async () => {
    const opened = await slack.next('views.open', () => slack.send(slack.clickAction('open-meeting', CHAIR)));
    const duration = inputOf(opened.body.view as Record<string, any>, 'durationMinutes');
    expect(duration).toMatchObject({ optional: false, element: { type: 'number_input', is_decimal_allowed: false, min_value: '15', max_value: '480', initial_value: '120' } });
    expect(inputOf(opened.body.view as Record<string, any>, 'location').element.max_length).toBe(200);
  });

  it('shows a 149-character homework title whole and a summary over 3000 characters after escaping over several sections', async () => {
    const title = `Hur når vi familjer & unga <13–18 år> ${'i kommunen och regionen '.repeat(6)}`.slice(0, 149);
    expect(title).toHaveLength(149);
    const homework = await slack.store.homework.create({ groupId: group.id, title, questions: ['Vad fungerar?'], deadline: new Date('2026-12-10T22:59:00Z'), createdByMemberId: chair.id });
    const members = (await slack.store.members.list({ groupId: group.id })).slice(0, 4);
    const answer = `${'Skola & BUP & LSS <&> '.repeat(100)}`.slice(0, 2000);
    for (const member of members) await slack.store.homeworkAnswers.create({ homeworkId: homework.id, memberId: member.id, answers: [answer] });

    let from = slack.fake.calls.length;
    await slack.send(slack.command('hemuppgift', CHAIR));
    const card = await slack.fake.waitFor('chat.postMessage', slack.after(from)).catch(async () => slack.fake.waitFor('chat.postEphemeral', slack.after(from)));
    const header = (card.body.blocks as any[]).find((block) => block.type === 'header');
    expect(header.text.text.length).toBeLessThanOrEqual(150);
    expect(header.text.text.endsWith('…')).toBe(true);
    // The whole title right below, as mrkdwn (escaped: "<13–18 år>" is no link).
    expect(visible(card.body.blocks)).toContain(`*${escapeMrkdwn(format(sv.reports.homework.answerTitle, title).trim())}*`);

    from = slack.fake.calls.length;
    await slack.send(slack.clickAction('show-homework-summary', CHAIR, { homeworkId: homework.id }));
    const summary = await slack.fake.waitFor('chat.postMessage', slack.after(from)).catch(async () => slack.fake.waitFor('chat.postEphemeral', slack.after(from)));
    const sections = (summary.body.blocks as any[]).filter((block) => block.type === 'section').map((block) => block.text.text as string);
    expect(sections.every((text) => text.length <= 3000)).toBe(true);
    const whole = sections.join('').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    // The compiled answers (at most 2800 characters, then "… och N till") are over 3000 once "&" is "&amp;":
    // several sections, an answer shown whole across them (the blanks it was split at are block edges now).
    const compiled = sections.filter((text) => text.includes('Skola &amp; BUP'));
    expect(compiled.length).toBeGreaterThan(1);
    const squeezed = (value: string) => value.replace(/\s+/g, '');
    expect(squeezed(whole)).toContain(squeezed(answer));
  });
});

let from = 0;
/** The states Slack sends for the progress form's inputs, by element type. */
function states(values: Record<string, string>): Record<string, Record<string, unknown>> {
  const choice = (value: string) => ({ type: 'radio_buttons', selected_option: value ? { text: { type: 'plain_text', text: value }, value } : null });
  return Object.fromEntries(
    Object.entries(values).map(([id, value]) => {
      if (['statusColour', 'timelineHolds'].includes(id) || id.startsWith('subgoal_')) return [id, choice(value)];
      if (id.startsWith('indicator_')) return [id, { type: 'number_input', value }];
      if (id === 'newEndDate') return [id, { type: 'datepicker', selected_date: value || null }];
      return [id, { type: 'plain_text_input', value }];
    }),
  );
}

function format(template: string, title: string): string {
  return template.replace('{title}', title);
}

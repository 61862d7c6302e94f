// Contract test of Teams dialogs (task modules) for the short forms opened from group cards: the REAL server
// with TEAMS_DIALOGS on (the default) and the REAL SQLite store, driven over HTTP as Teams drives a dialog.
// An opener on a card the bot posted is an Action.Submit asking for task/fetch; the dialog's card comes in
// the invoke answer; its buttons come back as task/submit. Every dialog form is opened and submitted, with
// a field error first where the form has one, in the order a group would use them.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FORM_META } from '../../src/cards/render-card.js';
import type { FormId } from '../../src/core/events.js';
import { sv } from '../../src/i18n/sv.js';
import { DIALOG_OPENERS } from '../../src/adapters/teams/dialogs.js';
import { createChannelSender } from '../../src/adapters/channel-sender.js';
import { loadConfig } from '../../src/config.js';
import { helpCard } from '../../src/core/use-cases/show-help.js';
import { createLogger } from '../../src/logger.js';
import { collectCardTexts, personalConversationId } from '../support/fake-bot-connector.js';
import { fixedClock } from '../support/fixed-clock.js';
import { CHAIR, MEMBER, message, taskInvoke, teamChannel, type TeamsConversation } from '../support/teams-activities.js';
import {
  byVerb,
  cardActions,
  cardInputs,
  cardOf,
  dialogMessageOf,
  dialogOf,
  expectValidCard,
  field,
  inputsById,
  startTeamsHarness,
  type TeamsDialog,
  type TeamsHarness,
} from '../support/teams-harness.js';

const clock = fixedClock('2026-09-14T08:00:00Z');

let teams: TeamsHarness;

beforeAll(async () => {
  teams = await startTeamsHarness({
    name: 'teams-dialogs',
    channel: teamChannel({ teamName: 'LSG Lysekil' }),
    roster: [CHAIR, MEMBER].map((person) => ({ ...person })),
    env: { SCHEDULER_ENABLED: 'false', TEAMS_DIALOGS: 'true' },
    clock,
  });
});

afterAll(() => teams?.close());

beforeEach(() => teams.connector.clear());

const texts = (card: unknown) => collectCardTexts(card).join('\n');

/** The openers pressed and the forms submitted successfully: the last test checks that none was left out. */
const opened = new Set<string>();
const submitted = new Set<FormId>();

/** The dialog opener with that action (the one `which` picks, where a card has several) on a card the bot posted. */
function opener(card: unknown, action: string, which: (a: Record<string, any>) => boolean = () => true): Record<string, any> {
  const found = cardActions(card).find((a) => a.data?.action === action && which(a));
  if (!found) throw new Error(`no ${action} among ${cardActions(card).map((a) => a.data?.action ?? a.type).join(', ')}`);
  return found;
}

/** The button of a dialog that submits `form`. */
const submitOf = (dialog: TeamsDialog, form: FormId) => {
  const found = cardActions(dialog.card).find((a) => a.data?.form === form);
  if (!found) throw new Error(`no submit of ${form} among ${JSON.stringify(cardActions(dialog.card))}`);
  return found;
};

/**
 * Opens the dialog of `action` on `card` and checks what every dialog form shares: the form's own title,
 * only Action.Submit buttons (Universal Actions do not run in dialogs), nothing posted in the channel.
 */
async function openDialog(card: unknown, action: string, form: FormId, which?: (a: Record<string, any>) => boolean): Promise<TeamsDialog> {
  teams.connector.clear();
  const dialog = dialogOf(await teams.fetchDialog(opener(card, action, which)));
  opened.add(action);
  expect(dialog.title).toBe(FORM_META[form](sv).title);
  expect(cardActions(dialog.card).every((a) => a.type === 'Action.Submit' && a.verb === undefined)).toBe(true);
  submitOf(dialog, form);
  expect(teams.channelPosts(), 'opening a dialog posts nothing').toEqual([]);
  return dialog;
}

/** Submits with field errors: the dialog again with the message under the field and everything typed kept. */
async function submitWithErrors(dialog: TeamsDialog, form: FormId, typed: Record<string, string>, wrong: string): Promise<TeamsDialog> {
  const again = dialogOf(await teams.submitDialog(submitOf(dialog, form), typed));
  expect(field(again.card, wrong).errors.length, `an error under ${wrong}`).toBe(1);
  for (const [id, value] of Object.entries(typed)) {
    const input = inputsById(again.card)[id];
    if (!input || input.type === 'Input.Number') continue;
    expect(String(input.value ?? ''), `typed ${id} kept`).toBe(value);
  }
  expect(teams.channelPosts(), 'field errors post nothing').toEqual([]);
  return again;
}

/** Submits a valid form whose change the group sees: the dialog closes and the change is posted once. */
async function submitAnnounced(dialog: TeamsDialog, form: FormId, typed: Record<string, string>): Promise<Record<string, any>> {
  teams.connector.clear();
  const answer = await teams.submitDialog(submitOf(dialog, form), typed);
  expect(answer.status).toBe(200);
  // A dialog still open says why, with its texts (a field error, a refusal).
  const still = answer.body?.task?.value;
  expect(answer.body, `the dialog closes, not ${JSON.stringify(still?.card ? collectCardTexts(still.card.content) : still)}`).toBeUndefined();
  const posts = teams.channelPosts();
  expect(posts, 'the change is posted once in the channel').toHaveLength(1);
  expect(posts[0]!.replyToId, 'as a new message').toBeNull();
  submitted.add(form);
  return cardOf(posts[0]);
}

type Typed = Record<string, string>;

/**
 * A dialog form's round trip: opened from `card`, submitted as `typed` (given the dialog, for values it
 * offers) with an error under `wrong`, then with `fixed` over it: closed, and the change posted once.
 */
async function fillIn(card: unknown, action: string, form: FormId, typed: Typed | ((dialog: TeamsDialog) => Typed), wrong: string, fixed: Typed): Promise<Record<string, any>> {
  const dialog = await openDialog(card, action, form);
  const values = typeof typed === 'function' ? typed(dialog) : typed;
  const again = await submitWithErrors(dialog, form, values, wrong);
  return submitAnnounced(again, form, { ...values, ...fixed });
}

/** Every value of a dialog form's inputs as the form shows them, for a submit that changes one or two. */
const shownValues = (dialog: TeamsDialog): Record<string, string> =>
  Object.fromEntries(cardInputs(dialog.card.body).map((input) => [input.id, String(input.value ?? '')]));

const choice = (dialog: TeamsDialog, id: string, label: RegExp): string =>
  (inputsById(dialog.card)[id].choices as { title: string; value: string }[]).find((c) => label.test(c.title))!.value;

/** The uppdragshandling the assignment dialog posted in the channel. */
let assignmentDocument: Record<string, any> | undefined;

describe('Teams dialogs for short forms, over HTTP', () => {
  it('turns openers on the cards the bot posts into task/fetch buttons, and leaves every other button as it was', async () => {
    const meetings = await teams.say('möten');
    expectValidCard(meetings);
    expect(opener(meetings, 'open-meeting')).toEqual({
      type: 'Action.Submit',
      title: 'Lägg till möte',
      style: 'positive',
      data: { action: 'open-meeting', msteams: { type: 'task/fetch' } },
    });
    const help = await teams.say('hjälp');
    expect(cardActions(help).filter((a) => a.type === 'Action.Execute').map((a) => a.verb)).toEqual(
      cardActions(help).filter((a) => !DIALOG_OPENERS.has(a.data?.action)).map((a) => a.data.action),
    );
  });

  it('gives Action.Execute answers and scheduled posts (the outbox sender) the same openers', async () => {
    const answered = await teams.execute(CHAIR, 'show-meetings', { action: 'show-meetings' });
    expect(opener(answered, 'open-meeting')).toMatchObject({ type: 'Action.Submit', data: { msteams: { type: 'task/fetch' } } });
    const [link] = await teams.store.channels.list();
    for (const dialogs of [true, false]) {
      const sender = createChannelSender({ config: loadConfig({ TEAMS_DIALOGS: String(dialogs) }), logger: createLogger('silent') });
      teams.connector.clear();
      await sender.send(link!, helpCard(sv, 'teams'));
      const settings = opener(cardOf(teams.channelPosts()[0]), 'open-settings');
      expect(settings.type).toBe(dialogs ? 'Action.Submit' : 'Action.Execute');
    }
  });

  it('answers a member opening the settings with the refusal in the dialog, not in the channel', async () => {
    const help = await teams.say('hjälp', MEMBER);
    teams.connector.clear();
    const refusal = dialogMessageOf(await teams.fetchDialog(opener(help, 'open-settings'), { user: MEMBER }));
    expect(refusal).toContain('Bara gruppens ordförande');
    expect(teams.channelPosts()).toEqual([]);
    expect(teams.connector.posts, 'nor in a private chat').toEqual([]);
  });

  it('settings: errors kept in the dialog, saved, posted once', async () => {
    const typed = (dialog: TeamsDialog) => ({ ...shownValues(dialog), groupName: '', organisations: 'region,kommun', otherOrganisations: '' });
    const posted = await fillIn(await teams.say('hjälp'), 'open-settings', 'settings', typed, 'groupName', { groupName: 'LSG Lysekil' });
    expect(texts(posted)).toContain('Anna Ordförande');
    const [group] = await teams.store.groups.list();
    expect(group!.name).toBe('LSG Lysekil');
    expect((await teams.store.organisations.list({ groupId: group!.id })).map((o) => o.name).sort()).toEqual(['Kommun', 'Region']);
  });

  it('member: the chair chooses whom to edit, then edits in the same dialog', async () => {
    await teams.say('hjälp', MEMBER); // Bo speaks, and so becomes a member.
    const [group] = await teams.store.groups.list();
    const bo = (await teams.store.members.list({ groupId: group!.id })).find((m) => m.displayName === MEMBER.name)!;
    const chooser = await openDialog(await teams.say('medlemmar'), 'edit-member', 'choose-member');
    const chosenAgain = await submitWithErrors(chooser, 'choose-member', { memberId: '' }, 'memberId');
    const form = dialogOf(await teams.submitDialog(submitOf(chosenAgain, 'choose-member'), { memberId: bo.id }));
    expect(form.title).toBe(FORM_META.member(sv).title);
    expect(teams.channelPosts()).toEqual([]);
    submitted.add('choose-member');
    const kommun = choice(form, 'organisationId', /Kommun/);
    const posted = await submitAnnounced(form, 'member', { ...shownValues(form), roles: 'ledamot', organisationId: kommun });
    expect(texts(posted)).toContain('Bo Ledamot');
    expect((await teams.store.members.get(bo.id))!.organisationId).toBe(kommun);
  });

  it('meeting: errors kept in the dialog, the meeting stored and posted once', async () => {
    const dialog = await openDialog(await teams.say('möten'), 'open-meeting', 'meeting');
    expect({ width: dialog.width, height: dialog.height }, 'four fields: a medium dialog').toEqual({ width: 'medium', height: 'medium' });
    const typed = { date: '2026-10-06', time: '13:00', durationMinutes: '600', location: 'Stadshuset' };
    const again = await submitWithErrors(dialog, 'meeting', typed, 'durationMinutes');
    const posted = await submitAnnounced(again, 'meeting', { ...typed, durationMinutes: '90' });
    expect(texts(posted)).toContain('Mötet tisdag 6 oktober 2026 kl. 13.00–14.30 är inlagt av Anna Ordförande.');
    expect(await teams.store.meetings.list()).toMatchObject([{ startsAt: new Date('2026-10-06T11:00:00Z'), durationMinutes: 90, location: 'Stadshuset' }]);
  });

  it('meeting-series: errors kept in the dialog, the series stored and posted once', async () => {
    const typed = { firstDate: '2026-11-03', time: '09:00', frequency: 'fourweekly', endDate: '', count: '3', durationMinutes: '10', location: '' };
    const posted = await fillIn(await teams.say('möten'), 'open-meeting-series', 'meeting-series', typed, 'durationMinutes', { durationMinutes: '60' });
    expect(texts(posted)).toContain('Mötesserien');
    expect((await teams.store.meetings.list()).filter((m) => m.seriesId)).toHaveLength(3);
  });

  it('move-meeting: the meeting id travels with the dialog, errors kept, moved and posted once', async () => {
    const [first] = (await teams.store.meetings.list()).filter((m) => !m.seriesId);
    const dialog = await openDialog(await teams.say('möten'), 'open-move-meeting', 'move-meeting', (a) => a.data.meetingId === first!.id);
    expect(submitOf(dialog, 'move-meeting').data).toEqual({ form: 'move-meeting', meetingId: first!.id });
    const again = await submitWithErrors(dialog, 'move-meeting', { date: '2026-10-08', time: '' }, 'time');
    const posted = await submitAnnounced(again, 'move-meeting', { date: '2026-10-08', time: '14:00' });
    expect(texts(posted)).toContain('är flyttat till torsdag 8 oktober 2026 kl. 14.00–15.30 av Anna Ordförande.');
    expect((await teams.store.meetings.get(first!.id))!.startsAt).toEqual(new Date('2026-10-08T12:00:00Z'));
  });

  it('voting-round: opened from the analysis card, errors kept, the vote opened and posted once', async () => {
    // Step 1 as today: the round and one proposal (the analysis form answers the typed command, inline; the proposal is Bo's, in his private chat).
    const roundForm = await teams.say('analys');
    await teams.press(byVerb(roundForm, 'analysis-round'), { year: '2027', proposalDeadline: '2026-10-02' });
    const proposalForm = await teams.openPrivately(byVerb(await teams.say('analys', MEMBER), 'open-proposal'), MEMBER);
    await teams.pressPrivately(byVerb(proposalForm, 'proposal'), { title: 'Fler SIP för unga', targetGroup: 'barn_och_unga', description: 'SIP i tid', obstacles: '' }, MEMBER);

    const typed = { voteBudget: '0', maxVotesPerArea: '2', votingDeadline: '2026-10-20' };
    const posted = await fillIn(await teams.say('analys'), 'open-voting-round', 'voting-round', typed, 'voteBudget', { voteBudget: '3' });
    expect(texts(posted)).toContain('Anna Ordförande öppnade röstningen.');
    expect((await teams.store.analysisRounds.list())[0]).toMatchObject({ status: 'rostning', voteBudget: 3 });
  });

  it('activity: opened from the closed vote, errors kept, added to the plan and posted once', async () => {
    const ballot = await teams.openPrivately(byVerb(await teams.say('prioritering', MEMBER), 'open-ballot'), MEMBER);
    await teams.pressPrivately(byVerb(ballot, 'ballot'), { [cardInputs(ballot)[0]!.id]: '2' }, MEMBER);
    const closed = await teams.press(byVerb(await teams.say('prioritering'), 'close-voting'));
    teams.connector.clear();

    const typed = (dialog: TeamsDialog) => ({
      ...shownValues(dialog),
      proposalId: choice(dialog, 'proposalId', /Fler SIP/),
      targetGroup: 'barn_och_unga',
      startDate: '2027-01-15',
      endDate: '2026-12-15',
      goal: choice(dialog, 'goal', /^SIP1 /),
      status: 'planerad',
    });
    const posted = await fillIn(closed, 'open-activity', 'activity', typed, 'endDate', { endDate: '2027-12-15' });
    expect(texts(posted)).toContain('lade till aktiviteten "Fler SIP för unga" i handlingsplanen 2027');
    expect(await teams.store.activities.list()).toMatchObject([{ title: 'Fler SIP för unga', status: 'planerad' }]);
  });

  it('assignment: errors kept in the dialog, the uppdragshandling posted once', async () => {
    const [group] = await teams.store.groups.list();
    const members = await teams.store.members.list({ groupId: group!.id });
    const chair = members.find((m) => m.displayName === CHAIR.name)!;
    const bo = members.find((m) => m.displayName === MEMBER.name)!;
    await teams.store.members.update(chair.id, { organisationId: (await teams.store.organisations.list({ groupId: group!.id })).find((o) => o.kind === 'region')!.id });

    const typed = (dialog: TeamsDialog) => ({
      ...shownValues(dialog),
      title: 'SIP-gruppen Lysekil',
      startDate: '2027-01-20',
      endDate: '2027-12-10',
      targetGroupText: 'Unga 13–20 år',
      purpose: 'SIP inom fyra veckor',
      activityText: 'Kartlägga och korta väntan',
      memberIds: `${chair.id},${bo.id}`,
      convenerMemberId: `${chair.id},${bo.id}`,
      reportingKind: 'before_each_meeting',
      goal: 'Väntan under fyra veckor',
      finalReportForm: 'Dragning på mötet',
    });
    const posted = await fillIn(await teams.say('plan'), 'open-assignment', 'assignment', typed, 'convenerMemberId', { convenerMemberId: bo.id });
    expect(texts(posted)).toContain('Uppdragshandling: SIP-gruppen Lysekil');
    assignmentDocument = posted;
    expect(await teams.store.assignments.list()).toMatchObject([{ title: 'SIP-gruppen Lysekil', convenerMemberId: bo.id }]);
  });

  it('assignment-change: opened from the posted uppdragshandling, errors kept, the change posted once', async () => {
    const [assignment] = await teams.store.assignments.list();
    const typed = (dialog: TeamsDialog) => ({ ...shownValues(dialog), endDate: '2028-03-31', reason: '' });
    const posted = await fillIn(assignmentDocument, 'open-assignment-change', 'assignment-change', typed, 'reason', { reason: 'Rutinen behöver prövas ett halvår till' });
    expect(texts(posted)).toContain('SIP-gruppen Lysekil');
    expect((await teams.store.assignments.get(assignment!.id))!.endDate).toEqual(new Date('2028-03-30T22:00:00Z'));
  });

  it('analysis-round: a new round from the closed round\'s card, errors kept, posted once', async () => {
    const posted = await fillIn(await teams.say('analys'), 'open-analysis-round', 'analysis-round', { year: '2026', proposalDeadline: '' }, 'proposalDeadline', { proposalDeadline: '2026-10-01' });
    expect(texts(posted)).toContain('Lokal analys 2026');
    expect((await teams.store.analysisRounds.list()).map((round) => round.year).sort()).toEqual([2026, 2027]);
  });

  it('new-homework: errors kept in the dialog, sent and posted once', async () => {
    const typed = { title: 'Inför mötet', questions: '', deadline: '2026-10-01' };
    const posted = await fillIn(await teams.say('hemuppgift'), 'open-new-homework', 'new-homework', typed, 'questions', { questions: 'Vad fungerar i SIP-arbetet?' });
    expect(texts(posted)).toContain('Inför mötet');
    expect(await teams.store.homework.list({ groupId: (await teams.store.groups.list())[0]!.id })).toMatchObject([{ title: 'Inför mötet' }]);
  });

  it('export: the file\'s card with its link is shown in the dialog, nothing in the channel', async () => {
    // The first export answers the typed command inline; its card's "export something else" opens the dialog.
    const form = await teams.say('exportera');
    const ready = await teams.press(byVerb(form, 'export'), { what: 'activities', format: 'csv', period: '', planYear: '2027', assignmentId: '', reportId: '' });
    teams.connector.clear();
    const dialog = await openDialog(ready, 'open-export', 'export');
    const typed = { ...shownValues(dialog), what: 'assignment', assignmentId: '' };
    const again = await submitWithErrors(dialog, 'export', typed, 'assignmentId');
    const [assignment] = await teams.store.assignments.list();
    const file = dialogOf(await teams.submitDialog(submitOf(again, 'export'), { ...typed, assignmentId: assignment!.id, format: 'docx' }));
    const link = cardActions(file.card).find((a) => a.type === 'Action.OpenUrl')!;
    expect(link.url).toMatch(new RegExp(`^${teams.app.url}/exports/files/.+\\.docx\\?`));
    expect((await fetch(link.url)).status).toBe(200);
    expect(teams.channelPosts()).toEqual([]);
    submitted.add('export');
  });

  it('keeps a draft from a dialog ("Spara utkast") and shows it when the dialog is opened again', async () => {
    // No dialog form keeps drafts today (the report forms open in the private chat), but a dialog handles
    // any form: here the convener's progress report, asked for as a dialog.
    const [assignment] = await teams.store.assignments.list();
    const ask = { action: 'open-report', assignmentId: assignment!.id, msteams: { type: 'task/fetch' } };
    const fetchReport = async () => dialogOf(await teams.post(taskInvoke(teams.channel, teams.connector.serviceUrl, MEMBER, 'task/fetch', ask)));
    const dialog = await fetchReport();
    const saveDraft = cardActions(dialog.card).find((a) => a.data?.action === 'save-draft')!;
    expect(saveDraft.type).toBe('Action.Submit');
    const typedText = { ...shownValues(dialog), progressText: 'Kartläggning av SIP i tre enheter' };
    teams.connector.clear();
    const saved = dialogOf(await teams.submitDialog(saveDraft, typedText, { user: MEMBER }));
    expect(texts(saved.card)).toContain('Utkastet till lägesrapport är sparat.');
    expect(teams.channelPosts()).toEqual([]);
    // Its "Fortsätt fylla i" opens the form again in the same dialog, with the draft.
    const continued = dialogOf(await teams.submitDialog(opener(saved.card, 'open-report'), {}, { user: MEMBER }));
    expect(inputsById(continued.card).progressText.value).toBe('Kartläggning av SIP i tre enheter');
    expect(inputsById((await fetchReport()).card).progressText.value).toBe('Kartläggning av SIP i tre enheter');
  });

  it('a dialog opened from a card in the private chat acts for the group that card names', async () => {
    const chat: TeamsConversation = { kind: 'personal', id: personalConversationId(CHAIR.id) };
    expect((await teams.post(message(chat, teams.connector.serviceUrl, CHAIR, 'medlemmar'))).status).toBe(200);
    const members = cardOf(teams.connector.postsIn(chat.id).at(-1));
    teams.connector.clear();
    const chooser = dialogOf(await teams.fetchDialog(opener(members, 'edit-member'), { in: chat }));
    expect(submitOf(chooser, 'choose-member').data).toEqual({ form: 'choose-member', originChannelId: teams.channel.id });
    const [group] = await teams.store.groups.list();
    const bo = (await teams.store.members.list({ groupId: group!.id })).find((m) => m.displayName === MEMBER.name)!;
    const form = dialogOf(await teams.submitDialog(submitOf(chooser, 'choose-member'), { memberId: bo.id }, { in: chat }));
    const region = choice(form, 'organisationId', /Region/);
    // The change is the group's: the dialog closes and it is posted once in the group's channel.
    const done = await teams.submitDialog(submitOf(form, 'member'), { ...shownValues(form), organisationId: region }, { in: chat });
    expect(done).toEqual({ status: 200, body: undefined });
    expect(teams.channelPosts()).toHaveLength(1);
    expect(texts(cardOf(teams.channelPosts()[0]))).toContain('Bo Ledamot');
    expect((await teams.store.members.get(bo.id))!.organisationId).toBe(region);
    expect(teams.connector.postsIn(chat.id), 'nothing in the private chat but the dialog').toEqual([]);
  });

  it('opened and submitted every dialog form', () => {
    expect([...opened].sort()).toEqual([...DIALOG_OPENERS].sort());
    expect([...submitted].sort()).toEqual(
      ['settings', 'member', 'choose-member', 'meeting', 'meeting-series', 'move-meeting', 'analysis-round', 'voting-round', 'activity', 'assignment', 'assignment-change', 'new-homework', 'export'].sort(),
    );
  });
});

describe('TEAMS_DIALOGS=false, for clients without dialogs (the Agents Playground)', () => {
  let inline: TeamsHarness;

  beforeAll(async () => {
    inline = await startTeamsHarness({ name: 'teams-dialogs-off', env: { SCHEDULER_ENABLED: 'false', TEAMS_DIALOGS: 'false' }, clock });
  });

  afterAll(() => inline?.close());

  it('keeps every opener an Action.Execute that opens its form inline, as before', async () => {
    const meetings = await inline.say('möten');
    expect(cardActions(meetings).some((a) => a.type === 'Action.Submit')).toBe(false);
    const form = await inline.press(byVerb(meetings, 'open-meeting'));
    expect(field(form, 'date').input.type).toBe('Input.Date');
    expect(byVerb(form, 'meeting').type).toBe('Action.Execute');
  });
});

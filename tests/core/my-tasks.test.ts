// "Mina uppgifter" at a fixed clock: what a person owes in their groups — a progress or final report as
// convener or ersättare, proposals and the vote in the rådslag (one voice per seat), a hemuppgift, the
// year's utvärdering in December, an implementation follow-up — and nothing once it is done. In the
// private chat the list spans the person's groups, each button naming its group's channel; typed in a
// group's channel it lists that group only. The buttons open the forms through the real bot.
import { beforeEach, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/core/bot.js';
import type { Group, Member } from '../../src/core/domain.js';
import type { Actor, InboundEvent, Reply } from '../../src/core/events.js';
import type { Store } from '../../src/core/ports.js';
import { format } from '../../src/i18n/index.js';
import { sv } from '../../src/i18n/sv.js';
import { actor, slackChannel } from '../support/events.js';
import { fixedClock } from '../support/fixed-clock.js';
import { createInMemoryStore } from '../support/in-memory-store.js';
import { addAssignment, addMember, VALID_PROGRESS } from '../support/report-fixtures.js';

const clock = fixedClock('2026-11-23T09:30:00Z'); // Monday 10:30 in Stockholm
const channel = slackChannel({ channelId: 'C_UDDEVALLA', channelName: 'samverkan-uddevalla' });
const other = slackChannel({ channelId: 'C_LYSEKIL', channelName: 'samverkan-lysekil' });
const privateChat = slackChannel({ channelId: 'D_CILLA', isPersonal: true });
const CHAIR = actor();
const CILLA = actor({ userId: 'U_CILLA', displayName: 'Cilla Sammankallande' });
const SVEN = actor({ userId: 'U_SVEN', displayName: 'Sven Ersättare' });

let store: Store;
let bot: Bot;
let group: Group;
let cilla: Member;

interface TaskLine {
  group: string;
  text: string;
  action: string;
  originChannelId: string;
}

/** The card's tasks as the person sees them: group, text and which button, acting for which channel. */
function tasks(reply: Reply): TaskLine[] {
  expect(reply).toMatchObject({ kind: 'card', card: 'my-tasks', audience: 'asker' });
  const groups = (reply as unknown as { data: { groups: { name: string; items: { text: string; action: string; originChannelId: string }[] }[] } }).data.groups;
  return groups.flatMap((entry) => entry.items.map((item) => ({ group: entry.name, text: item.text, action: item.action, originChannelId: item.originChannelId })));
}

const ask = (who: Actor, where = privateChat) => bot.handle({ type: 'command', command: 'uppgifter', text: 'mina uppgifter', channel: where, actor: who });

beforeEach(async () => {
  clock.set('2026-11-23T09:30:00Z');
  store = createInMemoryStore(clock.now);
  bot = createBot({ store, clock, defaults: { locale: 'sv', timeZone: 'Europe/Stockholm' } });
  await bot.handle({ type: 'bot-added', channel, actor: CHAIR });
  [group] = (await store.groups.list()) as [Group];
  await store.groups.update(group.id, { name: 'LSG Uddevalla' });
  cilla = await addMember(store, group.id, { userId: CILLA.userId, displayName: CILLA.displayName, roles: ['sammankallande'] });
  await addMember(store, group.id, { userId: SVEN.userId, displayName: SVEN.displayName, roles: ['ersattare'], substituteFor: cilla });
});

describe('mina uppgifter', () => {
  it('says nothing is waiting when nothing is, and welcomes the person in a new private chat', async () => {
    expect(tasks(await ask(CILLA))).toEqual([]);
    expect((await ask(CILLA)).kind === 'card' && (((await ask(CILLA)) as unknown) as { data: { none: string } }).data.none).toBe(sv.myTasks.none);
    const welcome = await bot.handle({ type: 'bot-added', channel: privateChat, actor: CILLA });
    expect(welcome).toMatchObject({ card: 'my-tasks', data: { intro: format(sv.myTasks.welcome, { name: 'Cilla Sammankallande' }) } });
  });

  it('lists a progress report due for the convener and the ersättare, until it is in', async () => {
    const { assignment } = await addAssignment(store, group.id, { convener: cilla });
    // Friday's meeting: the report is due 48 h before, inside the group's prompt lead time.
    await store.meetings.create({ groupId: group.id, startsAt: new Date('2026-11-27T12:00:00Z'), durationMinutes: 90, seriesId: null, location: null, cancelled: false });
    const expected = {
      group: 'LSG Uddevalla',
      text: format(sv.myTasks.items.progressReport, { title: assignment.title, due: 'onsdag 25 november 2026 kl. 13.00' }),
      action: 'open-report',
      originChannelId: channel.channelId,
    };
    expect(tasks(await ask(CILLA))).toEqual([expected]);
    expect(tasks(await ask(SVEN))).toEqual([expected]);
    // The chair is not the convener: nothing for them.
    expect(tasks(await ask(CHAIR))).toEqual([]);

    // The button opens the form for the group, pressed in the private chat.
    const opened = await bot.handle({ type: 'button', action: 'open-report', args: { assignmentId: assignment.id, reportKind: 'progress' }, channel: { ...channel, viaPersonalChat: true }, actor: CILLA });
    expect(opened).toMatchObject({ kind: 'form', form: 'progress-report' });

    await bot.handle({ type: 'form-submitted', form: 'progress-report', values: { assignmentId: assignment.id, ...VALID_PROGRESS }, channel, actor: CILLA });
    expect(tasks(await ask(CILLA))).toEqual([]);
  });

  it('lists the slutrapport as the end date nears', async () => {
    const { assignment } = await addAssignment(store, group.id, { convener: cilla, endDate: '2026-11-26T23:00:00Z' });
    expect(tasks(await ask(CILLA)).map((task) => [task.text, task.action])).toEqual([[format(sv.myTasks.items.finalReport, { title: assignment.title, end: '27 november 2026' }), 'open-report']]);
  });

  it('lists proposals while the analysis is open and the vote while it is, one voice per seat', async () => {
    const chair = (await store.members.list({ groupId: group.id })).find((member) => member.roles.includes('ordforande'))!;
    const round = await store.analysisRounds.create({
      groupId: group.id, year: 2027, status: 'forslag', proposalDeadline: new Date('2026-12-04T22:59:59Z'), votingDeadline: null,
      voteBudget: 7, maxVotesPerArea: 3, openedByMemberId: chair.id, votingOpenedAt: null, closedAt: null,
    });
    expect(tasks(await ask(CILLA)).map((task) => [task.text, task.action])).toEqual([[format(sv.myTasks.items.proposal, { year: 2027, deadline: '4 december 2026' }), 'open-proposal']]);
    const area = await store.proposals.create({ groupId: group.id, title: 'SIP för unga', description: '', targetGroup: 'barn_och_unga', obstacles: '', proposedByMemberId: cilla.id, mergedIntoProposalId: null, roundId: round.id });
    // Cilla proposed: nothing more asked of her; Sven still may.
    expect(tasks(await ask(CILLA))).toEqual([]);
    expect(tasks(await ask(SVEN))).toHaveLength(1);

    await store.analysisRounds.update(round.id, { status: 'rostning', votingOpenedAt: clock.now(), votingDeadline: new Date('2026-12-10T22:59:59Z') });
    const vote = [format(sv.myTasks.items.ballot, { year: 2027, deadline: '10 december 2026' }), 'open-ballot'];
    expect(tasks(await ask(CILLA)).map((task) => [task.text, task.action])).toEqual([vote]);
    expect(tasks(await ask(SVEN)).map((task) => [task.text, task.action])).toEqual([vote]);
    await store.ballots.create({ roundId: round.id, memberId: cilla.id, organisationId: null, votes: { [area.id]: 3 } });
    // Cilla voted for the seat: her ersättare is not asked to.
    expect(tasks(await ask(CILLA))).toEqual([]);
    expect(tasks(await ask(SVEN))).toEqual([]);
    // After the deadline nobody is asked to vote (December asks for the utvärdering instead).
    clock.set('2026-12-11T09:00:00Z');
    expect(tasks(await ask(CHAIR)).map((task) => task.action)).toEqual(['open-evaluation']);
  });

  it('lists an unanswered hemuppgift and, in December, the year\'s utvärdering', async () => {
    const chair = (await store.members.list({ groupId: group.id })).find((member) => member.roles.includes('ordforande'))!;
    const homework = await store.homework.create({ groupId: group.id, title: 'Samla synpunkter', questions: ['Vad saknas?'], deadline: new Date('2026-12-04T22:59:59Z'), createdByMemberId: chair.id });
    expect(tasks(await ask(CILLA)).map((task) => task.action)).toEqual(['answer-homework']);
    clock.set('2026-12-01T09:00:00Z');
    expect(tasks(await ask(CILLA)).map((task) => [task.text, task.action])).toEqual([
      [format(sv.myTasks.items.homework, { title: 'Samla synpunkter', deadline: '4 december 2026' }), 'answer-homework'],
      [format(sv.myTasks.items.evaluation, { year: 2026 }), 'open-evaluation'],
    ]);
    await store.homeworkAnswers.create({ homeworkId: homework.id, memberId: cilla.id, answers: ['Tid'] });
    expect(tasks(await ask(CILLA)).map((task) => task.action)).toEqual(['open-evaluation']);
  });

  it('lists the implementation follow-up for the convener of a closed uppdrag', async () => {
    const { assignment } = await addAssignment(store, group.id, { convener: cilla });
    await store.assignments.update(assignment.id, { status: 'avslutat' });
    await store.finalReports.create({
      assignmentId: assignment.id, authorMemberId: cilla.id, goalMet: 'ja', goalMetHow: 'Rutinen används', addedValue: 'Bättre samordning', resultsJoint: '', resultsPerParty: '',
      submittedAt: new Date('2026-05-01T08:00:00Z'), acceptedAt: new Date('2026-05-12T08:00:00Z'), acceptedByMemberId: null,
    } as never);
    expect(tasks(await ask(CILLA)).map((task) => [task.text, task.action])).toEqual([[format(sv.myTasks.items.followUp, { title: assignment.title, months: 6 }), 'open-follow-up']]);
    expect(tasks(await ask(SVEN))).toEqual([]);
  });

  it('spans the person\'s groups in the private chat; in a channel it lists that group only', async () => {
    await bot.handle({ type: 'bot-added', channel: other, actor: CHAIR });
    const lysekil = (await store.groups.list()).find((candidate) => candidate.id !== group.id)!;
    await store.groups.update(lysekil.id, { name: 'LSG Lysekil' });
    await addMember(store, lysekil.id, { userId: CILLA.userId, displayName: CILLA.displayName });
    const chair = (await store.members.list({ groupId: group.id })).find((member) => member.roles.includes('ordforande'))!;
    for (const [id, title] of [[group.id, 'Uddevalla frågar'], [lysekil.id, 'Lysekil frågar']] as const) {
      await store.homework.create({ groupId: id, title, questions: ['?'], deadline: new Date('2026-12-04T22:59:59Z'), createdByMemberId: chair.id });
    }
    expect(tasks(await ask(CILLA)).map((task) => [task.group, task.originChannelId])).toEqual([
      ['LSG Uddevalla', channel.channelId],
      ['LSG Lysekil', other.channelId],
    ]);
    const here = await ask(CILLA, other);
    expect(tasks(here).map((task) => [task.group, task.originChannelId])).toEqual([['LSG Lysekil', '']]);
    expect(((here as unknown) as { data: { intro: string } }).data.intro).toBe(format(sv.myTasks.introHere, { groupName: 'LSG Lysekil' }));
  });

  it('is only for members: the private chat of someone in no group says so', async () => {
    const stranger = actor({ userId: 'U_STRANGER', displayName: 'Okänd' });
    const reply = await bot.handle({ type: 'command', command: 'uppgifter', text: 'mina uppgifter', channel: slackChannel({ channelId: 'D_X', isPersonal: true }), actor: stranger } as InboundEvent);
    expect(reply).toMatchObject({ kind: 'card', card: 'notice', data: { text: sv.notice.personalChat } });
  });
});

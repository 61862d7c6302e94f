// Realistic replies of the report feature (steps 5–8 and hemuppgifter) for the card and translator tests,
// produced by running the real use cases through createBot on the in-memory store: every form with and
// without errors, every card filled, in the group's locale.
import type { Locale } from '../../src/core/domain.js';
import { createBot } from '../../src/core/bot.js';
import type { FormId, InboundEvent, Reply } from '../../src/core/events.js';
import { createInMemoryStore } from './in-memory-store.js';
import { fixedClock } from './fixed-clock.js';
import { actor, slackChannel } from './events.js';
import type { NamedReply } from './card-replies.js';
import { addAssignment, addMember, VALID_FINAL, VALID_PROGRESS } from './report-fixtures.js';
import { replyFromPayload } from '../../src/core/delivery.js';
import { planImplementationFollowUps } from '../../src/core/use-cases/implementation-follow-up.js';
import { planHomeworkSummaries } from '../../src/core/use-cases/homework.js';
import { testRegion } from './test-region.js';

export async function reportReplies(locale: Locale): Promise<NamedReply[]> {
  const clock = fixedClock('2026-11-25T09:00:00Z');
  const store = createInMemoryStore(clock.now);
  const links = { meetingsCalendar: () => '', finalReport: (id: string) => `https://samverkansbot.example.se/exports/final-reports/${id}.docx?expires=1&signature=x` };
  const bot = createBot({ region: testRegion(), store, clock, defaults: { locale, timeZone: 'Europe/Stockholm' }, links });
  const channel = slackChannel({ channelName: 'Samverkan Uddevalla & Lysekil <psykisk hälsa>' });
  const chair = actor();
  const convener = actor({ userId: 'U_CILLA', displayName: 'Cilla Sammankallande' });
  const replies: NamedReply[] = [];
  const add = async (name: string, event: InboundEvent): Promise<Reply> => {
    const reply = await bot.handle(event);
    replies.push({ name: `reports: ${name}`, locale, reply });
    return reply;
  };
  const submit = (form: FormId, values: Record<string, string>, who = convener): InboundEvent => ({ type: 'form-submitted', form, values, channel, actor: who });

  await bot.handle({ type: 'bot-added', channel, actor: chair });
  const [group] = await store.groups.list();
  const cilla = await addMember(store, group!.id, { userId: convener.userId, displayName: convener.displayName, roles: ['sammankallande'] });
  await addMember(store, group!.id, { userId: 'U_SVEN', displayName: 'Sven Ersättare', roles: ['ersattare'], substituteFor: cilla });
  const { assignment } = await addAssignment(store, group!.id, { convener: cilla, title: 'SIP-rutin <barn & unga>' });
  const second = (await addAssignment(store, group!.id, { convener: cilla, title: 'Första hjälpen till psykisk hälsa', withPlan: false })).assignment;

  await add('not a convener', { type: 'command', command: 'rapport', text: '', channel, actor: chair });
  await add('choose-assignment form', { type: 'command', command: 'rapport', text: '', channel, actor: convener });
  await add('choose-assignment form-errors', submit('choose-assignment', { assignmentId: '', reportKind: 'x' }));
  await add('progress-report form (no plan)', submit('choose-assignment', { assignmentId: second.id, reportKind: 'progress' }));
  const context = { assignmentId: assignment.id, correctsReportId: '', draftForm: 'progress-report' };
  await add('progress-report form-errors', submit('progress-report', { ...context, ...VALID_PROGRESS, worksLessWell: 'Patient 121212-1212', indicator_i1: 'många', timelineHolds: 'nej' }));
  await add('draft saved', { type: 'button', action: 'save-draft', args: { ...context, progressText: 'Utkast' }, channel, actor: convener });
  await add('progress-report form (draft)', submit('choose-assignment', { assignmentId: assignment.id, reportKind: 'progress' }));
  await add('report-view', submit('progress-report', { ...context, ...VALID_PROGRESS }));
  const [first] = await store.progressReports.list();
  await add('progress-report form (correction)', { type: 'button', action: 'correct-report', args: { reportId: first!.id }, channel, actor: convener });
  clock.advance(3_600_000);
  await add('report-view (two versions)', submit('progress-report', { ...context, ...VALID_PROGRESS, statusColour: 'rod', timelineHolds: 'nej', newEndDate: '2027-02-28', correctsReportId: first!.id }));

  // "Nej, nytt slutdatum": the chair extends the uppdrag from the report (a change with a reason).
  await add('assignment-change form', { type: 'button', action: 'open-assignment-change', args: { assignmentId: assignment.id, endDate: '2027-02-28' }, channel, actor: chair });
  const changeValues = { assignmentId: assignment.id, endDate: '2027-02-28', convenerMemberId: cilla.id, status: 'aktivt' };
  await add('assignment-change form-errors', submit('assignment-change', { ...changeValues, reason: '' }, chair));
  await add('assignment-document (changed)', submit('assignment-change', { ...changeValues, reason: 'Skolorna behöver en termin till & mer <tid>' }, chair));

  const finalContext = { assignmentId: assignment.id, draftForm: 'final-report' };
  await add('final-report form', submit('choose-assignment', { assignmentId: assignment.id, reportKind: 'final' }));
  await add('final-report form-errors', submit('final-report', { ...finalContext, ...VALID_FINAL, goalMet: '', addedValue: '' }));
  await add('final-report-view (pending)', submit('final-report', { ...finalContext, ...VALID_FINAL }));
  // Begär komplettering: back to the convener, who completes and submits again.
  const [returnedReport] = await store.finalReports.list();
  await add('final-report-return form', { type: 'button', action: 'open-final-report-return', args: { finalReportId: returnedReport!.id }, channel, actor: chair });
  await add('final-report-return form-errors', submit('final-report-return', { finalReportId: returnedReport!.id, missing: '' }, chair));
  await add('final report returned', submit('final-report-return', { finalReportId: returnedReport!.id, missing: 'Resultat per huvudman & <kommunen> saknas.' }, chair));
  await add('final-report-view (completed)', submit('final-report', { ...finalContext, ...VALID_FINAL }));
  const final = (await store.finalReports.list()).at(-1);
  await add('final-report-view (accepted)', { type: 'button', action: 'accept-final-report', args: { finalReportId: final!.id }, channel, actor: chair });

  // Step 7: six months later the scheduler prompts for the implementation follow-up.
  clock.set('2027-05-25T08:00:00Z');
  await planImplementationFollowUps({ store, clock, defaults: { locale, timeZone: 'Europe/Stockholm' } }, clock.now());
  const prompt = (await store.outbox.list()).find((message) => message.kind === 'follow-up-prompt')!;
  replies.push({ name: 'reports: report-prompt (follow-up)', locale, reply: replyFromPayload(prompt.payload) });
  const followUp = { assignmentId: assignment.id, monthsAfter: '6' };
  await add('follow-up form', { type: 'button', action: 'open-follow-up', args: followUp, channel, actor: convener });
  await add('follow-up form-errors', submit('follow-up', { ...followUp, inUse: 'delvis', howUsed: 'Ring 19121212-1212', nextSteps: '' }));
  await add('follow-up saved', submit('follow-up', { ...followUp, inUse: 'delvis', howUsed: 'Rutinen används i elevhälsan.', nextSteps: 'Förskolan återstår.' }));
  await add('follow-up form (answered)', { type: 'button', action: 'open-follow-up', args: followUp, channel, actor: chair });

  // Step 8: the year's utvärdering.
  const evaluation = { year: '2027', draftForm: 'evaluation' };
  const learned = { learnedChildrenAndYouth: 'Tidiga insatser <i skolan> når fler.', learnedAdults: '', learnedPrevention: 'Föräldrastöd & samtal.', learnedCollaboration: 'Vi ringer varandra.' };
  await add('evaluations (empty)', { type: 'command', command: 'utvardering', text: 'utvärdering visa', channel, actor: chair });
  await add('evaluation form', { type: 'command', command: 'utvardering', text: 'utvärdering', channel, actor: convener });
  await add('evaluation form-errors', submit('evaluation', { ...evaluation, ...learned, learnedAdults: '19121212-1212' }));
  await add('evaluation draft saved', { type: 'button', action: 'save-draft', args: { ...evaluation, learnedAdults: 'Utkast' }, channel, actor: convener });
  await add('evaluations (saved)', submit('evaluation', { ...evaluation, ...learned }));
  await add('evaluations (two)', submit('evaluation', { ...evaluation, ...learned, learnedAdults: 'Ensamhet.' }, chair));

  // Hemuppgifter between meetings.
  await add('homework (none)', { type: 'command', command: 'hemuppgift', text: 'hemuppgift', channel, actor: convener });
  await add('new-homework form', { type: 'button', action: 'open-new-homework', args: {}, channel, actor: chair });
  await add('new-homework form-errors', submit('new-homework', { title: '', questions: '1\n2\n3\n4\n5\n6', deadline: '2020-01-01' }, chair));
  const questions = 'Vilka verksamheter har ni frågat?\nVad saknas i utkastet <v.2>?\nHur kan effekten mätas?';
  await add('homework (sent)', submit('new-homework', { title: 'Samla synpunkter & mått', questions, deadline: '2027-06-04' }, chair));
  const [homework] = await store.homework.list();
  // What the convener owes now: the hemuppgift, here and in their private chat (buttons naming the group).
  await add('my-tasks (in the channel)', { type: 'command', command: 'uppgifter', text: 'mina uppgifter', channel, actor: convener });
  await add('my-tasks (private chat)', { type: 'command', command: 'uppgifter', text: 'mina uppgifter', channel: slackChannel({ channelId: 'D_CILLA', isPersonal: true }), actor: convener });
  await add('homework-answer form', { type: 'button', action: 'answer-homework', args: { homeworkId: homework!.id }, channel, actor: convener });
  await add('homework-answer form-errors', submit('homework-answer', { homeworkId: homework!.id, answer_0: 'BUP', answer_1: '19121212-1212', answer_2: '' }));
  await add('homework (answered)', submit('homework-answer', { homeworkId: homework!.id, answer_0: 'BUP & elevhälsan', answer_1: 'Exempel <från förskolan>', answer_2: '' }));
  await add('homework-summary', { type: 'button', action: 'show-homework-summary', args: { homeworkId: homework!.id }, channel, actor: chair });
  clock.set('2027-06-07T08:00:00Z');
  await planHomeworkSummaries({ store, clock, defaults: { locale, timeZone: 'Europe/Stockholm' } }, clock.now());
  const summary = (await store.outbox.list()).find((message) => message.kind === 'homework')!;
  replies.push({ name: 'reports: homework-summary (after the deadline)', locale, reply: replyFromPayload(summary.payload) });
  return replies;
}

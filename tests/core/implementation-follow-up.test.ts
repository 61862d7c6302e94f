// Step 7, implementering: after the chair accepted the slutrapport, follow-ups fall due 6 and 12 months
// after closure; the scheduler posts a prompt naming the convener and the chair, once, in working hours;
// the convener, the ersättare or the chair answers a short form (personnummer guard, "vad återstår" when
// not fully in use), and a new answer replaces the earlier one. In-memory store, fixed clock, the real bot.
import { beforeEach, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/core/bot.js';
import type { Assignment, Group, Member } from '../../src/core/domain.js';
import type { Actor, InboundEvent, Reply } from '../../src/core/events.js';
import type { Store } from '../../src/core/ports.js';
import { replyFromPayload } from '../../src/core/delivery.js';
import { followUpDue, planImplementationFollowUps } from '../../src/core/use-cases/implementation-follow-up.js';
import { format } from '../../src/i18n/index.js';
import { sv } from '../../src/i18n/sv.js';
import { actor, slackChannel } from '../support/events.js';
import { fixedClock } from '../support/fixed-clock.js';
import { createInMemoryStore } from '../support/in-memory-store.js';
import { addAssignment, addMember, VALID_FINAL } from '../support/report-fixtures.js';

const clock = fixedClock('2026-11-25T09:00:00Z'); // Wednesday 10:00 in Stockholm
const channel = slackChannel();
const CHAIR = actor();
const CILLA = actor({ userId: 'U_CILLA', displayName: 'Cilla Sammankallande' });
const SVEN = actor({ userId: 'U_SVEN', displayName: 'Sven Ersättare' });
const BO = actor({ userId: 'U_BO', displayName: 'Bo Ledamot' });

let store: Store;
let bot: Bot;
let group: Group;
let cilla: Member;
let assignment: Assignment;
const deps = () => ({ store, clock, defaults: { locale: 'sv' as const, timeZone: 'Europe/Stockholm' } });

const click = (who: Actor, args: Record<string, string>): Promise<Reply> => bot.handle({ type: 'button', action: 'open-follow-up', args, channel, actor: who });
const answer = (who: Actor, values: Record<string, string>): Promise<Reply> =>
  bot.handle({ type: 'form-submitted', form: 'follow-up', values: { assignmentId: assignment.id, monthsAfter: '6', ...values }, channel, actor: who } as InboundEvent);
const textOf = (reply: Reply) => String((reply as { data: { text?: string } }).data.text);
const VALID = { inUse: 'delvis', howUsed: 'Rutinen används i elevhälsan och på BUP.', nextSteps: 'Införa den i förskolan.' };

/** Closes the assignment as the guidance does: the convener's slutrapport, accepted by the chair. */
async function close(): Promise<void> {
  await bot.handle({ type: 'form-submitted', form: 'final-report', values: { assignmentId: assignment.id, draftForm: 'final-report', ...VALID_FINAL }, channel, actor: CILLA });
  const [report] = await store.finalReports.list();
  await bot.handle({ type: 'button', action: 'accept-final-report', args: { finalReportId: report!.id }, channel, actor: CHAIR });
}

beforeEach(async () => {
  clock.set('2026-11-25T09:00:00Z');
  store = createInMemoryStore(clock.now);
  bot = createBot(deps());
  await bot.handle({ type: 'bot-added', channel, actor: CHAIR });
  [group] = (await store.groups.list()) as [Group];
  cilla = await addMember(store, group.id, { userId: CILLA.userId, displayName: CILLA.displayName, roles: ['sammankallande'] });
  await addMember(store, group.id, { userId: SVEN.userId, displayName: SVEN.displayName, roles: ['ersattare'], substituteFor: cilla });
  await addMember(store, group.id, { userId: BO.userId, displayName: BO.displayName });
  ({ assignment } = await addAssignment(store, group.id, { convener: cilla }));
});

describe('planImplementationFollowUps', () => {
  it('falls due 6 and 12 months after the chair accepted the slutrapport, at 09:00 local time', () => {
    const closed = new Date('2026-11-25T09:00:00Z');
    expect(followUpDue(closed, 6, 'Europe/Stockholm')).toEqual(new Date('2027-05-25T07:00:00Z'));
    expect(followUpDue(closed, 12, 'Europe/Stockholm')).toEqual(new Date('2027-11-25T08:00:00Z'));
  });

  it('prompts nothing for an assignment that is not closed, nor before the follow-up is due', async () => {
    clock.set('2027-06-01T09:00:00Z');
    expect(await planImplementationFollowUps(deps(), clock.now())).toEqual({ followUpPrompts: 0 });
    clock.set('2026-11-25T09:00:00Z');
    await close();
    clock.set('2027-05-24T09:00:00Z');
    expect(await planImplementationFollowUps(deps(), clock.now())).toEqual({ followUpPrompts: 0 });
    expect((await store.outbox.list()).filter((m) => m.kind === 'follow-up-prompt')).toEqual([]);
  });

  it('posts one prompt naming the convener and the chair, with the button to the 6-month form', async () => {
    await close();
    clock.set('2027-05-25T08:00:00Z'); // Tuesday 10:00
    expect(await planImplementationFollowUps(deps(), clock.now())).toEqual({ followUpPrompts: 1 });
    expect(await planImplementationFollowUps(deps(), clock.now())).toEqual({ followUpPrompts: 0 });
    const [message] = (await store.outbox.list()).filter((m) => m.kind === 'follow-up-prompt');
    const link = (await store.channels.list({ groupId: group.id }))[0]!;
    expect(message).toMatchObject({ channelLinkId: link.id, status: 'pending', idempotencyKey: `follow-up-prompt:${assignment.id}:6:${link.id}` });
    const reply = replyFromPayload(message!.payload) as any;
    expect(reply).toMatchObject({ card: 'report-prompt', data: { kind: 'follow-up', buttonTitle: sv.reports.buttons.fillInFollowUp, args: { assignmentId: assignment.id, monthsAfter: '6' } } });
    expect(reply.data.text).toBe(
      format(sv.reports.prompts.followUp, { convener: 'Cilla Sammankallande', chairs: 'Anna Ordförande', title: assignment.title, closed: '25 november 2026', months: 6 }),
    );
  });

  it('waits for working hours, and asks for the 12-month follow-up after the 6-month one is answered', async () => {
    await close();
    clock.set('2027-05-29T09:00:00Z'); // Saturday
    expect(await planImplementationFollowUps(deps(), clock.now())).toEqual({ followUpPrompts: 0 });
    clock.set('2027-05-31T08:00:00Z');
    expect(await planImplementationFollowUps(deps(), clock.now())).toEqual({ followUpPrompts: 1 });
    await answer(CILLA, VALID);
    clock.set('2027-11-25T09:00:00Z');
    expect(await planImplementationFollowUps(deps(), clock.now())).toEqual({ followUpPrompts: 1 });
    const keys = (await store.outbox.list()).filter((m) => m.kind === 'follow-up-prompt').map((m) => m.idempotencyKey.split(':')[2]);
    expect(keys).toEqual(['6', '12']);
  });

  it('asks once, for the latest due follow-up, when both are overdue, and not when it is answered', async () => {
    await close();
    clock.set('2028-01-10T09:00:00Z');
    expect(await planImplementationFollowUps(deps(), clock.now())).toEqual({ followUpPrompts: 1 });
    expect((await store.outbox.list()).filter((m) => m.kind === 'follow-up-prompt').map((m) => m.idempotencyKey.split(':')[2])).toEqual(['12']);
    await answer(CHAIR, { ...VALID, monthsAfter: '12' });
    await store.outbox.delete((await store.outbox.list()).find((m) => m.kind === 'follow-up-prompt')!.id);
    expect(await planImplementationFollowUps(deps(), clock.now())).toEqual({ followUpPrompts: 0 });
  });
});

describe('the follow-up form', () => {
  beforeEach(async () => {
    await close();
    clock.set('2027-05-25T08:00:00Z');
  });

  it('is answered by the convener, the ersättare or the chair; other members are told who answers', async () => {
    expect(textOf(await click(BO, { assignmentId: assignment.id, monthsAfter: '6' }))).toBe(sv.reports.followUp.onlyConvenerOrChair);
    expect(await answer(BO, VALID)).toMatchObject({ card: 'notice' });
    for (const who of [CILLA, SVEN, CHAIR]) {
      expect(await click(who, { assignmentId: assignment.id, monthsAfter: '6' })).toMatchObject({
        kind: 'form',
        form: 'follow-up',
        data: { title: 'Implementering: "SIP-rutin för barn och unga" efter 6 månader', context: { assignmentId: assignment.id, monthsAfter: '6' } },
      });
    }
    expect(await store.followUps.list()).toEqual([]);
  });

  it('refuses a missing status, a personnummer and a missing "what remains", keeping what was typed', async () => {
    const reply = await answer(CILLA, { inUse: '', howUsed: 'Gäller 19121212-1212', nextSteps: '' });
    expect(reply).toMatchObject({
      kind: 'form-errors',
      form: 'follow-up',
      errors: {
        inUse: format(sv.reports.errors.choose, { field: sv.reports.followUp.inUse }),
        howUsed: format(sv.reports.errors.identityNumber, { field: sv.reports.followUp.howUsed }),
      },
    });
    expect((reply as any).data.values.howUsed).toBe('Gäller 19121212-1212');
    expect(await answer(CILLA, { ...VALID, nextSteps: ' ' })).toMatchObject({ kind: 'form-errors', errors: { nextSteps: sv.reports.followUp.nextStepsRequired } });
    // Fully in use: nothing remains to describe.
    expect(await answer(CILLA, { ...VALID, inUse: 'helt', nextSteps: '' })).toMatchObject({ card: 'notice' });
  });

  it('stores the answer on the follow-up; answering again replaces it and the form shows it', async () => {
    expect(textOf(await answer(CILLA, VALID))).toBe(format(sv.reports.followUp.saved, { months: 6, title: assignment.title, answer: 'Delvis' }));
    expect(await store.followUps.list()).toMatchObject([{ groupId: group.id, assignmentId: assignment.id, monthsAfter: 6, authorMemberId: cilla.id, ...VALID }]);
    clock.advance(86_400_000);
    await answer(CHAIR, { ...VALID, inUse: 'helt' });
    const rows = await store.followUps.list();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ inUse: 'helt' });
    const form = (await click(CILLA, { assignmentId: assignment.id, monthsAfter: '6' })) as any;
    expect(form.data.values).toEqual({ inUse: 'helt', howUsed: VALID.howUsed, nextSteps: VALID.nextSteps });
    expect(form.data.answeredLine).toMatch(/^Senast besvarad .* av Anna Ordförande\. Du kan ändra svaret\.$/);
  });

  it('is not open for an assignment that is not closed, nor before the 12-month follow-up is due', async () => {
    const other = (await addAssignment(store, group.id, { convener: cilla, title: 'Pågående' })).assignment;
    expect(textOf(await click(CILLA, { assignmentId: other.id, monthsAfter: '6' }))).toBe(format(sv.reports.followUp.notClosed, { title: 'Pågående' }));
    expect(textOf(await click(CILLA, { assignmentId: assignment.id, monthsAfter: '12' }))).toBe(
      format(sv.reports.followUp.notDue, { months: 12, title: assignment.title, due: '25 november 2027' }),
    );
    expect(textOf(await click(CILLA, { assignmentId: 'nope' }))).toBe(sv.reports.access.notFound);
  });
});

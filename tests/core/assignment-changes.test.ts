// An uppdrag that changes (issue 17 point 3): the chair extends it straight from a lägesrapport answering
// "Nej, nytt slutdatum", changes its convener, pauses or cancels it, always with a reason; each change is
// kept with who and when and shows on the uppdrag card and in the uppdragshandling. A cancelled or paused
// uppdrag is no longer reported on. At a fixed clock through the real bot on the in-memory store.
import { beforeEach, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/core/bot.js';
import type { Assignment, Group, Member } from '../../src/core/domain.js';
import type { Actor, FormId, InboundEvent, Reply } from '../../src/core/events.js';
import type { Store } from '../../src/core/ports.js';
import { loadAssignmentDocument } from '../../src/core/use-cases/plan-documents.js';
import { catalog } from '../../src/i18n/index.js';
import { actor, slackChannel } from '../support/events.js';
import { fixedClock } from '../support/fixed-clock.js';
import { createInMemoryStore } from '../support/in-memory-store.js';
import { addAssignment, addMember, VALID_FINAL, VALID_PROGRESS } from '../support/report-fixtures.js';
import { testRegion } from '../support/test-region.js';

const clock = fixedClock('2026-11-25T09:00:00Z');
const channel = slackChannel();
const CHAIR = actor();
const CILLA = actor({ userId: 'U_CILLA', displayName: 'Cilla Sammankallande' });
const BO = actor({ userId: 'U_BO', displayName: 'Bo Ledamot' });

let store: Store;
let bot: Bot;
let group: Group;
let bo: Member;
let assignment: Assignment;

beforeEach(async () => {
  clock.set('2026-11-25T09:00:00Z');
  store = createInMemoryStore(clock.now);
  bot = createBot({ region: testRegion(), store, clock, defaults: { locale: 'sv', timeZone: 'Europe/Stockholm' }, links: { meetingsCalendar: () => '' } });
  await bot.handle({ type: 'bot-added', channel, actor: CHAIR });
  [group] = (await store.groups.list()) as [Group];
  const cilla = await addMember(store, group.id, { userId: CILLA.userId, displayName: CILLA.displayName, roles: ['sammankallande'] });
  bo = await addMember(store, group.id, { userId: BO.userId, displayName: BO.displayName });
  ({ assignment } = await addAssignment(store, group.id, { convener: cilla }));
  assignment = await store.assignments.update(assignment.id, { memberIds: [cilla.id, bo.id] });
});

const submit = (form: FormId, who: Actor, values: Record<string, string>): Promise<Reply> => bot.handle({ type: 'form-submitted', form, values, channel, actor: who });
const click = (action: Extract<InboundEvent, { type: 'button' }>['action'], who: Actor, args: Record<string, string> = {}): Promise<Reply> =>
  bot.handle({ type: 'button', action, args, channel, actor: who });
const data = (reply: Reply): Record<string, any> => (reply as { data: Record<string, any> }).data;
const change = (values: Record<string, string>, who: Actor = CHAIR) =>
  submit('assignment-change', who, { assignmentId: assignment.id, endDate: '2026-12-31', convenerMemberId: assignment.convenerMemberId, status: 'aktivt', reason: '', ...values });

describe('changing an uppdrag', () => {
  it('offers the extension on a report answering "Nej, nytt slutdatum", and the chair extends with a reason', async () => {
    const report = await submit('progress-report', CILLA, {
      assignmentId: assignment.id, correctsReportId: '', draftForm: 'progress-report', ...VALID_PROGRESS, timelineHolds: 'nej', newEndDate: '2027-03-31',
    });
    expect(data(report)).toMatchObject({ extendLabel: 'Förläng uppdraget till 2027-03-31', extendTo: '2027-03-31', assignmentId: assignment.id });

    const form = await click('open-assignment-change', CHAIR, { assignmentId: assignment.id, endDate: '2027-03-31' });
    expect(form).toMatchObject({ kind: 'form', form: 'assignment-change', data: { values: { endDate: '2027-03-31', status: 'aktivt', reason: '' } } });

    const refused = await change({ endDate: '2027-03-31' });
    expect(refused).toMatchObject({ kind: 'form-errors', errors: { reason: 'Skriv varför uppdraget ändras: skälet sparas i uppdragets historik.' } });
    expect(data(refused).values.endDate).toBe('2027-03-31');
    expect((await store.assignments.get(assignment.id))!.endDate).toEqual(assignment.endDate);

    clock.advance(3600_000);
    const card = await change({ endDate: '2027-03-31', reason: 'Utbildningen i skolorna tar en termin till.' });
    expect(card).toMatchObject({ kind: 'card', card: 'assignment-document' });
    expect(data(card).announcement).toBe(
      'Anna Ordförande ändrade uppdraget "SIP-rutin för barn och unga": slutdatum 2026-12-31 → 2027-03-31. Skäl: Utbildningen i skolorna tar en termin till.',
    );
    expect((await store.assignments.get(assignment.id))!.endDate).toEqual(new Date('2027-03-30T22:00:00Z'));
    // The change log on the card and in the uppdragshandling.
    const log = data(card).sections.find((section: { heading: string }) => section.heading === 'Ändringar av uppdraget');
    expect(log.text).toBe('• 2026-11-25 Anna Ordförande: slutdatum 2026-12-31 → 2027-03-31. Skäl: Utbildningen i skolorna tar en termin till.');
    const document = await loadAssignmentDocument(store, assignment.id, undefined, () => catalog('sv'));
    expect(JSON.stringify(document)).toContain('slutdatum 2026-12-31 → 2027-03-31');
  });

  it('changes the convener to another member of the working group, and refuses someone outside it', async () => {
    expect(await change({ convenerMemberId: 'someone-else', reason: 'Cilla slutar' })).toMatchObject({
      kind: 'form-errors',
      errors: { convenerMemberId: 'Välj en sammankallande bland arbetsgruppens medlemmar.' },
    });
    await change({ convenerMemberId: bo.id, reason: 'Cilla är föräldraledig' });
    expect((await store.assignments.get(assignment.id))!.convenerMemberId).toBe(bo.id);
    expect((await store.members.get(bo.id))!.roles).toContain('sammankallande');
  });

  it('changes the goal with a reason, kept in the history; an empty goal is refused with what was typed kept', async () => {
    const empty = await change({ goal: '  ', reason: 'Nytt fokus' });
    expect(empty).toMatchObject({ kind: 'form-errors', errors: { goal: 'Mål för uppdraget – vad vill vi uppnå? måste fyllas i.' } });
    expect((empty as unknown as { data: { values: { reason: string } } }).data.values.reason).toBe('Nytt fokus');
    const card = await change({ goal: 'Alla skolor i kommunen använder rutinen', reason: 'Förskolan ingår inte längre' });
    expect(data(card).announcement).toContain('nytt mål: "Alla skolor i kommunen använder rutinen"');
    expect((await store.assignments.get(assignment.id))!.goal).toBe('Alla skolor i kommunen använder rutinen');
    const [changed] = await store.planChanges.list({ action: 'assignment-changed' });
    expect(changed!.details).toMatchObject({ reason: 'Förskolan ingår inte längre' });
  });

  it('cancels with a reason: the uppdrag is no longer reported on, and nothing unchanged is saved', async () => {
    expect(await change({ reason: 'Inget ändrat' })).toMatchObject({ kind: 'form-errors', errors: { endDate: 'Inget är ändrat: ändra slutdatum, sammankallande, status eller mål.' } });
    const card = await change({ status: 'avbrutet', reason: 'Regionen har tagit över arbetet.' });
    expect(data(card).announcement).toContain('status pågående → avbrutet');
    expect((await store.assignments.get(assignment.id))!.status).toBe('avbrutet');
    // The activity stays as the chair has it: a cancelled uppdrag finishes nothing.
    expect((await store.activities.get(assignment.activityId))!.status).toBe('pagaende');
    const report = await bot.handle({ type: 'command', command: 'rapport', text: '', channel, actor: CILLA });
    expect(report).toMatchObject({ kind: 'card', card: 'notice' });
  });

  it('is for the chair only, and a closed uppdrag cannot be changed', async () => {
    expect(JSON.stringify(await click('open-assignment-change', BO, { assignmentId: assignment.id }))).toContain('Bara');
    expect(JSON.stringify(await change({ status: 'pausat', reason: 'x' }, BO))).toContain('Bara');
    expect((await store.assignments.get(assignment.id))!.status).toBe('aktivt');
    await store.assignments.update(assignment.id, { status: 'avslutat' });
    expect(JSON.stringify(await click('open-assignment-change', CHAIR, { assignmentId: assignment.id }))).toContain('är avslutat och kan inte ändras');
  });
});

describe('Begär komplettering', () => {
  const finalContext = () => ({ assignmentId: assignment.id, draftForm: 'final-report' });

  it('sends the final report back with what is missing; the convener continues from everything written and resubmits', async () => {
    await submit('final-report', CILLA, { ...finalContext(), ...VALID_FINAL });
    const [report] = await store.finalReports.list();
    expect(await click('open-final-report-return', CHAIR, { finalReportId: report!.id })).toMatchObject({ kind: 'form', form: 'final-report-return' });
    const refused = await submit('final-report-return', CHAIR, { finalReportId: report!.id, missing: '  ' });
    expect(refused).toMatchObject({ kind: 'form-errors', errors: { missing: 'Skriv vad som saknas, så att Cilla Sammankallande vet vad som ska kompletteras.' } });

    const returned = await submit('final-report-return', CHAIR, { finalReportId: report!.id, missing: 'Resultat per huvudman saknas för kommunen.' });
    expect(data(returned).text).toBe(
      'Anna Ordförande begär komplettering av slutrapporten för "SIP-rutin för barn och unga". Cilla Sammankallande: skriv "rapport" och välj slutrapport, så öppnas den med allt du skrev. Det som saknas: Resultat per huvudman saknas för kommunen.',
    );
    expect((await store.assignments.get(assignment.id))!.status).toBe('aktivt');
    expect((await store.planChanges.list({ entityId: assignment.id, action: 'final-report-returned' }))[0]).toMatchObject({ details: { missing: 'Resultat per huvudman saknas för kommunen.' } });
    // The returned report cannot be accepted any more.
    expect(JSON.stringify(await click('accept-final-report', CHAIR, { finalReportId: report!.id }))).toContain('väntar inte på godkännande längre');

    // The convener's final report form opens with everything written.
    const form = await submit('choose-assignment', CILLA, { assignmentId: assignment.id, reportKind: 'final' });
    expect(form).toMatchObject({ kind: 'form', form: 'final-report' });
    expect(data(form).values).toMatchObject({ goalMetHow: VALID_FINAL.goalMetHow, resultsPerParty: VALID_FINAL.resultsPerParty });

    const completed = await submit('final-report', CILLA, { ...finalContext(), ...VALID_FINAL, resultsPerParty: `${VALID_FINAL.resultsPerParty} Kommunen: rutinen används i alla skolor.` });
    expect(data(completed).canAccept).toBe(true);
    const latest = (await store.finalReports.list()).at(-1)!;
    expect(await click('accept-final-report', CHAIR, { finalReportId: latest.id })).toMatchObject({ card: 'final-report-view', data: { canAccept: false } });
    expect((await store.assignments.get(assignment.id))!.status).toBe('avslutat');
  });

  it('is for the chair only', async () => {
    await submit('final-report', CILLA, { ...finalContext(), ...VALID_FINAL });
    const [report] = await store.finalReports.list();
    expect(JSON.stringify(await submit('final-report-return', BO, { finalReportId: report!.id, missing: 'x' }))).toContain('Bara');
    expect((await store.assignments.get(assignment.id))!.status).toBe('slutrapporterat');
  });
});

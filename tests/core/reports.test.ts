// Steps 5–6 of the guidance in the core: /rapport, the avrapportering form with drafts, corrections and the
// personal-data guard, the substitute (ersättare), and the slutrapport with acceptance, closure and the
// post to the kansli. In-memory store, fixed clock, the real bot.
import { beforeEach, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/core/bot.js';
import type { Assignment, Group, Member } from '../../src/core/domain.js';
import type { Actor, FormId, InboundEvent, Reply } from '../../src/core/events.js';
import type { Store } from '../../src/core/ports.js';
import { replyFromPayload } from '../../src/core/delivery.js';
import { currentVersions, validateProgressReport } from '../../src/core/use-cases/progress-report.js';
import { finalReportDocument } from '../../src/core/use-cases/final-report.js';
import { format } from '../../src/i18n/index.js';
import { sv } from '../../src/i18n/sv.js';
import { actor, slackChannel } from '../support/events.js';
import { fixedClock } from '../support/fixed-clock.js';
import { createInMemoryStore } from '../support/in-memory-store.js';
import { addAssignment, addMember, VALID_FINAL, VALID_PROGRESS } from '../support/report-fixtures.js';
import { testRegion } from '../support/test-region.js';

const clock = fixedClock('2026-11-25T09:00:00Z');
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

beforeEach(async () => {
  clock.set('2026-11-25T09:00:00Z');
  store = createInMemoryStore(clock.now);
  bot = createBot({ region: testRegion(), store, clock, defaults: { locale: 'sv', timeZone: 'Europe/Stockholm' }, links: { meetingsCalendar: () => '', finalReport: (id) => `https://bot.example.se/exports/final-reports/${id}.docx` } });
  await bot.handle({ type: 'bot-added', channel, actor: CHAIR });
  [group] = (await store.groups.list()) as [Group];
  cilla = await addMember(store, group.id, { userId: CILLA.userId, displayName: CILLA.displayName, roles: ['sammankallande'] });
  await addMember(store, group.id, { userId: SVEN.userId, displayName: SVEN.displayName, roles: ['ersattare'], substituteFor: cilla });
  await addMember(store, group.id, { userId: BO.userId, displayName: BO.displayName });
  ({ assignment } = await addAssignment(store, group.id, { convener: cilla }));
});

const command = (who: Actor, text = ''): Promise<Reply> => bot.handle({ type: 'command', command: 'rapport', text, channel, actor: who });
const submit = (form: FormId, who: Actor, values: Record<string, string>): Promise<Reply> =>
  bot.handle({ type: 'form-submitted', form, values, channel, actor: who });
const click = (action: Extract<InboundEvent, { type: 'button' }>['action'], who: Actor, args: Record<string, string> = {}): Promise<Reply> =>
  bot.handle({ type: 'button', action, args, channel, actor: who });
const progress = (values: Record<string, string>, who: Actor = CILLA) =>
  submit('progress-report', who, { assignmentId: assignment.id, correctsReportId: '', draftForm: 'progress-report', ...values });
const textOf = (reply: Reply) => String((reply as { data: { text?: string } }).data.text);

describe('/rapport', () => {
  it('tells someone who is not a convener who reports on which assignment, naming convener and ersättare', async () => {
    const reply = await command(BO);
    expect(reply).toMatchObject({ kind: 'card', card: 'notice' });
    expect(textOf(reply)).toBe(
      format(sv.reports.access.notConvener, { assignments: '"SIP-rutin för barn och unga" (sammankallande Cilla Sammankallande, ersättare Sven Ersättare)', howToReport: sv.reports.access.howToReport.slack }),
    );
  });

  it('says there are no ongoing assignments when there are none', async () => {
    await store.assignments.update(assignment.id, { status: 'avslutat' });
    expect(textOf(await command(CILLA))).toBe(sv.notice.reportNoAssignment);
  });

  it('opens the avrapportering form with the guidance questions, indicators and delmål for the one assignment', async () => {
    const reply = await command(CILLA);
    expect(reply).toMatchObject({ kind: 'form', form: 'progress-report' });
    const data = (reply as Extract<Reply, { kind: 'form' }>).data as Record<string, any>;
    expect(data.title).toBe('Lägesrapport – avrapportering till uppdragsgivaren: SIP-rutin för barn och unga');
    expect(data.context).toEqual({ assignmentId: assignment.id, correctsReportId: '', draftForm: 'progress-report' });
    expect(data.indicators.map((i: any) => [i.id, i.label])).toEqual([
      ['indicator_i1', 'Antal SIP (st), utgångsläge 12, mål 30'],
      ['indicator_i2', 'Andel nöjda familjer (%), utgångsläge 55,5, mål 80'],
    ]);
    // Delmål start from the genomförandeplan's status.
    expect(data.subGoals.map((s: any) => [s.id, s.value])).toEqual([['subgoal_sg1', 'gron'], ['subgoal_sg2', 'gul']]);
  });

  it('lets the chooser pick among several assignments and the kind of report, refusing a bad pick', async () => {
    const second = (await addAssignment(store, group.id, { convener: cilla, title: 'Första hjälpen till psykisk hälsa' })).assignment;
    const chooser = await command(CILLA);
    expect(chooser).toMatchObject({ kind: 'form', form: 'choose-assignment' });
    expect((chooser as any).data.assignmentChoices.map((c: any) => c.value)).toEqual([assignment.id, second.id]);
    const refused = await submit('choose-assignment', CILLA, { assignmentId: 'someone-elses', reportKind: 'progress' });
    expect(refused).toMatchObject({ kind: 'form-errors', form: 'choose-assignment', errors: { assignmentId: 'Välj ett alternativ under "Uppdrag".' } });
    expect(await submit('choose-assignment', CILLA, { assignmentId: second.id, reportKind: 'final' })).toMatchObject({
      kind: 'form',
      form: 'final-report',
      data: { context: { assignmentId: second.id } },
    });
    expect(await command(CILLA, 'rapport slutrapport')).toMatchObject({ kind: 'form', form: 'choose-assignment', data: { values: { reportKind: 'final' } } });
  });
});

describe('avrapportering', () => {
  it('refuses missing answers with one message per field and stores nothing', async () => {
    const reply = await progress({ progressText: ' ', statusColour: '', timelineHolds: 'nej', newEndDate: '' });
    expect(reply).toMatchObject({
      kind: 'form-errors',
      errors: {
        progressText: 'Fyll i "Hur fortgår arbetet i förhållande till den tänkta planen?".',
        statusColour: 'Välj ett alternativ under "Status jämfört med planen".',
        worksWell: 'Svara på minst en av frågorna "Vad fungerar bra?" och "Vad fungerar mindre bra?".',
        newEndDate: sv.reports.errors.newEndDateRequired,
      },
    });
    expect(await store.progressReports.list()).toEqual([]);
  });

  it('refuses a personnummer naming the field, keeps what was typed in the form and a masked draft', async () => {
    const typed = { ...VALID_PROGRESS, worksLessWell: 'Ärendet med 19121212-1212 drog ut på tiden' };
    const reply = await progress(typed);
    expect(reply).toMatchObject({ kind: 'form-errors', errors: { worksLessWell: format(sv.reports.errors.identityNumber, { field: 'Vad fungerar mindre bra?' }) } });
    expect(Object.keys((reply as any).errors)).toEqual(['worksLessWell']);
    // The form shows exactly what was typed, so it can be edited…
    expect((reply as any).data.values.worksLessWell).toBe(typed.worksLessWell);
    // …but the stored draft never holds the number.
    const [draft] = await store.formDrafts.list();
    expect(draft!.values).toMatchObject({ worksLessWell: 'Ärendet med XXXXXXXX-XXXX drog ut på tiden', progressText: VALID_PROGRESS.progressText });
    expect(await store.progressReports.list()).toEqual([]);
  });

  it('refuses an indicator that is no number, a samordningsnummer in an indicator, and a new end date in the past', async () => {
    const reply = await progress({ ...VALID_PROGRESS, indicator_i1: 'arton', indicator_i2: '701063-2391', timelineHolds: 'nej', newEndDate: '2026-01-31' });
    expect((reply as any).errors).toEqual({
      indicator_i1: '"Antal SIP" ska vara ett tal, t.ex. 14 eller 3,5 (du skrev "arton").',
      indicator_i2: format(sv.reports.errors.identityNumber, { field: 'Andel nöjda familjer' }),
      newEndDate: '"Nytt slutdatum (om tidsplanen inte håller)" kan inte ligga före i dag (2026-11-25).',
    });
    expect((reply as any).data.indicators.map((i: any) => i.error !== '')).toEqual([true, true]);
  });

  it('continues the draft when the form is opened again, saying whose and when', async () => {
    await progress({ progressText: 'Halvvägs', statusColour: 'gul' });
    clock.advance(60_000);
    const reopened = (await command(CILLA)) as Extract<Reply, { kind: 'form' }>;
    expect((reopened.data as any).values).toMatchObject({ progressText: 'Halvvägs', statusColour: 'gul' });
    expect((reopened.data as any).draftNote).toMatch(/^Du fortsätter ett sparat utkast, senast ändrat .* av Cilla Sammankallande\.$/);
  });

  it('keeps a draft with "Spara utkast" (or a closed Slack modal) without submitting anything', async () => {
    const reply = await click('save-draft', CILLA, { draftForm: 'progress-report', assignmentId: assignment.id, correctsReportId: '', progressText: 'Bara början' });
    expect(reply).toMatchObject({ kind: 'card', card: 'report-prompt', data: { kind: 'report', args: { assignmentId: assignment.id, reportKind: 'progress' } } });
    expect(textOf(reply)).toBe(format(sv.reports.draftSaved, { what: 'lägesrapport' }));
    expect((await store.formDrafts.list())[0]!.values).toEqual({ progressText: 'Bara början' });
    expect(await store.progressReports.list()).toEqual([]);
    expect(await click('save-draft', BO, { draftForm: 'progress-report', assignmentId: assignment.id, progressText: 'x' })).toMatchObject({ card: 'notice' });
  });

  it('stores a valid report as version 1, drops the draft and shows the report', async () => {
    await progress({ progressText: 'utkast' });
    const reply = await progress(VALID_PROGRESS);
    expect(reply).toMatchObject({ kind: 'card', card: 'report-view', data: { banner: sv.reports.view.submitted, title: 'Lägesrapport: SIP-rutin för barn och unga' } });
    const [report] = await store.progressReports.list();
    expect(report).toMatchObject({
      assignmentId: assignment.id,
      authorMemberId: cilla.id,
      version: 1,
      submitted: true,
      statusColour: 'gul',
      timelineHolds: 'osakert',
      newEndDate: null,
      indicatorValues: { i1: 18, i2: 61.5 },
      subGoalStatus: { sg1: 'gron', sg2: 'gul' },
      submittedAt: clock.now(),
      correctsReportId: null,
    });
    expect(await store.formDrafts.list()).toEqual([]);
    expect((reply as any).data.indicatorText).toBe('Antal SIP: 18 st (utgångsläge 12, mål 30)\nAndel nöjda familjer: 61,5 % (utgångsläge 55,5, mål 80)');
  });

  it('keeps a new end date only when the timeline does not hold', async () => {
    await progress({ ...VALID_PROGRESS, timelineHolds: 'nej', newEndDate: '2027-03-31' });
    await progress({ ...VALID_PROGRESS, timelineHolds: 'ja', newEndDate: '2027-03-31' });
    const [late, onTime] = await store.progressReports.list();
    expect(late!.newEndDate).toEqual(new Date('2027-03-30T22:00:00Z'));
    expect(onTime!.newEndDate).toBeNull();
  });

  it('corrects a report as a new version; every version stays readable', async () => {
    await progress(VALID_PROGRESS);
    const [first] = await store.progressReports.list();
    const form = (await click('correct-report', CILLA, { reportId: first!.id })) as Extract<Reply, { kind: 'form' }>;
    expect(form).toMatchObject({ kind: 'form', form: 'progress-report', data: { context: { correctsReportId: first!.id } } });
    expect((form.data as any).values.progressText).toBe(VALID_PROGRESS.progressText);
    expect((form.data as any).correctionNote).toMatch(/^Du rättar version 1 från 25 november 2026\./);
    clock.advance(3_600_000);
    const corrected = await progress({ ...VALID_PROGRESS, statusColour: 'rod', correctsReportId: first!.id });
    const reports = await store.progressReports.list();
    expect(reports.map((r) => [r.version, r.statusColour, r.correctsReportId])).toEqual([
      [1, 'gul', null],
      [2, 'rod', first!.id],
    ]);
    expect(currentVersions(reports).map((r) => r.version)).toEqual([2]);
    expect((corrected as any).data.versions.map((v: any) => v.reportId)).toEqual(reports.map((r) => r.id));
    // A member reads the first version as it was.
    expect(await click('show-report', BO, { reportId: first!.id })).toMatchObject({ card: 'report-view', data: { shownVersion: 'Du ser version 1 av 2.' } });
    // Correcting version 1 again continues the chain as version 3.
    await progress({ ...VALID_PROGRESS, correctsReportId: first!.id });
    expect((await store.progressReports.list()).map((r) => r.version)).toEqual([1, 2, 3]);
    // Someone else cannot correct it.
    expect(await click('correct-report', BO, { reportId: first!.id })).toMatchObject({ card: 'notice' });
  });

  it('lets the named ersättare report for the convener', async () => {
    expect(await command(SVEN)).toMatchObject({ kind: 'form', form: 'progress-report' });
    await progress(VALID_PROGRESS, SVEN);
    const sven = await store.members.findByPlatformUser(group.id, 'slack', SVEN.userId);
    expect((await store.progressReports.list())[0]).toMatchObject({ authorMemberId: sven!.id, submitted: true });
  });

  it("names each version's author when the ersättare corrects the convener's report", async () => {
    await progress(VALID_PROGRESS);
    const [first] = await store.progressReports.list();
    clock.advance(3_600_000);
    const corrected = await progress({ ...VALID_PROGRESS, statusColour: 'rod', correctsReportId: first!.id }, SVEN);
    expect((corrected as any).data.versionLine).toMatch(/Sven Ersättare/);
    expect((corrected as any).data.versions.map((v: any) => v.label)).toEqual([
      'Version 1, 2026-11-25, Cilla Sammankallande',
      'Version 2, 2026-11-25, Sven Ersättare',
    ]);
  });

  it('keeps what was typed as the draft when storing an accepted report fails', async () => {
    const failing: Store = { ...store, transaction: () => Promise.reject(new Error('database gone')) };
    const failingBot = createBot({ region: testRegion(), store: failing, clock, defaults: { locale: 'sv', timeZone: 'Europe/Stockholm' } });
    const values = { assignmentId: assignment.id, correctsReportId: '', draftForm: 'progress-report', ...VALID_PROGRESS };
    await expect(failingBot.handle({ type: 'form-submitted', form: 'progress-report', values, channel, actor: CILLA })).rejects.toThrow('database gone');
    expect(await store.progressReports.list()).toEqual([]);
    const [draft] = await store.formDrafts.list();
    expect(draft!.values).toMatchObject({ progressText: VALID_PROGRESS.progressText, statusColour: VALID_PROGRESS.statusColour });
  });

  it('refuses a report on an assignment of another group, or one that is closed', async () => {
    expect(await progress({ ...VALID_PROGRESS, assignmentId: 'nope' })).toMatchObject({ card: 'notice', data: { text: sv.reports.access.notFound } });
    await store.assignments.update(assignment.id, { status: 'avslutat' });
    expect(textOf(await progress(VALID_PROGRESS))).toBe('Uppdraget "SIP-rutin för barn och unga" är inte längre pågående (avslutat), så det kan inte avrapporteras.');
  });

  it('validates without a genomförandeplan too', () => {
    const result = validateProgressReport(sv, { ...VALID_PROGRESS, worksWell: '', worksLessWell: 'Tiden' }, null, 'Europe/Stockholm', clock.now());
    expect(result).toMatchObject({ ok: true, value: { indicatorValues: {}, subGoalStatus: {}, worksWell: '', worksLessWell: 'Tiden' } });
  });
});

describe('slutrapport and avslut', () => {
  const final = (values: Record<string, string>, who: Actor = CILLA) => submit('final-report', who, { assignmentId: assignment.id, draftForm: 'final-report', ...values });

  async function officeChannel(): Promise<string> {
    await store.groups.update(group.id, { officeChannelId: 'C0KANSLI' });
    // The bot is in the kansli's channel, which registered it as a channel of its own.
    await bot.handle({ type: 'bot-added', channel: slackChannel({ channelId: 'C0KANSLI', channelName: 'kansliet' }), actor: actor({ userId: 'U_KIM', displayName: 'Kim Kansli' }) });
    return (await store.channels.findByAddress('slack', 'T111', 'C0KANSLI'))!.id;
  }

  it('asks the guidance questions and refuses missing answers and a personnummer, keeping the draft', async () => {
    expect(await command(CILLA, 'slutrapport')).toMatchObject({ kind: 'form', form: 'final-report', data: { title: 'Slutrapport: SIP-rutin för barn och unga' } });
    const reply = await final({ ...VALID_FINAL, goalMet: '', addedValue: '', resultsPerParty: 'Ring 121212+1212' });
    expect(reply).toMatchObject({
      kind: 'form-errors',
      errors: {
        goalMet: 'Välj ett alternativ under "I vilken grad har målet nåtts?".',
        addedValue: 'Fyll i "Vilket mervärde har skapats?".',
        resultsPerParty: format(sv.reports.errors.identityNumber, { field: 'Hur tar respektive huvudman vara på resultatet?' }),
      },
    });
    expect(await store.finalReports.list()).toEqual([]);
    expect((await store.formDrafts.list())[0]!.values.resultsPerParty).toBe('Ring XXXXXX+XXXX');
  });

  it('asks to what extent the goal was met (Helt / Delvis / Inte alls) and keeps the stored value "inte"', async () => {
    const form = (await command(CILLA, 'slutrapport')) as Extract<Reply, { kind: 'form' }>;
    expect((form.data as any).goalMetChoices).toEqual([
      { title: 'Helt', value: 'helt' },
      { title: 'Delvis', value: 'delvis' },
      { title: 'Inte alls', value: 'inte' },
    ]);
    const shown = await final({ ...VALID_FINAL, goalMet: 'inte' });
    expect(shown).toMatchObject({ card: 'final-report-view', data: { facts: [{ title: 'I vilken grad har målet nåtts?', value: 'Inte alls' }] } });
    expect((await store.finalReports.list())[0]).toMatchObject({ goalMet: 'inte' });
    // The guidance's own question stays, as the free-text question.
    expect(sv.reports.final.goalMetHow).toBe('Hur har målet för arbetet nåtts?');
  });

  it('is accepted by the chair only; then the assignment is closed and the kansli gets it for kännedom', async () => {
    const officeLinkId = await officeChannel();
    const submitted = await final(VALID_FINAL);
    expect(submitted).toMatchObject({ card: 'final-report-view', data: { canAccept: true } });
    expect((await store.assignments.get(assignment.id))!.status).toBe('slutrapporterat');
    const [report] = await store.finalReports.list();

    expect(await click('accept-final-report', CILLA, { finalReportId: report!.id })).toMatchObject({
      card: 'notice',
      data: { text: format(sv.reports.access.chairOnly, { chairNames: 'Anna Ordförande' }) },
    });
    expect(await store.outbox.list()).toEqual([]);

    const accepted = await click('accept-final-report', CHAIR, { finalReportId: report!.id });
    expect(accepted).toMatchObject({ card: 'final-report-view', data: { canAccept: false, downloadUrl: `https://bot.example.se/exports/final-reports/${report!.id}.docx` } });
    expect((accepted as any).data.banner).toBe(`${format(sv.reports.final.accepted, { title: assignment.title, name: 'Anna Ordförande' })} ${sv.reports.final.sentToOffice}`);
    expect(await store.finalReports.get(report!.id)).toMatchObject({ acceptedAt: clock.now() });
    expect((await store.assignments.get(assignment.id))!.status).toBe('avslutat');
    // Its only uppdrag closed: the activity is done (follow-up in the plan's history, not a revision).
    expect((await store.activities.get(assignment.activityId))!.status).toBe('klar');
    expect((await store.planChanges.list({ entityId: assignment.activityId })).map((change) => change.action)).toEqual(['activity-followed-up']);

    const [message] = await store.outbox.list();
    expect(message).toMatchObject({ kind: 'final-report', groupId: group.id, channelLinkId: officeLinkId, status: 'pending', idempotencyKey: `final-report:${report!.id}:${officeLinkId}` });
    const posted = replyFromPayload(message!.payload) as Extract<Reply, { kind: 'card' }>;
    expect(posted).toMatchObject({ card: 'final-report-view', data: { canAccept: false, title: 'För kännedom: slutrapport från Samverkan Uddevalla' } });
    expect((posted.data as any).answers.map((a: any) => a.text)).toEqual([VALID_FINAL.goalMetHow, VALID_FINAL.addedValue, VALID_FINAL.resultsJoint, VALID_FINAL.resultsPerParty]);

    // Pressing again changes nothing and posts nothing more.
    expect(textOf(await click('accept-final-report', CHAIR, { finalReportId: report!.id }))).toBe(format(sv.reports.final.alreadyAccepted, { title: assignment.title }));
    expect(await store.outbox.list()).toHaveLength(1);
  });

  it('tells the chair when there is no office channel, or the bot is not in it', async () => {
    await final(VALID_FINAL);
    const [report] = await store.finalReports.list();
    const accepted = await click('accept-final-report', CHAIR, { finalReportId: report!.id });
    expect((accepted as any).data.banner).toContain(sv.reports.final.noOfficeChannel);
    expect(await store.outbox.list()).toEqual([]);
  });

  it('accepts only the latest version when the convener corrected the final report', async () => {
    await final(VALID_FINAL);
    await final({ ...VALID_FINAL, goalMet: 'helt' });
    const [old, latest] = await store.finalReports.list();
    expect(textOf(await click('accept-final-report', CHAIR, { finalReportId: old!.id }))).toBe(sv.reports.final.stale);
    expect(await click('accept-final-report', CHAIR, { finalReportId: latest!.id })).toMatchObject({ card: 'final-report-view' });
  });

  it('builds the document for the .docx export with every answer', async () => {
    await final(VALID_FINAL);
    const [report] = await store.finalReports.list();
    const document = await finalReportDocument(store, sv, report!.id);
    expect(document!.title).toBe('Slutrapport: SIP-rutin för barn och unga');
    expect(document!.sections.map((s) => s.heading)).toEqual([null, sv.reports.final.goalMet, sv.reports.final.addedValue, sv.reports.final.resultsJoint, sv.reports.final.resultsPerParty, null]);
    expect(document!.sections[1]!.paragraphs).toEqual(['Delvis', VALID_FINAL.goalMetHow]);
    expect(document!.sections.at(-1)!.paragraphs.at(-1)).toBe(sv.reports.final.docx.notAccepted);
  });
});

// `exportera` (issue 6) in the core: the halvårsrapport's content from a seeded year at a fixed clock (which
// activities, reports and meetings fall in the period), the tables' rows and Swedish headers, the form's
// checks, and that nobody exports another group's items.
import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/core/bot.js';
import type { Group, Member } from '../../src/core/domain.js';
import type { Reply } from '../../src/core/events.js';
import type { PlanDocument } from '../../src/core/use-cases/plan-documents.js';
import { halfYearBounds, lastFullHalfYear, loadFullYearReport, loadHalfYearReport, yearBounds } from '../../src/core/use-cases/exports.js';
import { catalog } from '../../src/i18n/index.js';
import { actor, slackChannel } from '../support/events.js';
import { fixedClock } from '../support/fixed-clock.js';
import { createInMemoryStore } from '../support/in-memory-store.js';
import { MEETING_PREP_NOW, seedMeetingPrepYear } from '../support/meeting-summary-scenario.js';
import { testRegion } from '../support/test-region.js';

const TZ = 'Europe/Stockholm';

async function setUp() {
  const clock = fixedClock(MEETING_PREP_NOW);
  const store = createInMemoryStore(clock.now);
  const links = {
    meetingsCalendar: () => '',
    file: (groupId: string, what: string, subject: string, format: string) => `https://samverkan.example.se/exports/files/${groupId}/${what}/${subject}.${format}?signature=x`,
  };
  const bot = createBot({ region: testRegion(), store, clock, defaults: { locale: 'sv', timeZone: TZ }, links });
  const channel = slackChannel({ channelId: 'C_EXPORT' });
  await bot.handle({ type: 'bot-added', channel, actor: actor() });
  const [group] = (await store.groups.list()) as [Group];
  const [chair] = (await store.members.list({ groupId: group.id })) as [Member];
  const year = await seedMeetingPrepYear(store, group, chair);
  // The first half of 2026 gets a report with measured indicators and a closed assignment's final report.
  const sip = year.assignments.sip;
  const implementation = await store.implementationPlans.create({
    assignmentId: sip.id,
    subGoals: [{ id: 's1', title: 'Rutinen beslutad', owner: 'Anna', dueDate: '2026-05-31', status: 'gron' }],
    tasks: [],
    indicators: [{ id: 'i1', name: 'Antal SIP-möten', unit: 'st', baseline: 4, target: 20, method: 'Räkning i journalsystemen' }],
  });
  clock.set('2026-03-15T10:00:00Z');
  await store.progressReports.create({
    assignmentId: sip.id,
    authorMemberId: chair.id,
    version: 1,
    submitted: true,
    progressText: 'Rutinen för SIP är framtagen och förankrad hos alla fyra parter',
    statusColour: 'gron',
    worksWell: 'Samverkan',
    worksLessWell: 'Tid',
    timelineHolds: 'ja',
    newEndDate: null,
    indicatorValues: { i1: 12 },
    subGoalStatus: { s1: 'gron' },
    submittedAt: new Date('2026-03-15T10:00:00Z'),
    correctsReportId: null,
  });
  clock.set('2026-05-20T10:00:00Z');
  const final = await store.finalReports.create({
    assignmentId: year.assignments.closed.id,
    authorMemberId: chair.id,
    goalMet: 'helt',
    goalMetHow: 'Stödet är kartlagt i alla kommunområden.',
    addedValue: 'En gemensam bild av stödet till anhöriga',
    resultsJoint: 'Gemensamt',
    resultsPerParty: 'Per part',
    acceptedAt: new Date('2026-06-10T09:00:00Z'),
    acceptedByMemberId: chair.id,
  });
  clock.set(MEETING_PREP_NOW);
  return { clock, store, bot, channel, group, chair, year, implementation, final };
}

const textOf = (document: PlanDocument) =>
  [document.title, document.subtitle, ...document.sections.flatMap((s) => [s.heading ?? '', ...s.paragraphs, ...s.bullets])].join('\n');

const fileOf = (reply: Reply) => {
  expect(reply.kind, JSON.stringify((reply as { data?: { text?: string } }).data?.text ?? '')).toBe('file');
  return reply as Extract<Reply, { kind: 'file' }>;
};

describe('half-years', () => {
  it('the last full half-year is January–June from July on, and July–December of last year before, in the group’s time zone', () => {
    expect(lastFullHalfYear(new Date(MEETING_PREP_NOW), TZ)).toEqual({ year: 2026, half: 1 });
    expect(lastFullHalfYear(new Date('2026-03-01T12:00:00Z'), TZ)).toEqual({ year: 2025, half: 2 });
    // 1 July 00:30 in Stockholm is still 30 June in UTC.
    expect(lastFullHalfYear(new Date('2026-06-30T22:30:00Z'), TZ)).toEqual({ year: 2026, half: 1 });
    expect(lastFullHalfYear(new Date('2026-06-30T21:30:00Z'), TZ)).toEqual({ year: 2025, half: 2 });
    expect(halfYearBounds({ year: 2026, half: 1 }, TZ)).toEqual({ start: new Date('2025-12-31T23:00:00Z'), end: new Date('2026-06-30T22:00:00Z') });
  });
});

describe('the halvårsrapport', () => {
  it('reports per activity what was done and achieved in the period, and nothing from outside it', async () => {
    const { store, group, clock } = await setUp();
    const document = await loadHalfYearReport(store, group, catalog('sv'), { year: 2026, half: 1 }, undefined, clock.now());
    expect(document.title).toBe('Halvårsrapport januari–juni 2026');
    // Prose has the long Swedish date (issue 18 item 6); tables keep ISO.
    expect(document.subtitle).toBe(`${group.name} · uppföljning av samverkansarbetet, framtagen 14 september 2026`);
    const summary = document.sections.find((section) => section.heading === 'Sammanfattning')!;
    expect(summary.bullets).toEqual([
      'Aktiviteter under perioden: 3',
      'Uppdrag som pågick under perioden: 5',
      // 2026-03-15 (SIP) and 2026-06-20 (skolpersonal); those of August and September belong to the next half.
      'Lägesrapporter: 2',
      'Slutrapporter: 1',
      'Uppdrag avslutade (slutrapport godkänd): 1',
      // 10 March; the meetings of August, September and October are outside the period.
      'Möten i samverkansgruppen: 1',
    ]);
    const sip = document.sections.find((section) => section.heading === 'Gemensam rutin för SIP')!;
    expect(sip.paragraphs).toEqual(['Fokusområde: FO1 · mål M1 · målgrupp: Vuxen · 2025-03-01–2026-12-15 · status: pågående']);
    expect(sip.bullets).toEqual(
      expect.arrayContaining([
        'Uppdrag: Rutin för SIP (2026-01-20–2026-12-31), sammankallande Anna Ordförande, pågående',
        'Lägesrapport 15 mars 2026 (🟢 Grön): Rutinen för SIP är framtagen och förankrad hos alla fyra parter · Kommer tidsplanen att hållas? Ja',
        'Indikator Antal SIP-möten: 12 st (utgångsläge 4, mål 20)',
        'Delmål Rutinen beslutad: 🟢 Grön',
        'Slutrapport 20 maj 2026 för Kartläggning av stödet. I vilken grad har målet nåtts? Helt. Hur har målet för arbetet nåtts? Stödet är kartlagt i alla kommunområden. Mervärde: En gemensam bild av stödet till anhöriga',
      ]),
    );
    const training = document.sections.find((section) => section.heading === 'Utbildning i Första hjälpen till psykisk hälsa')!;
    expect(training.bullets).toContain('Lägesrapport 20 juni 2026 (🔴 Röd): Arbetet fortgår · Kommer tidsplanen att hållas? Nej');
    const quiet = document.sections.find((section) => section.heading === 'Tidiga insatser för unga vuxna')!;
    expect(quiet.bullets).toEqual(['Inga rapporter under perioden.']);
    const text = textOf(document);
    for (const outside of ['2026-09-01', '2026-08-30']) expect(text).not.toContain(`Lägesrapport ${outside}`);
  });

  it('the second half of 2026 has the reports of August and September instead, and an empty year says so', async () => {
    const { store, group, clock } = await setUp();
    const autumn = textOf(await loadHalfYearReport(store, group, catalog('sv'), { year: 2026, half: 2 }, undefined, clock.now()));
    expect(autumn).toContain('Lägesrapport 1 september 2026 (🟢 Grön)');
    expect(autumn).toContain('Lägesrapport 30 augusti 2026 (🟡 Gul)');
    expect(autumn).not.toContain('Lägesrapport 15 mars 2026');
    const before = await loadHalfYearReport(store, group, catalog('sv'), { year: 2024, half: 2 }, undefined, clock.now());
    expect(textOf(before)).toContain('Inga aktiviteter i handlingsplanen under perioden.');
    expect(before.sections[1]!.bullets[0]).toBe('Aktiviteter under perioden: 0');
  });

  it('places a corrected report in the half-year it was first handed in, with its corrected answers', async () => {
    const { store, group, chair, year, clock } = await setUp();
    // The June report on Utbildning för skolpersonal, corrected in September.
    const { id: juneId, createdAt: _created, ...june } = (await store.progressReports.get(year.reportIds.schoolOld))!;
    await store.progressReports.create({
      ...june,
      version: 2,
      authorMemberId: chair.id,
      progressText: 'Rättat: tre utbildningstillfällen hölls',
      statusColour: 'gul',
      submittedAt: new Date('2026-09-05T10:00:00Z'),
      correctsReportId: juneId,
    });
    const spring = textOf(await loadHalfYearReport(store, group, catalog('sv'), { year: 2026, half: 1 }, undefined, clock.now()));
    expect(spring).toContain('Lägesrapport 20 juni 2026 (🟡 Gul): Rättat: tre utbildningstillfällen hölls');
    const autumn = textOf(await loadHalfYearReport(store, group, catalog('sv'), { year: 2026, half: 2 }, undefined, clock.now()));
    expect(autumn).not.toContain('Rättat');
    expect(autumn).not.toContain('Lägesrapport 5 september 2026');
  });

  it('is what `exportera` hands over by default: the last full half-year as .docx with a signed link', async () => {
    const { bot, channel, group } = await setUp();
    const form = await bot.handle({ type: 'command', command: 'exportera', text: 'exportera', channel, actor: actor() });
    expect(form).toMatchObject({ kind: 'form', form: 'export' });
    const values = (form as Extract<Reply, { kind: 'form' }>).data.values as Record<string, string>;
    expect(values).toMatchObject({ what: 'half-year', period: '2026-1', format: 'xlsx' });
    const periods = (form as Extract<Reply, { kind: 'form' }>).data.periodChoices as { title: string; value: string }[];
    expect(periods.map((p) => p.title)).toEqual(['juli–december 2026', 'januari–juni 2026', 'juli–december 2025', 'januari–juni 2025']);

    const file = fileOf(await bot.handle({ type: 'form-submitted', form: 'export', values, channel, actor: actor() }));
    expect(file.file).toMatchObject({
      fileName: 'halvårsrapport-2026-januari-juni.docx',
      format: 'docx',
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      url: `https://samverkan.example.se/exports/files/${group.id}/half-year/2026-1.docx?signature=x`,
    });
    expect(file.message).toBe('Anna Ordförande exporterade Halvårsrapport januari–juni 2026.');
    expect(file.card).toBe('export-ready');
    expect(file.file.content.kind).toBe('document');
  });
});

describe('the helårsrapport', () => {
  it('says per activity where it stands at the year\'s end, in fixed Swedish sentences', async () => {
    const { store, group, clock } = await setUp();
    const document = await loadFullYearReport(store, group, catalog('sv'), 2026, undefined, clock.now());
    expect(document.title).toBe('Helårsrapport 2026');
    expect(document.subtitle).toBe(`${group.name} · uppföljning av samverkansarbetet, framtagen 14 september 2026`);
    expect(document.sections[0]!.paragraphs).toEqual([
      'Läget vid årets slut för varje aktivitet i den lokala handlingsplanen för psykisk hälsa 2026: senaste status, lokala indikatorer och avslutade uppdrag, enligt arbetsgruppernas läges- och slutrapporter.',
    ]);
    // Meetings held by the clock's day (14 September): 10 March and 18 August; the October one is still to come.
    const meetings = document.sections.find((section) => section.heading === 'Möten')!;
    expect(meetings.paragraphs).toEqual(['Samverkansgruppen höll 2 möten under året: 10 mars 2026, 18 augusti 2026.']);
    const sip = document.sections.find((section) => section.heading === 'Gemensam rutin för SIP')!;
    // The latest status of the activity (across its uppdrag), then the indicators baseline → value → target,
    // and the uppdrag closed in the year with "Har målet nåtts?" and its mervärde.
    expect(sip.bullets[0]).toBe('Senaste lägesrapporten, den 1 september 2026: 🟢 Grön. Kommer tidsplanen att hållas? Ja');
    expect(sip.bullets).toContain('Indikator Antal SIP-möten (st): utgångsläge 4 → värde 12 → mål 20');
    expect(sip.bullets).toContain('Uppdraget "Kartläggning av stödet" avslutades den 10 juni 2026. Har målet nåtts? Helt. Mervärde: En gemensam bild av stödet till anhöriga');
    const training = document.sections.find((section) => section.heading === 'Utbildning i Första hjälpen till psykisk hälsa')!;
    expect(training.bullets[0]).toBe('Senaste lägesrapporten, den 30 augusti 2026: 🟡 Gul. Kommer tidsplanen att hållas? Osäkert');
    const quiet = document.sections.find((section) => section.heading === 'Tidiga insatser för unga vuxna')!;
    expect(quiet.bullets).toEqual(['Ingen lägesrapport under året.']);
  });

  it('covers the calendar year in the group\'s time zone, and an empty year says so', async () => {
    const { store, group, clock } = await setUp();
    expect(yearBounds(2026, TZ)).toEqual({ start: new Date('2025-12-31T23:00:00Z'), end: new Date('2026-12-31T23:00:00Z') });
    const empty = await loadFullYearReport(store, group, catalog('sv'), 2024, undefined, clock.now());
    expect(textOf(empty)).toContain('Inga aktiviteter i handlingsplanen under året.');
    expect(textOf(empty)).toContain('Samverkansgruppen höll inga möten under året.');
  });

  it('is exported from `exportera` as helårsrapport-<år>.docx for the chosen year, and a missing year is named', async () => {
    const { bot, channel, group } = await setUp();
    const form = await bot.handle({ type: 'command', command: 'exportera', text: 'exportera', channel, actor: actor() });
    const values = { ...((form as Extract<Reply, { kind: 'form' }>).data.values as Record<string, string>), what: 'full-year', planYear: '2026' };
    const file = fileOf(await bot.handle({ type: 'form-submitted', form: 'export', values, channel, actor: actor() }));
    expect(file.file).toMatchObject({ fileName: 'helårsrapport-2026.docx', format: 'docx', url: `https://samverkan.example.se/exports/files/${group.id}/full-year/2026.docx?signature=x` });
    expect(file.message).toBe('Anna Ordförande exporterade Helårsrapport 2026.');
    const refused = await bot.handle({ type: 'form-submitted', form: 'export', values: { ...values, planYear: '' }, channel, actor: actor() });
    expect(refused).toMatchObject({ kind: 'form-errors', errors: { planYear: 'Välj vilket år helårsrapporten ska gälla.' } });
  });
});

describe('tables', () => {
  it('all activities, assignments and reports with Swedish headers, one workbook or one table as .csv', async () => {
    const { bot, channel } = await setUp();
    const all = fileOf(await bot.handle({ type: 'form-submitted', form: 'export', values: { what: 'all-tables', format: 'xlsx' }, channel, actor: actor() }));
    expect(all.file.fileName).toBe('aktiviteter-uppdrag-rapporter.xlsx');
    const content = all.file.content as Extract<typeof all.file.content, { kind: 'sheets' }>;
    expect(content.sheets.map((sheet) => sheet.name)).toEqual(['Aktiviteter', 'Uppdrag', 'Rapporter']);
    const [activities, assignments, reports] = content.sheets as [(typeof content.sheets)[0], (typeof content.sheets)[0], (typeof content.sheets)[0]];
    expect(activities.columns.map((c) => c.header)).toEqual(['Planår', 'Aktivitet', 'Beskrivning', 'Fokusområde', 'Mål', 'Målgrupp', 'Startdatum', 'Slutdatum', 'Status', 'Antal uppdrag']);
    expect(activities.rows).toHaveLength(3);
    expect(activities.rows[0]).toMatchObject({ planYear: 2025, activity: 'Gemensam rutin för SIP', status: 'Pågående', assignmentCount: 3, startDate: '2025-03-01' });
    expect(assignments.rows.map((row) => row.assignment)).toEqual(['Rutin för SIP', 'MHFA-utbildning', 'Utbildning för skolpersonal', 'Anhörigstöd', 'Kartläggning av stödet']);
    expect(assignments.rows[0]).toMatchObject({ convener: 'Anna Ordförande', latestColour: 'Grön', activity: 'Gemensam rutin för SIP', reporting: 'inför varje möte i samverkansgruppen' });
    // Four progress reports (three seeded, one added) and two final reports, oldest first.
    expect(reports.rows).toHaveLength(6);
    expect(reports.rows.filter((row) => row.kind === 'Slutrapport')).toHaveLength(2);
    expect(reports.rows[0]).toMatchObject({ kind: 'Lägesrapport', submitted: '2026-03-15', colour: 'Grön', timeline: 'Ja', version: 1 });

    const csv = fileOf(await bot.handle({ type: 'form-submitted', form: 'export', values: { what: 'reports', format: 'csv' }, channel, actor: actor() }));
    expect(csv.file).toMatchObject({ fileName: 'rapporter.csv', mediaType: 'text/csv; charset=utf-8' });
  });
});

describe('the form', () => {
  it('names the field that is wrong and keeps the choices', async () => {
    const { bot, channel } = await setUp();
    const submit = (values: Record<string, string>) => bot.handle({ type: 'form-submitted', form: 'export', values, channel, actor: actor() });
    expect(await submit({ what: 'all-tables', format: 'csv' })).toMatchObject({
      kind: 'form-errors',
      errors: { format: 'En CSV-fil rymmer en tabell. Välj Excel (.xlsx) för alla tre i en arbetsbok, eller en tabell i taget.' },
      data: { values: { what: 'all-tables', format: 'csv' } },
    });
    expect(await submit({ what: 'assignment' })).toMatchObject({ kind: 'form-errors', errors: { assignmentId: 'Välj vilket uppdrag uppdragshandlingen gäller.' } });
    expect(await submit({ what: 'report', reportId: '' })).toMatchObject({ kind: 'form-errors', errors: { reportId: 'Välj vilken rapport du vill exportera.' } });
    expect(await submit({ what: 'nonsense' })).toMatchObject({ kind: 'form-errors', errors: { what: 'Välj vad du vill exportera.' } });
    expect(await submit({ what: 'plan', planYear: '2031' })).toMatchObject({ kind: 'card', card: 'notice', data: { text: 'Gruppen har ingen lokal handlingsplan för 2031.' } });
  });

  it('exports the group’s own assignment, progress and final reports as .docx', async () => {
    const { bot, channel, year, final } = await setUp();
    const submit = (values: Record<string, string>) => bot.handle({ type: 'form-submitted', form: 'export', values, channel, actor: actor({ userId: 'U_BO', displayName: 'Bo Ledamot' }) });
    const assignment = fileOf(await submit({ what: 'assignment', assignmentId: year.assignments.sip.id }));
    expect(assignment.file.fileName).toBe('uppdragshandling-rutin-för-sip.docx');
    const progress = fileOf(await submit({ what: 'report', reportId: `p-${year.reportIds.mhfa}` }));
    expect(progress.file.fileName).toBe('lägesrapport-mhfa-utbildning-2026-08-30.docx');
    const document = (progress.file.content as { document: PlanDocument }).document;
    expect(textOf(document)).toContain('Kommer tidsplanen att hållas? Osäkert');
    expect(textOf(document)).toContain('Nytt slutdatum: 2026-12-31');
    const finalFile = fileOf(await submit({ what: 'report', reportId: `f-${final.id}` }));
    expect(finalFile.file.fileName).toBe('slutrapport-kartläggning-av-stödet.docx');
    const plan = fileOf(await submit({ what: 'plan', planYear: '2025' }));
    expect(plan.file.fileName).toBe('lokal-handlingsplan-2025.docx');
  });

  it('refuses another group’s assignment or report, whatever id the form is given', async () => {
    const { bot, store, year } = await setUp();
    const other = slackChannel({ channelId: 'C_OTHER' });
    await bot.handle({ type: 'bot-added', channel: other, actor: actor({ userId: 'U_EVE', displayName: 'Eve Annan' }) });
    const eve = actor({ userId: 'U_EVE', displayName: 'Eve Annan' });
    const submit = (values: Record<string, string>) => bot.handle({ type: 'form-submitted', form: 'export', values, channel: other, actor: eve });
    const refusal = { kind: 'card', card: 'notice', data: { text: 'Det hör inte till den här gruppen. Du kan bara exportera din egen grupps uppgifter.' } };
    expect(await submit({ what: 'assignment', assignmentId: year.assignments.sip.id })).toMatchObject(refusal);
    expect(await submit({ what: 'report', reportId: `p-${year.reportIds.sip}` })).toMatchObject(refusal);
    expect(await submit({ what: 'report', reportId: `f-${year.finalReportId}` })).toMatchObject(refusal);
    expect(await bot.handle({ type: 'button', action: 'show-assignment', args: { assignmentId: year.assignments.sip.id }, channel: other, actor: eve })).toMatchObject({
      kind: 'card',
      card: 'notice',
      data: { text: 'Jag hittar inte det uppdraget i den här gruppen. Skriv "plan" för att se gruppens uppdrag.' },
    });
    // Her own group's tables hold nothing of the first group.
    const tables = fileOf(await submit({ what: 'assignments', format: 'xlsx' }));
    expect((tables.file.content as { sheets: { rows: unknown[] }[] }).sheets[0]!.rows).toEqual([]);
    expect((await store.groups.list()).length).toBe(2);
    // From her private chat the export is her own group's (the only one she is in), never the first group's.
    const fromChat = await bot.handle({ type: 'command', command: 'exportera', text: '', channel: slackChannel({ channelId: 'D1', isPersonal: true }), actor: eve });
    expect(fromChat).toMatchObject({ kind: 'form', form: 'export', origin: other.channelId });
    expect(JSON.stringify(fromChat)).not.toContain(year.assignments.sip.id);
  });
});

// Exports of the rådslag and the evaluation (issue 18 item 3) through `exportera`, read back as the files
// people open: the .docx XML and the .xlsx cells. The rådslag of the action-plan scenario (steps 1–2 driven
// through the bot) has proposals per target group, a merged area and a closed vote of two members, so no
// per-party split may be shown; with three voters in each huvudman the split appears, never before the vote
// is closed. `utvärdering visa` in January compiles the year just ended.
import { describe, expect, it } from 'vitest';
import type { Group, Member } from '../../src/core/domain.js';
import type { Reply } from '../../src/core/events.js';
import type { Store } from '../../src/core/ports.js';
import { buildExportFile, type ExportRequest } from '../../src/core/use-cases/exports.js';
import { summaryYear } from '../../src/core/use-cases/evaluation.js';
import { renderFile } from '../../src/exports/render-file.js';
import { catalog } from '../../src/i18n/index.js';
import { docxText } from '../support/read-docx.js';
import { readWorkbook } from '../support/read-workbook.js';
import { runActionPlanScenario } from '../support/action-plan-scenario.js';
import { actor } from '../support/events.js';

const t = catalog('sv');
const TZ = 'Europe/Stockholm';

async function exported(store: Store, group: Group, request: ExportRequest, now: Date) {
  const file = await buildExportFile({ store, regionalPlan: undefined, now }, group, t, request);
  if (!file) throw new Error(`no file for ${JSON.stringify(request)}`);
  return { file, bytes: await renderFile(file, now) };
}

/** Every expected sentence is in the text, each named when it is missing. */
function expectSentences(text: string, sentences: string[]): void {
  for (const sentence of sentences) expect(text).toContain(sentence);
}

async function sheetRows(bytes: Buffer, name: string): Promise<unknown[][]> {
  const workbook = await readWorkbook(bytes);
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('the rådslag export', () => {
  it('as .docx: proposals per target group with their obstacles, the merged area, and the anonymous tally without a party split (two voters)', async () => {
    const { store, group, clock } = await runActionPlanScenario();
    const { file, bytes } = await exported(store, group, { what: 'radslag', subject: '2027', format: 'docx' }, clock.now());
    expect(file.fileName).toBe('rådslag-2027.docx');
    const text = docxText(bytes);
    expectSentences(text, [
      'Rådslag 2027: förslag, utvecklingsområden och prioritering',
      'LSG Uddevalla · framtagen 14 september 2026',
      'Förslag för målgruppen Barn och unga',
      'Fler SIP för unga: Beskrivning av Fler SIP för unga Hinder: Oklart vem som kallar till SIP (Ingår i utvecklingsområdet "Samordnad individuell plan (SIP)".)',
      'Förslag för målgruppen Vuxen',
      'Suicidprevention för vuxna: Beskrivning av Suicidprevention för vuxna Hinder: Få utbildade i första hjälpen',
      'Sammanslagna utvecklingsområden',
      'Samordnad individuell plan (SIP) (Barn och unga): Fler SIP för unga, SIP-samordnare i skolan',
      'Prioritering',
      'Röstningen avslutades den 14 september 2026; 2 medlemmar röstade. Resultatet är anonymt.',
      '1. Samordnad individuell plan (SIP) (Barn och unga): 6 röster',
      'Ingen uppdelning per part: den visas bara för parter där minst tre har röstat, så att ingens röstsedel kan utläsas.',
    ]);
    expect(text).not.toContain('röst,');
  });

  it('as .xlsx: one sheet of proposals and one of the tally, without party columns while a party has fewer than three voters', async () => {
    const { store, group, clock } = await runActionPlanScenario();
    const { file, bytes } = await exported(store, group, { what: 'radslag', subject: '2027', format: 'xlsx' }, clock.now());
    expect(file.fileName).toBe('rådslag-2027.xlsx');
    const proposals = await sheetRows(bytes, 'Förslag');
    expect(proposals[0]).toEqual(['Målgrupp', 'Förslag', 'Beskrivning', 'Hinder', 'Utvecklingsområde', 'Lämnat']);
    expect(proposals).toContainEqual(['Barn och unga', 'SIP-samordnare i skolan', 'Beskrivning av SIP-samordnare i skolan', 'Elevhälsan saknar kontakt med BUP', 'Samordnad individuell plan (SIP)', '2026-09-14']);
    expect(proposals).toHaveLength(5);
    const tally = await sheetRows(bytes, 'Prioritering');
    expect(tally[0]).toEqual(['Plats', 'Utvecklingsområde', 'Målgrupp', 'Röster']);
    expect(tally[1]).toEqual([1, 'Samordnad individuell plan (SIP)', 'Barn och unga', 6]);
  });

  it('splits the tally per huvudman once three of each voted, and shows no tally before the vote is closed', async () => {
    const { store, group, clock, round } = await runActionPlanScenario();
    const organisations = await store.organisations.list({ groupId: group.id });
    const areas = (await store.proposals.list({ roundId: round.id })).filter((proposal) => !proposal.mergedIntoProposalId);
    const sip = areas.find((area) => area.title === 'Samordnad individuell plan (SIP)')!;
    const vote = async (name: string, organisationId: string, votes: number) => {
      const member: Member = await store.members.create({
        groupId: group.id, platform: 'slack', tenantId: 'T111', platformUserId: `U_${name}`, displayName: name, organisationId, roles: ['ledamot'], substituteForMemberId: null, chatUserId: null,
      });
      await store.ballots.create({ roundId: round.id, memberId: member.id, organisationId, votes: { [sip.id]: votes } });
    };
    const region = organisations.find((o) => o.kind === 'region')!;
    const kommun = organisations.find((o) => o.kind === 'kommun')!;
    // Bo (region) and Cia (kommun) voted in the scenario: two more each makes three per huvudman.
    await vote('Rut', region.id, 1);
    await vote('Sam', region.id, 1);
    await vote('Tor', kommun.id, 2);
    await vote('Ulla', kommun.id, 2);
    const { bytes } = await exported(store, group, { what: 'radslag', subject: '2027', format: 'xlsx' }, clock.now());
    const tally = await sheetRows(bytes, 'Prioritering');
    expect(tally[0]).toEqual(['Plats', 'Utvecklingsområde', 'Målgrupp', 'Röster', `Röster från ${region.name}`, `Röster från ${kommun.name}`]);
    // Bo 3 + Rut 1 + Sam 1 from the region, Cia 3 + Tor 2 + Ulla 2 from the kommun.
    expect(tally[1]).toEqual([1, 'Samordnad individuell plan (SIP)', 'Barn och unga', 12, 5, 7]);
    const document = docxText((await exported(store, group, { what: 'radslag', subject: '2027', format: 'docx' }, clock.now())).bytes);
    expect(document).toContain(`1. Samordnad individuell plan (SIP) (Barn och unga): 12 röster · ${region.name} 5 röster, ${kommun.name} 7 röster`);
    expect(document).toContain('Per part visas bara parter där minst tre har röstat; övriga räknas ihop.');

    await store.analysisRounds.update(round.id, { status: 'rostning', closedAt: null });
    const open = docxText((await exported(store, group, { what: 'radslag', subject: '2027', format: 'docx' }, clock.now())).bytes);
    expect(open).toContain('Resultatet visas när röstningen är avslutad.');
    expect(open).not.toContain('12 röster');
    expect(await sheetRows((await exported(store, group, { what: 'radslag', subject: '2027', format: 'xlsx' }, clock.now())).bytes, 'Prioritering')).toHaveLength(1);
  });

  it('is chosen in the `exportera` form with a year and Word or Excel; a year without a round is named, CSV is refused with a reason', async () => {
    const { bot, channel } = await runActionPlanScenario();
    const form = await bot.handle({ type: 'command', command: 'exportera', text: 'exportera', channel, actor: actor() });
    const data = (form as Extract<Reply, { kind: 'form' }>).data as { values: Record<string, string>; yearChoices: { value: string }[]; formatChoices: { title: string; value: string }[] };
    expect(data.yearChoices.map((choice) => choice.value)).toContain('2027');
    expect(data.formatChoices).toContainEqual({ title: 'Word (.docx)', value: 'docx' });
    const submit = (values: Record<string, string>) => bot.handle({ type: 'form-submitted', form: 'export', values: { ...data.values, ...values }, channel, actor: actor() });
    expect(await submit({ what: 'radslag', planYear: '2027', format: 'docx' })).toMatchObject({ kind: 'file', file: { fileName: 'rådslag-2027.docx' } });
    expect(await submit({ what: 'radslag', planYear: '2027', format: 'csv' })).toMatchObject({
      kind: 'form-errors',
      errors: { format: 'Rådslag och utvärdering finns som Word (.docx) eller Excel (.xlsx). Välj ett av dem.' },
    });
    expect(await submit({ what: 'radslag', planYear: '2025', format: 'docx' })).toMatchObject({ kind: 'card', data: { text: 'Gruppen hade ingen analysomgång (rådslag) 2025.' } });
    expect(await submit({ what: 'activities', format: 'docx' })).toMatchObject({ kind: 'form-errors', errors: { format: 'Välj Excel (.xlsx) eller CSV (.csv).' } });
  });
});

describe('the evaluation export', () => {
  it('has every answer per question with the member\'s name, as .docx and .xlsx, for the chosen year', async () => {
    const { store, group, clock, bo, cia } = await runActionPlanScenario();
    const answers = (learned: string) => ({ learnedChildrenAndYouth: `${learned} om barn`, learnedAdults: '', learnedPrevention: `${learned} om prevention`, learnedCollaboration: `${learned} om samverkan` });
    await store.evaluations.create({ groupId: group.id, year: 2026, authorMemberId: bo.id, ...answers('Bo lärde sig') });
    await store.evaluations.create({ groupId: group.id, year: 2026, authorMemberId: cia.id, ...answers('Cia lärde sig') });
    await store.evaluations.create({ groupId: group.id, year: 2025, authorMemberId: cia.id, ...answers('Förra året') });
    const { file, bytes } = await exported(store, group, { what: 'evaluation', subject: '2026', format: 'docx' }, clock.now());
    expect(file.fileName).toBe('utvärdering-2026.docx');
    const text = docxText(bytes);
    expectSentences(text, [
      'Utvärdering 2026',
      '2 svar',
      'Vad har vi lärt oss om psykisk ohälsa för Barn och unga?',
      'Bo Region: Bo lärde sig om barn',
      'Cia Kommun: Cia lärde sig om samverkan',
      'Vad har vi lärt oss om psykisk ohälsa för Vuxna?',
      'inget svar',
    ]);
    expect(text).not.toContain('Förra året');
    const rows = await sheetRows((await exported(store, group, { what: 'evaluation', subject: '2026', format: 'xlsx' }, clock.now())).bytes, 'Utvärdering');
    expect(rows[0]).toEqual([
      'År',
      'Namn',
      'Vad har vi lärt oss om psykisk ohälsa för Barn och unga?',
      'Vad har vi lärt oss om psykisk ohälsa för Vuxna?',
      'Vad har vi lärt oss om att förebygga psykisk ohälsa för målgrupperna?',
      'Vad har vi lärt oss av att samverka över verksamhets- och huvudmannagränserna?',
      'Besvarad',
    ]);
    expect(rows.slice(1).map((row) => row[1])).toEqual(['Bo Region', 'Cia Kommun']);
    expect(rows[1]![2]).toBe('Bo lärde sig om barn');
    const empty = docxText((await exported(store, group, { what: 'evaluation', subject: '2024', format: 'docx' }, clock.now())).bytes);
    expect(empty).toContain('Inga utvärderingar för 2024 ännu.');
  });
});

describe('utvärdering visa', () => {
  it('compiles the year just ended in January (in the group\'s time zone), and the current year from February', () => {
    expect(summaryYear(new Date('2027-01-20T10:00:00Z'), TZ)).toBe(2026);
    // 31 December 23:30 UTC is already 1 January in Stockholm.
    expect(summaryYear(new Date('2026-12-31T23:30:00Z'), TZ)).toBe(2026);
    expect(summaryYear(new Date('2026-12-31T22:30:00Z'), TZ)).toBe(2026);
    expect(summaryYear(new Date('2027-02-01T10:00:00Z'), TZ)).toBe(2027);
  });

  it('shows last year\'s answers when asked in January', async () => {
    const { bot, store, group, clock, channel, bo } = await runActionPlanScenario();
    await store.evaluations.create({ groupId: group.id, year: 2026, authorMemberId: bo.id, learnedChildrenAndYouth: 'Decembersvar', learnedAdults: '', learnedPrevention: '', learnedCollaboration: '' });
    clock.set('2027-01-12T09:00:00Z');
    const reply = await bot.handle({ type: 'command', command: 'utvardering', text: 'utvärdering visa', channel, actor: actor() });
    expect(reply).toMatchObject({ kind: 'card', card: 'evaluations', data: { title: 'Utvärderingar 2026 för LSG Uddevalla' } });
    expect(JSON.stringify((reply as Extract<Reply, { kind: 'card' }>).data.questions)).toContain('Decembersvar');
  });
});

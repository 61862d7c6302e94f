// The personal-data guard of every form: a personnummer or samordningsnummer is refused in any free text,
// however it is disguised (invisible characters, other spaces and dashes, full-width digits …), while
// ordinary numbers pass. Through the real bot on the in-memory store with a fixed clock; the guard around
// submissions itself with a use case that forgets to check.
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/core/bot.js';
import type { FormId, FormValues, Reply } from '../../src/core/events.js';
import { containsIdentityNumber, findIdentityNumbers, luhnCheckDigit, maskIdentityNumbers } from '../../src/core/personal-data.js';
import type { Store } from '../../src/core/ports.js';
import { submitGuarded } from '../../src/core/use-cases/personal-data-guard.js';
import { format } from '../../src/i18n/index.js';
import { sv } from '../../src/i18n/sv.js';
import { actor, slackChannel } from '../support/events.js';
import { fixedClock } from '../support/fixed-clock.js';
import { createInMemoryStore } from '../support/in-memory-store.js';

/** Ways to write 121212-1212 (or 19121212-1212, or the samordningsnummer 701063-2391) that once got past the guard. */
const EVASIONS: Array<[string, string]> = [
  ['a zero-width space', '121212\u200B-1212'],
  ['a zero-width non-joiner', '1212\u200C12-1212'],
  ['a zero-width joiner', '121212-\u200D1212'],
  ['a word joiner', '121212\u20601212'],
  ['a BOM inside the digits', '12121\uFEFF2-1212'],
  ['a soft hyphen', '121212\u00AD1212'],
  ['a no-break space', '121212\u00A01212'],
  ['a narrow no-break space', '121212\u202F1212'],
  ['a figure space', '121212\u20071212'],
  ['full-width digits and hyphen', '１２１２１２－１２１２'],
  ['a dot', '121212.1212'],
  ['a slash', '121212/1212'],
  ['an underscore', '121212_1212'],
  ['spaces between every pair of digits', '12 12 12 12 12'],
  ['an em dash', '121212—1212'],
  ['a minus sign', '121212\u22121212'],
  ['a spaced dash and century', '19121212 - 1212'],
  ['dots in the date', '1912.12.12-1212'],
  ['hyphens everywhere', '12-12-12-12-12'],
  ['a samordningsnummer with a space', '701063 2391'],
  ['a samordningsnummer with century and underscore', '19701063_2391'],
  ['Arabic-Indic digits', '١٢١٢١٢-١٢١٢'],
  ['zero-width spaces between all digits', '1\u200B2\u200B1\u200B2\u200B1\u200B2\u200B1\u200B2\u200B1\u200B2'],
  ['mathematical bold digits', '𝟏𝟐𝟏𝟐𝟏𝟐-𝟏𝟐𝟏𝟐'],
  ['slashes in the date', '12/12/12 1212'],
];

/** Texts with numbers that are no identity number: they must pass. */
const LEGITIMATE: string[] = [
  'Mötet 2026-09-14 kl. 13.00–15.30',
  'Ring 070-123 45 67',
  'Budget 150 000 kr, varav 12 500 kr till resor',
  'Vecka 2026-01-13 – 2026-01-19',
  '01.01.2026–04.01.2026',
  'Organisationsnummer 556677-8899',
  'Diarienummer 2026/1234',
  'Tel 08-123 456 78',
  'År 2024-2026, 3 möten per termin',
  'Postnummer 451 80 Uddevalla',
  'Datum 2026-09-14 2026-10-12 2026-11-09 2026-12-07',
  'Fel kontrollsiffra 121212-1213',
  '1 200 000 kr och 345 678 kr',
];

describe('recognising an identity number however it is written', () => {
  it.each(EVASIONS)('finds it written with %s', (_how, written) => {
    const text = `Patienten ${written} kom.`;
    expect(findIdentityNumbers(text)).toEqual([{ text: written, index: 10, kind: expect.any(String) }]);
    // The mask keeps the text as typed around it and replaces every digit, whatever its script.
    expect(maskIdentityNumbers(text)).not.toMatch(/\p{N}/u);
  });

  it.each(LEGITIMATE)('lets "%s" pass', (text) => {
    expect(findIdentityNumbers(text)).toEqual([]);
  });

  it('finds a number next to a date, but not in a range of dates', () => {
    expect(findIdentityNumbers('Den 2026-09-14 121212-1212 ringde').map((match) => match.text)).toEqual(['121212-1212']);
    expect(findIdentityNumbers('Den 1912-12-12-1212 2026-09-14 ringde').map((match) => match.text)).toEqual(['1912-12-12-1212']);
    // 2026-01-13 followed by the 2026 of the next date reads as 202601132026, a valid number: a range is no number.
    expect(findIdentityNumbers('Vecka 2026-01-13 – 2026-01-19')).toEqual([]);
  });

  it('reads a samordningsnummer as one', () => {
    expect(findIdentityNumbers('701063\u00A02391').map((match) => match.kind)).toEqual(['samordningsnummer']);
  });

  it('finds every valid number in any spelling: digits split anywhere by separators and invisible characters', () => {
    const separators = ['', '-', '+', '.', '/', '_', ' ', '\u00A0', '\u202F', '\u2007', '\u2013', '\u2014', '\u2212', '\u200B', '\u00AD', ' - '];
    const identity = fc
      .record({ year: fc.integer({ min: 1900, max: 2025 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }), serial: fc.integer({ min: 0, max: 999 }), co: fc.boolean(), century: fc.boolean() })
      .map(({ year, month, day, serial, co, century }) => {
        const nine = `${String(year).slice(2)}${String(month).padStart(2, '0')}${String(co ? day + 60 : day).padStart(2, '0')}${String(serial).padStart(3, '0')}`;
        return `${century ? String(year).slice(0, 2) : ''}${nine}${luhnCheckDigit(nine)}`;
      });
    fc.assert(
      fc.property(identity, fc.array(fc.constantFrom(...separators), { minLength: 11, maxLength: 11 }), fc.boolean(), (digits, between, fullWidth) => {
        const written = [...digits].map((digit, index) => (fullWidth ? String.fromCodePoint(0xff10 + Number(digit)) : digit) + (index < digits.length - 1 ? between[index] : '')).join('');
        return containsIdentityNumber(`Gäller ${written} i ärendet`);
      }),
      { numRuns: 500, seed: 20261205 },
    );
  });
});

// ---- Through the bot -------------------------------------------------------------------------------------

const clock = fixedClock('2026-03-10T09:00:00Z');
const channel = slackChannel();
const chair = actor();
let store: Store;
let bot: Bot;

beforeEach(async () => {
  clock.set('2026-03-10T09:00:00Z');
  store = createInMemoryStore(clock.now);
  bot = createBot({ store, clock, defaults: { locale: 'sv', timeZone: 'Europe/Stockholm' } });
  await bot.handle({ type: 'bot-added', channel, actor: chair });
});

const submit = (form: FormId, values: FormValues): Promise<Reply> => bot.handle({ type: 'form-submitted', form, values, channel, actor: chair });
const refusedHere = sv.reports.errors.identityNumberHere;
const MEETING = { date: '2026-03-17', time: '13:00', durationMinutes: '90', location: 'Stadshuset, sal 2' };
const SETTINGS = { groupName: 'Samverkan Uddevalla', organisations: 'region,kommun', otherOrganisations: '', officeChannelId: '' };

function refusal(reply: Reply): Extract<Reply, { kind: 'form-errors' }> {
  expect(reply.kind).toBe('form-errors');
  return reply as Extract<Reply, { kind: 'form-errors' }>;
}

describe('every form refuses an identity number in any field, naming the field and keeping what was typed', () => {
  it.each(EVASIONS)('the meeting location, written with %s', async (_how, written) => {
    const location = `Hos patienten ${written}`;
    const reply = refusal(await submit('meeting', { ...MEETING, location }));
    expect(reply.errors).toEqual({ location: refusedHere });
    expect((reply.data as { values: FormValues }).values.location).toBe(location);
    expect(await store.meetings.list()).toEqual([]);
  });

  it.each(LEGITIMATE)('stores the meeting at "%s"', async (location) => {
    expect(await submit('meeting', { ...MEETING, location })).toMatchObject({ kind: 'card' });
    expect((await store.meetings.list()).map((meeting) => meeting.location)).toEqual([location]);
  });

  it('the group name and the other parties in the settings', async () => {
    const values = { ...SETTINGS, groupName: 'Samverkan 121212\u200B-1212', otherOrganisations: 'Samordningsförbundet\nFamiljen １２１２１２－１２１２' };
    const reply = refusal(await submit('settings', values));
    expect(reply.errors).toEqual({ groupName: refusedHere, otherOrganisations: refusedHere });
    expect(reply.data).toMatchObject({ values });
    expect((await store.groups.list())[0]!.name).not.toContain('1212');
    expect(await store.organisations.list()).toEqual([]);
  });

  it('the location of a meeting series', async () => {
    const values = { firstDate: '2026-03-17', time: '13:00', frequency: 'weekly', endDate: '', count: '3', durationMinutes: '60', location: 'Rum 12.12.12-1212' };
    expect(refusal(await submit('meeting-series', values)).errors).toMatchObject({ location: refusedHere });
    expect(await store.meetings.list()).toEqual([]);
  });

  it('a hemuppgift title, with the label of the field where the form names it', async () => {
    const values = { title: 'Fallet 12 12 12 12 12', questions: 'Vad saknas?', deadline: '2026-03-20' };
    const reply = refusal(await submit('new-homework', values));
    expect(reply.errors).toEqual({ title: format(sv.reports.errors.identityNumber, { field: sv.reports.homework.titleField }) });
    expect(await store.homework.list()).toEqual([]);
  });

  it('a field the form does not know yet', async () => {
    const reply = refusal(await submit('meeting', { ...MEETING, notes: 'Gäller 701063 2391' }));
    expect(reply.errors).toEqual({ notes: refusedHere });
    expect(await store.meetings.list()).toEqual([]);
  });

  it('does not read the store ids of hidden fields as numbers', async () => {
    const reply = await submit('meeting', { ...MEETING, meetingId: '19121212-1212-7abc-8def-121212121212' });
    expect(reply).toMatchObject({ kind: 'card' });
  });
});

describe('the guard around every submission', () => {
  it('stores nothing when a use case forgets to check a field, and says why', async () => {
    const [group] = await store.groups.list();
    const context = { group: group!, member: (await store.members.list())[0]!, t: sv };
    const careless = async (deps: { store: Store }, _context: unknown, values: FormValues): Promise<Reply> => {
      await deps.store.transaction((tx) => tx.groups.update(group!.id, { name: values.groupName! }));
      return { kind: 'card', card: 'notice', data: { t: sv, text: 'sparat' } };
    };
    const deps = { store, clock, defaults: { locale: 'sv' as const, timeZone: 'Europe/Stockholm' } };
    const reply = await submitGuarded(careless, deps, context, { groupName: 'Grupp 121212\u00AD1212' });
    expect(reply).toMatchObject({ kind: 'card', card: 'notice', data: { text: sv.reports.errors.identityNumberNotStored } });
    expect((await store.groups.list())[0]!.name).toBe('Samverkan Uddevalla');
    // Without an identity number the same use case stores as it should.
    expect(await submitGuarded(careless, deps, context, { groupName: 'Grupp 12' })).toMatchObject({ data: { text: 'sparat' } });
    expect((await store.groups.list())[0]!.name).toBe('Grupp 12');
  });
});

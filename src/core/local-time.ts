// Local calendar dates (YYYY-MM-DD) and wall-clock times (HH:mm) in a group's time zone, and the
// instants they stand for. Meetings are kept as UTC instants; people type and read local times.
import { DateTime } from 'luxon';
import type { Locale } from './domain.js';

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_SHAPE = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isLocalDate(value: string): boolean {
  return DATE_SHAPE.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}

export function isLocalTime(value: string): boolean {
  return TIME_SHAPE.test(value);
}

/** The instant of a local date and time in `zone`; a time skipped by a DST change moves forward. */
export function localToUtc(date: string, time: string, zone: string): Date {
  return DateTime.fromISO(`${date}T${time}`, { zone }).toUTC().toJSDate();
}

export function localDateOf(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate()!;
}

export function localTimeOf(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat('HH:mm');
}

/** A local date moved by whole days or months (month ends clamp: 2026-01-31 + 1 month = 2026-02-28). */
export function shiftLocalDate(date: string, shift: { days?: number; months?: number }): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus(shift).toISODate()!;
}

const LOCALE_TAGS: Record<Locale, string> = { sv: 'sv-SE', en: 'en-GB' };

/** The weekday of a local date in the group's language, e.g. "tisdag". */
export function weekdayOf(date: string, locale: Locale): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).setLocale(LOCALE_TAGS[locale]).toFormat('cccc');
}

import type { Locale } from './domain.js';
import { catalog, format } from '../i18n/index.js';

const LOCALE_TAGS: Record<Locale, string> = { sv: 'sv-SE', en: 'en-GB' };

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Intl formatters cost far more to make than to use (a card formats dozens of dates), so each is made once. */
function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) formatters.set(key, (formatter = new Intl.DateTimeFormat(locale, options)));
  return formatter;
}

/** A calendar date (2026-11-25) as the group sees it in its own time zone: for tables, files and form fields. */
export function formatDate(date: Date, timeZone: string): string {
  return dateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date in running text: "14 september 2026" (sv), "14 September 2026" (en). Takes an instant (shown in
 * the group's time zone) or a local date "2026-09-14" as stored; tables and files keep ISO (formatDate).
 */
export function formatLongDate(date: Date | string, timeZone: string, locale: Locale): string {
  const local = typeof date === 'string' && LOCAL_DATE.test(date);
  const instant = typeof date === 'string' ? new Date(local ? `${date}T12:00:00Z` : date) : date;
  return dateTimeFormat(LOCALE_TAGS[locale], { timeZone: local ? 'UTC' : timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(instant);
}

/**
 * Clock times in running text, from "HH:mm": "kl. 13.00–15.00" (sv: a period between hours and minutes and
 * an en dash, as Swedish style guides write it), "13:00–15:00" (en). Without an end: "kl. 13.00".
 */
export function formatClockTimes(locale: Locale, start: string, end?: string): string {
  const texts = catalog(locale).common.clock;
  const style = (time: string) => time.replace(':', texts.separator);
  return end ? format(texts.range, { start: style(start), end: style(end) }) : format(texts.at, { time: style(start) });
}

/** Swedish time for the zone nearly every group has ("svensk tid"); another zone by its name. */
export function describeTimeZone(timeZone: string, locale: Locale): string {
  return timeZone === 'Europe/Stockholm' ? catalog(locale).common.swedishTime : timeZone;
}

/** Weekday, date and local time in running text: "tisdag 1 december 2026 kl. 13.00". */
export function formatDateTime(date: Date, timeZone: string, locale: Locale): string {
  const time = dateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
  return format(catalog(locale).common.clock.dateTime, {
    weekday: dateTimeFormat(LOCALE_TAGS[locale], { timeZone, weekday: 'long' }).format(date),
    date: formatLongDate(date, timeZone, locale),
    time: formatClockTimes(locale, time),
  });
}

export function yearIn(date: Date, timeZone: string): number {
  return Number(dateTimeFormat('en-US', { timeZone, year: 'numeric' }).format(date));
}

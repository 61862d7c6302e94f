import type { Locale } from './domain.js';

const LOCALE_TAGS: Record<Locale, string> = { sv: 'sv-SE', en: 'en-GB' };

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Intl formatters cost far more to make than to use (a card formats dozens of dates), so each is made once. */
function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) formatters.set(key, (formatter = new Intl.DateTimeFormat(locale, options)));
  return formatter;
}

/** A calendar date (2026-11-25) as the group sees it in its own time zone. */
export function formatDate(date: Date, timeZone: string): string {
  return dateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** Weekday, date and local time of a meeting, e.g. "tis 1 dec. 2026 13:00". */
export function formatDateTime(date: Date, timeZone: string, locale: Locale): string {
  return dateTimeFormat(LOCALE_TAGS[locale], {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

export function yearIn(date: Date, timeZone: string): number {
  return Number(dateTimeFormat('en-US', { timeZone, year: 'numeric' }).format(date));
}

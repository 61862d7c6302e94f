import type { Locale } from './domain.js';

const LOCALE_TAGS: Record<Locale, string> = { sv: 'sv-SE', en: 'en-GB' };

/** A calendar date (2026-11-25) as the group sees it in its own time zone. */
export function formatDate(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** Weekday, date and local time of a meeting, e.g. "tis 1 dec. 2026 13:00". */
export function formatDateTime(date: Date, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], {
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
  return Number(new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' }).format(date));
}

// Swedish public holidays and the eves most people have off (julafton, midsommarafton, nyårsafton …),
// so a chair sees when a meeting falls on one. A warning, never a rule: some groups do meet then.
import Holidays from 'date-holidays';
import type { Locale } from './domain.js';

// public: röda dagar; bank: julafton, midsommarafton, nyårsafton; optional: half days such as valborgsmässoafton.
const WARNED_TYPES = new Set(['public', 'bank', 'optional']);
const swedish = new Holidays('SE');
const byYear = new Map<string, Map<string, string>>();

function holidaysOf(year: number, locale: Locale): Map<string, string> {
  const key = `${year}:${locale}`;
  let names = byYear.get(key);
  if (!names) {
    names = new Map();
    for (const holiday of swedish.getHolidays(year, locale)) {
      const date = holiday.date.slice(0, 10);
      if (WARNED_TYPES.has(holiday.type) && !names.has(date)) names.set(date, holiday.name);
    }
    byYear.set(key, names);
  }
  return names;
}

/** The holiday on a local date (YYYY-MM-DD) in the group's language, e.g. "julafton", or null. */
export function swedishHolidayOn(date: string, locale: Locale): string | null {
  return holidaysOf(Number(date.slice(0, 4)), locale).get(date) ?? null;
}

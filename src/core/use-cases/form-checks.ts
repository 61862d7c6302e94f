// Field checks shared by the report forms (avrapportering, slutrapport, uppföljning, utvärdering,
// hemuppgifter): one message per bad field, naming it, and the personal-data guard every form shares.
import { DateTime } from 'luxon';
import type { FieldErrors, FormValues } from '../events.js';
import { containsIdentityNumber } from '../personal-data.js';
import { format, type Catalog } from '../../i18n/index.js';

/** The choice value for "no organisation" / "nobody" / "no kansli channel": Slack options need a non-empty value. */
export const NONE = 'none';

/** Free text answers: long enough for a real answer, short enough for a Slack section and a card. */
export const ANSWER_MAX = 2000;

/** A store id (UUID) in a hidden field or a multi-select's list: never personal data, so not read for digits. */
const STORE_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * The personal-data guard of every form, in one place: each submitted value, whatever its field (one added
 * later included), that holds a personnummer or samordningsnummer gets a message under that field. A use
 * case's own check of a field it knows replaces the message with one naming the field's label.
 */
export function identityNumberErrors(t: Catalog, values: object): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, value] of Object.entries(values)) {
    if (typeof value === 'string' && containsIdentityNumber(value.replace(STORE_ID, ' '))) errors[field] = t.reports.errors.identityNumberHere;
  }
  return errors;
}

export class FieldChecker {
  readonly errors: FieldErrors;

  constructor(
    private readonly t: Catalog,
    private readonly values: FormValues,
  ) {
    this.errors = identityNumberErrors(t, values);
  }

  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }

  /** The first message of a field counts, except the guard's general one, which a specific message replaces. */
  fail(field: string, message: string): void {
    if (this.errors[field] === undefined || this.errors[field] === this.t.reports.errors.identityNumberHere) this.errors[field] = message;
  }

  /** Trimmed text; required, at most `max` characters and without an identity number. */
  text(field: string, label: string, options: { required?: boolean; max?: number } = {}): string {
    const text = (this.values[field] ?? '').trim();
    const max = options.max ?? ANSWER_MAX;
    const e = this.t.reports.errors;
    if (!text) {
      if (options.required) this.fail(field, format(e.required, { field: label }));
    } else if (text.length > max) this.fail(field, format(e.tooLong, { field: label, max, length: text.length }));
    else if (containsIdentityNumber(text)) this.fail(field, format(e.identityNumber, { field: label }));
    return text;
  }

  /** One of `options`; empty is an error only when required. */
  choice<T extends string>(field: string, label: string, options: readonly T[], required = true): T | null {
    const value = (this.values[field] ?? '').trim();
    if ((options as readonly string[]).includes(value)) return value as T;
    if (value || required) this.fail(field, format(this.t.reports.errors.choose, { field: label }));
    return null;
  }

  /** A number as Swedes and others write it ("3,5", "1 200", "−2"); empty gives null. */
  number(field: string, label: string): number | null {
    const typed = (this.values[field] ?? '').trim();
    if (!typed) return null;
    const normal = typed.replace(/[\s\u00a0]/g, '').replace(',', '.').replace('\u2212', '-');
    const value = /^-?\d+(\.\d+)?$/.test(normal) ? Number(normal) : NaN;
    if (!Number.isFinite(value)) {
      this.fail(field, format(this.t.reports.errors.notANumber, { field: label, value: typed.slice(0, 40) }));
      return null;
    }
    return value;
  }

  /** A local date (YYYY-MM-DD) not before today in `timeZone`, as the start of that day; empty gives null. */
  futureDate(field: string, label: string, timeZone: string, now: Date): Date | null {
    const typed = (this.values[field] ?? '').trim();
    if (!typed) return null;
    const date = /^\d{4}-\d{2}-\d{2}$/.test(typed) ? DateTime.fromISO(typed, { zone: timeZone }) : null;
    if (!date?.isValid) {
      this.fail(field, format(this.t.reports.errors.notADate, { field: label }));
      return null;
    }
    const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
    if (date < today) {
      this.fail(field, format(this.t.reports.errors.dateInPast, { field: label, today: today.toISODate()! }));
      return null;
    }
    return date.toJSDate();
  }
}

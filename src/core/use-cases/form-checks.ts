// Field checks shared by the report forms (avrapportering, slutrapport, uppföljning, utvärdering,
// hemuppgifter): one message per bad field, naming it, and the personal-data guard every form shares.
import { DateTime } from 'luxon';
import type { FieldErrors, FormId, FormValues } from '../events.js';
import { fieldRule, type TextRule } from '../form-fields.js';
import { containsIdentityNumber } from '../personal-data.js';
import { format, type Catalog } from '../../i18n/index.js';

/** The choice value for "no organisation" / "nobody" / "no kansli channel": Slack options need a non-empty value. */
export const NONE = 'none';

/** The text rule of a form field (src/core/form-fields.ts); a field missing there is a programming error. */
export function textRule(form: FormId, field: string): TextRule {
  const rule = fieldRule(form, field);
  if (!rule || !('max' in rule)) throw new Error(`No text rule for ${form}.${field} in FORM_FIELDS`);
  return rule;
}

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

/**
 * A number as Swedes and others write it ("3,5", "1 200", "−2") or as Slack's number_input and Teams'
 * Input.Number send it ("3.5"); null when it is none.
 */
export function parseDecimal(typed: string): number | null {
  const normal = typed.trim().replace(/[\s\u00a0]/g, '').replace(',', '.').replace('\u2212', '-');
  const value = /^-?\d+(\.\d+)?$/.test(normal) ? Number(normal) : NaN;
  return Number.isFinite(value) ? value : null;
}

export class FieldChecker {
  readonly errors: FieldErrors;

  constructor(
    private readonly t: Catalog,
    private readonly values: FormValues,
    /** Whose FORM_FIELDS rules text() applies. */
    private readonly form: FormId,
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

  /** Trimmed text, checked against the field's FORM_FIELDS rule (required, at most `max`) and for identity numbers. */
  text(field: string, label: string): string {
    const text = (this.values[field] ?? '').trim();
    const { required, max } = textRule(this.form, field);
    const e = this.t.reports.errors;
    if (!text) {
      if (required) this.fail(field, format(e.required, { field: label }));
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
    const value = parseDecimal(typed);
    if (value === null) {
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
